// The broadcast a manager's one click makes of a possible incident: a title and message from the cluster (its terms,
// how many people, since when) and, pinned first for agents, the team's reply that fits best: a snippet agents marked
// as a workaround, else an outage reply, sharing most of the incident's terms. A workaround's text also goes, as a
// note, on every case linked to the incident (server/incidents/notes.ts).
import { terms as termsOf } from '../knowledge/text';
import type { Case, Snippet } from '../schema/entities';
import type { Incident, IncidentBroadcastDraft, WorkaroundOffer } from '../schema/incidents';

/** Tags that make a snippet a candidate whatever its words: agents' shared workarounds first, then outage replies. */
const TAG_WEIGHT: Record<string, number> = { workaround: 3, outage: 1 };

function snippetScore(snippet: Snippet, incidentTerms: ReadonlySet<string>): number {
  const words = new Set(termsOf(`${snippet.title} ${snippet.body} ${snippet.tags.join(' ')}`));
  const shared = [...incidentTerms].filter((t) => words.has(t)).length;
  const tagged = Math.max(0, ...snippet.tags.map((t) => TAG_WEIGHT[t] ?? 0));
  return shared === 0 && tagged === 0 ? 0 : shared * 2 + tagged;
}

/** The best live snippet of the incident's team for it, or null. */
export function suggestedSnippet(incident: Incident, snippets: readonly Snippet[]): Snippet | null {
  const incidentTerms = new Set(termsOf(incident.terms.join(' ')));
  let best: { snippet: Snippet; score: number } | null = null;
  for (const snippet of snippets) {
    if (snippet.deleted || snippet.status !== 'published') continue;
    if (snippet.targeting.teamIds.length > 0 && !snippet.targeting.teamIds.includes(incident.teamId)) continue;
    const score = snippetScore(snippet, incidentTerms);
    if (score > 0 && (!best || score > best.score)) best = { snippet, score };
  }
  return best?.snippet ?? null;
}

/** How the broadcast's title starts; the words after it are the incident's (lib/incidents/prefill.ts matches on them). */
export const INCIDENT_TITLE_PREFIX = 'Possible incident:';

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Agents' notes offered at most, newest first: enough to choose from on a card. */
const MAX_NOTE_OFFERS = 10;

/**
 * What the manager may send as the incident's workaround: the snippet tagged `workaround`, then the notes agents marked
 * "workaround" on the incident's matching cases, newest first (the same text on several cases once). Notes the server
 * wrote from a broadcast incident (`incidentId` set) are that incident's, not agents' findings, and are left out.
 */
export function workaroundOffers(incident: Incident, snippet: Snippet | null, cases: readonly Case[]): WorkaroundOffer[] {
  const offers: WorkaroundOffer[] = [];
  if (snippet?.tags.includes('workaround')) offers.push({ source: 'snippet', text: snippet.body.slice(0, 5000), caseId: null, createdAt: null });
  const matching = new Set(incident.caseIds);
  const notes = cases
    .filter((c) => matching.has(c.id) && c.teamId === incident.teamId && !c.deleted)
    .flatMap((c) => (c.notes ?? []).filter((n) => n.kind === 'workaround' && n.incidentId === null).map((note) => ({ note, caseId: c.id })))
    .sort((a, b) => b.note.createdAt.localeCompare(a.note.createdAt));
  const seen = new Set(offers.map((o) => o.text));
  const noteOffers: WorkaroundOffer[] = [];
  for (const { note, caseId } of notes) {
    if (seen.has(note.text) || noteOffers.length >= MAX_NOTE_OFFERS) continue;
    seen.add(note.text);
    noteOffers.push({ source: 'case', text: note.text, caseId, createdAt: note.createdAt });
  }
  return [...offers, ...noteOffers];
}

/** `cases`: the cached cases (any; those matching the incident give their agents' workaround notes). */
export function broadcastDraft(incident: Incident, snippets: readonly Snippet[], cases: readonly Case[] = []): IncidentBroadcastDraft {
  const about = incident.terms.slice(0, 4).map(capitalised).join(' · ');
  const since = new Date(incident.firstAt).toISOString().slice(11, 16);
  const snippet = suggestedSnippet(incident, snippets);
  const workarounds = workaroundOffers(incident, snippet, cases);
  return {
    title: `${INCIDENT_TITLE_PREFIX} ${about}`.slice(0, 200),
    message:
      `${incident.contacts} customers have written about "${incident.terms.slice(0, 6).join(' ')}" since ${since} UTC. ` +
      'We are looking into it. Link new reports to this incident and use the suggested reply.',
    severity: 'major',
    teamId: incident.teamId,
    suggestedSnippetId: snippet?.id ?? null,
    suggestedSnippetTitle: snippet?.title ?? null,
    workaround: workarounds[0]?.text ?? null,
    workarounds,
  };
}
