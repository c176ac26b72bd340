// The background's answer to the overlay's "which broadcasts now?", read from the local cache so
// broadcasts show offline and after the session expired.
import { allBroadcasts, liveSnippetTitles, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import type { MessagesOf } from '../schema/messages';
import { activeBroadcasts } from './active';

/** The most the overlay is sent (the message's response schema allows no more). */
const MAX_SHOWN = 50;

export interface BroadcastDeps {
  db: TandemDatabase;
  /** The agent's teams, known even when the session expired. */
  teamIds(): Promise<string[]>;
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
  };
}
