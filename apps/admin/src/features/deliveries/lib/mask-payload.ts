const SECRET_KEY = /token|secret|password|api[_-]?key|authorization|signature/i;
const MASKED = /^\*{3}/;

/**
 * The API masks secrets in stored payloads before it answers; this masks again anything under a
 * secret-looking key that still is not, so a server-side miss never reaches the screen whole.
 */
export function maskPayload(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskPayload(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPayload(v, k)]));
  }
  if (typeof value === 'string' && SECRET_KEY.test(key) && !MASKED.test(value)) {
    return value.length > 8 ? `***${value.slice(-4)}` : '***';
  }
  return value;
}
