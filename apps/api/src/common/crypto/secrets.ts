import { AppConfig } from '../../config/config';
import { maskSecret } from './masking';
import { SecretBox, SecretDecryptError } from './secret-box';

export function createSecretBox(config: AppConfig): SecretBox {
  return new SecretBox(config.crypto.encryptionKey, config.crypto.oldEncryptionKeys);
}

/** `***` + last 4 of a sealed secret, or `***` alone when it cannot be opened with the configured keys. */
export function maskSealed(box: SecretBox, sealed: string | null | undefined): string | null {
  if (!sealed) return null;
  try {
    return maskSecret(box.open(sealed)) ?? null;
  } catch (error) {
    if (error instanceof SecretDecryptError) return '***';
    throw error;
  }
}

export function openSealed(box: SecretBox, sealed: string | null | undefined): string | null {
  return sealed ? box.open(sealed) : null;
}

/**
 * How a write-only secret field changes: absent keeps the stored value, null or "" clears it,
 * anything else is sealed. (Masked values are refused earlier, by validation.)
 */
export function nextSealed(
  box: SecretBox,
  stored: string | null,
  incoming: string | null | undefined,
): string | null {
  if (incoming === undefined) return stored;
  if (incoming === null || incoming === '') return null;
  return box.seal(incoming);
}
