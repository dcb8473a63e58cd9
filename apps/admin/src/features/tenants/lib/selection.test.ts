import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  isSelected,
  pageState,
  selectedCount,
  selectionReducer,
  selectionRequest,
  type Selection,
  type SelectionEvent,
} from './selection';

const run = (...events: SelectionEvent[]): Selection => events.reduce(selectionReducer, EMPTY_SELECTION);

describe('bulk selection', () => {
  it('picks rows by hand across pages, and unpicks them', () => {
    const s = run(
      { type: 'toggle', id: 'a' },
      { type: 'toggle', id: 'b' },
      { type: 'togglePage', ids: ['c', 'd'] },
      { type: 'toggle', id: 'b' },
    );
    expect(selectedCount(s)).toBe(3);
    expect(selectionRequest(s)).toEqual({ tenant_ids: ['a', 'c', 'd'] });
    expect(pageState(s, ['c', 'd'])).toBe('all');
    expect(pageState(s, ['a', 'b'])).toBe('some');
    expect(pageState(s, ['x'])).toBe('none');
  });

  it('the page checkbox selects the page, or clears it when the whole page is selected', () => {
    const page = ['a', 'b', 'c'];
    const some = run({ type: 'toggle', id: 'b' });
    const all = selectionReducer(some, { type: 'togglePage', ids: page });
    expect(pageState(all, page)).toBe('all');
    const none = selectionReducer(all, { type: 'togglePage', ids: page });
    expect(selectedCount(none)).toBe(0);
  });

  it('"every matching" counts the whole filter result and sends the filter, not ids', () => {
    const s = run(
      { type: 'togglePage', ids: ['a', 'b'] },
      { type: 'selectMatching', filter: { status: 'active', search: 'acme' }, total: 10_000 },
    );
    expect(selectedCount(s)).toBe(10_000);
    expect(isSelected(s, 'not-on-this-page')).toBe(true);
    expect(pageState(s, ['z'])).toBe('all');
    expect(selectionRequest(s)).toEqual({ filter: { status: 'active', search: 'acme' } });
  });

  it('leaving "every matching" by a row or the page checkbox starts over from nothing', () => {
    const matching = run({ type: 'selectMatching', filter: {}, total: 500 });
    expect(selectionRequest(selectionReducer(matching, { type: 'toggle', id: 'a' }))).toEqual({
      tenant_ids: ['a'],
    });
    expect(selectedCount(selectionReducer(matching, { type: 'togglePage', ids: ['a', 'b'] }))).toBe(0);
    expect(selectedCount(selectionReducer(matching, { type: 'clear' }))).toBe(0);
  });
});
