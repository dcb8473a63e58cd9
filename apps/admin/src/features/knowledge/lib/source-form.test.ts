import { describe, expect, it } from 'vitest';
import { emptySource, sourceRequest, validateSource } from './source-form';

describe('knowledge source form', () => {
  it('accepts a web address with the default depth and limit', () => {
    const values = { ...emptySource(), url: ' https://acme.test/prices ' };
    expect(validateSource(values)).toEqual({});
    expect(sourceRequest(values)).toEqual({
      url: 'https://acme.test/prices',
      crawl_depth: 1,
      page_limit: 20,
    });
  });

  it('refuses a missing, relative or non-web address', () => {
    expect(validateSource(emptySource()).url).toMatch(/Enter the address/);
    for (const url of [
      'acme.test',
      'ftp://acme.test/x',
      'javascript:alert(1)',
      'https://acme test',
      'https://nodot',
    ])
      expect(validateSource({ ...emptySource(), url }).url).toMatch(/full web address/);
  });

  it('keeps depth within 0..3 and the page limit within 1..200, whole numbers only', () => {
    const base = { ...emptySource(), url: 'https://acme.test' };
    expect(validateSource({ ...base, crawl_depth: '0', page_limit: '200' })).toEqual({});
    expect(validateSource({ ...base, crawl_depth: '4' }).crawl_depth).toBeDefined();
    expect(validateSource({ ...base, crawl_depth: '-1' }).crawl_depth).toBeDefined();
    expect(validateSource({ ...base, crawl_depth: '1.5' }).crawl_depth).toBeDefined();
    expect(validateSource({ ...base, page_limit: '0' }).page_limit).toBeDefined();
    expect(validateSource({ ...base, page_limit: '201' }).page_limit).toBeDefined();
    expect(validateSource({ ...base, page_limit: '' }).page_limit).toBeDefined();
  });
});
