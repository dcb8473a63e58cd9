import { describe, expect, it } from 'vitest';
import { diffSnapshots, showValue } from './diff';

describe('diffSnapshots', () => {
  it('lists changed fields first, by dotted path, with masked secrets as recorded', () => {
    const rows = diffSnapshots(
      { crm: 'local', hubspot: { api_key: null }, name: 'Acme' },
      { crm: 'hubspot', hubspot: { api_key: '***9f2c' }, name: 'Acme' },
    );
    expect(rows).toEqual([
      { path: 'crm', before: 'local', after: 'hubspot', changed: true },
      { path: 'hubspot.api_key', before: null, after: '***9f2c', changed: true },
      { path: 'name', before: 'Acme', after: 'Acme', changed: false },
    ]);
  });

  it('handles a snapshot on one side only', () => {
    expect(diffSnapshots(null, { sync_state: 'pending' })).toEqual([
      { path: 'sync_state', before: undefined, after: 'pending', changed: true },
    ]);
    expect(showValue(undefined)).toBe('—');
    expect(showValue(null)).toBe('empty');
    expect(showValue([1])).toBe('[1]');
  });
});
