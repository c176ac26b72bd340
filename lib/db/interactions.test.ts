import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../schema';
import { applyChanges, TandemDatabase, trimOldestInteractions, writeLocal } from './index';

function interaction(id: string, day: number): Interaction {
  const at = new Date(Date.UTC(2026, 10, day)).toISOString();
  return { id, version: 1, updatedAt: at, deleted: false, teamId: 'team-care', customerId: 'c1', caseId: null, channel: 'email', visibility: 'private', direction: 'inbound', text: id, sourceUrl: null, authorName: null, occurredAt: at };
}

describe('trimOldestInteractions (storage pressure)', () => {
  it('drops the oldest cached history first and never what the outbox still holds', async () => {
    const db = new TandemDatabase('quota-test');
    await applyChanges(db, Array.from({ length: 10 }, (_, i) => ({ entity: 'interactions' as const, seq: i + 1, record: interaction(`old-${i}`, i + 1) })));
    // The agent's own unsynced note, written long ago (oldest of all), must survive.
    await writeLocal(db, [{ entity: 'interactions', op: 'create', record: { ...interaction('mine', 0), version: 0 } }]);
    const dropped = await trimOldestInteractions(db, 0.3);
    expect(dropped).toBe(3);
    const left = (await db.interactions.toArray()).map((i) => i.id).sort();
    expect(left).toContain('mine');
    expect(left).not.toContain('old-0');
    expect(left).not.toContain('old-2');
    expect(left).toContain('old-3');
    expect(await db.outbox.count()).toBe(1);
    db.close();
    await db.delete();
  });
});
