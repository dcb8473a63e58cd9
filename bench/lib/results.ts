import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export const BENCH_DIR = resolve(__dirname, '..', '..');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

export interface Machine {
  cpus: number;
  model: string;
  mem: string;
  node: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    mem: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
  };
}

/** Writes bench/results/<name>.json as `{name, date, machine, metrics}` and returns its path. */
export function writeResult(name: string, metrics: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const result = { name, date: new Date().toISOString(), machine: machine(), metrics };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file}\n`);
  return file;
}
