import { load, type CheerioAPI } from 'cheerio';

export interface ParsedPage {
  title: string | null;
  /** Readable text: headings, paragraphs and list items on their own lines. */
  text: string;
  /** Absolute http(s) links, without fragments, in page order, each once. */
  links: string[];
}

const NOISE = 'script, style, noscript, template, svg, iframe, object, embed, form, head';
const BLOCKS =
  'p, div, section, article, main, header, footer, aside, li, tr, br, h1, h2, h3, h4, h5, h6, pre, blockquote, dt, dd';
/** Links to these are not pages: skip them before fetching. */
const BINARY_EXTENSIONS =
  /\.(pdf|zip|gz|tgz|rar|7z|png|jpe?g|gif|webp|svg|ico|mp3|mp4|mov|avi|webm|docx?|xlsx?|pptx?|exe|dmg|apk|iso|woff2?|ttf|css|js|json|xml)$/i;

/** Title, readable text and outgoing links of an HTML page. */
export function parseHtml(html: string, pageUrl: string): ParsedPage {
  return readHtml(load(html), pageUrl);
}

/** The same from a page already loaded into cheerio (it is changed: noise is removed). */
export function readHtml($: CheerioAPI, pageUrl: string): ParsedPage {
  const title = clean($('title').first().text()) || clean($('h1').first().text()) || null;
  const links: string[] = [];
  const seen = new Set<string>();
  const base = $('base[href]').attr('href');
  const baseUrl = safeUrl(base ?? '', pageUrl)?.href ?? pageUrl;
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href') ?? '';
    const url = safeUrl(href, baseUrl);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return;
    url.hash = '';
    if (!seen.has(url.href)) {
      seen.add(url.href);
      links.push(url.href);
    }
  });
  $(NOISE).remove();
  $('nav').remove();
  $(BLOCKS).each((_, element) => {
    $(element).prepend('\n').append('\n');
  });
  const text = $('body').length ? $('body').text() : $.root().text();
  return { title, text: normaliseText(text), links };
}

/** Plain-text pages: the first non-empty line stands in for a title. */
export function parseText(body: string): ParsedPage {
  const text = normaliseText(body);
  const firstLine = text.split('\n').find((line) => line.trim()) ?? null;
  return { title: firstLine ? firstLine.slice(0, 120) : null, text, links: [] };
}

/**
 * Links worth following from `from`: same site (same host, www. ignored), not a file download,
 * not already known. Query strings are kept (they may select content) but sorted-free.
 */
export function sameSiteLinks(links: string[], from: string): string[] {
  const origin = siteKey(new URL(from));
  return links.filter((link) => {
    const url = new URL(link);
    return siteKey(url) === origin && !BINARY_EXTENSIONS.test(url.pathname);
  });
}

function siteKey(url: URL): string {
  return `${url.protocol}//${url.host.replace(/^www\./i, '')}`;
}

function safeUrl(href: string, base: string): URL | null {
  try {
    return new URL(href.trim(), base);
  } catch {
    return null;
  }
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function normaliseText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line, i, lines) => line || (i > 0 && lines[i - 1]))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
