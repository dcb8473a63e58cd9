import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_DIST, BENCH_DIR } from './lib';

/**
 * `pnpm bench [name...]`: runs every benchmark under bench/<name>/, one process each, in name
 * order: the compiled entry in dist/<name>/ (`<name>.bench.js`, `index.js`, `run.js`, `main.js`),
 * else the repository's own `bench:<name>` script (benchmarks run by another tool, e.g. tsx). A
 * benchmark that fails is reported and the others still run; figures never fail the command
 * (benchmarks measure, they do not judge).
 */
const ENTRIES = (name: string) => [`${name}.bench.js`, 'index.js', 'run.js', 'main.js'];
const DIST = join(BENCH_DIR, 'dist');
const ROOT = join(BENCH_DIR, '..');

interface Benchmark {
  name: string;
  command: string;
  args: string[];
}

function rootScripts(): Record<string, string> {
  return (
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
      .scripts ?? {}
  );
}

function benchmarks(): Benchmark[] {
  const scripts = rootScripts();
  return readdirSync(BENCH_DIR)
    .filter((name) => !['lib', 'dist', 'results', 'node_modules'].includes(name))
    .filter((name) => statSync(join(BENCH_DIR, name)).isDirectory())
    .sort()
    .flatMap((name): Benchmark[] => {
      const entry = ENTRIES(name)
        .map((file) => join(DIST, name, file))
        .find((file) => existsSync(file));
      if (entry) return [{ name, command: process.execPath, args: [entry] }];
      if (scripts[`bench:${name}`])
        return [{ name, command: 'pnpm', args: ['--silent', 'run', `bench:${name}`] }];
      return [];
    });
}

function main(): void {
  if (!existsSync(join(API_DIST, 'main.js'))) {
    process.stdout.write('Building the API first (pnpm --filter @parley/api build)\n');
    spawnSync('pnpm', ['--filter', '@parley/api', 'run', 'build'], { stdio: 'inherit', cwd: BENCH_DIR });
  }
  const wanted = process.argv.slice(2);
  const found = benchmarks().filter((b) => wanted.length === 0 || wanted.includes(b.name));
  const outcomes: { benchmark: string; result: string; seconds: number }[] = [];
  for (const { name, command, args } of found) {
    process.stdout.write(`\n=== bench ${name} ===\n`);
    const started = Date.now();
    const cwd = command === 'pnpm' ? ROOT : BENCH_DIR;
    const run = spawnSync(command, args, { stdio: 'inherit', cwd, env: process.env });
    outcomes.push({
      benchmark: name,
      result: run.status === 0 ? `results/${name}.json` : `did not finish (exit ${run.status ?? run.signal})`,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }
  process.stdout.write('\nbenchmarks\n');
  for (const o of outcomes)
    process.stdout.write(`  ${o.benchmark.padEnd(10)} ${String(o.seconds).padStart(4)} s  ${o.result}\n`);
  if (found.length === 0)
    process.stdout.write(`  none found${wanted.length ? ` for ${wanted.join(', ')}` : ''}\n`);
}

main();
