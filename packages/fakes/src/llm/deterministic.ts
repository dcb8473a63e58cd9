import { createHash } from 'node:crypto';

/**
 * What the LLM fakes answer and embed: pure functions of the input, so tests can predict them
 * and check what reached the model.
 *
 * Answer: `You asked: "<last user text>".` followed, when the system prompt carries a context
 * section (a line `Context:` and, below it, passages possibly headed by `Source ...` lines), by
 * ` Based on: <first sentence of the first passage>`, and, when it names the user
 * (`The user's name is X.`), ` (for X)`.
 */
export function fakeAnswer(system: string, question: string): string {
  const parts = [`You asked: "${question.trim()}".`];
  const context = firstContextSentence(system);
  if (context) parts.push(`Based on: ${context}`);
  const name = /The user's name is ([^.\n]+)\./.exec(system)?.[1];
  if (name) parts.push(`(for ${name.trim()})`);
  return parts.join(' ');
}

export function firstContextSentence(system: string): string | null {
  const lines = system.split('\n');
  const header = lines.findIndex((line) => /^\s*context\s*:?\s*$/i.test(line));
  if (header < 0) return null;
  const passage = lines
    .slice(header + 1)
    .map((line) => line.trim())
    .find((line) => line && !/^source\b/i.test(line));
  if (!passage) return null;
  return (/^.*?[.!?](?=\s|$)/.exec(passage)?.[0] ?? passage).trim();
}

/** Rough token count (about four characters a token), never zero for non-empty text. */
export function fakeTokenCount(text: string): number {
  return text ? Math.max(1, Math.ceil(text.length / 4)) : 0;
}

/**
 * A hashed bag of words, L2-normalised: texts sharing words get a high cosine, unrelated texts
 * one near zero. Deterministic across processes.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const hash = createHash('sha1').update(word).digest();
    const index = hash.readUInt32BE(0) % dimensions;
    vector[index] += hash[4] & 1 ? 1 : -1;
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((v) => v / norm);
}
