import { randomBytes } from 'node:crypto';
import { keyIdOf, SecretBox, SecretDecryptError } from './secret-box';

const newKey = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  it('seals and opens, with a fresh IV each time', () => {
    const box = new SecretBox(newKey());
    const a = box.seal('EAAG-token-1234');
    const b = box.seal('EAAG-token-1234');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('EAAG');
    expect(box.open(a)).toBe('EAAG-token-1234');
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('refuses tampered, truncated and foreign values', () => {
    const box = new SecretBox(newKey());
    const sealed = box.seal('secret');
    const [v, id, payload] = sealed.split(':');
    const bytes = Buffer.from(payload, 'base64');
    bytes[14] ^= 1;
    expect(() => box.open(`${v}:${id}:${bytes.toString('base64')}`)).toThrow(SecretDecryptError);
    expect(() => box.open(`${v}:${id}:AAAA`)).toThrow('truncated');
    expect(() => box.open('plaintext')).toThrow('Not a sealed secret');
    expect(() => new SecretBox(newKey()).open(sealed)).toThrow(/No encryption key with id/);
  });

  it('opens values sealed with an old key and reseals them with the current one', () => {
    const oldKey = newKey();
    const sealedOld = new SecretBox(oldKey).seal('rotate me');
    const rotated = new SecretBox(newKey(), [oldKey]);
    expect(rotated.open(sealedOld)).toBe('rotate me');
    expect(rotated.needsRotation(sealedOld)).toBe(true);
    const resealed = rotated.seal(rotated.open(sealedOld));
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(resealed.split(':')[1]).toBe(rotated.currentKeyId);
    expect(keyIdOf(Buffer.from(oldKey, 'base64'))).toBe(sealedOld.split(':')[1]);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
