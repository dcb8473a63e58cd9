/**
 * A tiny declarative env schema: each field parses one variable and reports a readable problem,
 * so that boot can list every bad variable at once instead of failing on the first.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface EnvField<T> {
  readonly name: string;
  parse(raw: string | undefined): ParseResult<T>;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const bad = <T>(problem: string): ParseResult<T> => ({ ok: false, problem });

function field<T>(
  name: string,
  fallback: { default: T } | { optional: true } | undefined,
  parse: (raw: string) => ParseResult<T>,
): EnvField<T> {
  return {
    name,
    parse(raw) {
      const value = raw?.trim();
      if (value === undefined || value === '') {
        if (fallback && 'default' in fallback) return ok(fallback.default);
        if (fallback && 'optional' in fallback) return ok(undefined as T);
        return bad(`${name} is required`);
      }
      const result = parse(value);
      return result.ok ? result : bad(`${name} ${result.problem}`);
    },
  };
}

type Fallback<T> = { default: T } | { optional: true };
type Out<T, F> = F extends { optional: true } ? T | undefined : T;

export const env = {
  string<F extends Fallback<string> | undefined>(name: string, opts?: F & { minLength?: number }) {
    return field<Out<string, F>>(name, opts, (raw) =>
      opts?.minLength && raw.length < opts.minLength
        ? bad(`must be at least ${opts.minLength} characters long`)
        : ok(raw as Out<string, F>),
    );
  },

  int<F extends Fallback<number> | undefined>(name: string, opts?: F & { min?: number; max?: number }) {
    return field<Out<number, F>>(name, opts, (raw) => {
      if (!/^-?\d+$/.test(raw)) return bad(`must be a whole number, got "${raw}"`);
      const n = Number(raw);
      if (opts?.min !== undefined && n < opts.min) return bad(`must be at least ${opts.min}, got ${n}`);
      if (opts?.max !== undefined && n > opts.max) return bad(`must be at most ${opts.max}, got ${n}`);
      return ok(n as Out<number, F>);
    });
  },

  bool<F extends Fallback<boolean> | undefined>(name: string, opts?: F) {
    return field<Out<boolean, F>>(name, opts, (raw) => {
      const lower = raw.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return ok(true as Out<boolean, F>);
      if (['false', '0', 'no', 'off'].includes(lower)) return ok(false as Out<boolean, F>);
      return bad(`must be true or false, got "${raw}"`);
    });
  },

  oneOf<const V extends string, F extends Fallback<V> | undefined>(
    name: string,
    values: readonly V[],
    opts?: F,
  ) {
    return field<Out<V, F>>(name, opts, (raw) =>
      (values as readonly string[]).includes(raw)
        ? ok(raw as Out<V, F>)
        : bad(`must be one of ${values.join(', ')}, got "${raw}"`),
    );
  },

  url<F extends Fallback<string> | undefined>(name: string, opts?: F & { protocols?: string[] }) {
    const protocols = opts?.protocols ?? ['http:', 'https:'];
    return field<Out<string, F>>(name, opts, (raw) => {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        return bad(`must be a URL, got "${raw}"`);
      }
      if (!protocols.includes(parsed.protocol)) {
        return bad(
          `must use ${protocols.map((p) => p.replace(':', '')).join(' or ')}, got "${parsed.protocol}"`,
        );
      }
      return ok(raw.replace(/\/+$/, '') as Out<string, F>);
    });
  },

  /** A duration such as `3600`, `45s`, `30m`, `12h` or `7d`, returned in seconds. */
  duration<F extends Fallback<number> | undefined>(name: string, opts?: F & { allowZero?: boolean }) {
    return field<Out<number, F>>(name, opts, (raw) => {
      const seconds = opts?.allowZero && /^0+\s*(s|m|h|d)?$/.test(raw.trim()) ? 0 : parseDuration(raw);
      return seconds === null
        ? bad(`must be a duration such as 3600, 30m, 12h or 7d, got "${raw}"`)
        : ok(seconds as Out<number, F>);
    });
  },

  base64KeyList: (name: string, bytes: number) => base64KeyList(name, bytes),

  /** Base64 of exactly `bytes` random bytes (an encryption key). */
  base64Key<F extends { optional: true } | undefined>(name: string, bytes: number, opts?: F) {
    return field<Out<string, F>>(name, opts, (raw) => {
      const decoded = Buffer.from(raw, 'base64');
      if (decoded.length !== bytes || !/^[A-Za-z0-9+/=_-]+$/.test(raw)) {
        return bad(`must be ${bytes} random bytes in base64 (e.g. \`openssl rand -base64 ${bytes}\`)`);
      }
      return ok(raw as Out<string, F>);
    });
  },
};

/** A comma-separated list of base64 keys; empty when unset. */
export function base64KeyList(name: string, bytes: number): EnvField<string[]> {
  const single = env.base64Key(name, bytes);
  return field<string[]>(name, { default: [] }, (raw) => {
    const keys = raw
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    for (const [i, key] of keys.entries()) {
      const result = single.parse(key);
      if (!result.ok) return bad(`entry ${i + 1} ${result.problem.slice(name.length + 1)}`);
    }
    return ok(keys);
  });
}

export function parseDuration(raw: string): number | null {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(raw.trim());
  if (!match) return null;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  return seconds > 0 ? seconds : null;
}

export type EnvSection = Record<string, EnvField<unknown>>;
export type InferSection<S extends EnvSection> = {
  [K in keyof S]: S[K] extends EnvField<infer T> ? T : never;
};

export function parseSection<S extends EnvSection>(
  section: S,
  source: Record<string, string | undefined>,
  problems: string[],
): InferSection<S> {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(section)) {
    const result = def.parse(source[def.name]);
    if (result.ok) out[key] = result.value;
    else problems.push(result.problem);
  }
  return out as InferSection<S>;
}
