// The managers' overlay banner: the possible incidents of their teams that are open (detected, not yet broadcast),
// asked of the background when the frame loads and again after every sync (the server wakes the managers' live
// streams when it detects one), and the one click that broadcasts one. Agents are answered none
// (lib/incidents/background.ts): they see an incident only once a manager broadcasts it, as any broadcast.
// Runs in the overlay frame, which loads with every page view: the zod-free client.
import { signal } from '@preact/signals';
import { storage } from 'wxt/utils/storage';
import { sendFromFrame } from '../messaging/content';
import type { IncidentCardData, IncidentOffer } from '../schema/incidents';

export const openIncidents = signal<IncidentCardData[]>([]);
/** The incident being broadcast from this frame, so its button is not pressed twice. */
export const broadcastingIncident = signal<string | null>(null);
/** What the last click did (the broadcast's title and the linked cases) or why it failed. */
export const incidentNotice = signal<string | null>(null);

/** Only the open ones: a broadcast incident reaches the manager as the broadcast it became. */
export function bannerIncidents(cards: readonly IncidentCardData[]): IncidentCardData[] {
  return cards.filter((card) => card.incident.status === 'open');
}

/** Keeps `openIncidents` current until the returned function is called; on an error the banner keeps what it shows. */
export function watchOpenIncidents(): () => void {
  let stopped = false;
  let ticket = 0;
  const refresh = () => {
    const mine = ++ticket;
    void sendFromFrame('incidents.list', {}).then(
      ({ incidents }) => {
        if (!stopped && mine === ticket) openIncidents.value = bannerIncidents(incidents);
      },
      () => undefined,
    );
  };
  refresh();
  const unwatch = storage.watch<number>('local:syncRevision', refresh);
  return () => {
    stopped = true;
    unwatch();
  };
}

/** The manager's click: publishes the prefilled broadcast to the team and links the incident's cases to it. */
export async function broadcastIncident(card: IncidentCardData): Promise<void> {
  broadcastingIncident.value = card.incident.id;
  try {
    const incident = await sendFromFrame('incidents.toBroadcast', { id: card.incident.id });
    openIncidents.value = openIncidents.value.filter((c) => c.incident.id !== incident.id);
    incidentNotice.value = `Broadcast “${card.draft.title}” published to the team; ${incident.caseIds.length} cases linked to it.`;
  } catch (error) {
    incidentNotice.value = error instanceof Error && error.message ? error.message : String(error);
  } finally {
    broadcastingIncident.value = null;
  }
}

/** The capture form's offer for a post (lib/incidents/prefill.ts); none when the background cannot answer. */
export function incidentOfferFor(text: string, site: string | null, host: string): Promise<IncidentOffer | null> {
  return sendFromFrame('incidents.offer', { text, site, host }).then(
    ({ offer }) => offer,
    () => null,
  );
}
