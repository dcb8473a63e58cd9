import { botText } from './bot-texts';
import { extractUrl, parseCommand } from './commands';
import { readState } from './engine-state';
import { isQuestion, withSources, WHATSAPP_TEXT_MAX } from './prompt';
import { retryDelayMs } from '../llm/vendor-call';

describe('parseCommand', () => {
  it.each([
    ['/reset', 'reset', null],
    ['  /RESET  ', 'reset', null],
    ['/Set_LLM Ollama', 'set_llm', 'Ollama'],
    ['/set-llm: gemini', 'set_llm', 'gemini'],
    ['/setllm=gemini', 'set_llm', 'gemini'],
    ['/enable_rag <https://x.com/a>', 'enable_rag', 'https://x.com/a'],
    ['/ENABLE_RAG', 'enable_rag', null],
    ['/disable_rag.', 'disable_rag', null],
    ['/Help!', 'help', null],
    ['/start', 'help', null],
    ['/what now', 'unknown', 'now'],
  ])('%s', (text, name, arg) => expect(parseCommand(text)).toEqual({ name, arg }));

  it('is null for anything not starting with a slash word', () => {
    for (const text of ['reset', 'hello /reset', '/', '// comment', null])
      expect(parseCommand(text)).toBeNull();
  });
});

describe('extractUrl', () => {
  it.each([
    ['https://acme.test/faq', 'https://acme.test/faq'],
    ['please use https://acme.test/faq.', 'https://acme.test/faq'],
    ['acme.test/prices', 'https://acme.test/prices'],
    ['HTTP://Acme.Test', 'http://acme.test/'],
    ['www.acme.test', 'https://www.acme.test/'],
    ['no url here', null],
    ['ftp://acme.test/file', null],
    ['javascript:alert(1)', null],
  ])('%s → %s', (text, url) => expect(extractUrl(text)).toBe(url));
});

describe('botText', () => {
  it('uses the tenant override when it has text, else the default, and fills placeholders', () => {
    expect(botText({}, 'greet_known', { name: 'Asha' })).toBe(
      'Welcome back, Asha! How can I help you today?',
    );
    expect(botText({ greet_known: 'Hola {name} ({url})' }, 'greet_known', { name: 'Asha' })).toBe(
      'Hola Asha ({url})',
    );
    expect(botText({ greet_known: '   ' }, 'greet_known', { name: 'A' })).toMatch(/^Welcome back, A/);
  });
});

describe('retryDelayMs', () => {
  it('reads google.rpc.RetryInfo in either form', () => {
    const detail = (retryDelay: unknown) => [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure' },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
    ];
    expect(retryDelayMs(detail('26s'))).toBe(26_000);
    expect(retryDelayMs(detail('1.5s'))).toBe(1_500);
    expect(retryDelayMs(detail({ seconds: 2, nanos: 500_000_000 }))).toBe(2_500);
    expect(retryDelayMs([{ '@type': 'type.googleapis.com/google.rpc.Help' }])).toBeNull();
    expect(retryDelayMs(undefined)).toBeNull();
  });
});

describe('withSources', () => {
  it('keeps the whole message within WhatsApp’s limit with the sources intact', () => {
    const text = withSources('x'.repeat(5000), [{ text: 't', url: 'https://a.test', title: 'A', score: 1 }]);
    expect(text.length).toBeLessThanOrEqual(WHATSAPP_TEXT_MAX);
    expect(text.endsWith('Sources:\n- A: https://a.test')).toBe(true);
    expect(withSources('plain', [])).toBe('plain');
  });
});

describe('isQuestion', () => {
  it.each([
    ['What are your prices?', true],
    ['what are your prices', true],
    ['¿Cuánto cuesta?', true],
    ['do you ship', false],
    ['John Smith', false],
    ['Wang Wei', false],
    ['Who', false],
  ])('%s → %s', (text, expected) => expect(isQuestion(text)).toBe(expected));
});

describe('readState', () => {
  it('keeps only what it knows, whatever the stored JSON holds', () => {
    expect(readState({ capture: 'email', pendingName: { firstName: 'A' }, junk: 1 })).toEqual({
      capture: 'email',
      pendingName: { firstName: 'A', lastName: null, fullName: 'A' },
    });
    expect(readState({ capture: 'phone', awaitingRagUrl: 'yes' })).toEqual({});
  });
});
