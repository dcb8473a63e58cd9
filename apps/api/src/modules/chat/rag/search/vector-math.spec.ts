import { decodeFloat4Array, normalise, topK } from './vector-math';
import { normaliseRows, scoreAll } from './vector-cache';

function pgFloat4Array(values: number[]): Buffer {
  const out = Buffer.alloc(20 + values.length * 8);
  out.writeInt32BE(1, 0);
  out.writeInt32BE(0, 4);
  out.writeInt32BE(700, 8);
  out.writeInt32BE(values.length, 12);
  out.writeInt32BE(1, 16);
  values.forEach((v, i) => {
    out.writeInt32BE(4, 20 + i * 8);
    out.writeFloatBE(v, 24 + i * 8);
  });
  return out;
}

describe('vector math', () => {
  it('decodes PostgreSQL binary real[] arrays', () => {
    expect(Array.from(decodeFloat4Array(pgFloat4Array([0.5, -2, 3.25])))).toEqual([0.5, -2, 3.25]);
    const empty = Buffer.alloc(12);
    expect(decodeFloat4Array(empty)).toHaveLength(0);
  });

  it('normalises, ranks by cosine and filters by source', () => {
    expect(Array.from(normalise([3, 4]))).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    expect(topK(new Float32Array([0.1, 0.9, 0.5, 0.7]), 2)).toEqual([1, 3]);
    const vectors = { ids: ['1', '2', '3'], matrix: new Float32Array([1, 0, 0, 1, 0.6, 0.8]), dimensions: 2 };
    expect(scoreAll(vectors, normalise([0, 5]), 2).map((h) => h.id)).toEqual(['2', '3']);
    expect(scoreAll(vectors, normalise([5, 0]), 1)).toEqual([{ id: '1', score: 1 }]);
    expect(scoreAll(vectors, normalise([1, 2, 3]), 2)).toEqual([]);
    // Five dimensions: the unrolled loop's tail is scored too.
    const wide = normaliseRows({
      ids: ['a', 'b'],
      matrix: new Float32Array([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]),
      dimensions: 5,
    });
    const [best, second] = scoreAll(wide, normalise([1, 2, 3, 4, 5]), 2);
    expect(best).toEqual({ id: 'a', score: expect.closeTo(1, 5) });
    expect(second).toEqual({ id: 'b', score: expect.closeTo(35 / 55, 5) });
  });
});
