import { withoutEmpty } from '../../../lib/forms';

export const TEXT_MAX = 4096;
export const NAME_MAX = 60;

export interface SenderValues {
  phone: string;
  name: string;
}
export type SenderErrors = Partial<Record<keyof SenderValues, string>>;

export const defaultSender = (): SenderValues => ({ phone: '+1 555 010 0001', name: 'Test Customer' });

/** A phone number as WhatsApp ids carry it: digits with the country code, no "+". */
export function senderDigits(phone: string): string {
  return phone.replace(/[\s()+-]/g, '');
}

export function validateSender(v: SenderValues): SenderErrors {
  const errors: SenderErrors = {};
  const digits = senderDigits(v.phone);
  if (!digits) errors.phone = 'Enter the phone number to pretend to be';
  else if (!/^\d{8,15}$/.test(digits))
    errors.phone = 'Use the full number with country code, e.g. +91 98765 43210';
  if (v.name.trim().length > NAME_MAX) errors.name = `Keep the name to ${NAME_MAX} characters`;
  return withoutEmpty(errors);
}

export function messageProblem(text: string): string | null {
  if (!text.trim()) return 'Type a message first';
  if (text.length > TEXT_MAX) return `WhatsApp messages are at most ${TEXT_MAX} characters`;
  return null;
}
