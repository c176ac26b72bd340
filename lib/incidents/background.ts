// The background's side of possible incidents: the manager's cards (from the server, with the broadcast one click
// would make, its suggested reply chosen from the cached snippets), and the actions, which go to the server with the
// manager's token. Agents and signed-out browsers are answered no incidents without asking the server: the overlay asks
// on every page view (the managers' banner), and the server would refuse them anyway.
import { type ApiClient, ApiClientError, toMessageError } from '../api/client';
import { activeBroadcasts } from '../broadcasts/active';
import { allBroadcasts, readKnowledgeRecords, type TandemDatabase } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { Role } from '../schema/entities';
import type { MessagesOf } from '../schema/messages';
import { broadcastDraft } from './draft';
import { incidentOffer } from './prefill';

export interface IncidentDeps {
  db: TandemDatabase;
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
  /** The signed-in user's role, or null when nobody signed in on this browser. */
  role(): Promise<Role | null>;
  /** The agent's teams (the capture form's offer is among the broadcasts aimed at them). */
  teamIds(): Promise<string[]>;
  now?: () => Date;
}

/** Who may see and act on possible incidents (the server checks it again, per team). */
const SEES_INCIDENTS: ReadonlySet<Role> = new Set(['manager', 'admin']);

export function createIncidentHandlers(deps: IncidentDeps): Pick<Handlers, MessagesOf<'incidents'>> {
  async function withApi<T>(call: (api: ApiClient) => Promise<T>): Promise<T> {
    const api = await deps.api();
    if (!api) throw new MessageError('signed_out', 'Sign in to Tandem as a manager to act on possible incidents.');
    try {
      return await call(api);
    } catch (error) {
      throw toMessageError(error);
    }
  }

  async function cards(api: ApiClient) {
    const [{ incidents }, { snippets }] = await Promise.all([api.incidents.list(), readKnowledgeRecords(deps.db)]);
    const live = incidents.filter((incident) => incident.status === 'open' || incident.status === 'broadcast');
    // The matching cases as the manager's cache has them: their agents' workaround notes are offered with the draft.
    const caseIds = [...new Set(live.flatMap((incident) => incident.caseIds))];
    const cases = (await deps.db.cases.bulkGet(caseIds)).filter((c) => c !== undefined);
    return live.map((incident) => ({ incident, draft: broadcastDraft(incident, snippets, cases) }));
  }

  return {
    'incidents.list': async () => {
      const role = await deps.role();
      const api = role && SEES_INCIDENTS.has(role) ? await deps.api() : null;
      if (!api) return { incidents: [] };
      try {
        return { incidents: await cards(api) };
      } catch (error) {
        // Agents are refused the route; offline shows nothing rather than an error on every page.
        if (error instanceof ApiClientError && (error.status === 403 || error.status === null)) return { incidents: [] };
        throw toMessageError(error);
      }
    },
    'incidents.toBroadcast': ({ id, workaround }) =>
      withApi(async (api) => {
        const card = (await cards(api)).find((c) => c.incident.id === id);
        if (!card) throw new MessageError('not_found', 'This incident is no longer open.');
        const { draft } = card;
        // The manager picks among what the draft offers (or none): never a text of the caller's own.
        if (workaround && !draft.workarounds.some((offer) => offer.text === workaround)) {
          throw new MessageError('invalid_request', 'That workaround is no longer offered for this incident. Reload the incidents.');
        }
        const chosenWorkaround = workaround === undefined ? draft.workaround : workaround;
        const created = await api.manager.create('broadcasts', {
          title: draft.title,
          message: draft.message,
          severity: draft.severity,
          startsAt: new Date().toISOString(),
          endsAt: null,
          suggestedSnippetId: draft.suggestedSnippetId,
          targeting: { teamIds: [draft.teamId], sites: [], tags: [] },
        });
        const published = await api.manager.setStatus('broadcasts', created.record.id, 'publish', { baseVersion: created.record.version });
        return api.incidents.link(id, published.record.id, chosenWorkaround);
      }),
    'incidents.setStatus': ({ id, status }) => withApi((api) => api.incidents.setStatus(id, status)),
    'incidents.followUp': ({ id, message }) => withApi((api) => api.incidents.followUp(id, message)),
    // From the cache, as the overlay's broadcasts are: offline and for every role.
    'incidents.offer': async ({ text, site, host }) => {
      const [all, teamIds, { snippets }] = await Promise.all([allBroadcasts(deps.db), deps.teamIds(), readKnowledgeRecords(deps.db)]);
      const active = activeBroadcasts(all, { teamIds, site, host, now: deps.now?.() ?? new Date() });
      return { offer: incidentOffer(text, active, snippets) };
    },
  };
}
