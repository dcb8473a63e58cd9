import { FetchRefusedError, parseHttpUrl } from '../fetch/safe-fetcher';
import type { FetchedPage } from '../fetch/safe-fetcher';
import { parseHtml, parseText, sameSiteLinks } from './html-page';

export interface CrawledPage {
  url: string;
  title: string | null;
  text: string;
}

export interface CrawlProgress {
  pagesFound: number;
  pagesDone: number;
}

export interface CrawlResult {
  pages: CrawledPage[];
  errors: { url: string; error: string }[];
}

export interface CrawlOptions {
  depth: number;
  pageLimit: number;
  fetch: (url: string) => Promise<FetchedPage>;
  /** Called after each page (fetched or failed); the caller stores the progress. */
  onProgress?: (progress: CrawlProgress) => Promise<void>;
}

/**
 * Breadth-first over same-site links: the start page is depth 0, its links depth 1, and so on
 * up to `depth`, at most `pageLimit` pages fetched. A page that fails is recorded and skipped;
 * the crawl goes on. The start page failing is the caller's to judge (no pages).
 */
export async function crawl(startUrl: string, options: CrawlOptions): Promise<CrawlResult> {
  const start = parseHttpUrl(startUrl).href;
  const queue: { url: string; depth: number }[] = [{ url: start, depth: 0 }];
  const known = new Set([start]);
  const pages: CrawledPage[] = [];
  const errors: CrawlResult['errors'] = [];
  let done = 0;
  while (queue.length > 0 && done < options.pageLimit) {
    const { url, depth } = queue.shift()!;
    try {
      const fetched = await options.fetch(url);
      // A redirect may land on a page already crawled under its final URL.
      if (fetched.url !== url && known.has(fetched.url) && fetched.url !== start) {
        done += 1;
        await options.onProgress?.({ pagesFound: Math.min(known.size, options.pageLimit), pagesDone: done });
        continue;
      }
      known.add(fetched.url);
      const parsed =
        fetched.contentType === 'html' ? parseHtml(fetched.body, fetched.url) : parseText(fetched.body);
      if (parsed.text) pages.push({ url: fetched.url, title: parsed.title, text: parsed.text });
      else errors.push({ url, error: 'The page has no readable text' });
      if (depth < options.depth) {
        for (const link of sameSiteLinks(parsed.links, fetched.url)) {
          if (known.has(link)) continue;
          known.add(link);
          queue.push({ url: link, depth: depth + 1 });
        }
      }
    } catch (error) {
      errors.push({
        url,
        error: error instanceof FetchRefusedError ? error.message : `Failed: ${String(error)}`,
      });
    }
    done += 1;
    await options.onProgress?.({
      pagesFound: Math.min(done + queue.length, options.pageLimit),
      pagesDone: done,
    });
  }
  return { pages, errors };
}
