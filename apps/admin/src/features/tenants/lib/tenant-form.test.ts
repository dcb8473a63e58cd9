import type { TenantResponse } from '@parley/shared-types';
import { describe, expect, it } from 'vitest';
import {
  emptyTenantForm,
  suggestId,
  tenantFormFrom,
  toCreateRequest,
  toTenantRequest,
  validateTenantForm,
} from './tenant-form';

const tenant: TenantResponse = {
  id: 'acme',
  name: 'Acme',
  status: 'active',
  default_country: 'IN',
  branding: { welcome_message: 'Hi', logo_url: null },
  crm: 'hubspot',
  zoho: { client_id: null, client_secret: null, accounts_url: null, api_url: null, refresh_token: null },
  hubspot: { api_key: '***4321' },
  llm: { provider: 'gemini', model: null, allow_switch: true, system_prompt: null, gemini_api_key: null },
  bot_texts: {},
  lead_capture: { allow_skip_email: true },
  reengagement_template: null,
  whatsapp: null,
  created_at: '2030-01-01T00:00:00Z',
  updated_at: '2030-01-01T00:00:00Z',
};

describe('tenant form', () => {
  it('suggests an id from the name', () => {
    expect(suggestId('Lifecode India')).toBe('lifecode_india');
    expect(suggestId('  Café & Co.  ')).toBe('cafe_co');
  });

  it('checks what the API checks, before sending', () => {
    const errors = validateTenantForm(
      { ...emptyTenantForm(), id: 'A', default_country: 'IND', logo_url: 'ftp://x', zoho_api_url: 'nope' },
      'create',
    );
    expect(Object.keys(errors).sort()).toEqual(['default_country', 'id', 'logo_url', 'name', 'zoho_api_url']);
    expect(validateTenantForm({ ...emptyTenantForm(), id: 'acme', name: 'Acme' }, 'create')).toEqual({});
    expect(validateTenantForm({ ...tenantFormFrom(tenant), id: 'IGNORED IN EDIT' }, 'edit')).toEqual({});
  });

  it('never sends a secret it did not change, and refuses a masked value', () => {
    const untouched = toTenantRequest(tenantFormFrom(tenant));
    expect(untouched.hubspot).toBeUndefined();
    expect(untouched.zoho).toEqual({ client_id: null, accounts_url: null, api_url: null });
    expect(JSON.stringify(untouched)).not.toContain('***');

    const replaced = toTenantRequest({
      ...tenantFormFrom(tenant),
      hubspot_api_key: ' pat-new ',
    });
    expect(replaced.hubspot).toEqual({ api_key: 'pat-new' });
    const removed = toTenantRequest({ ...tenantFormFrom(tenant), hubspot_api_key: null });
    expect(removed.hubspot).toEqual({ api_key: null });

    const masked = validateTenantForm({ ...tenantFormFrom(tenant), hubspot_api_key: '***4321' }, 'edit');
    expect(masked.hubspot_api_key).toBe('That is the masked value; paste the real one');
  });

  it('turns empty fields into nulls and upper-cases the country', () => {
    const body = toCreateRequest({ ...emptyTenantForm(), id: 'acme', name: ' Acme ', default_country: 'in' });
    expect(body).toMatchObject({
      id: 'acme',
      name: 'Acme',
      default_country: 'IN',
      branding: { welcome_message: null, logo_url: null },
      llm: { provider: 'gemini', model: null, allow_switch: true, system_prompt: null },
    });
  });
});
