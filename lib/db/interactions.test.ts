import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../schema';
import { applyChanges, trimOldestInteractions, writeLocal } from './index';
import { interaction, useTestDatabase } from './test-fixtures';

const db = useTestDatabase();

/** An interaction on the given day of November 2026. */
function onDay(id: string, day: number): Interaction {
  return interaction(id, 'c1', { occurredAt: new Date(Date.UTC(2026, 10, day)).toISOString() });
}

describe('trimOldestInteractions (storage pressure)', () => {
  it('drops the oldest cached history first and never what the outbox still holds', async () => {
    await applyChanges(
      db(),
      Array.from({ length: 10 }, (_, i) => ({ entity: 'interactions' as const, seq: i + 1, record: onDay(`old-${i}`, i + 1) })),
    );
    // The agent's own unsynced note, written long ago (oldest of all), must survive.
    await writeLocal(db(), [{ entity: 'interactions', op: 'create', record: { ...onDay('mine', 0), version: 0 } }]);
    const dropped = await trimOldestInteractions(db(), 0.3);
    expect(dropped).toBe(3);
    const left = (await db().interactions.toArray()).map((i) => i.id).sort();
    expect(left).toContain('mine');
    expect(left).not.toContain('old-0');
    expect(left).not.toContain('old-2');
    expect(left).toContain('old-3');
    expect(await db().outbox.count()).toBe(1);
  });
});
