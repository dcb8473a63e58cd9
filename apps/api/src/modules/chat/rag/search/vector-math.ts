/** Scales a vector to length 1, so that a dot product is the cosine similarity. */
export function normalise(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  const norm = Math.sqrt(sum) || 1;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i] / norm;
  return out;
}

/**
 * Reads PostgreSQL's binary array format (array_send of a one-dimensional real[]): header, then
 * a 4-byte length and a big-endian float4 per element. Much faster than parsing the text form.
 */
export function decodeFloat4Array(bytes: Buffer): Float32Array {
  const ndim = bytes.readInt32BE(0);
  if (ndim === 0) return new Float32Array(0);
  const length = bytes.readInt32BE(12);
  const out = new Float32Array(length);
  let offset = 20;
  for (let i = 0; i < length; i++) {
    const size = bytes.readInt32BE(offset);
    offset += 4;
    out[i] = size === 4 ? bytes.readFloatBE(offset) : 0;
    offset += size < 0 ? 0 : size;
  }
  return out;
}

/** Indices of the `k` largest scores, best first. */
export function topK(scores: Float32Array, k: number, allowed?: (index: number) => boolean): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (allowed && !allowed(i)) continue;
    if (best.length < k) {
      best.push(i);
      best.sort((a, b) => scores[b] - scores[a]);
    } else if (scores[i] > scores[best[k - 1]]) {
      best[k - 1] = i;
      best.sort((a, b) => scores[b] - scores[a]);
    }
  }
  return best;
}
