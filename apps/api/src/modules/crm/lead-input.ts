import { badRequest } from '../../common/http/domain-error';
import {
  graphemeSlice,
  NAME_LIMITS,
  parseEmail,
  parseName,
  parsePhone,
  phoneFromWhatsAppId,
} from './lead-parser';

/** What the conversation engine (or an admin) knows about a person, before normalising. */
export interface LeadInput {
  /** E.164, a WhatsApp id (international digits, no plus), or a number as typed. */
  phone: string;
  /** The name as the person wrote it; split with the lead parser. Ignored when `firstName` is set. */
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  /** Zoho Lead_Source; default: the tenant's, else CRM_LEAD_SOURCE. */
  source?: string | null;
}

export interface NormalisedLead {
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string;
  source: string | null;
}

/**
 * Normalises a lead or refuses it with a 400 whose message is the parser's re-ask text, so the
 * person (or the admin) learns what to fix.
 */
export function normaliseLead(
  input: LeadInput,
  options: { country: string | null; whatsAppIds: boolean; defaultSource: string | null },
): NormalisedLead {
  const raw = String(input.phone ?? '').trim();
  const phone =
    options.whatsAppIds && /^\d{8,15}$/.test(raw)
      ? phoneFromWhatsAppId(raw)
      : parsePhone(raw, options.country);
  if (!phone.ok) throw badRequest(`phone: ${phone.reask}`);

  let firstName: string;
  let lastName: string | null;
  if (input.firstName?.trim()) {
    firstName = graphemeSlice(input.firstName.trim().replace(/\s+/g, ' '), NAME_LIMITS.first);
    lastName = input.lastName?.trim()
      ? graphemeSlice(input.lastName.trim().replace(/\s+/g, ' '), NAME_LIMITS.last)
      : null;
  } else {
    const name = parseName(input.name ?? '');
    if (!name.ok) throw badRequest(`name: ${name.reask}`);
    firstName = name.firstName;
    lastName = name.lastName;
  }

  let email: string | null = null;
  if (input.email?.trim()) {
    const parsed = parseEmail(input.email);
    if (parsed.ok) email = parsed.email;
    else if (parsed.reason !== 'skipped') throw badRequest(`email: ${parsed.reask}`);
  }
  const source = (input.source?.trim() || options.defaultSource || '').slice(0, 120) || null;
  return { firstName, lastName, email, phone: phone.e164, source };
}
