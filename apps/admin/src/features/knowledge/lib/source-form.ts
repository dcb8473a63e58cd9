import type { CreateKnowledgeSourceRequest } from '@parley/shared-types';
import { withoutEmpty } from '../../../lib/forms';

export const DEPTH_MAX = 3;
export const PAGE_LIMIT_MAX = 200;

export interface SourceValues {
  url: string;
  crawl_depth: string;
  page_limit: string;
}
export type SourceErrors = Partial<Record<keyof SourceValues, string>>;

export const emptySource = (): SourceValues => ({ url: '', crawl_depth: '1', page_limit: '20' });

/** The API's rules (knowledge.ts), checked before sending. */
export function validateSource(v: SourceValues): SourceErrors {
  const errors: SourceErrors = {};
  const url = v.url.trim();
  if (!url) errors.url = 'Enter the address of a page of your website';
  else if (!isWebAddress(url)) errors.url = 'Enter a full web address starting with https:// or http://';
  const depth = wholeNumber(v.crawl_depth);
  if (depth === null || depth < 0 || depth > DEPTH_MAX)
    errors.crawl_depth = `A whole number from 0 to ${DEPTH_MAX}`;
  const limit = wholeNumber(v.page_limit);
  if (limit === null || limit < 1 || limit > PAGE_LIMIT_MAX)
    errors.page_limit = `A whole number from 1 to ${PAGE_LIMIT_MAX}`;
  return withoutEmpty(errors);
}

export function sourceRequest(v: SourceValues): CreateKnowledgeSourceRequest {
  return { url: v.url.trim(), crawl_depth: Number(v.crawl_depth), page_limit: Number(v.page_limit) };
}

function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    const web = url.protocol === 'https:' || url.protocol === 'http:';
    return web && (url.hostname.includes('.') || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

function wholeNumber(text: string): number | null {
  return /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : null;
}
