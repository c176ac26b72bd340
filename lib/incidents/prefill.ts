// An agent capturing a post about a broadcast incident: the capture form offers the broadcast's suggested reply,
// prefilled, and using it links the new case to the incident (its note names the broadcast; the server links it,
// server/incidents/watch.ts). Agents never see incidents themselves (managers only), so the match is on what agents do
// have: the active broadcasts and snippets in their cache. A broadcast made of an incident is titled with the
// incident's terms (lib/incidents/draft.ts), and the detector's rule is a pair of terms: the post must share two words
// of the broadcast's title (one when the title has only one), everyday words aside.
import { isGeneric, terms } from '../knowledge/text';
import type { Broadcast, Snippet } from '../schema/entities';
import type { IncidentOffer } from '../schema/incidents';
import { INCIDENT_TITLE_PREFIX } from './draft';

const PREFIX_TERMS = new Set(terms(INCIDENT_TITLE_PREFIX));

/** The words of a broadcast's title that say what it is about. */
export function topicTerms(title: string): string[] {
  return [...new Set(terms(title))].filter((t) => !PREFIX_TERMS.has(t) && !isGeneric(t));
}

/**
 * The offer for a post, or null: among `active` (the broadcasts the agent sees here now, most severe first) those with
 * a live suggested snippet, the one whose title shares most words with the post, the first of equals.
 */
export function incidentOffer(text: string, active: readonly Broadcast[], snippets: readonly Snippet[]): IncidentOffer | null {
  const postTerms = new Set(terms(text));
  const live = new Map(snippets.filter((s) => !s.deleted && s.status === 'published').map((s) => [s.id, s]));
  let best: { offer: IncidentOffer; shared: number } | null = null;
  for (const broadcast of active) {
    const snippet = broadcast.suggestedSnippetId ? live.get(broadcast.suggestedSnippetId) : undefined;
    if (!snippet?.body.trim()) continue;
    const topic = topicTerms(broadcast.title);
    const shared = topic.filter((t) => postTerms.has(t));
    if (topic.length === 0 || shared.length < Math.min(2, topic.length)) continue;
    if (best && shared.length <= best.shared) continue;
    best = {
      shared: shared.length,
      offer: { broadcastId: broadcast.id, title: broadcast.title, terms: shared, snippetId: snippet.id, reply: snippet.body.slice(0, 5000) },
    };
  }
  return best?.offer ?? null;
}
