import { CheerioWebBaseLoader } from '@langchain/community/document_loaders/web/cheerio';
import { Document } from '@langchain/core/documents';
import { load, type CheerioAPI } from 'cheerio';
import type { FetchedPage } from '../fetch/safe-fetcher';
import { parseText, readHtml } from './html-page';

export interface WebPageMetadata {
  /** The URL after redirects. */
  source: string;
  title: string | null;
  /** Absolute http(s) links of an HTML page, in page order (none for plain text). */
  links: string[];
}

const UNGUARDED = 'GuardedWebLoader fetches only through the SSRF-guarded fetcher';

/**
 * LangChain's cheerio web loader, but every request goes through Parley's SSRF-guarded fetcher:
 * `scrape()` fetches with `fetchPage` and hands the body to cheerio, and LangChain's own fetch
 * path (`_scrape`, `scrapeAll`) refuses to run. `load()` gives one Document per page with the
 * readable text (blocks on their own lines, no scripts or navigation) and the page's links.
 */
export class GuardedWebLoader extends CheerioWebBaseLoader {
  private fetched: FetchedPage | null = null;

  constructor(
    url: string,
    private readonly fetchPage: (url: string) => Promise<FetchedPage>,
  ) {
    super(url);
  }

  static override _scrape(): Promise<CheerioAPI> {
    return Promise.reject(new Error(UNGUARDED));
  }

  static override scrapeAll(): Promise<CheerioAPI[]> {
    return Promise.reject(new Error(UNGUARDED));
  }

  override async scrape(): Promise<CheerioAPI> {
    this.fetched = await this.fetchPage(this.webPath);
    return load(this.fetched.body);
  }

  override async load(): Promise<Document<WebPageMetadata>[]> {
    const $ = await this.scrape();
    const page = this.fetched!;
    const parsed = page.contentType === 'html' ? readHtml($, page.url) : parseText(page.body);
    return [
      new Document<WebPageMetadata>({
        pageContent: parsed.text,
        metadata: { source: page.url, title: parsed.title, links: parsed.links },
      }),
    ];
  }
}
