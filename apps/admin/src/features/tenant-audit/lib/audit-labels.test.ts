import { describe, expect, it } from 'vitest';
import { actionLabel } from './audit-labels';

describe('actionLabel', () => {
  it('names the parts of the settings a change touched', () => {
    expect(
      actionLabel({
        action: 'tenant.settings.update',
        before: { crm: 'local', hubspot: { api_key: null }, llm: { model: null }, updated_at: '1' },
        after: { crm: 'hubspot', hubspot: { api_key: '***9f2c' }, llm: { model: null }, updated_at: '2' },
      }),
    ).toBe('Changed the settings: CRM');
    expect(
      actionLabel({
        action: 'tenant.update',
        before: { branding: { logo_url: null }, llm: { model: null } },
        after: { branding: { logo_url: 'https://x.test/a.png' }, llm: { model: 'phi3:mini' } },
      }),
    ).toBe('The platform changed the settings: branding, assistant');
  });

  it('shows actions it does not know as recorded', () => {
    expect(actionLabel({ action: 'lead.create', before: null, after: null })).toBe('Added a lead');
    expect(actionLabel({ action: 'knowledge.crawl', before: null, after: null })).toBe('knowledge.crawl');
  });

  it("names the round's API actions: Embedded Signup, knowledge, credential checks", () => {
    expect(actionLabel({ action: 'config.onboard', before: null, after: null })).toBe(
      'Connected a WhatsApp number with Facebook',
    );
    expect(actionLabel({ action: 'knowledge_source.create', before: null, after: null })).toBe(
      'Added a website to the knowledge',
    );
    expect(
      actionLabel({
        action: 'credential.status_changed',
        target_id: 'hubspot',
        before: { status: 'ok' },
        after: { status: 'invalid', error: 'HubSpot answered 401' },
      }),
    ).toBe('HubSpot token: not working');
    expect(
      actionLabel({ action: 'credential.status_changed', target_id: 'other', before: null, after: null }),
    ).toBe('A credential was checked');
  });
});
