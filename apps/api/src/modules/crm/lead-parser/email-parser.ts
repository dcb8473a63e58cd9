/** Reads an email address out of a chat answer, checks it, and says how to fix a bad one. Pure. */

export type EmailProblem = 'empty' | 'skipped' | 'invalid' | 'typo';

export type EmailResult =
  { ok: true; email: string } | { ok: false; reason: EmailProblem; reask: string; suggestion?: string };

/** Answers that mean "I'd rather not give an email". */
const SKIPS = new Set([
  'skip',
  'no',
  'none',
  'nope',
  'n/a',
  'na',
  '-',
  'no email',
  "don't have",
  'dont have',
  "i don't have one",
  'no tengo',
  'não tenho',
  'nao tenho',
  'sem email',
  'pas de mail',
  'nahi',
  'nahin',
]);

/** Misspelt domains of the biggest providers, and what was meant. */
const TYPOS: Record<string, string> = {
  'gmial.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gmaill.com': 'gmail.com',
  'gnail.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'gmail.om': 'gmail.com',
  'gmail.comm': 'gmail.com',
  'hotmial.com': 'hotmail.com',
  'hotmal.com': 'hotmail.com',
  'hotmail.con': 'hotmail.com',
  'hotmail.co': 'hotmail.com',
  'yaho.com': 'yahoo.com',
  'yahooo.com': 'yahoo.com',
  'yahoo.con': 'yahoo.com',
  'yahoo.co': 'yahoo.com',
  'outlok.com': 'outlook.com',
  'outlook.con': 'outlook.com',
  'iclod.com': 'icloud.com',
  'icloud.con': 'icloud.com',
};

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

const EXAMPLE = 'for example: name@example.com';

export function parseEmail(raw: unknown): EmailResult {
  if (typeof raw !== 'string' || !raw.trim()) return failure('empty');
  let text = raw.normalize('NFC').trim().slice(0, 500);
  if (SKIPS.has(text.toLowerCase().replace(/[.!\s]+$/, ''))) return failure('skipped');
  // "john at gmail dot com", "john[at]gmail[dot]com"
  if (!text.includes('@')) {
    text = text
      .replace(/\s*[[(]\s*at\s*[\])]\s*|\s+at\s+/gi, '@')
      .replace(/\s*[[(]\s*dot\s*[\])]\s*|\s+dot\s+/gi, '.');
  }
  const candidate = text.match(/[^\s<>()[\],;:"]+@[^\s<>()[\],;:"]+/u)?.[0];
  if (!candidate) return invalid(raw);
  const email = candidate
    .replace(/^mailto:/i, '')
    .replace(/^['’]+|[.!?'’]+$/g, '')
    .toLowerCase();
  if (!isValidEmail(email)) return invalid(raw);
  const [local, domain] = email.split('@');
  const meant = TYPOS[domain];
  if (meant) {
    const suggestion = `${local}@${meant}`;
    return {
      ok: false,
      reason: 'typo',
      suggestion,
      reask: `Did you mean ${suggestion}? Please send your email address again.`,
    };
  }
  return { ok: true, email };
}

export function isValidEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || email.indexOf('@') !== at) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TLD.test(labels[labels.length - 1]);
}

function invalid(raw: string): EmailResult {
  const shown = raw.trim().length > 60 ? `${raw.trim().slice(0, 57)}...` : raw.trim();
  return {
    ok: false,
    reason: 'invalid',
    reask: `"${shown}" doesn't look like an email address. Please send it again, ${EXAMPLE}`,
  };
}

function failure(reason: 'empty' | 'skipped'): EmailResult {
  return {
    ok: false,
    reason,
    reask:
      reason === 'empty'
        ? `What's your email address? (${EXAMPLE})`
        : 'No problem, we can go on without an email address.',
  };
}
