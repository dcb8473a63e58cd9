/** What one HTTP call gave: a status and body, or the network error (refused, reset, timed out). */
export type Outcome =
  | { status: number; body: unknown; ms: number; error?: undefined }
  | { error: string; ms: number; status?: undefined };

/** One HTTP call with a deadline, so a hang shows up as `timeout` instead of stalling the test. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    timeoutMs?: number;
    headers?: Record<string, string>;
    raw?: string;
  } = {},
): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined || options.raw !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body, ms: performance.now() - started };
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string } };
    const kind = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? String(error));
    return { error: kind, ms: performance.now() - started };
  }
}

/** The call's body when it answered `expected`; throws with what it got otherwise. */
export async function expectStatus<T = unknown>(
  expected: number,
  ...args: Parameters<typeof call>
): Promise<T> {
  const outcome = await call(...args);
  if (outcome.status !== expected)
    throw new Error(`${args[1]} ${args[2]}: expected ${expected}, got ${JSON.stringify(outcome)}`);
  return outcome.body as T;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const body = await expectStatus<{ access_token: string }>(200, baseUrl, 'POST', '/api/v1/auth/login', {
    body: { email, password },
  });
  return body.access_token;
}

export interface FaultTenant {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** A tenant and its admin, made through the platform admin API as an operator would. */
export async function createTenant(
  baseUrl: string,
  rootToken: string,
  body: Record<string, unknown> = {},
): Promise<FaultTenant> {
  const id = `f_${Math.random().toString(36).slice(2, 10)}`;
  await expectStatus(201, baseUrl, 'POST', '/api/v1/admin/tenants', {
    token: rootToken,
    body: { name: `Fault ${id}`, ...body, id },
  });
  const email = `admin-${id}@faults.test`;
  const password = `pw-${id}-secret`;
  await expectStatus(201, baseUrl, 'POST', `/api/v1/admin/tenants/${id}/users`, {
    token: rootToken,
    body: { email, password },
  });
  return { id, email, password, token: await login(baseUrl, email, password) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `condition` holds or `timeoutMs` passes (then throws with `what`). */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
  return Date.now() - started;
}
