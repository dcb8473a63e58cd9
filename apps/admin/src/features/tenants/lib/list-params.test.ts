import { describe, expect, it } from 'vitest';
import { tenantKeys } from '../api/keys';
import { filterOf, hasFilters, parseListParams, toApiQuery, toSearchParams } from './list-params';

const parse = (qs: string) => parseListParams(new URLSearchParams(qs));

describe('tenant list parameters', () => {
  it('reads the address bar, falling back to defaults for anything unknown or malformed', () => {
    expect(parse('')).toEqual({
      page: 1,
      page_size: 25,
      search: '',
      status: undefined,
      crm: undefined,
      llm: undefined,
      onboarded: undefined,
      sort: 'name',
      order: 'asc',
    });
    expect(
      parse(
        'page=-3&page_size=5000&status=deleted&crm=salesforce&onboarded=maybe&health=sick&sort=evil&order=up',
      ),
    ).toEqual(parse('page_size=100'));
    expect(parse('sort=created_at').order).toBe('desc');
    expect(parse('search=%20Acme%20&onboarded=false&llm=ollama')).toMatchObject({
      search: 'Acme',
      onboarded: false,
      llm: 'ollama',
    });
  });

  it('writes back only what differs from the defaults, keeping unrelated parameters', () => {
    const params = { ...parse(''), status: 'suspended' as const, page: 3 };
    expect(toSearchParams(params, new URLSearchParams('bulk=op-1&page=9')).toString()).toBe(
      'bulk=op-1&page=3&status=suspended',
    );
    expect(toSearchParams(parse('sort=created_at&order=desc')).toString()).toBe('sort=created_at');
    const roundTrip =
      'page=2&page_size=50&search=acme&crm=zoho&onboarded=true&health=invalid&sort=id&order=desc';
    expect(toSearchParams(parse(roundTrip)).toString()).toBe(roundTrip);
  });

  it('gives equal lists equal query keys, whatever order the address bar had', () => {
    const a = toApiQuery(parse('status=active&crm=zoho&page=2'));
    const b = toApiQuery(parse('page=2&crm=zoho&status=active'));
    expect(JSON.stringify(tenantKeys.list(a))).toBe(JSON.stringify(tenantKeys.list(b)));
    expect(tenantKeys.list(a).slice(0, 3)).toEqual(['platform', 'tenants', 'list']);
  });

  it('separates the filters (what "every matching" means) from paging and sorting', () => {
    const params = parse('search=acme&status=active&onboarded=false&health=expiring&page=4&sort=id');
    expect(filterOf(params)).toEqual({
      search: 'acme',
      status: 'active',
      onboarded: false,
      health: 'expiring',
    });
    expect(hasFilters(params)).toBe(true);
    expect(hasFilters(parse('page=4&sort=id'))).toBe(false);
  });
});
