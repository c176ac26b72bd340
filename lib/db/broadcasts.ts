// Named queries for incident broadcasts (lib/broadcasts decides who sees which).
import type { Broadcast } from '../schema';
import type { TandemDatabase } from './database';

/** Every cached broadcast: the server only sends this agent's teams' published ones. */
export function allBroadcasts(db: TandemDatabase): Promise<Broadcast[]> {
  return db.broadcasts.toArray();
}

/** The titles of those snippets that are still live, by id (a broadcast suggests its reply by snippet id). */
export async function liveSnippetTitles(db: TandemDatabase, ids: readonly string[]): Promise<Map<string, string>> {
  const snippets = await db.snippets.bulkGet([...ids]);
  return new Map(snippets.flatMap((s) => (s && !s.deleted ? [[s.id, s.title] as const] : [])));
}
