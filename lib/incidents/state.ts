// The manager console's possible incidents: the cards (re-read after every sync: the server wakes the manager's live
// stream when it detects or updates one, so a card appears without a reload), and the actions on them.
import { signal } from '@preact/signals';
import { storage } from 'wxt/utils/storage';
import { send } from '../messaging/browser';
import type { Incident, IncidentCardData } from '../schema/incidents';

export const incidentCards = signal<IncidentCardData[]>([]);
/** Incidents closed in this console, waiting for their follow-up message (or for the manager to skip it). */
export const closedIncidents = signal<Incident[]>([]);
export const incidentMessage = signal<string | null>(null);
export const incidentBusy = signal<string | null>(null);

export async function loadIncidents(): Promise<void> {
  try {
    incidentCards.value = (await send('incidents.list', {})).incidents;
  } catch (error) {
    incidentMessage.value = error instanceof Error ? error.message : String(error);
  }
}

/** Keeps the cards current until the returned function is called. */
export function watchIncidents(): () => void {
  void loadIncidents();
  return storage.watch<number>('local:syncRevision', () => void loadIncidents());
}

async function act(id: string, action: () => Promise<string | null>): Promise<void> {
  incidentBusy.value = id;
  incidentMessage.value = null;
  try {
    incidentMessage.value = await action();
  } catch (error) {
    incidentMessage.value = error instanceof Error ? error.message : String(error);
  } finally {
    incidentBusy.value = null;
  }
  await loadIncidents();
}

/** `workaround`: the offer the manager picked (null: none); absent, the draft's first offer. */
export const turnIntoBroadcast = (card: IncidentCardData, workaround?: string | null) =>
  act(card.incident.id, async () => {
    const incident = await send('incidents.toBroadcast', { id: card.incident.id, ...(workaround === undefined ? {} : { workaround }) });
    return `Broadcast "${card.draft.title}" published to the team; ${incident.caseIds.length} cases linked to it.`;
  });

export const dismissIncident = (card: IncidentCardData) =>
  act(card.incident.id, async () => {
    await send('incidents.setStatus', { id: card.incident.id, status: 'dismissed' });
    return 'Dismissed: not an incident.';
  });

export const closeIncident = (card: IncidentCardData) =>
  act(card.incident.id, async () => {
    const incident = await send('incidents.setStatus', { id: card.incident.id, status: 'closed' });
    closedIncidents.value = [...closedIncidents.value, incident];
    return null;
  });

export const sendFollowUp = (incident: Incident, message: string) =>
  act(incident.id, async () => {
    const { drafts } = await send('incidents.followUp', { id: incident.id, message });
    closedIncidents.value = closedIncidents.value.filter((i) => i.id !== incident.id);
    return `Follow-up recorded as a draft on ${drafts.length} cases, for their agents to send.`;
  });

export function skipFollowUp(incident: Incident): void {
  closedIncidents.value = closedIncidents.value.filter((i) => i.id !== incident.id);
}
