import { CheerioWebBaseLoader } from '@langchain/community/document_loaders/web/cheerio';
import type { FetchedPage } from '../fetch/safe-fetcher';
import { GuardedWebLoader } from './guarded-web-loader';

describe('GuardedWebLoader', () => {
  const globalFetch = jest.fn();
  beforeEach(() => {
    globalFetch.mockReset();
    jest.spyOn(global, 'fetch').mockImplementation(globalFetch);
  });
  afterEach(() => jest.restoreAllMocks());

  it('is LangChain cheerio loader, reading the page the guarded fetcher returned', async () => {
    const fetchPage = jest.fn(async (url: string): Promise<FetchedPage> => ({
      url: `${url}final/`,
      contentType: 'html',
      body: '<title>Prices</title><script>x()</script><nav>Menu</nav><h1>Prices</h1><p>Cleaning: 40</p><a href="/faq#top">FAQ</a>',
    }));
    const loader = new GuardedWebLoader('https://clinic.test/', fetchPage);
    expect(loader).toBeInstanceOf(CheerioWebBaseLoader);
    const [doc] = await loader.load();
    expect(fetchPage).toHaveBeenCalledWith('https://clinic.test/');
    expect(doc.pageContent).toBe('Prices\n\nCleaning: 40\nFAQ');
    expect(doc.metadata).toEqual({
      source: 'https://clinic.test/final/',
      title: 'Prices',
      links: ['https://clinic.test/faq'],
    });
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('reads plain text pages as text', async () => {
    const loader = new GuardedWebLoader('https://a.test/robots.txt', async (url) => ({
      url,
      contentType: 'text',
      body: 'Opening hours\nNine to seven.',
    }));
    const [doc] = await loader.load();
    expect(doc.pageContent).toBe('Opening hours\nNine to seven.');
    expect(doc.metadata.title).toBe('Opening hours');
  });

  it("refuses LangChain's own, unguarded fetch paths", async () => {
    await expect(GuardedWebLoader._scrape()).rejects.toThrow('SSRF-guarded');
    await expect(GuardedWebLoader.scrapeAll()).rejects.toThrow('SSRF-guarded');
    expect(globalFetch).not.toHaveBeenCalled();
  });
});
