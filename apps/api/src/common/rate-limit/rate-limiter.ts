import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RateLimitVerdict {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters kept in PostgreSQL, so every API replica shares the same limits.
 * One upsert per check.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitVerdict> {
    const rows: { hits: number; retry_after: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_hits (key, window_started_at, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_hits.window_started_at <= now() - make_interval(secs => $2)
                     THEN 1 ELSE rate_limit_hits.hits + 1 END,
         window_started_at = CASE WHEN rate_limit_hits.window_started_at <= now() - make_interval(secs => $2)
                     THEN now() ELSE rate_limit_hits.window_started_at END
       RETURNING hits,
         GREATEST(1, CEIL(EXTRACT(EPOCH FROM (window_started_at + make_interval(secs => $2) - now()))))::int
           AS retry_after`,
      [key, windowSeconds],
    );
    const { hits, retry_after } = rows[0];
    return { allowed: hits <= limit, remaining: Math.max(0, limit - hits), retryAfterSeconds: retry_after };
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_hits WHERE key = $1', [key]);
  }
}
