/** How a stored secret leaves the API: `***` and its last four characters, never more. */
export const MASK_PREFIX = '***';

export function maskSecret(secret: string | null | undefined): string | null {
  if (secret === null || secret === undefined || secret === '') return null;
  // A secret of four characters or fewer would be shown whole.
  return secret.length <= 4 ? MASK_PREFIX : `${MASK_PREFIX}${secret.slice(-4)}`;
}

/** A client that sends back the masked value it was shown must not overwrite the real secret with it. */
export function looksMasked(value: string): boolean {
  return value.startsWith(MASK_PREFIX);
}
