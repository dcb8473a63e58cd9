import { WebsiteFake } from '@parley/fakes';
import { SafeFetcher } from '../fetch/safe-fetcher';
import { chunkPage } from './chunker';
import { crawl, CrawlProgress } from './crawler';

describe('crawler over the web-site fake', () => {
  let site: WebsiteFake;
  const fetcher = new SafeFetcher({
    allowPrivate: true,
    maxBytes: 2_000_000,
    timeoutMs: 3000,
    maxRedirects: 5,
  });
  const fetch = (url: string) => fetcher.fetch(url);
  beforeAll(async () => {
    site = await new WebsiteFake().start();
  });
  afterAll(() => site.stop());
  beforeEach(() => site.clearRequests());

  it('depth 0 reads the start page only', async () => {
    const result = await crawl(site.page('/'), { depth: 0, pageLimit: 20, fetch });
    expect(result.pages.map((p) => p.url)).toEqual([site.page('/')]);
    expect(result.errors).toEqual([]);
  });

  it('follows same-site links level by level, records failing pages and goes on', async () => {
    const progress: CrawlProgress[] = [];
    const result = await crawl(site.page('/'), {
      depth: 1,
      pageLimit: 50,
      fetch,
      onProgress: async (p) => void progress.push(p),
    });
    const urls = result.pages.map((p) => p.url.replace(site.url, ''));
    expect(urls).toEqual(expect.arrayContaining(['/', '/pricing', '/about', '/docs/intro', '/notes.txt']));
    expect(urls).not.toContain('/docs/setup');
    // /old-pricing lands on /pricing, already read: not twice.
    expect(urls.filter((u) => u === '/pricing')).toHaveLength(1);
    const errors = Object.fromEntries(result.errors.map((e) => [e.url.replace(site.url, ''), e.error]));
    expect(errors['/metadata-redirect']).toContain('cloud metadata');
    expect(errors['/link-local-redirect']).toContain('link-local');
    expect(errors['/big']).toContain('larger than');
    expect(errors['/download']).toContain('not an HTML or text page');
    expect(errors['/missing']).toContain('HTTP 404');
    // The PDF and the off-site partner are never requested.
    expect(site.requests({ path: '/brochure.pdf' })).toHaveLength(0);
    expect(progress.at(-1)).toEqual({ pagesFound: progress.length, pagesDone: progress.length });
    expect(progress.map((p) => p.pagesDone)).toEqual(progress.map((_, i) => i + 1));
  });

  it('reaches the deep page at depth 3 and stops at the page limit', async () => {
    const deep = await crawl(site.page('/docs/intro'), { depth: 3, pageLimit: 20, fetch });
    expect(deep.pages.map((p) => p.title)).toEqual(
      expect.arrayContaining(['Docs: introduction', 'Docs: setup guide', 'Docs: maintenance']),
    );
    const limited = await crawl(site.page('/'), { depth: 3, pageLimit: 3, fetch });
    expect(limited.pages.length + limited.errors.length).toBe(3);
  });

  it('splits pages into chunks that keep the URL and title', async () => {
    const [page] = (await crawl(site.page('/pricing'), { depth: 0, pageLimit: 1, fetch })).pages;
    const chunks = await chunkPage(page);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks[0]).toMatchObject({ url: site.page('/pricing'), title: 'Pricing' });
    expect(chunks.map((c) => c.text).join('\n')).toContain('kumquat-coloured');
    const long = await chunkPage({ url: 'u', title: 't', text: 'word '.repeat(1000) });
    expect(long.length).toBeGreaterThan(4);
    expect(Math.max(...long.map((c) => c.text.length))).toBeLessThanOrEqual(1000);
    expect(await chunkPage({ url: 'u', title: null, text: '   ' })).toEqual([]);
  });
});
