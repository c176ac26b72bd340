// Test helpers: a fresh database per test and records to fill it with.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import type { Case, Customer, Interaction } from '../schema';
import { type AttachmentRow, TandemDatabase } from './database';

export const AT = '2026-11-20T09:00:00.000Z';

/** Taken before any test fakes the timers. */
const realSetTimeout = globalThis.setTimeout;

/** Opens an empty database (fake-indexeddb) before each test of the file and deletes it after; returns its getter. */
export function useTestDatabase(): () => TandemDatabase {
  let db: TandemDatabase | null = null;
  beforeEach(() => {
    db = new TandemDatabase(`test-${crypto.randomUUID()}`);
  });
  afterEach(() => {
    // Closed a little later, with the real clock: work a test set going in the background (an
    // announce, a sync pass) may still be reading it, and a closed database would fail that work
    // after the test, as an unhandled error in whichever test runs next.
    const done = db;
    db = null;
    realSetTimeout(() => {
      done?.close();
      void done?.delete().catch(() => undefined);
    }, 2_000);
  });
  return () => {
    if (!db) throw new Error('The test database is open only inside a test.');
    return db;
  };
}

export function customer(id: string, fields: Partial<Customer> = {}): Customer {
  return {
    id,
    version: 1,
    updatedAt: AT,
    deleted: false,
    teamId: 'team-care',
    name: `Customer ${id}`,
    identities: [{ kind: 'email', value: `${id}@example.com` }],
    tier: 'standard',
    currency: 'USD',
    language: 'en',
    tags: [],
    createdAt: AT,
    ...fields,
  };
}

export function kase(id: string, customerId: string, fields: Partial<Case> = {}): Case {
  return {
    id,
    version: 1,
    updatedAt: AT,
    deleted: false,
    teamId: 'team-care',
    customerId,
    subject: `Case ${id}`,
    status: 'open',
    priority: 'normal',
    channel: 'email',
    slaDueAt: null,
    assigneeId: null,
    tags: [],
    source: { url: null, site: null, externalId: null, pageTitle: null },
    createdAt: AT,
    ...fields,
  };
}

export function interaction(id: string, customerId: string, fields: Partial<Interaction> = {}): Interaction {
  return {
    id,
    version: 1,
    updatedAt: AT,
    deleted: false,
    teamId: 'team-care',
    customerId,
    caseId: null,
    channel: 'email',
    visibility: 'private',
    direction: 'inbound',
    text: `Message ${id}`,
    sourceUrl: null,
    authorName: null,
    occurredAt: AT,
    ...fields,
  };
}

/** A new screenshot of a case as saveAttachment takes it: three bytes, 1 2 3. */
export function screenshot(id: string, caseId: string, createdAt = AT): Omit<AttachmentRow, 'state' | 'uploadedAt' | 'attempts' | 'lastError'> {
  return { id, caseId, kind: 'screenshot', mime: 'image/webp', width: 40, height: 20, size: 3, bytes: new Uint8Array([1, 2, 3]).buffer, createdAt };
}
