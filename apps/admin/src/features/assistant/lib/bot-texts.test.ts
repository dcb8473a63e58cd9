import { BOT_TEXT_KEYS } from '@parley/shared-types';
import { describe, expect, it } from 'vitest';
import { tenantFixture } from '../../../test/tenant';
import { BOT_TEXTS, conversationRequest, conversationValuesFrom, validateConversation } from './bot-texts';

describe('bot texts form', () => {
  it('describes every bot text key', () => {
    for (const key of BOT_TEXT_KEYS) expect(BOT_TEXTS[key].label).not.toBe('');
  });

  it("reads an API without the new settings as all defaults (the API's own: skipping the email allowed)", () => {
    const { bot_texts: _texts, lead_capture: _capture, ...older } = tenantFixture();
    const values = conversationValuesFrom(older as ReturnType<typeof tenantFixture>);
    expect(values.allow_skip_email).toBe(true);
    expect(Object.values(values.texts).every((t) => t === '')).toBe(true);
  });

  it('sends only the texts written, trimmed, and the skip-email choice', () => {
    const values = conversationValuesFrom({
      ...tenantFixture(),
      bot_texts: { ask_name: 'Your name?' },
      lead_capture: { allow_skip_email: true },
    });
    values.texts.greet_known = '  Hello {name}!  ';
    expect(conversationRequest(values)).toEqual({
      bot_texts: { ask_name: 'Your name?', greet_known: 'Hello {name}!' },
      lead_capture: { allow_skip_email: true },
    });
  });

  it('refuses unknown placeholders (typos) and over-long texts', () => {
    const values = conversationValuesFrom(tenantFixture());
    values.texts.greet_known = 'Hi {nmae}';
    values.texts.ask_name = 'Name, {first_name}?';
    values.texts.rag_enabled = 'Using {url} for {name}';
    values.texts.help = 'x'.repeat(1001);
    const errors = validateConversation(values);
    expect(errors.greet_known).toBe('{nmae} is not a placeholder Parley fills in; this text can use {name}');
    expect(errors.ask_name).toBe('{first_name} is not a placeholder Parley fills in');
    expect(errors.rag_enabled).toBeUndefined();
    expect(errors.help).toMatch(/1000 characters/);
    expect(errors.lead_thanks).toBeUndefined();
  });
});
