// The background's answer to the overlay's "which broadcasts now?", read from the local cache so
// broadcasts show offline and after the session expired; agents' acknowledgements; the console's readers.
import { type ApiClient, toMessageError } from '../api/client';
import { allBroadcasts, liveSnippetTitles, type TandemDatabase } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { MessagesOf } from '../schema/messages';
import { activeBroadcasts } from './active';
import type { ReceiptQueue } from './receipts';

/** The most the overlay is sent (the message's response schema allows no more). */
const MAX_SHOWN = 50;

export interface BroadcastDeps {
  db: TandemDatabase;
  /** The agent's teams, known even when the session expired. */
  teamIds(): Promise<string[]>;
  receipts: Pick<ReceiptQueue, 'acknowledge'>;
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
  now?: () => Date;
}

export function createBroadcastHandlers(deps: BroadcastDeps): Pick<Handlers, MessagesOf<'broadcasts'>> {
  const now = deps.now ?? (() => new Date());
  return {
    'broadcasts.active': async ({ site, host }) => {
      const [all, teamIds] = await Promise.all([allBroadcasts(deps.db), deps.teamIds()]);
      const active = activeBroadcasts(all, { teamIds, site, host, now: now() }).slice(0, MAX_SHOWN);
      const titles = await liveSnippetTitles(
        deps.db,
        active.flatMap((b) => (b.suggestedSnippetId === null ? [] : [b.suggestedSnippetId])),
      );
      return { broadcasts: active.map((b) => ({ ...b, suggestedSnippetTitle: (b.suggestedSnippetId && titles.get(b.suggestedSnippetId)) || null })) };
    },
    'broadcasts.acknowledge': async ({ broadcastId }) => {
      await deps.receipts.acknowledge(broadcastId);
      return { kept: true };
    },
    'broadcasts.reads': async () => {
      const api = await deps.api();
      if (!api) throw new MessageError('signed_out', 'Sign in to Tandem as a manager to see who has read the broadcasts.');
      try {
        return await api.broadcasts.reads();
      } catch (error) {
        throw toMessageError(error);
      }
    },
  };
}
