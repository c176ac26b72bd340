import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import type { Incident, IncidentCardData } from '../schema/incidents';
import { broadcastIncident, incidentNotice, openIncidents, watchOpenIncidents } from './feed';

const card = (id: string, status: Incident['status']): IncidentCardData => ({
  incident: {
    id,
    teamId: 'team-care',
    terms: ['leeds', 'signal'],
    caseIds: ['case-1', 'case-2', 'case-3'],
    contacts: 5,
    expected: 0.2,
    firstAt: '2026-11-20T16:05:00.000Z',
    detectedAt: '2026-11-20T16:12:00.000Z',
    lastAt: '2026-11-20T16:12:00.000Z',
    status,
    broadcastId: status === 'broadcast' ? 'bc-1' : null,
    closedAt: null,
    followUps: 0,
    workaround: null,
  },
  draft: {
    title: 'Possible incident: Leeds · Signal',
    message: '',
    severity: 'major',
    teamId: 'team-care',
    suggestedSnippetId: null,
    suggestedSnippetTitle: null,
    workaround: null,
    workarounds: [],
  },
});

const shown = () => openIncidents.value.map((c) => c.incident.id);

beforeEach(() => {
  fakeBrowser.reset();
  openIncidents.value = [];
  incidentNotice.value = null;
});

describe("the managers' overlay banner of possible incidents", () => {
  it('shows the open incidents only, and asks again after each sync', async () => {
    let answer = [card('inc-open', 'open'), card('inc-done', 'broadcast')];
    fakeBrowser.runtime.onMessage.addListener(async () => ({ ok: true, value: { incidents: answer } }));
    const stop = watchOpenIncidents();
    await vi.waitFor(() => expect(shown()).toEqual(['inc-open']));

    answer = [card('inc-open', 'open'), card('inc-new', 'open')];
    await storage.setItem('local:syncRevision', 1);
    await vi.waitFor(() => expect(shown()).toEqual(['inc-open', 'inc-new']));
    stop();
  });

  it('broadcasts one in a click: the card leaves the banner and the notice says how many cases were linked', async () => {
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      asked.push(message);
      return { ok: true, value: { ...card('inc-open', 'broadcast').incident } };
    });
    openIncidents.value = [card('inc-open', 'open')];
    await broadcastIncident(card('inc-open', 'open'));
    expect(asked).toEqual([{ name: 'incidents.toBroadcast', payload: { id: 'inc-open' } }]);
    expect(shown()).toEqual([]);
    expect(incidentNotice.value).toBe('Broadcast “Possible incident: Leeds · Signal” published to the team; 3 cases linked to it.');
  });

  it('keeps the card and says why when the broadcast is refused', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => ({ ok: false, error: { code: 'forbidden', message: 'Only managers of this team can do that.' } }));
    openIncidents.value = [card('inc-open', 'open')];
    await broadcastIncident(card('inc-open', 'open'));
    expect(shown()).toEqual(['inc-open']);
    expect(incidentNotice.value).toBe('Only managers of this team can do that.');
  });
});
