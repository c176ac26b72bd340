import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { ApiClientError } from '../api/client';
import type { ToVerifyItem } from '../schema/knowledge-review';
import { createKnowledgeReviewHandlers } from './review-handlers';

const STALE: ToVerifyItem = {
  kind: 'articles',
  id: 'art-071',
  title: 'Delete an eSIM',
  version: 3,
  owner: { id: 'user-morgan', name: 'Morgan Manager' },
  verifyBy: '2027-02-01T00:00:00.000Z',
  verifiedAt: null,
};

function fakeReview(stale: ToVerifyItem[]) {
  const list = [...stale];
  return {
    intervals: vi.fn(),
    flags: vi.fn(),
    resolveFlag: vi.fn(async () => ({ flags: [] })),
    setInterval: vi.fn(),
    toVerify: vi.fn(async () => ({ at: '2027-03-01T00:00:00.000Z', items: [...list] })),
    verify: vi.fn(async (_kind: string, id: string) => {
      list.splice(
        list.findIndex((i) => i.id === id),
        1,
      );
      return { kind: 'articles', record: {} };
    }),
  };
}

describe('knowledge review handlers', () => {
  it('verifies with the version the manager saw and answers the list without the item', async () => {
    const review = fakeReview([STALE]);
    const handlers = createKnowledgeReviewHandlers({ api: async () => ({ knowledgeReview: review }) as unknown as ApiClient });
    const after = await handlers['knowledgeReview.verify']({ kind: 'articles', id: 'art-071', baseVersion: 3 }, {});
    expect(review.verify).toHaveBeenCalledWith('articles', 'art-071', 3);
    expect(after.items).toEqual([]);
  });

  it("says to sign in when signed out, and passes the server's refusal on with its code", async () => {
    const signedOut = createKnowledgeReviewHandlers({ api: async () => null });
    await expect(signedOut['knowledgeReview.toVerify']({}, {})).rejects.toMatchObject({ code: 'signed_out' });

    const review = fakeReview([STALE]);
    review.verify.mockRejectedValueOnce(new ApiClientError('conflict', 'This article changed since you opened it.', 409));
    const handlers = createKnowledgeReviewHandlers({ api: async () => ({ knowledgeReview: review }) as unknown as ApiClient });
    await expect(handlers['knowledgeReview.verify']({ kind: 'articles', id: 'art-071', baseVersion: 2 }, {})).rejects.toMatchObject({ code: 'conflict' });
  });

  it('resolves a flag through the server and answers the open flags after it', async () => {
    const review = fakeReview([]);
    const handlers = createKnowledgeReviewHandlers({ api: async () => ({ knowledgeReview: review }) as unknown as ApiClient });
    expect(await handlers['knowledgeReview.resolveFlag']({ id: 'flag-1' }, {})).toEqual({ flags: [] });
    expect(review.resolveFlag).toHaveBeenCalledWith('flag-1');
  });
});
