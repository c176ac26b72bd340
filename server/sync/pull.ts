import { isDeepStrictEqual } from 'node:util';
import { Change, PullResponse } from '../../lib/schema/api';
import { Channel, type SyncedEntityName, type User } from '../../lib/schema/entities';
import { CustomerPolicyField } from '../../lib/schema/privacy';
import type { Db, Queryable } from '../db/database';
import { SYNCED_TABLES, settledSeq, TEAM_OWNED } from '../db/records';
import { pulledDataSql } from '../knowledge/embed';
import { FIELD_POLICY, type FieldPolicy, type ReaderPolicy, readerPolicy } from '../policy/field-policy';
import { REVOCATION_ARMS, revokedTombstone } from './revocations';

/** Entities with a publication status; agents only see published ones. */
const HAS_STATUS: ReadonlySet<SyncedEntityName> = new Set(['articles', 'snippets']);

/**
 * The rows of shared knowledge that reach one of `teams`: server/db/records.ts reachesAnyTeam, phrased for the
 * planner as "not (targeted at teams, none of them the caller's)". The same rows pass (no targeting or an empty list,
 * or a list naming one of the teams; a NULL list is untargeted in both). The planner estimates an OR of two jsonb tests
 * at ≈ 1.5% of the rows and a NOT as the complement of what it negates (≈ 67% here), so with this phrasing it reads
 * the table's seq index in order up to the page's limit; with the OR, PGlite's read the whole table and sorted it for
 * every page of the feed, whatever the page held (10,000 articles: ≈ 90–180 ms a page, bench:pull-plan; PostgreSQL
 * 15 read the index either way).
 */
export function reachesAnyTeamInOrder(teams: string, data = 'data'): string {
  const listed = `(${data}->'targeting'->'teamIds')`;
  return `(not (coalesce(jsonb_array_length(${listed}), 0) > 0 and not (${listed} ?| ${teams})))`;
}

function tableQuery(entity: SyncedEntityName): string {
  const scope = TEAM_OWNED.has(entity) ? 'team_id = any($2::text[])' : reachesAnyTeamInOrder('$2::text[]');
  return `(select '${entity}' as entity, seq, ${pulledDataSql(entity)} as data, null::text as lost_team from ${entity} where seq > $1 and seq <= $4 and ${scope} order by seq limit $3)`;
}

/**
 * The pull query (exported for bench/server/pull-plan.ts, which prints its plan at 300k rows). Each record's data comes
 * out as JSON text, not jsonb: the driver then hands it over without parsing it, and a record the pull passes unchanged
 * goes into the page as that text (pullPageJson). teamId and status are read beside it for the decisions.
 */
export const PULL_SQL = `select entity, seq, data::text as data, lost_team, data->>'teamId' as team_id, data->>'status' as status
  from (${[...SYNCED_TABLES.map(tableQuery), ...REVOCATION_ARMS].join(' union all ')}) c order by seq limit $3`;

/** `lost_team`: set on a revocation (server/sync/revocations.ts), the caller's team the record left. */
type Row = { entity: SyncedEntityName; seq: number | string | bigint; data: string; lost_team: string | null; team_id: string | null; status: string | null };

const TEAM_OWNED_LIST = [...TEAM_OWNED].map((e) => `'${e}'`).join(', ');
const HAS_STATUS_LIST = [...HAS_STATUS].map((e) => `'${e}'`).join(', ');

/**
 * The page as the database writes it (the route's pull, pullPageJson), in one row: PULL_SQL's rows in seq order, each
 * change that goes as stored written as the page's JSON text, `{"entity":…,"seq":…,"record":<data as text>}`, joined by
 * commas into `changes`, with a \x01 (a byte no JSON text holds raw: jsonb's text escapes control characters) where a
 * change stands that the pull must build in Node (a revocation's tombstone, a draft an agent may not read, a record of a
 * team whose customers the reader's policy masks); those come apart in `built`, in order. A first sync's page of 2,000
 * is then one text of ≈ 1 MB instead of 2,000 rows (on PGlite, each row's fields were decoded in JavaScript: a quarter
 * of the route's CPU). $5: the caller's teams whose records the policy leaves as they are; $6: whether the caller reads
 * drafts. The row numbered $3 (limit + 1) only says that more follow.
 */
export const PULL_PAGE_SQL = `select bool_or(n = $3) as more, max(seq) filter (where n < $3) as last_seq,
    string_agg(case when passed then '{"entity":"' || entity || '","seq":' || seq || ',"record":' || data::text || '}' else E'\\x01' end, ',' order by seq)
      filter (where n < $3) as changes,
    json_agg(json_build_array(entity, seq, data::text, lost_team, data->>'status') order by seq) filter (where n < $3 and not passed) as built
  from (
    select entity, seq, data, lost_team, n, lost_team is null
        and not (entity in (${HAS_STATUS_LIST}) and not $6::bool and data->>'status' is distinct from 'published')
        and (entity not in (${TEAM_OWNED_LIST}) or data->>'teamId' is null or data->>'teamId' = any($5::text[])) as passed
      from (select *, row_number() over (order by seq) as n
        from (select * from (${[...SYNCED_TABLES.map(tableQuery), ...REVOCATION_ARMS].join(' union all ')}) c order by seq limit $3) l) f
  ) d`;

/** PULL_PAGE_SQL's row; `built`: [entity, seq, data as text, lost_team, status] of each change the pull builds. */
type PageRow = {
  more: boolean | null;
  last_seq: number | string | null;
  changes: string | null;
  built: [SyncedEntityName, number, string, string | null, string | null][] | null;
};

/** Where PULL_PAGE_SQL's text holds a change the pull builds. */
const BUILT_MARK = '\x01';

/** One change of a page: `json` is the record's JSON text as stored when the pull passes it unchanged, else `record`. */
type PageChange = { entity: SyncedEntityName; seq: number; revoked?: true } & (
  | { json: string; record?: never }
  | { record: Record<string, unknown>; json?: never }
);

interface Page {
  changes: PageChange[];
  cursor: number;
  hasMore: boolean;
}

/**
 * Whether the route's pull checks each page it answers: that its text reads as PullResponse reads it, and that every
 * record it passed as stored is one the reader's policy leaves unmasked and may read. Every record the pull reads went
 * through its schema when it was written (server/db/records.ts writeRecords), and what the pull does to it
 * (tombstones, redaction, masking) is this file's own code, so in production the check only repeated a parse of
 * every record on every page (13% of the route's time in bench:sync:pull). Tests (vitest sets VITEST) and
 * TANDEM_CHECK_PULL=1 keep it; the suites also compare the route's pages with pullChanges, which decides in Node.
 */
const CHECK_ANSWER = Boolean(process.env.VITEST) || process.env.TANDEM_CHECK_PULL === '1';

const CUSTOMER_FIELDS = CustomerPolicyField.options;
const CHANNELS = Channel.options;

/** Whether the reader's policy leaves every record of this team as it is (all fields and channels visible). */
function masksNothing(reader: ReaderPolicy, teamId: string, cache: Map<string, boolean>): boolean {
  let plain = cache.get(teamId);
  if (plain === undefined) {
    plain = CUSTOMER_FIELDS.every((f) => reader.customerMode(teamId, f) === 'visible') && CHANNELS.every((c) => reader.channelMode(teamId, c) === 'visible');
    cache.set(teamId, plain);
  }
  return plain;
}

const seesDrafts = (user: User) => user.role === 'manager' || user.role === 'admin';

/** Whether the pull hides this record's content from the caller: an unpublished article or snippet for an agent. */
const isHidden = (entity: SyncedEntityName, status: string | null, user: User) => HAS_STATUS.has(entity) && !seesDrafts(user) && status !== 'published';

/**
 * A change whose record the pull builds (a tombstone, a redaction, a masking). It goes through its schema here, on
 * every page: that is where a placeholder takes the schema's defaults (an article's language), and a mistake in that
 * code fails here, not in the extension. Records passed as stored need no parse: they went through it when written.
 */
function buildChange(row: Row, user: User, reader: ReaderPolicy): PageChange & { record: Record<string, unknown> } {
  const entity = row.entity;
  const seq = Number(row.seq);
  if (row.lost_team !== null) {
    const { record } = Change.parse({ entity, seq, record: revokedTombstone(entity, JSON.parse(row.data), row.lost_team), revoked: true });
    return { entity, seq, record, revoked: true };
  }
  let record: Record<string, unknown> = JSON.parse(row.data);
  if (isHidden(entity, row.status, user)) record = redact(entity, record);
  return { entity, seq, record: Change.parse({ entity, seq, record: reader.mask(entity, record) }).record };
}

/**
 * The reference pull, deciding record by record in Node over PULL_SQL's rows (pullChanges: the suites compare the
 * route's pages with it, and bench:pull-plan plans its query).
 */
async function readPage(q: Queryable, user: User, cursor: number, limit: number, policy: FieldPolicy): Promise<Page> {
  // Its own statement, before the read: see settledSeq.
  const settled = await settledSeq(q);
  const { rows } = await q.query<Row>(PULL_SQL, [cursor, user.teamIds, limit + 1, settled]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const reader = await readerPolicy(q, user, policy);
  const plainTeams = new Map<string, boolean>();
  const changes = page.map((row): PageChange => {
    const entity = row.entity;
    const seq = Number(row.seq);
    const passes =
      row.lost_team === null &&
      !isHidden(entity, row.status, user) &&
      (!TEAM_OWNED.has(entity) || row.team_id === null || masksNothing(reader, row.team_id, plainTeams));
    return passes ? { entity, seq, json: row.data } : buildChange(row, user, reader);
  });
  const last = changes[changes.length - 1];
  const next = hasMore ? (last?.seq ?? cursor) : Math.max(cursor, settled);
  return { changes, cursor: next, hasMore };
}

/**
 * Records changed after `cursor` that the user may see, oldest change first, up to the settled seq: a change whose
 * transaction is still in flight holds back every later one, so a client never moves its cursor past a seq that
 * commits afterwards. The last page answers the settled seq as its cursor (everything up to it was scanned).
 * An unpublished article or snippet reaches an agent as a tombstone without content,
 * so a record that is unpublished after the agent cached it disappears from their cache. A customer, case or interaction
 * that left one of the user's teams for a team they are not in reaches them as a content-free tombstone marked
 * `revoked` (server/sync/revocations.ts). Every record parsed: the reference the route's pullPageJson is held to.
 */
export async function pullChanges(q: Queryable, user: User, cursor: number, limit: number, policy: FieldPolicy = FIELD_POLICY): Promise<PullResponse> {
  const page = await readPage(q, user, cursor, limit, policy);
  // Parsing the answer keeps the contract honest: a row the extension could not read fails here, not there.
  return PullResponse.parse({ ...page, changes: page.changes.map(asObject) });
}

function asObject({ json, record, ...change }: PageChange) {
  return { ...change, record: json === undefined ? record : (JSON.parse(json) as Record<string, unknown>) };
}

const changeText = (c: PageChange & { record: Record<string, unknown> }) =>
  `{"entity":"${c.entity}","seq":${c.seq},"record":${JSON.stringify(c.record)}${c.revoked ? ',"revoked":true' : ''}}`;

/**
 * The page pullChanges answers, as the JSON text of a version-1 page (lib/schema/api.ts PullResponse) once given the
 * `server` that answers it (the route reads it after the page): the same keys in the same order; each record the pull
 * passes unchanged is written by the database as its stored text (its keys in jsonb's order, which JSON readers ignore),
 * the others are built and serialised here (PULL_PAGE_SQL). The cursor is pullChanges' own: the last change's seq while
 * more follow, else the settled seq.
 */
export async function pullPageJson(
  q: Queryable,
  user: User,
  cursor: number,
  limit: number,
  policy: FieldPolicy,
): Promise<(server: NonNullable<PullResponse['server']>) => string> {
  // Its own statement, before the read: see settledSeq.
  const settled = await settledSeq(q);
  const reader = await readerPolicy(q, user, policy);
  const plainCache = new Map<string, boolean>();
  const plainTeams = user.teamIds.filter((t) => masksNothing(reader, t, plainCache));
  const { rows } = await q.query<PageRow>(PULL_PAGE_SQL, [cursor, user.teamIds, limit + 1, settled, plainTeams, seesDrafts(user)]);
  const row = rows[0];
  const hasMore = row?.more === true;
  const last = row?.last_seq == null ? cursor : Number(row.last_seq);
  const built = (row?.built ?? []).map(([entity, seq, data, lost_team, status]) =>
    changeText(buildChange({ entity, seq, data, lost_team, status, team_id: null }, user, reader)),
  );
  const pieces = built.length === 0 ? [row?.changes ?? ''] : (row?.changes ?? '').split(BUILT_MARK);
  if (pieces.length !== built.length + 1) throw new Error(`pullPageJson: ${pieces.length - 1} changes marked to build, ${built.length} handed over`);
  const changes = pieces.map((piece, i) => (i === 0 ? piece : `${built[i - 1]}${piece}`)).join('');
  const builtSeqs = new Set((row?.built ?? []).map((b) => Number(b[1])));
  const next = hasMore ? last : Math.max(cursor, settled);
  return (server) => {
    const text = `{"changes":[${changes}],"cursor":${next},"hasMore":${hasMore},"server":${JSON.stringify(server)}}`;
    if (CHECK_ANSWER) checkPage(text, builtSeqs, user, reader);
    return text;
  };
}

/** CHECK_ANSWER's check of a page's text: see there. */
function checkPage(text: string, builtSeqs: ReadonlySet<number>, user: User, reader: ReaderPolicy): void {
  const got = JSON.parse(text) as PullResponse;
  got.changes.forEach((c) => {
    if (builtSeqs.has(c.seq)) return;
    const status = (c.record as { status?: unknown }).status;
    if (isHidden(c.entity, typeof status === 'string' ? status : null, user) || !isDeepStrictEqual(reader.mask(c.entity, c.record), c.record))
      throw new Error(`pull: ${c.entity} ${c.seq} was passed as stored, but the reader may not read it so`);
  });
  // The text must read as the schema reads it: nothing the parse would drop, change or refuse.
  const want = JSON.parse(JSON.stringify(PullResponse.parse(got))) as PullResponse;
  const differs = got.changes.findIndex((c, i) => !isDeepStrictEqual(c, want.changes[i]));
  if (differs >= 0 || !isDeepStrictEqual(got, want))
    throw new Error(
      `pullPageJson: the page text differs from the page PullResponse parses: ${JSON.stringify(got.changes[differs])} ≠ ${JSON.stringify(want.changes[differs])}`,
    );
}

/**
 * Keeps the planner's statistics fresh on PGlite, which runs no autovacuum. Without statistics its planner reads every
 * row after the cursor through the team index and sorts them for each page (2–4 s a page of 2,000 at 300k rows); with
 * them it reads only the page through the seq indexes (2–7 ms, docs/server.md "Performance"). So before a pull, when the
 * change feed grew past autovacuum's default threshold (50 changes + 10%) since the last ANALYZE, one runs, as
 * autovacuum's would. PostgreSQL has autovacuum: nothing to do there.
 */
export function plannerStatistics(db: Pick<Db, 'kind' | 'query'>): { beforePull(): Promise<void> } {
  let analyzedAt = 0;
  let running: Promise<void> | null = null;
  const refresh = async () => {
    const { rows } = await db.query<{ head: number | string }>(HEAD_SQL);
    const head = Number(rows[0]?.head ?? 0);
    if (head - analyzedAt <= 50 + analyzedAt / 10) return;
    // Best effort: without fresh statistics the pull is slower, not wrong.
    await db.query('analyze').then(
      () => (analyzedAt = head),
      () => undefined,
    );
  };
  return {
    beforePull: () => (db.kind === 'pglite' ? (running ??= refresh().finally(() => (running = null))) : Promise.resolve()),
  };
}

/**
 * What a client needs to tell that this is not the change feed it synced with (docs/sync-protocol.md,
 * "Restored or replaced server"): the database's id, the current epoch and the newest change.
 */
export interface FeedIdentity {
  /** Generated once per database, so it travels with a backup and differs for another database. */
  serverId: string;
  /** Drawn afresh by each server start; `since` is the newest seq when it was drawn. */
  epoch: string;
  since: number;
  /** The newest seq drawn from change_seq: no cursor this database answered is above it. */
  head: number;
}

const HEAD_SQL = 'select case when is_called then last_value else 0 end as head from change_seq';

const IDENTITY_SQL = `select (select value #>> '{}' from meta where key = 'server_id') as server_id,
  (select value from meta where key = 'epoch') as epoch, (${HEAD_SQL}) as head`;

type IdentityRow = { server_id: string | null; epoch: { id: string; since: number } | null; head: number | string };

/**
 * Opens this process's epoch: names the database if nothing has yet, and records a new epoch that
 * starts at the newest change. Run before the process serves a sync request, so every cursor a client
 * got before it is at most `since`, and a cursor above it can only come from a state the database lost.
 */
export async function openEpoch(q: Queryable): Promise<void> {
  await q.query(`insert into meta (key, value) values ('server_id', to_jsonb($1::text)) on conflict (key) do nothing`, [crypto.randomUUID()]);
  const { rows } = await q.query<{ head: number | string }>(HEAD_SQL);
  const epoch = { id: crypto.randomUUID(), since: Number(rows[0]?.head ?? 0) };
  await q.query(`insert into meta (key, value) values ('epoch', $1::jsonb) on conflict (key) do update set value = excluded.value`, [JSON.stringify(epoch)]);
}

export async function feedIdentity(q: Queryable): Promise<FeedIdentity> {
  const { rows } = await q.query<IdentityRow>(IDENTITY_SQL);
  const row = rows[0];
  if (!row?.server_id || !row.epoch) throw new Error('The change feed has no identity: openEpoch was not run.');
  return { serverId: row.server_id, epoch: row.epoch.id, since: Number(row.epoch.since), head: Number(row.head) };
}

function redact(entity: SyncedEntityName, r: Record<string, unknown>): Record<string, unknown> {
  const common = { id: r.id, version: r.version, updatedAt: r.updatedAt, deleted: true, status: r.status, targeting: r.targeting, tags: [] };
  if (entity === 'snippets') return { ...common, title: 'Unavailable', shortcut: r.shortcut, body: '' };
  return { ...common, title: 'Unavailable', body: '', summary: '', url: null };
}
