/**
 * Turns a person's answer to "what is your name?" into a first and last name, whatever the
 * casing, the script or the words around it. Pure; the conversation engine and the leads API
 * both use it.
 */

export const NAME_LIMITS = { first: 40, last: 80, input: 300 } as const;

export type NameProblem = 'empty' | 'not_a_name' | 'too_long';

export type NameResult =
  | { ok: true; firstName: string; lastName: string | null; fullName: string }
  | { ok: false; reason: NameProblem; reask: string };

const REASK: Record<NameProblem, string> = {
  empty: "I didn't catch a name. What's your name? (for example: Ana García)",
  not_a_name: "That doesn't look like a name. What's your name? (for example: Ana García)",
  too_long: 'Please send just your name, for example: Ana García',
};

/** Phrases people put before their name, longest first within each language. */
const INTROS = [
  'my name is',
  "my name's",
  'the name is',
  'name is',
  'you can call me',
  'call me',
  'this is',
  "it's",
  'it is',
  "i'm",
  'i’m',
  'i am',
  'me llamo',
  'mi nombre es',
  'yo soy',
  'soy',
  'meu nome é',
  'meu nome e',
  'me chamo',
  'eu sou',
  'sou',
  "je m'appelle",
  'je m’appelle',
  'mon nom est',
  "moi c'est",
  'je suis',
  'ich heiße',
  'ich heisse',
  'mein name ist',
  'ich bin',
  'mi chiamo',
  'il mio nome è',
  'sono',
  'mera naam',
  'mera nam',
  'nama saya',
  'saya',
  'name',
  'nombre',
  'nome',
  'nom',
];
const GREETINGS = ['hi', 'hello', 'hey', 'hola', 'oi', 'olá', 'ola', 'bonjour', 'hallo', 'ciao', 'namaste'];
const TRAILERS = [
  'thanks',
  'thank you',
  'thx',
  'gracias',
  'obrigado',
  'obrigada',
  'merci',
  'danke',
  'grazie',
  'here',
];
/** Words that end the name when they follow an introduction ("I'm John from Delhi"). */
const CUT_WORDS = new Set(['and', 'but', 'from', 'and,']);
/** Whole answers that are not names. */
const NOT_NAMES = new Set([
  ...GREETINGS,
  ...TRAILERS,
  'ok',
  'okay',
  'yes',
  'no',
  'yeah',
  'yep',
  'nope',
  'sure',
  'si',
  'sí',
  'sim',
  'não',
  'nao',
  'test',
  'skip',
  'none',
  'n/a',
  'na',
  'nothing',
  'why',
  'what',
  'who',
  'good morning',
  'good afternoon',
  'good evening',
  'buenos dias',
  'buenos días',
  'bom dia',
]);
const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'prof',
  'sir',
  'madam',
  'sr',
  'sra',
  'srta',
  'don',
  'doña',
  'dona',
  'herr',
  'frau',
  'mme',
  'mlle',
  'shri',
  'sri',
  'smt',
  'kumari',
  'eng',
  'engr',
  'ing',
  'rev',
]);
const SUFFIXES: Record<string, string | null> = {
  jr: 'Jr.',
  sr: 'Sr.',
  ii: 'II',
  iii: 'III',
  iv: 'IV',
  phd: null,
  md: null,
  esq: null,
};
/** Words that begin a family name when they follow a given name ("Ana María de la Cruz"). */
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'bin',
  'binti',
  'ibn',
  'bint',
  'بن',
  'ابن',
  'بنت',
]);
/** Lowercase inside a family name, except as its first word when the person typed it so. */
const LOWER_INSIDE = new Set([...PARTICLES, 'y', 'e', 'of']);
/** Given-name prefixes that belong with the next word ("Abdul Rahman", "عبد الله"). */
const JOINS_NEXT = new Set(['abd', 'abdul', 'abdel', 'abdal', 'عبد']);

const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0F|\u20E3/gu;

export function parseName(raw: unknown): NameResult {
  if (typeof raw !== 'string') return fail('empty');
  let text = graphemeSlice(raw.normalize('NFC'), NAME_LIMITS.input).replace(EMOJI, ' ');
  if (text.includes('@')) return fail(/[\p{L}]/u.test(text.split('@')[0] ?? '') ? 'not_a_name' : 'empty');
  if ((text.match(/\d/g) ?? []).length >= 5) return fail('not_a_name');
  text = text
    .replace(/[\r\n\t]+/g, ' ')
    // Keep letters, marks, spaces and the punctuation names use; the rest separates words.
    .replace(/[^\p{L}\p{M}\s'’\-.,;!?]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/\p{L}/u.test(text)) return fail('empty');

  const lower = text.toLowerCase();
  if (NOT_NAMES.has(stripPunctuation(lower))) return fail('not_a_name');

  text = stripGreeting(text);
  const intro = stripIntro(text);
  text = intro.rest;
  text = stripTrailers(text);

  let words = reorderComma(text, intro.found);
  if (intro.found) {
    const cut = words.findIndex((w, i) => i > 0 && CUT_WORDS.has(w.toLowerCase()));
    if (cut > 0) words = words.slice(0, cut);
  }
  words = words
    .map((w) => w.replace(/^[.\-'’]+|[,;!?]+$/g, '').replace(/\.$/, (dot) => (isInitial(w) ? dot : '')))
    .filter((w) => /\p{L}/u.test(w));
  words = dropTitles(words);
  const suffix = takeSuffix(words);
  words = suffix.words;
  if (words.length === 0) return fail(intro.found ? 'empty' : 'not_a_name');
  if (NOT_NAMES.has(words.join(' ').toLowerCase())) return fail('not_a_name');
  if (words.filter((w) => !LOWER_INSIDE.has(w.toLowerCase())).length > 6) return fail('too_long');

  const cased = words.map((word, i) => fixCase(word, i > 0));
  let [first, last] = split(joinPrefixes(cased));
  if (suffix.value) last = last ? `${last} ${suffix.value}` : null;
  first = graphemeSlice(first, NAME_LIMITS.first).trim();
  last = last ? graphemeSlice(last, NAME_LIMITS.last).trim() || null : null;
  return { ok: true, firstName: first, lastName: last, fullName: last ? joinName(first, last) : first };
}

function fail(reason: NameProblem): NameResult {
  return { ok: false, reason, reask: REASK[reason] };
}

function stripPunctuation(text: string): string {
  return text.replace(/[.,;!?]+/g, '').trim();
}

function startsWithPhrase(text: string, phrase: string): boolean {
  const lower = text.toLowerCase();
  if (!lower.startsWith(phrase)) return false;
  const next = text.charAt(phrase.length);
  return next === '' || /[\s,:;.!-]/.test(next);
}

function stripGreeting(text: string): string {
  for (const greeting of GREETINGS) {
    if (startsWithPhrase(text, greeting)) {
      const rest = text.slice(greeting.length).replace(/^[\s,:;.!-]+/, '');
      if (/\p{L}/u.test(rest)) return rest;
    }
  }
  return text;
}

function stripIntro(text: string): { rest: string; found: boolean } {
  for (const intro of INTROS) {
    if (startsWithPhrase(text, intro)) {
      let rest = text.slice(intro.length).replace(/^[\s,:;.!-]+/, '');
      // Hindi: "mera naam Rahul hai".
      if (intro.startsWith('mera ')) rest = rest.replace(/\s+hai[\s.!]*$/i, '');
      if (/\p{L}/u.test(rest)) return { rest, found: true };
    }
  }
  return { rest: text, found: false };
}

function stripTrailers(text: string): string {
  let current = text.replace(/[\s,;.!?]+$/, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const trailer of TRAILERS) {
      const lower = current.toLowerCase();
      if (lower.endsWith(` ${trailer}`) || lower.endsWith(`,${trailer}`)) {
        current = current.slice(0, -trailer.length).replace(/[\s,;.!?]+$/, '');
        changed = true;
      }
    }
  }
  return current;
}

/** "SMITH, John" is last-comma-first; "John, nice to meet you" is a name and then chatter. */
function reorderComma(text: string, afterIntro: boolean): string[] {
  const parts = text.split(/[,;!?]/).map((p) => p.trim());
  const words = (part: string) => part.split(' ').filter(Boolean);
  if (!afterIntro && parts.length === 2 && parts[1]) {
    const [left, right] = [words(parts[0]), words(parts[1])];
    const plain = (ws: string[]) =>
      ws.every((w) => !NOT_NAMES.has(w.toLowerCase()) && !TRAILERS.includes(w.toLowerCase()));
    if (
      left.length >= 1 &&
      left.length <= 3 &&
      right.length >= 1 &&
      right.length <= 2 &&
      plain(left) &&
      plain(right)
    ) {
      return [...right, ...left];
    }
  }
  return words(parts[0] ?? '');
}

function isInitial(word: string): boolean {
  return /^\p{L}\.$/u.test(word);
}

function dropTitles(words: string[]): string[] {
  let i = 0;
  while (i < words.length - 1 && TITLES.has(words[i].toLowerCase().replace(/\.$/, ''))) i++;
  // "M." (monsieur) only with its dot, so that a one-letter initial survives.
  if (i < words.length - 1 && words[i] === 'M.') i++;
  return words.slice(i);
}

function takeSuffix(words: string[]): { words: string[]; value: string | null } {
  if (words.length < 3) return { words, value: null };
  const last = words[words.length - 1].toLowerCase().replace(/\./g, '');
  if (!(last in SUFFIXES)) return { words, value: null };
  return { words: words.slice(0, -1), value: SUFFIXES[last] };
}

function hasCase(text: string): boolean {
  return text.toLowerCase() !== text.toUpperCase();
}

/** Title-cases words typed in one case ("SMITH", "o'brien", "jean-luc"); keeps deliberate mixed case. */
function fixCase(word: string, inside: boolean): string {
  if (!hasCase(word)) return word;
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  const firstLowerRestUpper = word.length > 1 && word[0] === lower[0] && word.slice(1) === upper.slice(1);
  if (word !== lower && word !== upper && !firstLowerRestUpper) return word;
  if (inside && LOWER_INSIDE.has(lower)) return lower;
  const capitalised = lower.replace(
    /(^|[-'’])(\p{L})/gu,
    (_, sep: string, letter: string) => sep + letter.toUpperCase(),
  );
  return capitalised.replace(/^Mc(\p{L})/u, (_, letter: string) => `Mc${letter.toUpperCase()}`);
}

function joinPrefixes(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i < words.length - 2 && JOINS_NEXT.has(words[i].toLowerCase())) {
      out.push(`${words[i]} ${words[i + 1]}`);
      i++;
    } else out.push(words[i]);
  }
  return out;
}

/** First and last name: East Asian names put the family name first; a particle starts the family name. */
function split(words: string[]): [string, string | null] {
  if (words.length === 1) return [words[0], null];
  if (words.every((w) => EAST_ASIAN.test(w))) return [words.slice(1).join(' '), words[0]];
  const particle = words.findIndex((w, i) => i > 0 && i < words.length - 1 && PARTICLES.has(w.toLowerCase()));
  const at = particle > 0 ? particle : 1;
  return [words.slice(0, at).join(' '), words.slice(at).join(' ')];
}

/** How a full name is written: family name first and without a space for East Asian names. */
export function joinName(first: string, last: string | null): string {
  if (!last) return first;
  if (EAST_ASIAN.test(first) && EAST_ASIAN.test(last)) return `${last} ${first}`;
  return `${first} ${last}`;
}

/** Cuts to at most `max` user-perceived characters, never inside an emoji or an accented letter. */
export function graphemeSlice(text: string, max: number): string {
  if (text.length <= max) return text;
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (count++ >= max) break;
    out += segment;
  }
  return out;
}
