import { describe, expect, it } from 'vitest';
import { reorderByMeaning } from './order';
import { SEMANTIC_DEFAULTS } from './rerank';

const along = (i: number) => Float32Array.from({ length: 4 }, (_, j) => (j === i ? 1 : 0));
const candidates = [
  { id: 'labels', score: 10 },
  { id: 'no-vector', score: 9.5 },
  { id: 'strikethrough', score: 9 },
  { id: 'fonts', score: 4 },
];

describe('reorderByMeaning', () => {
  it('lifts the candidate closest to a short page, and leaves a candidate without a vector in its place', () => {
    const vectors = new Map([
      ['labels', along(0)],
      ['strikethrough', along(1)],
      ['fonts', along(2)],
    ]);
    const order = reorderByMeaning(candidates, along(1), vectors, 5).map((c) => c.id);
    expect(order).toEqual(['strikethrough', 'no-vector', 'labels', 'fonts']);
  });

  it('keeps the lexical order past the gate, and when no candidate has a vector', () => {
    const vectors = new Map([['strikethrough', along(1)]]);
    expect(reorderByMeaning(candidates, along(1), vectors, SEMANTIC_DEFAULTS.maxInformativeTerms + 1).map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(reorderByMeaning(candidates, along(1), new Map(), 3).map((c) => c.id)).toEqual(candidates.map((c) => c.id));
  });

  it('does not let a close but barely matching candidate jump a strong lexical match', () => {
    const far = [
      { id: 'exact', score: 20 },
      { id: 'vague', score: 2 },
    ];
    const vectors = new Map([
      ['exact', Float32Array.from([1, 0, 0, 0])],
      ['vague', Float32Array.from([0.9, 0.44, 0, 0])],
    ]);
    expect(reorderByMeaning(far, Float32Array.from([0.5, 0.5, 0, 0]), vectors, 3).map((c) => c.id)).toEqual(['exact', 'vague']);
  });
});
