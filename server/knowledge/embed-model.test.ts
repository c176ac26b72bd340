import { describe, expect, it } from 'vitest';
import { cosine } from '../../lib/knowledge/semantic/rerank';
import { decodeVector, EMBEDDING_DIMENSIONS, encodeVector, quantizeVector } from '../../lib/knowledge/semantic/vector';
import { workerEncoder } from './embed-model';

// The one server test that loads the real model (a few seconds of CPU): the job's own tests use a stand-in encoder.
describe('the server encoder (USE lite, uint8 weights, on its own thread)', () => {
  it('puts a paraphrase closer than an unrelated sentence, and its int8 vectors keep the cosine', async () => {
    const encoder = workerEncoder();
    try {
      const [question, paraphrase, unrelated] = await encoder.embed([
        'How do I cross out text in a document?',
        'Strikethrough formatting for words',
        'My parcel was delivered to the wrong address',
      ]);
      expect(question?.length).toBe(EMBEDDING_DIMENSIONS);
      const close = cosine(question ?? [], paraphrase ?? []);
      expect(close).toBeGreaterThan(cosine(question ?? [], unrelated ?? []));
      const synced = (v: Float32Array | undefined) => decodeVector(encodeVector(quantizeVector(v ?? [])));
      expect(Math.abs(cosine(synced(question), synced(paraphrase)) - close)).toBeLessThan(0.01);
    } finally {
      await encoder.close();
    }
  }, 60_000);
});
