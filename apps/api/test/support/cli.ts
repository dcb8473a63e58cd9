import { join } from 'node:path';
import { CliIo } from '../../src/cli/cli-command';

/** A CliIo that records what a command printed; relative paths resolve in `dir`. */
export function recordingIo(dir: string): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (l) => void out.push(l), err: (l) => void err.push(l), path: (p) => join(dir, p) },
    out,
    err,
  };
}
