/** Helpers the LLM adapters share: deadlines, Google's RetryInfo, vector normalisation. */

/** Runs `call` with an AbortSignal that fires after `timeoutMs`; the timer never outlives the call. */
export async function withDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T } | { timedOut: true }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return { value: await call(controller.signal) };
  } catch (error) {
    if (timedOut) return { timedOut: true };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The delay a Google RPC error asks for (`google.rpc.RetryInfo.retryDelay`, a protobuf Duration
 * such as "26s" or "1.500s"), in ms; null when the error carries none.
 */
export function retryDelayMs(details: unknown): number | null {
  if (!Array.isArray(details)) return null;
  for (const detail of details as Record<string, unknown>[]) {
    const type = detail?.['@type'];
    if (typeof type !== 'string' || !type.endsWith('google.rpc.RetryInfo')) continue;
    const delay = detail.retryDelay;
    if (typeof delay === 'string') {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (match) return Math.round(Number(match[1]) * 1000);
    }
    if (delay && typeof delay === 'object') {
      const { seconds, nanos } = delay as { seconds?: number | string; nanos?: number };
      return Math.round(Number(seconds ?? 0) * 1000 + Number(nanos ?? 0) / 1e6);
    }
  }
  return null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** L2-normalised copy (Gemini's truncated Matryoshka vectors are not unit length). */
export function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm > 0 ? vector.map((v) => v / norm) : vector;
}

/** A short, secret-free description of a failure, for logs and the message row. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 500);
  return String(error).slice(0, 500);
}
