import { lookup } from 'node:dns/promises';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { describeClass, refusalFor } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Host name → every address it resolves to. Tests pass their own; production uses the system resolver. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

export interface SafeFetchOptions {
  /** RAG_ALLOW_PRIVATE_URLS: loopback and private networks become reachable (never metadata/link-local). */
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  resolver?: Resolver;
  userAgent?: string;
}

export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  contentType: 'html' | 'text';
  body: string;
}

/** A page Parley will not or cannot fetch; the message is fit for an admin or a chat user. */
export class FetchRefusedError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'unreachable' | 'unsupported' | 'too-large' | 'http',
  ) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Fetches tenant-supplied URLs without letting them reach Parley's own network (SSRF): only
 * http(s); the host is resolved first and every address is checked; the connection goes to the
 * checked address (no second lookup, so DNS rebinding cannot swap it); redirects are followed
 * by hand and each hop is checked again; size, time and content type are limited.
 */
export class SafeFetcher {
  private readonly resolver: Resolver;

  constructor(private readonly options: SafeFetchOptions) {
    this.resolver = options.resolver ?? systemResolver;
  }

  async fetch(url: string): Promise<FetchedPage> {
    const deadline = Date.now() + this.options.timeoutMs;
    let current = parseHttpUrl(url);
    for (let hop = 0; ; hop++) {
      const address = await this.check(current);
      const response = await this.open(current, address, deadline);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.resume();
        const location = response.headers.location;
        if (!location) throw new FetchRefusedError(`${current.href} redirected without a location`, 'http');
        if (hop >= this.options.maxRedirects)
          throw new FetchRefusedError(
            `${url} redirected more than ${this.options.maxRedirects} times`,
            'http',
          );
        current = parseHttpUrl(new URL(location, current).href);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchRefusedError(`${current.href} answered HTTP ${status}`, 'http');
      }
      const contentType = pageType(response.headers['content-type']);
      if (!contentType) {
        response.resume();
        throw new FetchRefusedError(
          `${current.href} is not an HTML or text page (${response.headers['content-type'] ?? 'no content type'})`,
          'unsupported',
        );
      }
      const body = await this.readBody(response, current.href, deadline);
      return { url: current.href, contentType, body };
    }
  }

  /**
   * Resolves the host and returns the address to connect to. Any refused address among the
   * answers refuses the host: an attacker's name may answer with a public and a private address.
   */
  async check(url: URL): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host);
    let addresses: ResolvedAddress[];
    if (literal) addresses = [{ address: host, family: literal }];
    else {
      try {
        addresses = await this.resolver(host);
      } catch {
        throw new FetchRefusedError(`The host ${host} could not be found`, 'unreachable');
      }
      if (addresses.length === 0)
        throw new FetchRefusedError(`The host ${host} could not be found`, 'unreachable');
    }
    for (const { address } of addresses) {
      const refusal = refusalFor(address, this.options.allowPrivate);
      if (refusal) {
        const via = literal ? '' : ` (${host} resolves to ${address})`;
        throw new FetchRefusedError(
          `${url.origin} is not allowed: ${describeClass(refusal)}${via} is not on the public internet`,
          'refused',
        );
      }
    }
    return addresses[0];
  }

  private open(url: URL, address: ResolvedAddress, deadline: number): Promise<IncomingMessage> {
    const https = url.protocol === 'https:';
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        {
          // The checked address, never the name: a second lookup could answer differently.
          host: address.address,
          family: address.family,
          port: url.port || (https ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers: {
            Host: url.host,
            'User-Agent': this.options.userAgent ?? 'ParleyBot/1.0 (+knowledge crawler)',
            Accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
            'Accept-Encoding': 'gzip, deflate, br',
          },
          ...(https && !isIP(hostname) ? { servername: hostname } : {}),
          timeout: Math.max(1, deadline - Date.now()),
        },
        resolve,
      );
      const timer = setTimeout(
        () => req.destroy(new FetchRefusedError(`${url.href} did not answer in time`, 'unreachable')),
        Math.max(1, deadline - Date.now()),
      );
      req.once('response', () => clearTimeout(timer));
      req.once('close', () => clearTimeout(timer));
      req.once('timeout', () =>
        req.destroy(new FetchRefusedError(`${url.href} did not answer in time`, 'unreachable')),
      );
      req.once('error', (error) => {
        clearTimeout(timer);
        reject(
          error instanceof FetchRefusedError
            ? error
            : new FetchRefusedError(`${url.href} could not be reached (${error.message})`, 'unreachable'),
        );
      });
      req.end();
    });
  }

  private async readBody(response: IncomingMessage, href: string, deadline: number): Promise<string> {
    const { maxBytes } = this.options;
    const tooLarge = () => new FetchRefusedError(`${href} is larger than ${maxBytes} bytes`, 'too-large');
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    const stream = decoded(response);
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(
      () => stream.destroy(new FetchRefusedError(`${href} did not finish in time`, 'unreachable')),
      Math.max(1, deadline - Date.now()),
    );
    try {
      for await (const chunk of stream) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > maxBytes) {
          response.destroy();
          throw tooLarge();
        }
        chunks.push(buffer);
      }
    } catch (error) {
      if (error instanceof FetchRefusedError) throw error;
      throw new FetchRefusedError(`${href} could not be read (${(error as Error).message})`, 'unreachable');
    } finally {
      clearTimeout(timer);
    }
    return decodeText(Buffer.concat(chunks), response.headers['content-type']);
  }
}

/** Only absolute http(s) URLs without credentials. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FetchRefusedError(`"${raw}" is not a valid URL`, 'unsupported');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefusedError(
      `Only http and https URLs can be used, not ${url.protocol.replace(/:$/, '')}`,
      'unsupported',
    );
  if (url.username || url.password)
    throw new FetchRefusedError('URLs with a user name or password cannot be used', 'unsupported');
  url.hash = '';
  return url;
}

function pageType(header: string | undefined): FetchedPage['contentType'] | null {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  if (HTML_TYPES.has(type)) return 'html';
  if (type === 'text/plain') return 'text';
  return null;
}

function decoded(response: IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function decodeText(body: Buffer, contentType: string | undefined): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
