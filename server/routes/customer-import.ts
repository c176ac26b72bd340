// POST /import/customers: customers from a CRM export, upserted by canonical identity (docs/import.md).
// A batch is one transaction: every row is written, or (when any row is refused) none is, and the answer names the
// refused rows by their line in the file. Re-sending a batch changes nothing: rows equal to what is stored are
// counted unchanged and not written, so re-importing a file never bumps versions or wakes agents' syncs.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { customerPhoneCountry, storedIdentities } from '../../lib/identity/normalize';
import { identityKey } from '../../lib/identity/page-identity';
import { CustomerImportRequest, CustomerImportResult, type ImportedCustomer, type KnownImportRowProblem } from '../../lib/schema/customer-import';
import type { Customer, Identity } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';
import { HttpError, readJson } from '../http';
import { managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser } from './access';

export interface StoredCustomer {
  id: string;
  version: number;
  data: Customer;
  fieldVersions: Record<string, number>;
}

/** Fields an import may set; the rest (id, team, createdAt) stay as stored. */
const IMPORTED_FIELDS = ['name', 'identities', 'tier', 'lifetimeValueCents', 'currency', 'language', 'tags'] as const;

export function customerImportRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now), requireRole('manager', 'admin'));

  router.post('/customers', async (c) => {
    const user = c.get('user');
    const request = await readJson(c, CustomerImportRequest);
    if (!managesTeam(user, request.teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${request.teamId}.`);
    const result = await db.transaction((tx) => importBatch(tx, request, now()));
    return c.json(CustomerImportResult.parse(result));
  });

  return router;
}

async function importBatch(tx: Queryable, { teamId, rows }: CustomerImportRequest, at: Date): Promise<CustomerImportResult> {
  const refused: KnownImportRowProblem[] = [];
  const canonical = rows.map((row) => {
    const { identities, unreadable } = storedIdentities(row.identities, { defaultCountry: customerPhoneCountry(row) });
    if (unreadable.length > 0) refused.push(invalidIdentity(row.row, unreadable));
    return { ...row, identities };
  });
  const found = await customersByIdentity(
    tx,
    teamId,
    canonical.flatMap((r) => r.identities),
  );
  // The customers this batch may change are locked the way a push locks them (server/sync/push.ts), then read
  // again: a push that changed one between the probe and the lock is merged into, not overwritten.
  const foundIds = [...new Set([...found.values()].map((c) => c.id))];
  await lockRecordKeys(
    tx,
    foundIds.map((id) => `customers:${id}`),
  );
  const stored = await customersById(tx, foundIds);

  // Rows are applied in file order against what is stored plus what earlier rows of the batch made, so two rows for
  // one person (an export listing a contact twice) become one customer.
  const byKey = new Map<string, StoredCustomer>(stored);
  const touched = new Map<string, { next: StoredCustomer; created: boolean }>();
  let unchanged = 0;
  const iso = at.toISOString();
  for (const row of canonical) {
    if (refused.some((p) => p.row === row.row)) continue;
    const matches = [...new Map(row.identities.flatMap((i) => byKey.get(identityKey(i)) ?? []).map((m) => [m.id, m])).values()];
    if (matches.length > 1) {
      refused.push({
        row: row.row,
        code: 'ambiguous_match',
        message: `Its identities belong to ${matches.length} different customers (${matches.map((m) => m.data.name).join(', ')}); merge them first or split the row.`,
        params: { customers: matches.map((m) => m.data.name) },
      });
      continue;
    }
    const current = matches[0];
    const next = current ? merged(current, row, iso) : created(teamId, row, iso);
    if (!next) {
      unchanged++;
      continue;
    }
    touched.set(next.id, { next, created: !current || (touched.get(next.id)?.created ?? false) });
    for (const identity of next.data.identities) byKey.set(identityKey(identity), next);
  }

  if (refused.length > 0) return { written: false, created: 0, updated: 0, unchanged: 0, refused: refused.sort((a, b) => a.row - b.row) };
  const writes = [...touched.values()];
  await writeRecords(
    tx,
    'customers',
    writes.map((w) => w.next.data),
    { fieldVersions: writes.map((w) => w.next.fieldVersions) },
  );
  const createdCount = writes.filter((w) => w.created).length;
  return { written: true, created: createdCount, updated: writes.length - createdCount, unchanged, refused: [] };
}

/** The row's invalid_identity problem: the identities no normalizer could read, named back as the row gave them. */
export function invalidIdentity(row: number, unreadable: readonly Identity[]): KnownImportRowProblem {
  const identities = unreadable.map(({ kind, value }) => ({ kind, value }));
  return { row, code: 'invalid_identity', message: `Not a valid ${identities.map((i) => `${i.kind} "${i.value}"`).join(', ')}.`, params: { identities } };
}

type StoredRow = { id: string; version: number; data: Customer; field_versions: Record<string, number> | null };

/** Stored customers by each of their identity keys. */
function byIdentityKey(rows: readonly StoredRow[]): Map<string, StoredCustomer> {
  const found = new Map<string, StoredCustomer>();
  for (const r of rows) {
    const customer = { id: r.id, version: Number(r.version), data: r.data, fieldVersions: r.field_versions ?? {} };
    for (const identity of r.data.identities) found.set(identityKey(identity), customer);
  }
  return found;
}

/** These customers as stored now (still live), by identity key. */
async function customersById(tx: Queryable, ids: readonly string[]): Promise<Map<string, StoredCustomer>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<StoredRow>('select id, version, data, field_versions from customers where id = any($1::text[]) and not deleted', [ids]);
  return byIdentityKey(rows);
}

/** The team's live customers holding any of these identities, by identity key: one query on the identity-key index. */
export async function customersByIdentity(tx: Queryable, teamId: string, identities: readonly Identity[]): Promise<Map<string, StoredCustomer>> {
  if (identities.length === 0) return new Map();
  // While a large import runs, the table's statistics lag far behind its size (PGlite runs no autovacuum): the
  // planner would scan every customer per batch. The probe is always selective, so it is told to use the index.
  await tx.query('set local enable_seqscan = off');
  const { rows } = await tx.query<StoredRow>(
    // The index probe stands alone in its CTE: beside the team condition the planner would rather scan the team.
    `with hits as materialized (select id from customers where customer_identity_keys(data) && $2::text[])
     select c.id, c.version, c.data, c.field_versions from customers c join hits using (id)
      where c.team_id = $1 and not c.deleted`,
    [teamId, [...new Set(identities.map(identityKey))]],
  );
  await tx.query('reset enable_seqscan');
  return byIdentityKey(rows);
}

function created(teamId: string, row: ImportedCustomer, iso: string): StoredCustomer {
  const id = `cust-${randomUUID()}`;
  const data: Customer = {
    id,
    teamId,
    version: 1,
    updatedAt: iso,
    deleted: false,
    createdAt: iso,
    name: row.name,
    identities: row.identities,
    tier: row.tier ?? 'standard',
    ...(row.lifetimeValueCents === undefined ? {} : { lifetimeValueCents: row.lifetimeValueCents }),
    currency: row.currency ?? 'USD',
    language: row.language ?? 'en',
    tags: row.tags ?? [],
  };
  return { id, version: 1, data, fieldVersions: Object.fromEntries(IMPORTED_FIELDS.map((f) => [f, 1])) };
}

/**
 * The stored customer with the row applied: the row's fields replace the stored ones, identities are added to
 * (never removed: the CRM export may not list an identity an agent captured), tags are added to. Null when the
 * row changes nothing.
 */
function merged(current: StoredCustomer, row: ImportedCustomer, iso: string): StoredCustomer | null {
  const before = current.data;
  const after: Customer = {
    ...before,
    name: row.name,
    identities: [...before.identities, ...row.identities.filter((i) => !before.identities.some((b) => identityKey(b) === identityKey(i)))],
    tier: row.tier ?? before.tier,
    ...(row.lifetimeValueCents === undefined ? {} : { lifetimeValueCents: row.lifetimeValueCents }),
    currency: row.currency ?? before.currency,
    language: row.language ?? before.language,
    tags: [...new Set([...before.tags, ...(row.tags ?? [])])],
  };
  const changed = IMPORTED_FIELDS.filter((f) => !isDeepStrictEqual(before[f], after[f]));
  if (changed.length === 0) return null;
  const version = current.version + 1;
  const fieldVersions = { ...current.fieldVersions };
  for (const f of changed) fieldVersions[f] = version;
  return { id: current.id, version, data: { ...after, version, updatedAt: iso }, fieldVersions };
}
