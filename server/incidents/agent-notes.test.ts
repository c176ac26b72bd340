// Agents' notes on cases (lib/cases/notes.ts) reach the server as a `notes` set patch of the case: an agent's note and
// the workaround the server notes from a broadcast incident (server/incidents/notes.ts) both survive, whatever came first.
import { describe, expect, it } from 'vitest';
import { Case } from '../../lib/schema/entities';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, createCase, ENGINES } from '../testing';
import { noteWorkaround } from './notes';

describe.each(ENGINES)("agents' case notes on %s", (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });

  it("keeps an agent's workaround note pushed on a stale base beside the incident's note, and another agent's note too", async () => {
    const agent = await api.signIn('agent@tandem.demo');
    const created = createCase({ subject: 'No signal in Leeds', channel: 'twitter' });
    expect(await api.pushOne(agent, created)).toMatchObject({ status: 'applied', change: { record: { version: 1 } } });
    // The server notes a broadcast incident's workaround on the case: version 2.
    await noteWorkaround(db(), { id: 'inc-notes', teamId: 'team-care' }, [created.recordId], 'Wi-Fi Calling until the mast is back.', DEMO_CLOCK);
    const note = (text: string, kind: 'workaround' | 'note') => ({ kind, text, incidentId: null, createdAt: DEMO_CLOCK.toISOString() });
    const add = (baseVersion: number, text: string, kind: 'workaround' | 'note') =>
      api.pushOne(agent, { entity: 'cases', op: 'update', recordId: created.recordId, baseVersion, patch: { notes: { add: [note(text, kind)], remove: [] } } });
    // Written offline on version 1: applies, and the incident's note stays.
    const first = await add(1, 'Airplane mode for 10 s brings it back.', 'workaround');
    expect(first.status).toBe('applied');
    const second = await add(1, 'Customer asked for a callback.', 'note');
    if (second.status !== 'applied') throw new Error(JSON.stringify(second));
    expect(Case.parse(second.change.record).notes?.map((n) => [n.kind, n.text, n.incidentId])).toEqual([
      ['workaround', 'Wi-Fi Calling until the mast is back.', 'inc-notes'],
      ['workaround', 'Airplane mode for 10 s brings it back.', null],
      ['note', 'Customer asked for a callback.', null],
    ]);
    // The same note sent again (a retried push) is not kept twice.
    const again = await add(1, 'Airplane mode for 10 s brings it back.', 'workaround');
    if (again.status !== 'applied') throw new Error(JSON.stringify(again));
    expect(Case.parse(again.change.record).notes).toHaveLength(3);
  });

  it('refuses a note that is not a note (no kind the schema lacks, no empty text)', async () => {
    const agent = await api.signIn('agent@tandem.demo');
    const created = createCase({ subject: 'Broken router', channel: 'chat' });
    await api.pushOne(agent, created);
    const bad = await api.pushOne(agent, {
      entity: 'cases',
      op: 'update',
      recordId: created.recordId,
      baseVersion: 1,
      patch: { notes: { add: [{ kind: 'secret', text: '', incidentId: null, createdAt: DEMO_CLOCK.toISOString() }], remove: [] } },
    });
    expect(bad.status).toBe('rejected');
  });
});
