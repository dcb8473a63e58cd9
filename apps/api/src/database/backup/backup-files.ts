import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupError } from './backup-format';

export interface BackupOutput {
  /** Where the backup lines go (they are gzip-compressed on the way). */
  stream: Writable;
  /** Ends the file and, for a file, moves it into place; resolves with the compressed size. */
  finish(): Promise<number>;
  /** Throws the partial file away. */
  abort(): void;
}

/**
 * A file is written next to its final name and renamed at the end, so a backup that failed halfway
 * never looks like a good one. `-` writes to stdout (for piping to storage).
 */
export function openBackupOutput(path: string): BackupOutput {
  const gzip = createGzip();
  let bytes = 0;
  gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
  if (path === '-') {
    // Each chunk counts as written once stdout has handed it to the OS: a pipe to a slow reader
    // buffers, and the CLI exits right after `finish`.
    const stdout = new Writable({
      write: (chunk: Buffer, _encoding, done) => process.stdout.write(chunk, done),
    });
    gzip.pipe(stdout);
    return {
      stream: gzip,
      finish: async () => {
        gzip.end();
        await finished(stdout);
        return bytes;
      },
      abort: () => gzip.destroy(),
    };
  }
  const partial = `${path}.partial`;
  const file = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(file);
  gzip.on('error', (error) => file.destroy(error));
  return {
    stream: gzip,
    finish: async () => {
      gzip.end();
      await finished(file);
      renameSync(partial, path);
      return bytes;
    },
    abort: () => {
      gzip.destroy();
      file.destroy();
      rmSync(partial, { force: true });
    },
  };
}

/** The backup's lines, read as they are needed (a large backup is never held in memory). `-` reads stdin. */
export async function* readBackupLines(path: string): AsyncGenerator<string> {
  const source: Readable = path === '-' ? process.stdin : createReadStream(path);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const parts = (rest + decoder.write(chunk)).split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
      throw new BackupError('This is not a Parley backup, or it is damaged (not valid gzip data)');
    }
    throw error;
  } finally {
    source.destroy();
  }
  rest += decoder.end();
  if (rest) yield rest;
}
