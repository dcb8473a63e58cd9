import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON or form body when the content type says so, else the text. */
  body: unknown;
  rawBody: string;
  at: number;
}

export interface FakeRequest extends RecordedRequest {
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent verbatim instead of JSON (HTML pages, plain text challenges). */
  raw?: string | Buffer;
  /** Hold the answer back this long (timeouts, slow vendors). */
  delayMs?: number;
}

export type RouteHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FailureRule {
  method?: string;
  /** A substring of the path, or a regular expression source wrapped in slashes: `/^\/v25.0\/\d+\/messages$/`. */
  path?: string;
  response: FakeResponse;
  /** Answer this many matching requests with the failure (default: all of them until cleared or expired). */
  times?: number;
  /** Stop failing after this many milliseconds. */
  durationMs?: number;
}

interface ActiveFailure extends FailureRule {
  remaining: number;
  until: number;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/**
 * A local HTTP server that answers like a vendor, records every request it gets, and can be
 * told to fail (status, body, delay) for some requests or some time, in process or over HTTP
 * through its `/__fake/*` control routes (for fakes running in another process).
 */
export class FakeServer {
  private readonly routes: Route[] = [];
  private readonly recorded: RecordedRequest[] = [];
  private failures: ActiveFailure[] = [];
  private readonly controls = new Map<string, RouteHandler>();
  private server: Server | null = null;
  private baseUrl = '';

  constructor(readonly name: string) {}

  get url(): string {
    if (!this.baseUrl) throw new Error(`Fake ${this.name} is not started`);
    return this.baseUrl;
  }

  /** Registers a route; `pattern` is a path with `:name` segments, e.g. `/:version/:phoneNumberId/messages`. */
  route(method: string, pattern: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Adds a vendor-specific control route under `/__fake/` (e.g. what the next signup returns). */
  controlRoute(method: string, path: string, handler: RouteHandler): this {
    this.controls.set(`${method.toUpperCase()} /__fake/${path.replace(/^\//, '')}`, handler);
    return this;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  requests(filter: { method?: string; path?: string | RegExp } = {}): RecordedRequest[] {
    return this.recorded.filter(
      (r) =>
        (!filter.method || r.method === filter.method.toUpperCase()) &&
        (!filter.path ||
          (typeof filter.path === 'string' ? r.path.includes(filter.path) : filter.path.test(r.path))),
    );
  }

  clearRequests(): void {
    this.recorded.length = 0;
  }

  fail(rule: FailureRule): void {
    this.failures.push({
      ...rule,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
      until: rule.durationMs ? Date.now() + rule.durationMs : Number.POSITIVE_INFINITY,
    });
  }

  clearFailures(): void {
    this.failures = [];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const recorded = await readRequest(req);
      if (recorded.path.startsWith('/__fake/')) {
        const extra = this.controls.get(`${recorded.method} ${recorded.path}`);
        return send(res, extra ? await extra({ ...recorded, params: {} }) : this.control(recorded));
      }
      this.recorded.push(recorded);
      const failure = this.takeFailure(recorded);
      if (failure) return send(res, failure);
      for (const route of this.routes) {
        if (route.method !== recorded.method) continue;
        const match = route.pattern.exec(recorded.path);
        if (!match) continue;
        const params = Object.fromEntries(
          route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]),
        );
        return send(res, await route.handler({ ...recorded, params }));
      }
      send(res, {
        status: 404,
        body: { error: `${this.name} fake has no route ${recorded.method} ${recorded.path}` },
      });
    } catch (error) {
      send(res, { status: 500, body: { error: `${this.name} fake crashed: ${(error as Error).message}` } });
    }
  }

  private takeFailure(req: RecordedRequest): FakeResponse | null {
    const now = Date.now();
    this.failures = this.failures.filter((f) => f.remaining > 0 && f.until > now);
    const failure = this.failures.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === req.method) && (!f.path || pathMatches(f.path, req.path)),
    );
    if (!failure) return null;
    failure.remaining -= 1;
    return failure.response;
  }

  private control(req: RecordedRequest): FakeResponse {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /__fake/requests') {
      return {
        status: 200,
        body: { requests: this.requests({ method: req.query.method, path: req.query.path }) },
      };
    }
    if (route === 'DELETE /__fake/requests') {
      this.clearRequests();
      return { status: 204 };
    }
    if (route === 'POST /__fake/failures') {
      this.fail(req.body as FailureRule);
      return { status: 201, body: { ok: true } };
    }
    if (route === 'DELETE /__fake/failures') {
      this.clearFailures();
      return { status: 204 };
    }
    return { status: 404, body: { error: `Unknown control route ${route}` } };
  }
}

function pathMatches(rule: string, path: string): boolean {
  if (rule.length > 2 && rule.startsWith('/') && rule.endsWith('/'))
    return new RegExp(rule.slice(1, -1)).test(path);
  return path.includes(rule);
}

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake.local');
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? v.join(', ') : (v ?? ''),
    ]),
  );
  const type = headers['content-type'] ?? '';
  let body: unknown = rawBody;
  if (rawBody && type.includes('application/json')) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = rawBody;
    }
  } else if (rawBody && type.includes('application/x-www-form-urlencoded')) {
    body = Object.fromEntries(new URLSearchParams(rawBody));
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    rawBody,
    at: Date.now(),
  };
}

function send(res: ServerResponse, response: FakeResponse): void {
  const write = () => {
    if (res.headersSent) return;
    const headers: Record<string, string> = { ...response.headers };
    let payload: string | Buffer | undefined;
    if (response.raw !== undefined) {
      payload = response.raw;
    } else if (response.body !== undefined && response.status !== 204) {
      payload = JSON.stringify(response.body);
      headers['content-type'] ??= 'application/json; charset=UTF-8';
    }
    res.writeHead(response.status, headers);
    res.end(payload);
  };
  if (response.delayMs) setTimeout(write, response.delayMs);
  else write();
}
