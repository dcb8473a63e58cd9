import type { ConversationMessage } from '@parley/shared-types';
import { describe, expect, it } from 'vitest';
import { chronological, deliveryMark } from './delivery';

const message = (overrides: Partial<ConversationMessage>): ConversationMessage => ({
  id: 'm1',
  direction: 'outbound',
  type: 'text',
  text: 'Hello',
  status: 'sent',
  error: null,
  wamid: 'wamid.1',
  created_at: '2026-11-20T10:00:00.000Z',
  status_updated_at: null,
  llm: null,
  ...overrides,
});

describe('deliveryMark', () => {
  it('shows WhatsApp ticks for sent, delivered and read (read in blue)', () => {
    expect(deliveryMark(message({ status: 'sent' }))).toMatchObject({ mark: '✓', tone: 'plain' });
    expect(deliveryMark(message({ status: 'delivered' }))).toMatchObject({ mark: '✓✓', tone: 'plain' });
    expect(deliveryMark(message({ status: 'read' }))).toMatchObject({
      mark: '✓✓',
      tone: 'read',
      label: 'Read',
    });
  });

  it('gives the reason of a failed message', () => {
    const failed = message({
      status: 'failed',
      error: { code: 131047, title: 'Re-engagement message', detail: 'More than 24 hours have passed' },
    });
    expect(deliveryMark(failed)).toMatchObject({
      tone: 'failed',
      reason: 'Re-engagement message (131047): More than 24 hours have passed',
    });
    expect(deliveryMark(message({ status: 'failed' }))?.reason).toBe('WhatsApp did not say why.');
  });

  it('puts no ticks on inbound messages', () => {
    expect(deliveryMark(message({ direction: 'inbound', status: 'processed' }))).toBeNull();
  });

  it('orders messages oldest first', () => {
    const a = message({ id: 'a', created_at: '2026-11-20T10:00:02.000Z' });
    const b = message({ id: 'b', created_at: '2026-11-20T10:00:01.000Z' });
    expect(chronological([a, b]).map((m) => m.id)).toEqual(['b', 'a']);
  });
});
