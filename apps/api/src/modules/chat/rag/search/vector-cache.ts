import { normalise, topK } from './vector-math';
import type { StoredVectors } from '../knowledge-chunks.repository';

/** One source's vectors in one space, normalised, and the source state they were read at. */
interface Block {
  stamp: string;
  vectors: StoredVectors;
}

export interface SourceStamp {
  id: string;
  /** Changes whenever the source's chunks are replaced (its last crawl time and chunk count). */
  stamp: string;
}

/**
 * Exact cosine search in the application, for databases without pgvector. Vectors are kept per
 * source and reloaded only for a source whose stamp changed, so a re-crawl of one source costs
 * one source's reload, and every process sees new or removed chunks on its next search. Least
 * recently used tenants are dropped first.
 */
export class VectorCache {
  private readonly tenants = new Map<string, Map<string, Block>>();

  constructor(private readonly maxTenants = 8) {}

  async search(
    key: { tenantId: string; space: string },
    sources: SourceStamp[],
    scope: ReadonlySet<string> | null,
    load: (sourceId: string) => Promise<StoredVectors>,
    query: number[],
    limit: number,
  ): Promise<{ id: string; score: number }[]> {
    const name = `${key.tenantId}\u0000${key.space}`;
    const blocks = this.tenants.get(name) ?? new Map<string, Block>();
    this.tenants.delete(name);
    this.tenants.set(name, blocks);
    while (this.tenants.size > this.maxTenants)
      this.tenants.delete(this.tenants.keys().next().value as string);

    const current = new Set(sources.map((s) => s.id));
    for (const id of blocks.keys()) if (!current.has(id)) blocks.delete(id);
    const hits: { id: string; score: number }[] = [];
    const q = normalise(query);
    for (const source of sources) {
      if (scope && !scope.has(source.id)) continue;
      let block = blocks.get(source.id);
      if (!block || block.stamp !== source.stamp) {
        block = { stamp: source.stamp, vectors: normaliseRows(await load(source.id)) };
        blocks.set(source.id, block);
      }
      hits.push(...scoreAll(block.vectors, q, limit));
    }
    return hits.sort((x, y) => y.score - x.score).slice(0, limit);
  }
}

/** Dot products of every stored row with `q` (both normalised: the cosine); the `limit` best. */
export function scoreAll(
  vectors: StoredVectors,
  q: Float32Array,
  limit: number,
): { id: string; score: number }[] {
  const { matrix, dimensions, ids } = vectors;
  if (dimensions === 0 || q.length !== dimensions) return [];
  const count = ids.length;
  const scores = new Float32Array(count);
  const tail = dimensions - (dimensions % 4);
  for (let row = 0; row < count; row++) {
    // Four accumulators: about twice as fast as one in V8.
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let base = row * dimensions;
    for (let i = 0; i < tail; i += 4, base += 4) {
      a0 += matrix[base] * q[i];
      a1 += matrix[base + 1] * q[i + 1];
      a2 += matrix[base + 2] * q[i + 2];
      a3 += matrix[base + 3] * q[i + 3];
    }
    for (let i = tail; i < dimensions; i++, base++) a0 += matrix[base] * q[i];
    scores[row] = a0 + a1 + a2 + a3;
  }
  return topK(scores, limit).map((i) => ({ id: ids[i], score: scores[i] }));
}

/** Normalises each stored row in place, once per load. */
export function normaliseRows(vectors: StoredVectors): StoredVectors {
  const { matrix, dimensions } = vectors;
  if (dimensions === 0) return vectors;
  for (let row = 0; row * dimensions < matrix.length; row++) {
    const slice = matrix.subarray(row * dimensions, (row + 1) * dimensions);
    slice.set(normalise(slice));
  }
  return vectors;
}
