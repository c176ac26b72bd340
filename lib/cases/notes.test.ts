import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, getCase, nextBatch, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import { MessageError } from '../messaging/dispatch';
import type { CaseNote } from '../schema/entities';
import { addCaseNote, MAX_CASE_NOTES } from './notes';

const db = useTestDatabase();
const at = new Date('2026-11-20T16:14:00.000Z');
const deps = () => ({ db: db(), write: (writes: Parameters<typeof writeLocal>[1]) => writeLocal(db(), writes, at), now: () => at });

async function seedCase(notes?: CaseNote[]) {
  await applyChanges(db(), [
    { entity: 'customers', seq: 1, record: customer('c-jane', { name: 'Jane Doe' }) },
    { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane', notes ? { notes } : {}) },
  ]);
}

describe("an agent's note on a case", () => {
  it('is shown on the cached case at once and queued as a set addition of the case (offline, with the other edits)', async () => {
    await seedCase([{ kind: 'workaround', text: 'From the incident.', incidentId: 'inc-1', createdAt: '2026-11-20T16:00:00.000Z' }]);
    const note = await addCaseNote(deps(), { caseId: 'k-1', text: '  Switch the network to 3G.  ', workaround: true });
    expect(note).toEqual({ kind: 'workaround', text: 'Switch the network to 3G.', incidentId: null, createdAt: at.toISOString() });
    expect((await getCase(db(), 'k-1'))?.notes?.map((n) => n.text)).toEqual(['From the incident.', 'Switch the network to 3G.']);
    const [queued] = await nextBatch(db(), 10);
    expect(queued).toMatchObject({ entity: 'cases', op: 'update', recordId: 'k-1', data: { notes: { add: [note], remove: [] } } });
  });

  it('is a plain note unless marked workaround, and two notes before a sync go as one mutation', async () => {
    await seedCase();
    await addCaseNote(deps(), { caseId: 'k-1', text: 'Called back, no answer.', workaround: false });
    await addCaseNote(deps(), { caseId: 'k-1', text: 'Airplane mode helps.', workaround: true });
    const batch = await nextBatch(db(), 10);
    expect(batch).toHaveLength(1);
    const added = (batch[0]?.data.notes as { add: CaseNote[] } | undefined)?.add ?? [];
    expect(added.map((n) => [n.kind, n.text])).toEqual([
      ['note', 'Called back, no answer.'],
      ['workaround', 'Airplane mode helps.'],
    ]);
  });

  it('refuses an empty note, an unknown case and a case already holding the most notes', async () => {
    await seedCase(Array.from({ length: MAX_CASE_NOTES }, (_, i) => ({ kind: 'note' as const, text: `n${i}`, incidentId: null, createdAt: at.toISOString() })));
    await expect(addCaseNote(deps(), { caseId: 'k-1', text: '   ', workaround: false })).rejects.toBeInstanceOf(MessageError);
    await expect(addCaseNote(deps(), { caseId: 'k-gone', text: 'x', workaround: false })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addCaseNote(deps(), { caseId: 'k-1', text: 'one more', workaround: false })).rejects.toBeInstanceOf(MessageError);
    expect(await nextBatch(db(), 10)).toEqual([]);
  });
});
