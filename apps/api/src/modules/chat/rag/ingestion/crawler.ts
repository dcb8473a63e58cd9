import { FetchRefusedError, parseHttpUrl } from '../fetch/safe-fetcher';
import type { FetchedPage } from '../fetch/safe-fetcher';
import { GuardedWebLoader } from './guarded-web-loader';
import { sameSiteLinks } from './html-page';

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
 * Breadth-first over same-site links, each page read by LangChain's web loader on top of the
 * guarded `fetch`: the start page is depth 0, its links depth 1, and so on
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
      const [page] = await new GuardedWebLoader(url, options.fetch).load();
      const finalUrl = page.metadata.source;
      // A redirect may land on a page already crawled under its final URL.
      if (finalUrl !== url && known.has(finalUrl) && finalUrl !== start) {
        done += 1;
        await options.onProgress?.({ pagesFound: Math.min(known.size, options.pageLimit), pagesDone: done });
        continue;
      }
      known.add(finalUrl);
      if (page.pageContent) pages.push({ url: finalUrl, title: page.metadata.title, text: page.pageContent });
      else errors.push({ url, error: 'The page has no readable text' });
      if (depth < options.depth) {
        for (const link of sameSiteLinks(page.metadata.links, finalUrl)) {
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
