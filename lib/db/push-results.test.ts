import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../schema';
import { applyChanges } from './changes';
import { interactionById } from './interactions';
import { nextBatch, recordPushAttempts, writeLocal } from './outbox';
import { applyPushResults } from './push-results';
import { customer, interaction, kase, useTestDatabase } from './test-fixtures';

const db = useTestDatabase();

describe('applyPushResults', () => {
  it('sends a capture’s interaction again, pointed at the existing case, when its case was a duplicate of the same push', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: customer('c-priya') }]);
    // Captured while the cache did not hold the case the server has for this post (e.g. during the first sync).
    await writeLocal(db(), [
      { entity: 'cases', op: 'create', record: kase('k-local', 'c-priya', { version: 0 }) },
      { entity: 'interactions', op: 'create', record: interaction('i-1', 'c-priya', { caseId: 'k-local', version: 0 }) },
    ]);
    const sent = await recordPushAttempts(db(), await nextBatch(db(), 10));
    const [caseRow, interactionRow] = sent;
    const results: MutationResult[] = [
      {
        mutationId: caseRow!.mutationId,
        status: 'duplicate_source',
        change: { entity: 'cases', seq: 7, record: kase('k-server', 'c-priya') },
        replayed: false,
      },
      { mutationId: interactionRow!.mutationId, status: 'rejected', code: 'invalid_reference', message: 'Case k-local does not exist.' },
    ];
    await applyPushResults(db(), sent, results, () => new Date());

    const [queued] = await nextBatch(db(), 10);
    expect(queued).toMatchObject({ recordId: 'i-1', state: 'pending', data: expect.objectContaining({ caseId: 'k-server' }) });
    expect(await interactionById(db(), 'i-1')).toMatchObject({ caseId: 'k-server' });
    expect(await db().cases.get('k-local')).toBeUndefined();
  });

  it('files the interaction under the existing case’s customer when the capture also made a customer of its own', async () => {
    // Captured during the first sync: the cache held neither the post's case nor its author, so the capture
    // made a customer (c-new) as well; the server answers the case with its own, filed under c-priya.
    await writeLocal(db(), [
      { entity: 'customers', op: 'create', record: customer('c-new', { version: 0 }) },
      { entity: 'cases', op: 'create', record: kase('k-local', 'c-new', { version: 0 }) },
      { entity: 'interactions', op: 'create', record: interaction('i-1', 'c-new', { caseId: 'k-local', version: 0 }) },
    ]);
    const sent = await recordPushAttempts(db(), await nextBatch(db(), 10));
    const [customerRow, caseRow, interactionRow] = sent;
    const results: MutationResult[] = [
      { mutationId: customerRow!.mutationId, status: 'applied', change: { entity: 'customers', seq: 7, record: customer('c-new') }, replayed: false },
      {
        mutationId: caseRow!.mutationId,
        status: 'duplicate_source',
        change: { entity: 'cases', seq: 5, record: kase('k-server', 'c-priya') },
        replayed: false,
      },
      { mutationId: interactionRow!.mutationId, status: 'rejected', code: 'invalid_reference', message: 'Case k-local does not exist for customer c-new.' },
    ];
    await applyPushResults(db(), sent, results, () => new Date());

    const [queued] = await nextBatch(db(), 10);
    expect(queued).toMatchObject({ recordId: 'i-1', state: 'pending', data: expect.objectContaining({ caseId: 'k-server', customerId: 'c-priya' }) });
    expect(await interactionById(db(), 'i-1')).toMatchObject({ caseId: 'k-server', customerId: 'c-priya' });
  });

  it('points the case, the interaction and their queued writes at the customer the server merged a capture’s contact into', async () => {
    await writeLocal(db(), [
      { entity: 'customers', op: 'create', record: customer('c-made', { version: 0 }), origin: 'capture' },
      { entity: 'cases', op: 'create', record: kase('k-1', 'c-made', { version: 0 }) },
      { entity: 'interactions', op: 'create', record: interaction('i-1', 'c-made', { caseId: 'k-1', version: 0 }) },
    ]);
    const sent = await recordPushAttempts(db(), await nextBatch(db(), 10));
    expect(sent[0]).toMatchObject({ entity: 'customers', origin: 'capture' });
    const [customerRow, caseRow, interactionRow] = sent;
    const results: MutationResult[] = [
      {
        mutationId: customerRow!.mutationId,
        status: 'duplicate_identity',
        change: { entity: 'customers', seq: 4, record: customer('c-priya') },
        replayed: false,
      },
      { mutationId: caseRow!.mutationId, status: 'rejected', code: 'invalid_reference', message: 'Customer c-made does not exist.' },
      { mutationId: interactionRow!.mutationId, status: 'rejected', code: 'invalid_reference', message: 'Customer c-made does not exist.' },
    ];
    await applyPushResults(db(), sent, results, () => new Date());

    expect(await db().customers.get('c-made')).toBeUndefined();
    expect(await db().customers.get('c-priya')).toBeDefined();
    expect(await db().cases.get('k-1')).toMatchObject({ customerId: 'c-priya' });
    expect(await interactionById(db(), 'i-1')).toMatchObject({ customerId: 'c-priya' });
    const queued = await nextBatch(db(), 10);
    expect(queued.map((r) => [r.recordId, r.state, r.data.customerId])).toEqual([
      ['k-1', 'pending', 'c-priya'],
      ['i-1', 'pending', 'c-priya'],
    ]);
  });

  it('still sets aside a write whose reference the server refuses for itself', async () => {
    await writeLocal(db(), [{ entity: 'interactions', op: 'create', record: interaction('i-2', 'c-gone', { version: 0 }) }]);
    const sent = await recordPushAttempts(db(), await nextBatch(db(), 10));
    await applyPushResults(
      db(),
      sent,
      [{ mutationId: sent[0]!.mutationId, status: 'rejected', code: 'invalid_reference', message: 'No such customer.' }],
      () => new Date(),
    );
    expect(await nextBatch(db(), 10)).toEqual([]);
    expect((await db().outbox.toArray()).map((r) => r.state)).toEqual(['failed']);
  });
});
