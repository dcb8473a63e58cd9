import { normalise, topK } from './vector-math';
import type { StoredVectors } from '../knowledge-chunks.repository';

interface Entry {
  stamp: string;
  vectors: StoredVectors;
}

/**
 * Exact cosine search in the application, for databases without pgvector. A tenant's vectors of
 * one space are loaded once and kept while their stamp (count and last id in the database) is
 * unchanged, so every process sees new or removed chunks on its next search. Least recently used
 * tenants are dropped first.
 */
export class VectorCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 8) {}

  async search(
    key: { tenantId: string; space: string },
    stamp: string,
    load: () => Promise<StoredVectors>,
    query: number[],
    limit: number,
    sourceIds: string[] | null,
  ): Promise<{ id: string; score: number }[]> {
    const name = `${key.tenantId}\u0000${key.space}`;
    let entry = this.entries.get(name);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, vectors: await load() };
    }
    this.entries.delete(name);
    this.entries.set(name, entry);
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
    return scoreAll(entry.vectors, query, limit, sourceIds);
  }
}

/** Stored vectors are normalised at load; the query is normalised here: dot product = cosine. */
export function scoreAll(
  vectors: StoredVectors,
  query: number[],
  limit: number,
  sourceIds: string[] | null,
): { id: string; score: number }[] {
  const { matrix, dimensions, ids } = vectors;
  if (dimensions === 0 || query.length !== dimensions) return [];
  const q = normalise(query);
  const count = ids.length;
  const scores = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let dot = 0;
    const base = row * dimensions;
    for (let i = 0; i < dimensions; i++) dot += matrix[base + i] * q[i];
    scores[row] = dot;
  }
  const allowed = sourceIds ? new Set(sourceIds) : null;
  return topK(scores, limit, allowed ? (i) => allowed.has(vectors.sourceIds[i]) : undefined).map((i) => ({
    id: ids[i],
    score: scores[i],
  }));
}

/** Normalises each stored row in place, once per load. */
export function normaliseRows(vectors: StoredVectors): StoredVectors {
  const { matrix, dimensions } = vectors;
  for (let row = 0; row * dimensions < matrix.length; row++) {
    const slice = matrix.subarray(row * dimensions, (row + 1) * dimensions);
    slice.set(normalise(slice));
  }
  return vectors;
}
