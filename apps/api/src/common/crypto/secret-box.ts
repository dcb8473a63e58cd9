import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptError extends Error {}

/** The short id a ciphertext carries, so that rotation knows which key sealed it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM for secrets at rest. A sealed value reads `v1:<keyId>:<base64 iv|ciphertext|tag>`;
 * it is opened with whichever known key has that id, so old keys stay readable during rotation
 * while new values are always sealed with the current key.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(currentKeyBase64: string, oldKeysBase64: string[] = []) {
    const current = decodeKey(currentKeyBase64);
    this.currentKeyId = keyIdOf(current);
    this.keys.set(this.currentKeyId, current);
    for (const old of oldKeysBase64) {
      const key = decodeKey(old);
      if (!this.keys.has(keyIdOf(key))) this.keys.set(keyIdOf(key), key);
    }
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    return `${VERSION}:${this.currentKeyId}:${sealed}`;
  }

  open(sealed: string): string {
    const [version, keyId, payload] = sealed.split(':');
    if (version !== VERSION || !keyId || !payload) throw new SecretDecryptError('Not a sealed secret');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretDecryptError(`No encryption key with id ${keyId} is configured`);
    const raw = Buffer.from(payload, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretDecryptError('Sealed secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretDecryptError('Sealed secret failed authentication');
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split(':')[1] !== this.currentKeyId;
  }
}

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('Encryption keys must be 32 bytes in base64');
  return key;
}
