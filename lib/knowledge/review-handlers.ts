// The background's side of keeping knowledge true: the console's verify intervals, "To verify" list and one-click
// verify, sent to the server with the manager's token. The verified item reaches every agent by sync, like any edit.
import { type ApiClient, toMessageError } from '../api/client';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { MessagesOf } from '../schema/messages';

export interface KnowledgeReviewDeps {
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
}

export function createKnowledgeReviewHandlers(deps: KnowledgeReviewDeps): Pick<Handlers, MessagesOf<'knowledgeReview'>> {
  async function withApi<T>(call: (review: ApiClient['knowledgeReview']) => Promise<T>): Promise<T> {
    const api = await deps.api();
    if (!api) throw new MessageError('signed_out', 'Sign in to Tandem as a manager to review knowledge.');
    try {
      return await call(api.knowledgeReview);
    } catch (error) {
      throw toMessageError(error);
    }
  }

  return {
    'knowledgeReview.intervals': () => withApi((review) => review.intervals()),
    'knowledgeReview.setInterval': ({ teamId, days }) => withApi((review) => review.setInterval(teamId, days)),
    'knowledgeReview.toVerify': () => withApi((review) => review.toVerify()),
    'knowledgeReview.verify': ({ kind, id, baseVersion }) =>
      withApi(async (review) => {
        await review.verify(kind, id, baseVersion);
        return review.toVerify();
      }),
    'knowledgeReview.flags': () => withApi((review) => review.flags()),
    'knowledgeReview.resolveFlag': ({ id }) => withApi((review) => review.resolveFlag(id)),
    'knowledgeReview.gaps': () => withApi((review) => review.gaps()),
  };
}
