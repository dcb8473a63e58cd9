export type HealthState = 'up' | 'down';

export interface HealthResponse {
  /** `draining`: the process received SIGTERM and is finishing in-flight work (readiness 503). */
  status: 'ok' | 'error' | 'draining';
  database: HealthState;
  queue: HealthState;
  mode: 'embedded' | 'postgres';
  version: string;
  uptime_seconds: number;
}

export interface SystemInfo extends HealthResponse {
  node_version: string;
  /** Whether background jobs run inside this API process (embedded mode, or RUN_WORKERS=true). */
  workers_in_process: boolean;
  memory_rss_bytes: number;
}
