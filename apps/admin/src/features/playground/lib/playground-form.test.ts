import { describe, expect, it } from 'vitest';
import { defaultSender, messageProblem, senderDigits, validateSender } from './playground-form';

describe('playground sender', () => {
  it('accepts a number with country code in any usual writing, sent as digits', () => {
    expect(validateSender(defaultSender())).toEqual({});
    expect(senderDigits('+91 (98765) 43-210')).toBe('919876543210');
  });

  it('refuses an empty, short or lettered number and a long name', () => {
    expect(validateSender({ phone: '', name: '' }).phone).toMatch(/Enter/);
    expect(validateSender({ phone: '12345', name: '' }).phone).toMatch(/country code/);
    expect(validateSender({ phone: '+91 98765 abcde', name: '' }).phone).toMatch(/country code/);
    expect(validateSender({ phone: '919876543210', name: 'x'.repeat(61) }).name).toBeDefined();
  });

  it('refuses empty and over-long messages', () => {
    expect(messageProblem('   ')).toBe('Type a message first');
    expect(messageProblem('x'.repeat(4097))).toMatch(/4096/);
    expect(messageProblem('Hi')).toBeNull();
  });
});
