import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../api/client';
import { useTestDatabase } from '../db/test-fixtures';
import { createUsageRecorder } from './recorder';

const db = useTestDatabase();

const inserted = (itemId: string) => ({ type: 'inserted' as const, itemKind: 'snippet' as const, itemId, site: 'twitter' });

function setup(signedIn = true) {
  const clock = { now: Date.parse('2026-11-20T09:00:00.000Z') };
  const onRecorded = vi.fn();
  const recorder = createUsageRecorder({
    db: db(),
    agent: async () => (signedIn ? { id: 'u-ana', name: 'Ana', teamIds: ['team-care'] } : null),
    onRecorded,
    now: () => new Date(clock.now),
  });
  const record = (itemIds: string[]) => recorder.handlers['usage.record']({ events: itemIds.map(inserted) }, {});
  return { recorder, record, onRecorded, clock };
}

describe('usage.record', () => {
  it('keeps the events with who and when, and tells the ranking at once', async () => {
    const { record, onRecorded } = setup();
    expect(await record(['s-1', 's-2'])).toEqual({ recorded: 2 });
    expect((await db().usageEvents.toArray()).sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual([
      expect.objectContaining({ itemId: 's-1', userId: 'u-ana', teamId: 'team-care', occurredAt: '2026-11-20T09:00:00.000Z' }),
      expect.objectContaining({ itemId: 's-2', userId: 'u-ana', teamId: 'team-care' }),
    ]);
    expect(onRecorded).toHaveBeenCalledWith([inserted('s-1'), inserted('s-2')]);
  });

  it('records nothing for nobody', async () => {
    const { record } = setup(false);
    expect(await record(['s-1'])).toEqual({ recorded: 0 });
    expect(await db().usageEvents.count()).toBe(0);
  });
});

describe('flushing usage', () => {
  it('sends the events oldest first in batches of 500, without who sent them, and forgets what the server has', async () => {
    const { recorder, record, clock } = setup();
    for (let batch = 0; batch < 11; batch++) {
      await record(Array.from({ length: 50 }, (_, i) => `s-${batch}-${i}`));
      clock.now += 1000;
    }
    const sent: Array<Array<Record<string, unknown>>> = [];
    await recorder.flush({ usage: async (events) => (sent.push(events), { accepted: events.length, duplicates: 0 }) });
    expect(sent.map((b) => b.length)).toEqual([500, 50]);
    // The newest 50 (recorded last) go in the second batch.
    expect(sent[1]!.every((e) => String(e.itemId).startsWith('s-10-'))).toBe(true);
    expect(Object.keys(sent[0]![0]!).sort()).toEqual(['id', 'itemId', 'itemKind', 'occurredAt', 'site', 'type']);
    expect(await db().usageEvents.count()).toBe(0);
  });

  it('keeps the events when the server cannot take them', async () => {
    const { recorder, record } = setup();
    await record(['s-1']);
    await expect(
      recorder.flush({
        usage: async () => {
          throw new ApiClientError('offline', 'Cannot reach the server.', null);
        },
      }),
    ).rejects.toThrow('Cannot reach the server.');
    expect(await db().usageEvents.count()).toBe(1);
  });
});
