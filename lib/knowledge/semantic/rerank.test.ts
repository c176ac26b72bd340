import { describe, expect, it } from 'vitest';
import { articleEmbeddingText, cosine, EmbeddingCache, pageEmbeddingText, SEMANTIC_DEFAULTS, type SentenceEncoder, semanticRerank } from './rerank';

const candidates = [
  { id: 'gmail-labels', score: 10 },
  { id: 'gmail-strikethrough', score: 9 },
  { id: 'docs-fonts', score: 4 },
];
// The encoder's view: the page ("how do I cross out text") is about strikethrough.
const closeness: Record<string, number> = { 'gmail-labels': 0.1, 'gmail-strikethrough': 0.7, 'docs-fonts': 0.3 };
const similarity = (c: { id: string }) => closeness[c.id];

describe('semanticRerank', () => {
  it('lifts the candidate the encoder finds closest when the page is short', () => {
    const order = semanticRerank(candidates, similarity, 4).map((c) => c.id);
    expect(order).toEqual(['gmail-strikethrough', 'gmail-labels', 'docs-fonts']);
  });

  it('keeps the lexical order for long pages, where the lexical ranker is measured to be better', () => {
    const order = semanticRerank(candidates, similarity, SEMANTIC_DEFAULTS.maxInformativeTerms + 1).map((c) => c.id);
    expect(order).toEqual(['gmail-labels', 'gmail-strikethrough', 'docs-fonts']);
  });

  it('does not let a close but barely matching article jump a strong lexical match', () => {
    const far = [
      { id: 'exact', score: 20 },
      { id: 'vague', score: 2 },
    ];
    const order = semanticRerank(far, (c) => (c.id === 'vague' ? 0.45 : 0.1), 3).map((c) => c.id);
    expect(order).toEqual(['exact', 'vague']);
  });

  it('treats a missing vector as no closeness and keeps ties in lexical order', () => {
    const order = semanticRerank(candidates, () => undefined, 2).map((c) => c.id);
    expect(order).toEqual(['gmail-labels', 'gmail-strikethrough', 'docs-fonts']);
  });
});

describe('cosine', () => {
  it('is 1 for the same direction, 0 for orthogonal or empty vectors', () => {
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });
});

describe('texts the encoder reads', () => {
  it('reads an article by its title and the head of its body, a page by subject and conversation', () => {
    const text = articleEmbeddingText({ title: 'Reset a password', body: 'x'.repeat(5000) });
    expect(text.startsWith('Reset a password\nxxx')).toBe(true);
    expect(text.length).toBeLessThan(1100);
    expect(pageEmbeddingText({ subject: null, conversation: 'cannot sign in' })).toBe('cannot sign in');
    expect(pageEmbeddingText({ subject: 'Login', conversation: 'cannot sign in' })).toBe('Login\ncannot sign in');
  });
});

describe('EmbeddingCache', () => {
  it('embeds each article once, in batches, and only what is missing', async () => {
    const calls: string[][] = [];
    const encoder: SentenceEncoder = {
      embed: async (texts) => {
        calls.push([...texts]);
        return texts.map((t) => Float32Array.from([t.length, 1]));
      },
    };
    const cache = new EmbeddingCache(encoder);
    await cache.fill(
      [
        { key: 'article:a@1', text: 'aa' },
        { key: 'article:b@1', text: 'bbb' },
        { key: 'article:c@1', text: 'c' },
      ],
      2,
    );
    await cache.fill([
      { key: 'article:a@1', text: 'aa' },
      { key: 'article:d@1', text: 'dddd' },
    ]);
    expect(calls).toEqual([['aa', 'bbb'], ['c'], ['dddd']]);
    expect(Array.from(cache.get('article:b@1') ?? [])).toEqual([3, 1]);
    expect(cache.size).toBe(4);
  });
});
