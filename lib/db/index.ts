import Dexie from 'dexie';
import type { Article, Case, Change, Customer, Identity, Interaction, SyncedEntityName } from '../schema';
import { OPEN_STATUSES } from '../schema';
import { identityKey, type AttachmentRow, type CachedCustomer, type TandemDatabase } from './database';

export * from './database';
export * from './knowledge';

/** Customers holding any of these identities, best match first (most identities in common). */
export async function findCustomersByIdentities(db: TandemDatabase, identities: readonly Identity[]): Promise<Customer[]> {
  if (identities.length === 0) return [];
  const keys = [...new Set(identities.map(identityKey))];
  // One equality query per key beats anyOf().distinct() on a multi-entry index (p95 1.2 vs 2.7 ms at 100k customers).
  const byId = new Map<string, CachedCustomer>();
  for (const rows of await Promise.all(keys.map((k) => db.customers.where('identityKeys').equals(k).toArray()))) {
    for (const row of rows) byId.set(row.id, row);
  }
  const found = [...byId.values()];
  const score = (c: CachedCustomer) => c.identityKeys.filter((k) => keys.includes(k)).length;
  return found
    .filter((c) => !c.deleted)
    .sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name))
    .map(stripIdentityKeys);
}

/** Open cases of a customer, the most urgent service-level deadline first (no deadline last). */
export async function openCasesForCustomer(db: TandemDatabase, customerId: string): Promise<Case[]> {
  const cases = await db.cases
    .where('[customerId+status]')
    .anyOf(OPEN_STATUSES.map((status) => [customerId, status]))
    .toArray();
  const due = (c: Case) => (c.slaDueAt ? Date.parse(c.slaDueAt) : Number.POSITIVE_INFINITY);
  return cases.filter((c) => !c.deleted).sort((a, b) => due(a) - due(b));
}

/** A customer's interactions across channels, newest first. */
export async function timelineForCustomer(db: TandemDatabase, customerId: string, limit = 50): Promise<Interaction[]> {
  const rows = await db.interactions
    .where('[customerId+occurredAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
  return rows.filter((i) => !i.deleted);
}

export async function articlesByTag(db: TandemDatabase, tag: string): Promise<Article[]> {
  const rows = await db.articles.where('tags').equals(tag).toArray();
  return rows.filter((a) => !a.deleted && a.status === 'published');
}

function stripIdentityKeys({ identityKeys: _keys, ...customer }: CachedCustomer): Customer {
  return customer;
}

export function toCachedCustomer(customer: Customer): CachedCustomer {
  return { ...customer, identityKeys: customer.identities.map(identityKey) };
}

/**
 * Applies one page of pulled changes in a single transaction. A change older than the cached
 * version is skipped, so replaying a page is harmless. Tombstones delete the row. `skip` holds
 * "entity:id" keys of records with unconfirmed local writes.
 */
export async function applyChanges(db: TandemDatabase, changes: readonly Change[], skip: ReadonlySet<string> = new Set()): Promise<void> {
  const tables = [db.customers, db.interactions, db.cases, db.articles, db.snippets, db.broadcasts];
  await db.transaction('rw', tables, async () => {
    const byEntity = new Map<SyncedEntityName, Change[]>();
    for (const change of changes) byEntity.set(change.entity, [...(byEntity.get(change.entity) ?? []), change]);
    for (const [entity, list] of byEntity) {
      const table = db.table(entity);
      const existing = await table.bulkGet(list.map((c) => c.record.id));
      const puts: unknown[] = [];
      const deletes: string[] = [];
      list.forEach((change, i) => {
        const current = existing[i] as { version: number } | undefined;
        if (current && current.version > change.record.version) return;
        // A record with a write still in the outbox keeps the agent's version until the push answers.
        if (skip.has(`${change.entity}:${change.record.id}`)) return;
        if (change.record.deleted) deletes.push(change.record.id);
        else puts.push(change.entity === 'customers' ? toCachedCustomer(change.record) : change.record);
      });
      await table.bulkPut(puts);
      await table.bulkDelete(deletes);
    }
  });
}

export async function getMeta<T>(db: TandemDatabase, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: TandemDatabase, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function countRecords(db: TandemDatabase): Promise<Record<string, number>> {
  const [customers, interactions, cases, articles, snippets, broadcasts] = await Promise.all([
    db.customers.count(),
    db.interactions.count(),
    db.cases.count(),
    db.articles.count(),
    db.snippets.count(),
    db.broadcasts.count(),
  ]);
  return { customers, interactions, cases, articles, snippets, broadcasts };
}

/** Keeps a new screenshot with its case; the uploader sends it once the case is on the server. */
export async function saveAttachment(db: TandemDatabase, row: Omit<AttachmentRow, 'state' | 'uploadedAt' | 'attempts' | 'lastError'>): Promise<AttachmentRow> {
  const stored: AttachmentRow = { ...row, state: 'pending', uploadedAt: null, attempts: 0, lastError: null };
  await db.attachments.add(stored);
  return stored;
}

/** A case's screenshots, oldest first. */
export async function attachmentsForCase(db: TandemDatabase, caseId: string): Promise<AttachmentRow[]> {
  return (await db.attachments.where('caseId').equals(caseId).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Screenshots still waiting for the server, oldest first. */
export async function pendingAttachments(db: TandemDatabase): Promise<AttachmentRow[]> {
  return (await db.attachments.where('state').equals('pending').toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Signing out wipes the account's local data, sync state and session together. */
export async function clearAccountData(db: TandemDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}
