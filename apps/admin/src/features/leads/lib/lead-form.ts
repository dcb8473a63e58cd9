import type { CreateLeadRequest } from '@parley/shared-types';
import { withoutEmpty } from '../../../lib/forms';

export interface LeadFormValues {
  name: string;
  phone: string;
  email: string;
  source: string;
}

export type LeadFormErrors = Partial<Record<keyof LeadFormValues, string>>;

export const emptyLeadForm = (): LeadFormValues => ({ name: '', phone: '', email: '', source: '' });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A first check of what was typed. The server reads the phone number properly (with the tenant's
 * default country) and says in words what is wrong with one it cannot read.
 */
export function validateLeadForm(v: LeadFormValues): LeadFormErrors {
  const errors: LeadFormErrors = {};
  const name = v.name.trim();
  if (!name) errors.name = 'Enter the person’s name';
  else if (name.length > 300) errors.name = 'Keep the name to 300 characters';
  const phone = v.phone.trim();
  const digits = phone.replace(/\D/g, '');
  if (!phone) errors.phone = 'Enter a phone number';
  else if (!/^\+?[\d\s().-]+$/.test(phone)) errors.phone = 'Use digits, spaces and an optional leading +';
  else if (digits.length < 6 || digits.length > 15) errors.phone = 'A phone number has 6 to 15 digits';
  if (v.email.trim() && !EMAIL.test(v.email.trim()))
    errors.email = 'Enter an email address like ana@example.com';
  if (v.source.trim().length > 120) errors.source = 'Keep it to 120 characters';
  return withoutEmpty(errors);
}

export function leadRequest(v: LeadFormValues): CreateLeadRequest {
  return {
    name: v.name.trim(),
    phone: v.phone.trim(),
    email: v.email.trim() || null,
    ...(v.source.trim() ? { source: v.source.trim() } : {}),
  };
}
