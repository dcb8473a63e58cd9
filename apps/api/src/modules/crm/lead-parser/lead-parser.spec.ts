import { parseEmail } from './email-parser';
import { parseName } from './name-parser';
import { parsePhone, phoneFromWhatsAppId, phoneVariants } from './phone-parser';

/** Answers people really send to "what's your name?", and what Parley should make of them. */
const NAMES: [input: string, first: string, last: string | null][] = [
  ['john SMITH', 'John', 'Smith'],
  ['JOHN SMITH', 'John', 'Smith'],
  ['john smith', 'John', 'Smith'],
  ['  John   Smith  ', 'John', 'Smith'],
  ['Dr. Ana María de la Cruz', 'Ana María', 'de la Cruz'],
  ['ana maría de la cruz', 'Ana María', 'de la Cruz'],
  ['DR ANA MARIA DE LA CRUZ', 'Ana Maria', 'de la Cruz'],
  ['Madonna', 'Madonna', null],
  ['priya', 'Priya', null],
  ['Maria 🌸', 'Maria', null],
  ['😊 Carlos Pérez 👍🏽', 'Carlos', 'Pérez'],
  ['Ravi 🇮🇳 Kumar', 'Ravi', 'Kumar'],
  ['My name is John', 'John', null],
  ["my name's sarah connor", 'Sarah', 'Connor'],
  ["Hi, I'm Tom Hanks", 'Tom', 'Hanks'],
  ['hello! this is Priya Sharma', 'Priya', 'Sharma'],
  ['I am Fatima', 'Fatima', null],
  ["I'm John from Delhi", 'John', null],
  ['Me llamo Juan Pérez García', 'Juan', 'Pérez García'],
  ['soy lucía', 'Lucía', null],
  ['Meu nome é João da Silva', 'João', 'da Silva'],
  ["Je m'appelle Jean-Luc Picard", 'Jean-Luc', 'Picard'],
  ['ich heiße Jürgen Müller', 'Jürgen', 'Müller'],
  ['mera naam Rahul Verma hai', 'Rahul', 'Verma'],
  ['jean-luc picard', 'Jean-Luc', 'Picard'],
  ["o'brien", "O'Brien", null],
  ["SEAN O'BRIEN", 'Sean', "O'Brien"],
  ['ronald mcdonald', 'Ronald', 'McDonald'],
  ['DeShawn Jackson', 'DeShawn', 'Jackson'],
  ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
  ['SMITH, John', 'John', 'Smith'],
  ['John Smith Jr.', 'John', 'Smith Jr.'],
  ['Mr. Bean', 'Bean', null],
  ['Mrs Priya Patel', 'Priya', 'Patel'],
  ['John F. Kennedy', 'John', 'F. Kennedy'],
  ['Иван Петров', 'Иван', 'Петров'],
  ['иван петров', 'Иван', 'Петров'],
  ['ΓΙΏΡΓΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ', 'Γιώργος', 'Παπαδόπουλος'],
  ['राहुल शर्मा', 'राहुल', 'शर्मा'],
  ['محمد بن سلمان', 'محمد', 'بن سلمان'],
  ['عبد الله الأحمد', 'عبد الله', 'الأحمد'],
  ['Abdul Rahman Khan', 'Abdul Rahman', 'Khan'],
  ['王小明', '王小明', null],
  ['王 小明', '小明', '王'],
  ['山田 太郎', '太郎', '山田'],
  ['김민준', '김민준', null],
  ['Nguyễn Văn An', 'Nguyễn', 'Văn An'],
  ['Nguyen Van Hai', 'Nguyen', 'Van Hai'],
  ['josé', 'José', null],
  ['ÅSA LINDQVIST', 'Åsa', 'Lindqvist'],
  ['maria, thanks', 'Maria', null],
  ['Ahmed here', 'Ahmed', null],
  ['"Kofi Annan"', 'Kofi', 'Annan'],
  ['Amaka Okafor.', 'Amaka', 'Okafor'],
  ['jOHN sMITH', 'John', 'Smith'],
];

describe('parseName', () => {
  it.each(NAMES)('%j -> %j %j', (input, first, last) => {
    const result = parseName(input);
    expect(result).toMatchObject({ ok: true, firstName: first, lastName: last });
  });

  it('has a table of at least 40 real-world answers', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['🙂🙂', 'empty'],
    ['hi', 'not_a_name'],
    ['Hello!', 'not_a_name'],
    ['ok', 'not_a_name'],
    ['yes', 'not_a_name'],
    ['+91 98765 43210', 'not_a_name'],
    ['john@example.com', 'not_a_name'],
    ['I want to know the price of the blue shoes in size nine please', 'too_long'],
  ])('refuses %j (%s) with a re-ask', (input, reason) => {
    const result = parseName(input);
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? '' : result.reask).toMatch(/name/i);
  });

  it('limits each part to what CRMs accept, never cutting a character in half', () => {
    const result = parseName(`${'Á'.repeat(60)} ${'Ñ'.repeat(120)}`);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect([...result.firstName]).toHaveLength(40);
    expect([...(result.lastName ?? '')]).toHaveLength(80);
    // q + combining dot above has no precomposed form: one character, two code points.
    const combining = parseName(`Zoë${'q\u0307'.repeat(50)}`);
    expect(combining.ok && combining.firstName.endsWith('q\u0307')).toBe(true);
    expect(combining.ok && [...new Intl.Segmenter().segment(combining.firstName)]).toHaveLength(40);
  });

  it('gives the full name in the order its script uses', () => {
    expect(parseName('john smith')).toMatchObject({ fullName: 'John Smith' });
    expect(parseName('王 小明')).toMatchObject({ fullName: '王 小明' });
  });
});

describe('parseEmail', () => {
  it.each([
    ['john@example.com', 'john@example.com'],
    ['  John.Smith@Example.COM ', 'john.smith@example.com'],
    ['my email is ana.garcia+leads@empresa.es', 'ana.garcia+leads@empresa.es'],
    ['mailto:info@lifecode.in', 'info@lifecode.in'],
    ['<ravi@mail.co.in>', 'ravi@mail.co.in'],
    ['email: priya@startup.io.', 'priya@startup.io'],
    ['john at gmail dot com', 'john@gmail.com'],
    ['jürgen@müller.de', 'jürgen@müller.de'],
  ])('reads %j as %j', (input, email) => {
    expect(parseEmail(input)).toEqual({ ok: true, email });
  });

  it.each([
    'john',
    'john@',
    '@example.com',
    'john@example',
    'john@@example.com',
    'john..smith@example.com',
    'john@exa mple.com',
    'john@-example.com',
    'john@example.c',
  ])('refuses %j and asks again in plain words', (input) => {
    const result = parseEmail(input);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok ? '' : result.reask).toMatch(/doesn't look like an email address.*name@example\.com/);
  });

  it('suggests the domain a typo meant', () => {
    expect(parseEmail('ana@gmial.com')).toMatchObject({
      ok: false,
      reason: 'typo',
      suggestion: 'ana@gmail.com',
      reask: 'Did you mean ana@gmail.com? Please send your email address again.',
    });
  });

  it('knows a refusal from a bad address', () => {
    expect(parseEmail('skip')).toMatchObject({ ok: false, reason: 'skipped' });
    expect(parseEmail('No tengo')).toMatchObject({ ok: false, reason: 'skipped' });
    expect(parseEmail('')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('parsePhone', () => {
  it.each([
    ['+91 98765 43210', 'IN', '+919876543210'],
    ['98765 43210', 'IN', '+919876543210'],
    ['098765-43210', 'IN', '+919876543210'],
    ['0091 98765 43210', 'US', '+919876543210'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['14155552671', 'IN', '+14155552671'],
    ['+44 20 7946 0958', 'IN', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+55 (11) 98765-4321', null, '+5511987654321'],
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['my number is +34 612 34 56 78', 'IN', '+34612345678'],
    ['+1 415 555 2671 ext. 12', null, '+14155552671'],
  ])('reads %j in %s as %s', (input, country, e164) => {
    expect(parsePhone(input, country)).toMatchObject({ ok: true, e164 });
  });

  it.each([
    ['', 'IN', 'empty'],
    ['call me', 'IN', 'invalid'],
    ['12345', 'IN', 'invalid'],
    ['+91 12', 'IN', 'invalid'],
    ['98765 43210', null, 'needs_country_code'],
    ['+1 415 555 2671 +1 415 555 2672', 'US', 'invalid'],
  ])('refuses %j in %s (%s)', (input, country, reason) => {
    const result = parsePhone(input, country);
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? '' : result.reask).toMatch(/phone number|country code/);
  });

  it('reads WhatsApp ids as international numbers whatever the tenant country', () => {
    expect(phoneFromWhatsAppId('14155552671')).toMatchObject({
      ok: true,
      e164: '+14155552671',
      country: 'US',
    });
    expect(phoneFromWhatsAppId('919876543210')).toMatchObject({ ok: true, e164: '+919876543210' });
  });

  it('lists the forms a CRM may hold a number in', () => {
    expect(phoneVariants('+919876543210', 'IN')).toEqual({
      e164: '+919876543210',
      digits: '919876543210',
      nationalNumber: '9876543210',
      national: '098765 43210',
    });
    expect(phoneVariants('+14155552671', 'IN').national).toBeNull();
  });
});
