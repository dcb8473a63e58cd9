import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta's `X-Hub-Signature-256`: `sha256=` + lowercase hex HMAC-SHA256 of the exact bytes, keyed with the app secret. */
export function signatureMatches(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string | null,
): boolean {
  if (!header || !appSecret || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length).trim().toLowerCase(), 'utf8');
  const expected = Buffer.from(createHmac('sha256', appSecret).update(rawBody).digest('hex'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Constant-time string equality (verify tokens). */
export function sameSecret(given: string | undefined, expected: string | null | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = createHmac('sha256', 'parley').update(given).digest();
  const b = createHmac('sha256', 'parley').update(expected).digest();
  return timingSafeEqual(a, b);
}
