import type { CrmStatus } from '@parley/shared-types';
import { describe, expect, it } from 'vitest';
import { configFixture, tenantFixture } from '../../../test/tenant';
import { setupSteps } from './setup-steps';

const crm = (overrides: Partial<CrmStatus> = {}): CrmStatus => ({
  crm: 'local',
  configured: true,
  status: 'healthy',
  last_error: null,
  checked_at: null,
  lead_source: null,
  leads: { pending: 0, synced: 0, failed: 0 },
  ...overrides,
});

const states = (steps: ReturnType<typeof setupSteps>) =>
  Object.fromEntries(steps.map((s) => [s.id, s.state]));

describe('setupSteps', () => {
  it('starts with everything to do but the built-in CRM', () => {
    expect(states(setupSteps(tenantFixture(), null, crm()))).toEqual({
      whatsapp: 'todo',
      crm: 'done',
      assistant: 'todo',
      branding: 'todo',
    });
  });

  it('is done when the number answers, the CRM is healthy and the assistant and welcome are written', () => {
    const tenant = tenantFixture({
      branding: { welcome_message: 'Hi!', logo_url: null },
      llm: {
        provider: 'gemini',
        model: null,
        allow_switch: true,
        system_prompt: 'Be kind.',
        gemini_api_key: null,
      },
    });
    const steps = setupSteps(tenant, configFixture(), crm({ crm: 'hubspot' }));
    expect(states(steps)).toEqual({ whatsapp: 'done', crm: 'done', assistant: 'done', branding: 'done' });
    expect(steps[1].detail).toBe('Connected to HubSpot.');
  });

  it('flags a paused number and a failing CRM with the reason', () => {
    const steps = setupSteps(
      tenantFixture(),
      configFixture({ is_active: false }),
      crm({ crm: 'zoho', status: 'unhealthy', last_error: 'Zoho refused the refresh token' }),
    );
    expect(steps[0]).toMatchObject({
      state: 'attention',
      detail: '+1 555-078-3881 is paused: messages get no answer.',
    });
    expect(steps[1]).toMatchObject({
      state: 'attention',
      detail: 'Zoho CRM is not working: Zoho refused the refresh token',
    });
  });

  it('asks for credentials, then for a test, before calling a CRM connected', () => {
    expect(setupSteps(tenantFixture(), null, crm({ crm: 'hubspot', configured: false }))[1]).toMatchObject({
      state: 'todo',
      action: 'Finish',
    });
    expect(setupSteps(tenantFixture(), null, crm({ crm: 'hubspot', status: 'unknown' }))[1]).toMatchObject({
      state: 'todo',
      action: 'Test the connection',
    });
  });
});
