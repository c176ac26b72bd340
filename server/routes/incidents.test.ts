import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LiveEvent } from '../../lib/schema/api';
import { Case } from '../../lib/schema/entities';
import { FollowUpResponse, Incident, IncidentsResponse } from '../../lib/schema/incidents';
import { ManagedItem } from '../../lib/schema/manager';
import { incidentsSettled } from '../incidents/watch';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';

const OUTAGE = [
  'No signal in Leeds',
  'Leeds: zero signal since lunch',
  'signal gone in Leeds?',
  'Is the network down in Leeds, no signal',
  'Leeds no signal at all',
];

describe.each(ENGINES)('possible incidents on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });

  /** A new customer of team-care opens a case on X with this subject; answers the case's id and its change's seq. */
  async function outageCase(agent: string, subject: string, tag: string | number): Promise<{ caseId: string; seq: number }> {
    const customerId = `cust-outage-${randomUUID()}`;
    const handle = `outage_fan_${tag}`;
    const customer = {
      entity: 'customers',
      op: 'create',
      recordId: customerId,
      data: {
        teamId: 'team-care',
        name: `Robin Quill${tag}`,
        identities: [{ kind: 'twitter', value: handle }],
        tier: 'standard',
        createdAt: DEMO_CLOCK.toISOString(),
      },
    };
    const kase = createCase({ customerId, subject: `${subject} @${handle}`, channel: 'twitter' });
    const results = await api.push(agent, customer, kase);
    return { caseId: kase.recordId, seq: Math.max(...results.map((r) => appliedChange(r).seq)) };
  }

  /** Five new customers of team-care write about no signal in Leeds; answers their case ids. */
  async function outage(agent: string): Promise<{ caseIds: string[]; lastSeq: number }> {
    const caseIds: string[] = [];
    let lastSeq = 0;
    for (const [i, subject] of OUTAGE.entries()) {
      const { caseId, seq } = await outageCase(agent, subject, i);
      caseIds.push(caseId);
      lastSeq = Math.max(lastSeq, seq);
    }
    await incidentsSettled(db());
    return { caseIds, lastSeq };
  }

  it('raises a possible incident from several people writing about the same thing, tells the managers live, and shows no identity', async () => {
    const manager = await api.signIn('manager@tandem.demo');
    const live = await api.openLive(manager);
    try {
      await live.until((t) => t.includes(': connected'));
      const { caseIds, lastSeq } = await outage(await api.signIn('agent@tandem.demo'));
      const { incidents } = await expectOk(await api.get('/incidents', manager), IncidentsResponse);
      expect(incidents).toHaveLength(1);
      const [incident] = incidents;
      expect(incident?.terms.slice(0, 2).sort()).toEqual(['leeds', 'signal']);
      expect(incident?.caseIds.sort()).toEqual([...caseIds].sort());
      expect(incident?.contacts).toBe(5);
      expect(JSON.stringify(incident)).not.toMatch(/robin|quill|outage_fan|cust-outage/i);
      // The detection wakes the managers' streams with a seq after the cases': their consoles re-read at once.
      await live.until(() => live.events('cursor').some((e) => LiveEvent.parse(e).cursor > lastSeq));
    } finally {
      live.close();
    }
  });

  it('is for managers of the team: agents are refused', async () => {
    await expectError(await api.get('/incidents', await api.signIn('agent@tandem.demo')), 403, 'forbidden');
  });

  it('links the broadcast made of it, and after closing records one follow-up draft per linked case', async () => {
    const manager = await api.signIn('manager@tandem.demo');
    const [incident] = (await expectOk(await api.get('/incidents?status=open', manager), IncidentsResponse)).incidents;
    if (!incident) throw new Error('no incident');
    const broadcast = await expectOk(
      await api.post('/manager/broadcasts', manager, {
        title: 'No signal in Leeds',
        message: 'We are looking into reports of no signal in Leeds.',
        severity: 'major',
        startsAt: DEMO_CLOCK.toISOString(),
        endsAt: null,
        targeting: { teamIds: ['team-care'], sites: [], tags: [] },
      }),
      ManagedItem,
      201,
    );
    const agent = await api.signIn('agent@tandem.demo');
    const { cursor } = await api.pullAll(agent);
    const workaround = 'Turn on Wi-Fi Calling until the mast in Leeds is back.';
    const linked = await expectOk(await api.post(`/incidents/${incident.id}/link`, manager, { broadcastId: broadcast.record.id, workaround }), Incident);
    expect(linked).toMatchObject({ status: 'broadcast', broadcastId: broadcast.record.id, workaround });
    // Every linked case carries the workaround as a note, pulled by the agents of the team like any change of the case.
    const notedCases = async (after: number) =>
      (await api.pullAll(agent, { cursor: after })).changes.flatMap((c) => (c.entity === 'cases' ? [Case.parse(c.record)] : []));
    const noted = await notedCases(cursor);
    expect(noted.map((c) => c.id).sort()).toEqual([...incident.caseIds].sort());
    expect(noted.every((c) => c.notes?.length === 1 && c.notes[0]?.text === workaround && c.notes[0]?.incidentId === incident.id)).toBe(true);

    // A new case about it, captured once it is broadcast, joins it with the note; linking again notes nothing twice.
    const before = (await api.pullAll(agent)).cursor;
    const { caseId: late } = await outageCase(agent, 'Leeds still no signal, any update?', 'late');
    await incidentsSettled(db());
    const joined = (await notedCases(before)).find((c) => c.id === late);
    expect(joined?.notes?.map((n) => n.text)).toEqual([workaround]);
    await expectOk(await api.post(`/incidents/${incident.id}/link`, manager, { broadcastId: broadcast.record.id, workaround }), Incident);
    const after = await notedCases(before);
    expect(after.filter((c) => c.id !== late).every((c) => c.notes?.length === 1)).toBe(true);

    // A case whose agent used the broadcast's reply in the capture form is linked by its note, whatever its words
    // (the detector makes nothing of these), and keeps its one note.
    const usedReply = createCase({
      subject: 'Phone only shows SOS since this afternoon',
      channel: 'twitter',
      notes: [{ kind: 'workaround', text: workaround, incidentId: null, broadcastId: broadcast.record.id, createdAt: DEMO_CLOCK.toISOString() }],
    });
    await api.push(agent, usedReply);
    await incidentsSettled(db());
    const withUsed = (await expectOk(await api.get('/incidents?status=broadcast', manager), IncidentsResponse)).incidents[0];
    expect(withUsed?.caseIds).toContain(usedReply.recordId);
    expect(withUsed?.caseIds).toContain(late);
    const used = (await notedCases(before)).filter((c) => c.id === usedReply.recordId);
    expect(used.at(-1)?.notes).toHaveLength(1);
    await expectError(await api.post(`/incidents/${incident.id}/follow-ups`, manager, { message: 'Service is back.' }), 409, 'conflict');
    await expectOk(await api.post(`/incidents/${incident.id}/status`, manager, { status: 'closed' }), Incident);
    const followUp = await expectOk(
      await api.post(`/incidents/${incident.id}/follow-ups`, manager, { message: 'Service is back in Leeds.' }),
      FollowUpResponse,
    );
    expect(followUp.drafts.map((d) => d.caseId).sort()).toEqual([...incident.caseIds, late, usedReply.recordId].sort());
    expect(followUp.drafts.every((d) => d.channel === 'twitter' && d.text === 'Service is back in Leeds.')).toBe(true);
    expect(followUp.incident.followUps).toBe(incident.caseIds.length + 2);
  });
});
