import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../db/changes';
import { getArticle } from '../../db/knowledge';
import { AT, useTestDatabase } from '../../db/test-fixtures';
import { Article, type ContentEmbedding } from '../../schema';
import { rerankBySyncedVectors, syncedVector } from './synced';
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, encodeVector, quantizeVector } from './vector';

/** A unit vector along one axis, as the server would sync it. */
function axis(i: number, model = EMBEDDING_MODEL): ContentEmbedding {
  const v = new Float32Array(EMBEDDING_DIMENSIONS);
  v[i] = 1;
  return { model, vector: encodeVector(quantizeVector(v)) };
}

function article(id: string, embedding?: ContentEmbedding): Article {
  return Article.parse({ id, version: 1, updatedAt: AT, title: `Article ${id}`, body: 'Body', summary: '', status: 'published', targeting: {}, embedding });
}

const pageAlong = (i: number) => Float32Array.from({ length: EMBEDDING_DIMENSIONS }, (_, j) => (j === i ? 1 : 0));

describe('synced sentence vectors', () => {
  const db = useTestDatabase();

  it('keeps the vector a pull brings on the cached article, and reads it back', async () => {
    await applyChanges(db(), [{ entity: 'articles', seq: 1, record: article('a-1', axis(3)) }]);
    const cached = await getArticle(db(), 'a-1');
    const vector = cached ? syncedVector(cached) : undefined;
    expect(vector?.length).toBe(EMBEDDING_DIMENSIONS);
    expect(vector?.[3]).toBe(127);
  });

  it('puts the candidate closest to the page first, for a short page', () => {
    const records = new Map([
      ['lexical-best', article('lexical-best', axis(1))],
      ['meaning-best', article('meaning-best', axis(2))],
    ]);
    const candidates = [
      { id: 'lexical-best', score: 10 },
      { id: 'meaning-best', score: 9 },
    ];
    expect(rerankBySyncedVectors(candidates, pageAlong(2), records, 5).map((c) => c.id)).toEqual(['meaning-best', 'lexical-best']);
    // A long page is past the stage's gate: the lexical order stays.
    expect(rerankBySyncedVectors(candidates, pageAlong(2), records, 40).map((c) => c.id)).toEqual(['lexical-best', 'meaning-best']);
  });

  it('ignores a vector made by another model', () => {
    const records = new Map([
      ['lexical-best', article('lexical-best', axis(1))],
      ['other-model', article('other-model', axis(2, 'some-other-encoder'))],
    ]);
    expect(syncedVector(records.get('other-model') ?? {})).toBeUndefined();
    const candidates = [
      { id: 'lexical-best', score: 10 },
      { id: 'other-model', score: 9 },
    ];
    expect(rerankBySyncedVectors(candidates, pageAlong(2), records, 5).map((c) => c.id)).toEqual(['lexical-best', 'other-model']);
  });
});
