// Queue rows for tests: one builder so the feed and queue tests describe the same case shape.
import type { QueueCase } from '../schema/queue';

export const QUEUE_TEST_NOW = new Date('2026-11-20T12:00:00.000Z');

/** An ISO time `m` minutes from QUEUE_TEST_NOW (negative: in the past). */
export const minutesFromNow = (m: number) => new Date(QUEUE_TEST_NOW.getTime() + m * 60_000).toISOString();

/** An open, unassigned email case due in two hours; `over` changes what a test is about. */
export function queueRow(id: string, over: Partial<QueueCase> = {}): QueueCase {
  return {
    id,
    version: 1,
    updatedAt: minutesFromNow(-600),
    deleted: false,
    teamId: 'team-care',
    customerId: `cust-${id}`,
    subject: id,
    status: 'open',
    priority: 'normal',
    channel: 'email',
    slaDueAt: minutesFromNow(120),
    assigneeId: null,
    tags: [],
    source: { url: null, site: null, externalId: null, pageTitle: null },
    createdAt: minutesFromNow(-600),
    customerName: id,
    customerTier: 'standard',
    customerValueCents: 0,
    customerValueBand: 'low',
    customerLanguage: 'en',
    pending: false,
    claimConflict: null,
    ...over,
  };
}
