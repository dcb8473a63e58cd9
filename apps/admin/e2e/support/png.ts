import { crc32, deflateSync } from 'node:zlib';

/**
 * A small PNG logo drawn in code (a white speech bubble on a rounded green square), for pages that
 * show a tenant's logo: the browser tests have no internet to fetch a real one from.
 */
export function logoPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const corner = Math.max(Math.abs(x + 0.5 - c), Math.abs(y + 0.5 - c)) > c - 2;
      const rounded =
        Math.hypot(
          Math.max(0, Math.abs(x + 0.5 - c) - c * 0.7),
          Math.max(0, Math.abs(y + 0.5 - c) - c * 0.7),
        ) >
        c * 0.3;
      const bubble =
        Math.hypot(x - c, (y - c * 0.92) * 1.25) < c * 0.5 ||
        (x > c * 0.55 && x < c * 0.85 && y > c * 1.2 && y < c * 1.55 && x - c * 0.55 > (y - c * 1.2) * 0.9);
      const [r, g, b, a] =
        corner || rounded ? [0, 0, 0, 0] : bubble ? [255, 255, 255, 255] : [20, 83, 63, 255];
      row.set([r, g, b, a], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
