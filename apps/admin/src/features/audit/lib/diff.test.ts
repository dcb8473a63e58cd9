import { describe, expect, it } from 'vitest';
import { toAuditQuery, parseAuditParams } from './audit-params';
import { diffSnapshots } from './diff';

describe('audit snapshots', () => {
  it('lines up before and after field by field and marks what changed', () => {
    const rows = diffSnapshots(
      { name: 'Acme', hubspot: { api_key: '***1234' }, llm: { provider: 'gemini' } },
      { name: 'Acme Ltd', hubspot: { api_key: '***1234' }, llm: { provider: 'gemini' }, status: 'active' },
    );
    expect(rows.filter((r) => r.changed).map((r) => r.path)).toEqual(['name', 'status']);
    expect(rows.find((r) => r.path === 'hubspot.api_key')).toEqual({
      path: 'hubspot.api_key',
      before: '***1234',
      after: '***1234',
      changed: false,
    });
  });

  it('handles a creation (no before) and a deletion (no after)', () => {
    expect(diffSnapshots(null, { id: 'x' })).toEqual([
      { path: 'id', before: undefined, after: 'x', changed: true },
    ]);
    expect(diffSnapshots({ id: 'x' }, null)).toHaveLength(1);
  });
});

describe('audit filters', () => {
  it('turns days into whole UTC days for the API and drops what is empty', () => {
    const params = parseAuditParams(
      new URLSearchParams('tenant_id=acme&from=2030-01-01&to=2030-01-02&action=&page=2'),
    );
    expect(toAuditQuery(params)).toEqual({
      page: 2,
      page_size: 25,
      tenant_id: 'acme',
      from: '2030-01-01T00:00:00.000Z',
      to: '2030-01-02T23:59:59.999Z',
    });
    expect(parseAuditParams(new URLSearchParams('from=yesterday')).from).toBe('');
  });
});
