// POST /import/history: tickets from a help desk's export become cases, and their messages interactions, of the
// customers the requesters' identities name (docs/import.md). Records are keyed by the help desk's own ids — the case's
// and each interaction's id is derived from (team, system, ticket id[, message id]) — so re-sending a batch finds what
// the last import wrote: equal tickets are counted unchanged and not written, a changed ticket is updated. Like the
// customer import, a batch is one transaction: a refused row (no customer, two customers) means none is written.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { customerPhoneCountry, storedIdentities } from '../../lib/identity/normalize';
import { identityKey } from '../../lib/identity/page-identity';
import { CustomerImportResult, type KnownImportRowProblem } from '../../lib/schema/customer-import';
import type { Case, Interaction } from '../../lib/schema/entities';
import { HistoryImportRequest, type HistorySource, type ImportedTicket } from '../../lib/schema/history-import';
import type { Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';
import { HttpError, readJson } from '../http';
import { managesTeam, type RouteDeps, type RouteEnv, requireRole, requireUser } from './access';
import { customersByIdentity, invalidIdentity } from './customer-import';

/** Case fields a ticket sets; the rest (assignee, notes, SLA) are the agents' and stay as stored. */
const IMPORTED_CASE_FIELDS = ['customerId', 'subject', 'status', 'priority', 'channel', 'tags', 'source'] as const;
const IMPORTED_INTERACTION_FIELDS = ['customerId', 'caseId', 'channel', 'direction', 'text', 'sourceUrl', 'authorName', 'occurredAt'] as const;

export function historyImportRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('/history', requireUser(db, now), requireRole('manager', 'admin'));

  router.post('/history', async (c) => {
    const user = c.get('user');
    const request = await readJson(c, HistoryImportRequest);
    if (!managesTeam(user, request.teamId)) throw new HttpError(403, 'forbidden', `You do not manage team ${request.teamId}.`);
    const result = await db.transaction((tx) => importHistoryBatch(tx, request, now()));
    return c.json(CustomerImportResult.parse(result));
  });

  return router;
}

/** A stable record id for a help desk's record: the same ticket of the same team always lands on the same case. */
export function importedRecordId(prefix: 'case' | 'int', teamId: string, source: HistorySource, ...ids: string[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([teamId, source, ...ids]))
    .digest('hex')
    .slice(0, 32);
  return `${prefix}-${source}-${digest}`;
}

interface Stored<T> {
  data: T;
  version: number;
  fieldVersions: Record<string, number>;
}

async function storedById<T extends { id: string }>(tx: Queryable, entity: 'cases' | 'interactions', ids: readonly string[]): Promise<Map<string, Stored<T>>> {
  if (ids.length === 0) return new Map();
  // Table name from the fixed pair above, never from input.
  const { rows } = await tx.query<{ version: number; data: T; field_versions?: Record<string, number> | null }>(
    `select version, data${entity === 'cases' ? ', field_versions' : ''} from ${entity} where id = any($1::text[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.data.id, { data: r.data, version: Number(r.version), fieldVersions: r.field_versions ?? {} }]));
}

async function importHistoryBatch(tx: Queryable, { teamId, source, rows }: HistoryImportRequest, at: Date): Promise<CustomerImportResult> {
  const refused: KnownImportRowProblem[] = [];
  const canonical = rows.map((row) => {
    const { identities, unreadable } = storedIdentities(row.requester, { defaultCountry: customerPhoneCountry({}) });
    if (unreadable.length > 0) refused.push(invalidIdentity(row.row, unreadable));
    return { ...row, requester: identities };
  });
  const found = await customersByIdentity(
    tx,
    teamId,
    canonical.flatMap((r) => r.requester),
  );
  const caseIds = canonical.map((row) => importedRecordId('case', teamId, source, row.ticketId));
  const interactionIds = canonical.flatMap((row) => row.messages.map((m) => importedRecordId('int', teamId, source, row.ticketId, m.messageId)));
  // Locked as a push locks them (server/sync/push.ts): an agent's edit of an imported case between the read below and
  // the write is not overwritten; the customers are referenced (a concurrent erasure waits).
  await lockRecordKeys(
    tx,
    [...caseIds.map((id) => `cases:${id}`), ...interactionIds.map((id) => `interactions:${id}`)],
    [...new Set([...found.values()].map((c) => `customers:${c.id}`))],
  );
  const storedCases = await storedById<Case>(tx, 'cases', caseIds);
  const storedInteractions = await storedById<Interaction>(tx, 'interactions', interactionIds);

  const iso = at.toISOString();
  const cases: Stored<Case>[] = [];
  const interactions: Interaction[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  canonical.forEach((row, index) => {
    if (refused.some((p) => p.row === row.row)) return;
    const owners = [...new Map(row.requester.flatMap((i) => found.get(identityKey(i)) ?? []).map((c) => [c.id, c])).values()];
    if (owners.length === 0) {
      const identities = row.requester.map(({ kind, value }) => ({ kind, value }));
      refused.push({
        row: row.row,
        code: 'unknown_customer',
        message: `No customer of the team has the requester's ${identities.map((i) => `${i.kind} ${i.value}`).join(' or ')}; import the customers first.`,
        params: { identities },
      });
      return;
    }
    if (owners.length > 1) {
      refused.push({
        row: row.row,
        code: 'ambiguous_match',
        message: `The requester's identities belong to ${owners.length} different customers (${owners.map((o) => o.data.name).join(', ')}); merge them first.`,
        params: { customers: owners.map((o) => o.data.name) },
      });
      return;
    }
    const customerId = (owners[0] as (typeof owners)[number]).id;
    const caseId = caseIds[index] as string;
    const stored = storedCases.get(caseId);
    // An imported case someone deleted (a privacy erasure) stays deleted: re-importing the file must not bring it back.
    if (stored?.data.deleted) {
      unchanged++;
      return;
    }
    const fromTicket = {
      customerId,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      channel: row.channel,
      tags: row.tags,
      source: { url: row.sourceUrl, site: source, externalId: row.ticketId, pageTitle: null },
    } satisfies Pick<Case, (typeof IMPORTED_CASE_FIELDS)[number]>;
    const nextCase = stored ? changedCase(stored, fromTicket, iso) : newCase(caseId, teamId, fromTicket, row, iso);
    const nextInteractions = row.messages.flatMap((message) => {
      const id = importedRecordId('int', teamId, source, row.ticketId, message.messageId);
      const before = storedInteractions.get(id)?.data;
      if (before?.deleted) return [];
      const after: Interaction = {
        id,
        teamId,
        version: (before?.version ?? 0) + 1,
        updatedAt: iso,
        deleted: false,
        customerId,
        caseId,
        channel: row.channel,
        // A help desk conversation is between the customer and the team, never a public post.
        visibility: 'private',
        direction: message.direction,
        text: message.text,
        sourceUrl: row.sourceUrl,
        authorName: message.authorName,
        occurredAt: message.occurredAt,
      };
      return before && IMPORTED_INTERACTION_FIELDS.every((f) => isDeepStrictEqual(before[f], after[f])) ? [] : [after];
    });
    if (nextCase) cases.push(nextCase);
    interactions.push(...nextInteractions);
    if (!stored) created++;
    else if (nextCase || nextInteractions.length > 0) updated++;
    else unchanged++;
  });

  if (refused.length > 0) return { written: false, created: 0, updated: 0, unchanged: 0, refused: refused.sort((a, b) => a.row - b.row) };
  await writeRecords(
    tx,
    'cases',
    cases.map((c) => c.data),
    { fieldVersions: cases.map((c) => c.fieldVersions) },
  );
  await writeRecords(tx, 'interactions', interactions);
  return { written: true, created, updated, unchanged, refused: [] };
}

type TicketFields = Pick<Case, (typeof IMPORTED_CASE_FIELDS)[number]>;

function newCase(id: string, teamId: string, fields: TicketFields, row: ImportedTicket, iso: string): Stored<Case> {
  const data: Case = { id, teamId, version: 1, updatedAt: iso, deleted: false, ...fields, slaDueAt: null, assigneeId: null, createdAt: row.createdAt };
  return { data, version: 1, fieldVersions: Object.fromEntries(IMPORTED_CASE_FIELDS.map((f) => [f, 1])) };
}

/** The stored case with the ticket's fields; null when the ticket changes none of them. */
function changedCase(stored: Stored<Case>, fields: TicketFields, iso: string): Stored<Case> | null {
  const changed = IMPORTED_CASE_FIELDS.filter((f) => !isDeepStrictEqual(stored.data[f], fields[f]));
  if (changed.length === 0) return null;
  const version = stored.version + 1;
  const fieldVersions = { ...stored.fieldVersions };
  for (const f of changed) fieldVersions[f] = version;
  return { data: { ...stored.data, ...fields, version, updatedAt: iso }, version, fieldVersions };
}
