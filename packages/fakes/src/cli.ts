#!/usr/bin/env node
import { FAKE_DEFINITIONS } from './harness/registry';
import type { FakeServer } from './harness/fake-server';

/**
 * Starts the vendor fakes on fixed loopback ports for manual use and demos:
 *   pnpm fakes                 every fake, from port 4100 up
 *   pnpm fakes meta zoho       only those
 *   pnpm fakes --port 5000     another first port
 * and prints the environment lines that point Parley at them.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portFlag = args.indexOf('--port');
  const firstPort = portFlag >= 0 ? Number(args[portFlag + 1]) : 4100;
  const names = args.filter((a, i) => !a.startsWith('--') && (portFlag < 0 || i !== portFlag + 1));
  const unknown = names.filter((n) => !FAKE_DEFINITIONS.some((d) => d.name === n));
  if (unknown.length > 0 || FAKE_DEFINITIONS.length === 0) {
    process.stderr.write(
      `${unknown.length ? `Unknown fake: ${unknown.join(', ')}. ` : ''}Available: ${
        FAKE_DEFINITIONS.map((d) => d.name).join(', ') || 'none yet'
      }\n`,
    );
    process.exit(unknown.length ? 2 : 0);
  }
  const chosen = names.length ? FAKE_DEFINITIONS.filter((d) => names.includes(d.name)) : FAKE_DEFINITIONS;
  const running: FakeServer[] = [];
  const env: string[] = [];
  for (const [i, definition] of chosen.entries()) {
    const fake = await definition.create().start(firstPort + i);
    running.push(fake);
    process.stdout.write(`${definition.name.padEnd(8)} ${fake.url}  ${definition.description}\n`);
    for (const [key, value] of Object.entries(definition.env(fake.url))) env.push(`${key}=${value}`);
  }
  process.stdout.write(`\nPoint Parley at them with:\n${env.join('\n')}\n`);
  const stop = () => void Promise.all(running.map((f) => f.stop())).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
