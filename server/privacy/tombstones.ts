// Deleting customer data so that every cache drops it too: a record is replaced by a tombstone (deleted, its content
// emptied) with a new seq, which the next pull brings to every agent who had it; their applyChanges deletes the row
// (lib/db/changes.ts); stored push answers and webhook deliveries of the record get the tombstone too. Retention and
// erasure both go through here (docs/privacy.md "Retention", "Erasure").
import type { Case, Customer, Interaction } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';

/** What an erased customer's tombstone keeps: the schema needs a name and one identity; neither is theirs. */
export const ERASED_NAME = 'Erased customer';
export const ERASED_IDENTITY = { kind: 'email', value: 'erased@invalid' } as const;
/** A removed case's subject (the schema needs one). */
export const REMOVED_SUBJECT = 'Removed';

type Row<T> = { id: string; version: number; data: T };

/**
 * SQL condition that holds once a row's content is gone, so a later run does not tombstone it again. `table` qualifies
 * the columns where the query joins.
 */
export function scrubbed(entity: ScrubbedEntity, table?: string): string {
  const t = table ? `${table}.` : '';
  if (entity === 'customers') return `(${t}deleted and ${t}data->>'name' = '${ERASED_NAME}')`;
  if (entity === 'interactions') return `(${t}deleted and ${t}data->>'text' = '')`;
  return `(${t}deleted and ${t}data->>'subject' = '${REMOVED_SUBJECT}')`;
}

type ScrubbedEntity = 'customers' | 'interactions' | 'cases';

function bumped<T extends { version: number }>(row: Row<T>, now: Date): T {
  return { ...row.data, version: Number(row.version) + 1, updatedAt: now.toISOString(), deleted: true };
}

async function rowsOf<T>(tx: Queryable, entity: ScrubbedEntity, ids: readonly string[]): Promise<Row<T>[]> {
  if (ids.length === 0) return [];
  // Locked like a push's records, so a push racing with the deletion queues behind it (and then meets a tombstone).
  await lockRecordKeys(
    tx,
    ids.map((id) => `${entity}:${id}`),
  );
  const { rows } = await tx.query<Row<T>>(`select id, version, data from ${entity} where id = any($1::text[]) and not ${scrubbed(entity)} order by id`, [ids]);
  return rows;
}

/** Stored push answers hold the record as it was: they get the tombstone instead (a replay then deletes, too). */
async function scrubPushResults(tx: Queryable, entity: string, records: readonly { id: string }[]): Promise<void> {
  if (records.length === 0) return;
  await tx.query(
    `update push_results p set result = jsonb_set(p.result, '{change,record}', t.record)
     from jsonb_array_elements($2::jsonb) as t(record)
     where p.entity = $1 and p.record_id = t.record->>'id' and p.result ? 'change'`,
    [entity, JSON.stringify(records)],
  );
}

/** The webhook event that carries each entity's records (server/webhooks/dispatch.ts); interactions have none. */
const WEBHOOK_EVENT: Partial<Record<ScrubbedEntity, string>> = { customers: 'customer.changed', cases: 'case.changed' };

/**
 * Webhook deliveries (pending, delivered or failed) hold the record as it was: they get the tombstone instead. A
 * pending one then sends the tombstone; the tombstone's own change is queued as a delivery like any other.
 */
async function scrubWebhookDeliveries(tx: Queryable, entity: ScrubbedEntity, records: readonly { id: string }[]): Promise<void> {
  const event = WEBHOOK_EVENT[entity];
  if (!event || records.length === 0) return;
  await tx.query(
    `update webhook_deliveries d set payload = jsonb_set(jsonb_set(d.payload, '{data,record}', t.record), '{data,deleted}', 'true'::jsonb)
     from jsonb_array_elements($2::jsonb) as t(record)
     where d.event = $1 and d.record_id = t.record->>'id'`,
    [event, JSON.stringify(records)],
  );
}

async function tombstone<T extends { id: string }>(tx: Queryable, entity: ScrubbedEntity, records: T[]): Promise<number> {
  await writeRecords(tx, entity, records);
  await scrubPushResults(tx, entity, records);
  await scrubWebhookDeliveries(tx, entity, records);
  return records.length;
}

/** Interactions become tombstones without text, author or link. Answers how many were removed. */
export async function removeInteractions(tx: Queryable, ids: readonly string[], now: Date): Promise<number> {
  const rows = await rowsOf<Interaction>(tx, 'interactions', ids);
  return tombstone(
    tx,
    'interactions',
    rows.map((row) => ({ ...bumped(row, now), text: '', authorName: null, sourceUrl: null })),
  );
}

/** Cases become tombstones without subject, tags or source, and their screenshots are deleted with their bytes. */
export async function removeCases(tx: Queryable, ids: readonly string[], now: Date): Promise<{ cases: number; screenshots: number }> {
  const rows = await rowsOf<Case>(tx, 'cases', ids);
  const cases = await tombstone(
    tx,
    'cases',
    rows.map((row) => ({
      ...bumped(row, now),
      subject: REMOVED_SUBJECT,
      tags: [],
      source: { url: null, site: null, externalId: null, pageTitle: null },
    })),
  );
  const { rows: deleted } = await tx.query<{ id: string }>('delete from attachments where case_id = any($1::text[]) returning id', [ids]);
  return { cases, screenshots: deleted.length };
}

/** The customer becomes a tombstone without name, identities, value or tags. Answers 1, or 0 if already erased. */
export async function removeCustomer(tx: Queryable, id: string, now: Date): Promise<number> {
  const rows = await rowsOf<Customer>(tx, 'customers', [id]);
  return tombstone(
    tx,
    'customers',
    rows.map((row) => {
      const { lifetimeValueCents: _value, valueBand: _band, masking: _masking, ...rest } = bumped(row, now);
      return { ...rest, name: ERASED_NAME, identities: [ERASED_IDENTITY], tags: [] };
    }),
  );
}
