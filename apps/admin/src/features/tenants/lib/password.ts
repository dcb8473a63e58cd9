import { PASSWORD_MIN_LENGTH } from '@parley/shared-types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailError = (email: string): string | null =>
  EMAIL.test(email.trim()) ? null : 'Enter the admin’s email address';

export const passwordError = (password: string): string | null =>
  password.length >= PASSWORD_MIN_LENGTH ? null : `Use at least ${PASSWORD_MIN_LENGTH} characters`;

/** A random password to hand to a new admin (letters and digits, no look-alikes). */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
