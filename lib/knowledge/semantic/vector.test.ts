import { describe, expect, it } from 'vitest';
import { pageKey } from './page-key';
import { cosine } from './rerank';
import { decodeVector, EMBEDDING_DIMENSIONS, encodeVector, quantizeVector } from './vector';

describe('int8 sentence vectors', () => {
  it('round-trips through base64 and keeps the cosine of float32 vectors within 0.002', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let trial = 0; trial < 20; trial++) {
      const a = Float32Array.from({ length: EMBEDDING_DIMENSIONS }, random);
      const b = Float32Array.from(a, (x) => x + random() * 0.8);
      const encoded = encodeVector(quantizeVector(a));
      expect(encoded).toMatch(/^[A-Za-z0-9+/]{683}=$/);
      expect(Math.abs(cosine(decodeVector(encoded), decodeVector(encodeVector(quantizeVector(b)))) - cosine(a, b))).toBeLessThan(0.002);
    }
  });

  it('maps the largest magnitude to ±127 and keeps signs', () => {
    expect([...quantizeVector([0.5, -1, 0.25, 0])]).toEqual([64, -127, 32, 0]);
  });
});

describe('pageKey', () => {
  it('names a page by its address and text: the same in both contexts, another for any change', () => {
    const page = { url: 'https://x.com/a/status/1', subject: null, conversation: 'my notes are gone' };
    expect(pageKey(page)).toMatch(/^[0-9a-f]{8}$/);
    expect(pageKey({ ...page })).toBe(pageKey(page));
    expect(pageKey({ ...page, conversation: 'my notes are gone!' })).not.toBe(pageKey(page));
    expect(pageKey({ ...page, url: 'https://x.com/a/status/2' })).not.toBe(pageKey(page));
  });
});
