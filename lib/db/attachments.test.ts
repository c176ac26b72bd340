import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPulledPage, attachmentsForCase, clearAccountData, pendingAttachments, saveAttachment, TandemDatabase } from './index';
import { kase, screenshot } from './test-fixtures';

let n = 0;
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('attachments table (version 4)', () => {
  it('upgrades a version 3 database without touching its data', async () => {
    const name = `attachments-upgrade-${n++}`;
    // The schema as it was before screenshots.
    const old = new Dexie(name);
    old.version(1).stores({
      customers: 'id, *identityKeys, teamId',
      interactions: 'id, [customerId+occurredAt], caseId',
      cases: 'id, [customerId+status], status, slaDueAt',
      articles: 'id, *tags, status',
      snippets: 'id, shortcut, *tags',
      broadcasts: 'id, endsAt',
      meta: 'key',
    });
    old.version(2).stores({ outbox: '++seq, &mutationId, [entity+recordId], state', conflicts: 'mutationId, [entity+recordId]' });
    old.version(3).stores({ usageEvents: 'id, occurredAt' });
    await old.table('meta').put({ key: 'sync.cursor', value: 41 });
    await old.table('outbox').add({
      mutationId: 'm-1',
      entity: 'cases',
      op: 'create',
      recordId: 'case-1',
      baseVersion: null,
      data: {},
      createdAt: '2026-11-20T09:00:00.000Z',
      attempts: 0,
      state: 'pending',
      lastError: null,
    });
    old.close();

    const db = new TandemDatabase(name);
    opened.push(db);
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect((await db.meta.get('sync.cursor'))?.value).toBe(41);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.attachments.count()).toBe(0);
  });

  it('keeps the bytes as an ArrayBuffer, lists a case’s screenshots oldest first and the pending ones', async () => {
    const db = new TandemDatabase(`attachments-${n++}`);
    opened.push(db);
    await saveAttachment(db, screenshot('00000000-0000-4000-8000-000000000002', 'case-1', '2026-11-20T09:00:02.000Z'));
    await saveAttachment(db, screenshot('00000000-0000-4000-8000-000000000001', 'case-1', '2026-11-20T09:00:01.000Z'));
    await saveAttachment(db, screenshot('00000000-0000-4000-8000-000000000003', 'case-2', '2026-11-20T09:00:03.000Z'));
    await db.attachments.update('00000000-0000-4000-8000-000000000003', { state: 'uploaded', uploadedAt: '2026-11-20T09:01:00.000Z' });

    const forCase = await attachmentsForCase(db, 'case-1');
    expect(forCase.map((a) => a.id)).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
    expect(forCase[0]?.bytes).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(forCase[0]!.bytes)]).toEqual([1, 2, 3]);
    expect(forCase[0]).toMatchObject({ state: 'pending', uploadedAt: null, attempts: 0 });
    expect((await pendingAttachments(db)).map((a) => a.caseId)).toEqual(['case-1', 'case-1']);

    // Signing out takes the screenshots with the rest of the account's data.
    await clearAccountData(db);
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('a case tombstone', () => {
  it('takes the case’s screenshots off this device, and leaves other cases’ alone', async () => {
    const db = new TandemDatabase(`attachments-tombstone-${n++}`);
    opened.push(db);
    await db.cases.bulkPut([kase('case-1', 'cust-1'), kase('case-2', 'cust-1')]);
    await saveAttachment(db, screenshot('00000000-0000-4000-8000-000000000001', 'case-1'));
    await saveAttachment(db, screenshot('00000000-0000-4000-8000-000000000002', 'case-2'));
    await applyPulledPage(db, [{ entity: 'cases', seq: 9, record: kase('case-1', 'cust-1', { version: 2, deleted: true, subject: 'Removed' }) }], 9);
    expect(await db.cases.get('case-1')).toBeUndefined();
    expect(await attachmentsForCase(db, 'case-1')).toEqual([]);
    expect((await attachmentsForCase(db, 'case-2')).map((a) => a.caseId)).toEqual(['case-2']);
  });
});
