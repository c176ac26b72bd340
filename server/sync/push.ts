import { isDeepStrictEqual } from 'node:util';
import { customerPhoneCountry, keptIdentities, storedIdentities } from '../../lib/identity/normalize';
import { identityKey } from '../../lib/identity/page-identity';
import { type Change, Mutation, type MutationEnvelope, type MutationOrigin, type MutationRejectCode, type MutationResult } from '../../lib/schema/api';
import { type CaseNote, type Identity, SYNCED_ENTITIES, type SyncedEntityName, type User } from '../../lib/schema/entities';
import { RoutingRule } from '../../lib/schema/queue';
import { assigningTeamsSql, assignmentLockKey, assignNewCase } from '../assignment/assign';
import { type UserRow, userFromRow } from '../auth/tokens';
import { type CommittingQueryable, DatabaseUnavailableError, type Db, isConnectionLoss, type Queryable } from '../db/database';
import { callersDataError } from '../db/errors';
import { type ChangeNotice, changeNoticeSql, FIELD_VERSIONED, markWriterAndLockRecords, notifyChange, upsertRecords } from '../db/records';
import { zodIssues } from '../http';
import { watchPush } from '../incidents/watch';
import { FIELD_POLICY, type FieldPolicy, type ReaderPolicy, readerPolicyOf } from '../policy/field-policy';
import { loadRules, moveCaseToTeam, routeNewCase } from '../routes/queue';
import { checkedRecord } from './push-answer';
import { interactionMovesSla, type SlaPolicyRow, seedSlaCache, startCaseSla, updateCaseSla } from './sla';
import { mayMoveBetween, moveCaseInteractions } from './team-move';

type Rec = Record<string, unknown>;

/**
 * Which operations each entity accepts through push, and why the others are refused. Interactions are append-only.
 * Authored content is written only through /manager/* (server/routes/manager.ts): one place keeps its version history,
 * its broadcast rules and the one rule of who may write what reaches which teams.
 */
const ALLOWED_OPS: Record<SyncedEntityName, { ops: readonly MutationEnvelope['op'][]; otherwise: string }> = {
  customers: { ops: ['create', 'update', 'delete'], otherwise: 'not supported' },
  cases: { ops: ['create', 'update', 'delete'], otherwise: 'not supported' },
  interactions: { ops: ['create'], otherwise: 'interactions are append-only' },
  articles: { ops: [], otherwise: 'articles are written through the manager console (/manager/articles)' },
  snippets: { ops: [], otherwise: 'snippets are written through the manager console (/manager/snippets)' },
  broadcasts: { ops: [], otherwise: 'broadcasts are written through the manager console (/manager/broadcasts)' },
};

/** Set-valued fields merge by adds and removes; the key says when two items are the same. */
const SET_FIELDS: Partial<Record<SyncedEntityName, Record<string, (item: unknown) => string>>> = {
  customers: { tags: String, identities: (i) => identityKey(i as Identity) },
  cases: { tags: String, notes: (n) => JSON.stringify([(n as CaseNote).kind, (n as CaseNote).createdAt, (n as CaseNote).text]) },
};

class Rejection extends Error {
  constructor(
    readonly code: MutationRejectCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface Row {
  teamId: string | null;
  seq: number;
  version: number;
  deleted: boolean;
  data: Rec;
  fieldVersions: Record<string, number>;
}

interface Ctx {
  /** For statements that may read records: what the batch wrote so far is stored first (PendingWrites). */
  tx: Queryable;
  /** For statements that read no record the batch writes (settings, policies, rules), and savepoints. */
  direct: Queryable & { writes: number };
  user: User;
  now: string;
  policy: ReaderPolicy;
  /** Cases a routing rule hands to another team, moved once the whole batch is in (server/routes/queue.ts). */
  routed: { caseId: string; teamId: string }[];
  /** Per-team settings read once per batch: push writes none of them, so they hold for the whole transaction. */
  teamSettings: Map<string, unknown>;
  /** Teams whose new cases take an assignment turn, read before the batch's locks; their turns are locked with them. */
  assigning: ReadonlySet<string>;
  /** The batch's locked records, read once (see RowCache). */
  rows: RowCache;
  /** The batch's record writes, held until one statement stores them (see PendingWrites). */
  writes: PendingWrites;
  /** Live cases by capture source, read with the batch's records and kept current as it writes cases. */
  sources: CaseSources;
}

/**
 * The records under the batch's locks ("cases:id", null when absent), read in one query after the locks are taken and
 * kept current as the batch writes them: nobody else may write a record this batch locked exclusively, and what a
 * shared lock protects (team, customer, deleted) only an exclusive writer changes. A key written by a mutation whose
 * savepoint is rolled back, or by a statement outside write() (SLA, team move), is dropped and read again when asked.
 */
class RowCache {
  private readonly rows = new Map<string, Row | null>();
  /** Keys set by the mutation in progress: dropped should its savepoint roll back. */
  private touched: string[] = [];

  constructor(
    private readonly tx: Queryable,
    private readonly locked: ReadonlySet<string>,
  ) {}

  keys(): Iterable<string> {
    return this.locked;
  }

  /** The locked records as read at the batch's start (readBatch): every other locked key is absent. */
  seed(found: Iterable<[string, Row]>): void {
    for (const key of this.locked) this.rows.set(key, null);
    for (const [key, row] of found) this.rows.set(key, row);
  }

  async get(entity: SyncedEntityName, id: string): Promise<Row | null> {
    const key = `${entity}:${id}`;
    const cached = this.rows.get(key);
    if (cached !== undefined) return cached;
    const row = await loadRow(this.tx, entity, id);
    if (this.locked.has(key)) this.rows.set(key, row);
    return row;
  }

  /** The row a write just stored (push writes only records it locked exclusively). */
  wrote(entity: SyncedEntityName, row: Row & { data: Rec }): void {
    const key = `${entity}:${String(row.data.id)}`;
    if (!this.locked.has(key)) return;
    this.rows.set(key, row);
    this.touched.push(key);
  }

  /** Forgets records changed behind the cache's back: one key, or every record of an entity. */
  forget(entity: SyncedEntityName, id?: string): void {
    if (id !== undefined) this.rows.delete(`${entity}:${id}`);
    else for (const key of this.rows.keys()) if (key.startsWith(`${entity}:`)) this.rows.delete(key);
  }

  /** A new mutation starts: what the last one wrote stays. */
  begin(): void {
    this.touched = [];
  }

  /** The mutation's savepoint was rolled back: what it wrote is read again. */
  rolledBack(): void {
    for (const key of this.touched) this.rows.delete(key);
    this.touched = [];
  }
}

function splitKey(key: string): [SyncedEntityName, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as SyncedEntityName, key.slice(at + 1)];
}

/**
 * What the batch keeps between mutations: whether it runs each mutation under a savepoint (and whether the last one is
 * still open), and the results to store.
 */
interface BatchState {
  savepoints: boolean;
  savepointOpen: boolean;
  toStore: { userId: string; mutationId: string; entity: string; recordId: string; result: Outcome; at: string }[];
}

/** `load()` once per batch and key; a failed read is not kept, so the next mutation reads again. */
async function perBatch<T>(ctx: Ctx, key: string, load: () => Promise<T>): Promise<T> {
  if (ctx.teamSettings.has(key)) return ctx.teamSettings.get(key) as T;
  const value = await load();
  ctx.teamSettings.set(key, value);
  return value;
}

type Outcome = Exclude<MutationResult, { status: 'rejected' }> | { status: 'rejected'; code: MutationRejectCode; message: string; details?: unknown };

/**
 * Applies a batch and answers one result per mutation, in order. Pushes that arrive while push transactions are in
 * flight wait and are then applied together, one group in ONE transaction (see PushGroups): one lock statement, one
 * read under the locks, one write, one commit. Each push keeps its own caller, field policy and results.
 *
 * A group runs first without savepoints, its writes held to the end (PendingWrites): a mutation a rule refuses before
 * anything of it was stored is answered (its held writes dropped) and the rest go on. Should a mutation fail otherwise
 * (a statement the database refused, a fault, a refusal after a store), that attempt is rolled back whole and the group
 * runs again with each mutation under its own savepoint, where the failure stays that mutation's alone. Anything else
 * that fails a group of several pushes runs each of them alone, so one push's failure is never its neighbours'.
 * Applied results are stored under (user, mutation id); a mutation seen before answers its stored result, replayed.
 * Concurrent groups run side by side: each locks only its own records and mutation ids, and its seqs stay invisible to
 * pulls until it settles (markChangeWriter). A lost database fails the whole push (503).
 */
export async function pushMutations(
  db: Db,
  user: User,
  mutations: readonly MutationEnvelope[],
  now: Date,
  policy: FieldPolicy = FIELD_POLICY,
  session?: { tokenHash: string },
): Promise<MutationResult[]> {
  const checked = mutations.map(checkEnvelope);
  try {
    const { results, routed, refused } = await groupsOf(db).push({ user, checked, nowIso: now.toISOString(), policy, tokenHash: session?.tokenHash });
    if (refused) throw new SessionRefused(refused);
    // ---- queue routing: a new case a rule sends to another team moves with the interactions filed under it in this batch.
    for (const { caseId, teamId } of routed) await moveCaseToTeam(db, caseId, teamId);
    // ---- incident early warning (server/incidents/watch.ts): the committed contacts go to the detector, off the answer's path.
    void watchPush(db, results, now);
    return results;
  } catch (err) {
    // A lost database is no answer about any mutation: the whole push is 503 and the client sends it again (idempotent).
    if (isConnectionLoss(err)) throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError(err);
    throw err;
  }
}

/** One push as a group carries it: its caller, its checked mutations, its clock and its field policy. */
interface GroupedPush {
  user: User;
  checked: readonly Checked[];
  nowIso: string;
  policy: FieldPolicy;
  /** The session token's hash the push was authorised by, checked again under lock in the group's read (SessionRefused). */
  tokenHash?: string;
}

interface PushOutcome {
  results: MutationResult[];
  routed: { caseId: string; teamId: string }[];
  /** Set when the push's session no longer stood: nothing of it was applied. */
  refused?: SessionRefusal;
}

/** Group transactions in flight at once per database: each holds a pooled connection while it waits for its commit. */
export const GROUPS_IN_FLIGHT = 3;
/**
 * Mutations a group takes at most (a push larger than this goes alone): it bounds how long the pushes at the end of a
 * group wait for those before them, which is what keeps p95 down once the queue is long.
 */
export const GROUP_MUTATIONS = 150;

/**
 * Group commit. A push arriving while GROUPS_IN_FLIGHT transactions are running waits in the queue; when one ends, the
 * pushes queued (in arrival order, up to GROUP_MUTATIONS mutations) run in the next one. Under light load every push
 * runs at once, alone; under heavy load N pushes cost one lock statement, one read, one write and one commit (one WAL
 * flush) instead of N of each.
 */
class PushGroups {
  private readonly queue: { push: GroupedPush; resolve: (o: PushOutcome) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  push(push: GroupedPush): Promise<PushOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ push, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < GROUPS_IN_FLIGHT && this.queue.length > 0) {
      const group = [this.queue.shift() as (typeof this.queue)[number]];
      let size = group[0]?.push.checked.length ?? 0;
      // Pushes under another field policy (tests) wait for a group of their own.
      while (this.queue.length > 0) {
        const next = this.queue[0] as (typeof this.queue)[number];
        if (next.push.policy !== group[0]?.push.policy || size + next.push.checked.length > GROUP_MUTATIONS) break;
        group.push(next);
        size += next.push.checked.length;
        this.queue.shift();
      }
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(group: (typeof this.queue)[number][]): Promise<void> {
    try {
      const outcomes = await applyGroup(
        this.db,
        group.map((g) => g.push),
      );
      for (const [i, g] of group.entries()) g.resolve(outcomes[i] as PushOutcome);
    } catch (err) {
      if (group.length === 1 || isConnectionLoss(err)) {
        for (const g of group) g.reject(err);
        return;
      }
      // Not one push's refusal (those are results): whatever failed, it fails only the push it belongs to.
      for (const g of group) await this.run([g]);
    }
  }
}

const pushGroups = new WeakMap<Db, PushGroups>();

function groupsOf(db: Db): PushGroups {
  let groups = pushGroups.get(db);
  if (!groups) pushGroups.set(db, (groups = new PushGroups(db)));
  return groups;
}

/** A pipelined transaction's statements as a Queryable whose query is its queryThenCommit: the one it sends is its last. */
type Committing = Pick<Queryable, 'query'>;

/** The group in one transaction, without savepoints first, then (RetryWithSavepoints) with one per mutation. */
async function applyGroup(db: Db, pushes: readonly GroupedPush[]): Promise<PushOutcome[]> {
  // PostgreSQL: `begin` leaves with the lock statement and `commit` with the write (finishBatch), two round trips less.
  const transaction = <T>(fn: (tx: Queryable, committing?: Committing) => Promise<T>) =>
    db.transaction((tx) => fn(tx, 'queryThenCommit' in tx ? { query: (tx as CommittingQueryable).queryThenCommit.bind(tx) } : undefined), { pipelined: true });
  const attempt = (savepoints: boolean) =>
    transaction(async (batchTx, committing) => {
      const direct = countingWrites(batchTx);
      // Under savepoints each write is stored at once, so a failure is its mutation's alone.
      const writes = new PendingWrites(direct, !savepoints);
      const tx = writes.before(direct);
      const keys = { written: [] as string[], referenced: [] as string[] };
      for (const p of pushes) {
        const own = lockKeys(p.user, p.checked);
        keys.written.push(...own.written);
        keys.referenced.push(...own.referenced);
      }
      // The assignment turns of the teams the group creates cases in, locked only for teams that assign, read in the
      // lock statement (its snapshot is taken before the locks, as the separate read before them was).
      const turns = [...new Set(pushes.flatMap((p) => p.checked.flatMap(caseCreateTeam)))];
      const rows = new RowCache(tx, lockedRecords(keys));
      const teamSettings = new Map<string, unknown>();
      const locking = markWriterAndLockRecords(direct, keys.written, keys.referenced, {
        sql: `select k from unnest($3::text[], $4::text[]) t(team_id, k) where team_id in (${assigningTeamsSql('$3::text[]')})`,
        params: [turns, turns.map(assignmentLockKey)],
      });
      // The read needs nothing the lock statement answers, so it is sent behind it at once (with `begin`, one socket write
      // on a pipelined connection); PostgreSQL runs it after the locks are taken, with a snapshot of its own, as before.
      const reading = readBatch(direct, pushes, rows, writes, teamSettings);
      // Should the locks fail, the read fails after them: the lock statement's error is the one thrown.
      reading.catch(() => {});
      const locked = await locking;
      const assigning = new Set(turns.filter((teamId) => locked.includes(assignmentLockKey(teamId))));
      const { stored, sources, readers, sessions } = await reading;
      const batch: BatchState = { savepoints, savepointOpen: false, toStore: [] };
      const outcomes: PushOutcome[] = [];
      for (const [i, p] of pushes.entries()) {
        const refused = sessionRefusal(p, sessions);
        if (refused) {
          outcomes.push({ results: [], routed: [], refused });
          continue;
        }
        const routed: PushOutcome['routed'] = [];
        const ctx: Ctx = {
          tx,
          direct,
          user: p.user,
          now: p.nowIso,
          policy: readers[i] as ReaderPolicy,
          routed: [],
          teamSettings,
          assigning,
          rows,
          writes,
          sources,
        };
        const results: MutationResult[] = [];
        for (const c of p.checked) {
          ctx.routed = [];
          const outcome = await applyOne(ctx, batch, c, stored, routed);
          // Checked once, at the route's answer (PushResponse): every record in it is a schema's parse output or a stored row.
          results.push({ ...outcome, mutationId: c.envelope.id } as MutationResult);
        }
        outcomes.push({ results, routed });
      }
      await finishBatch(direct, batch.toStore, writes, committing);
      return outcomes;
    });
  return attempt(false).catch((err: unknown) => {
    if (err instanceof RetryWithSavepoints) return attempt(true);
    throw err;
  });
}

/** An envelope checked against the rules that need no database: its parsed mutation, or why it is refused. */
type Checked =
  | { envelope: MutationEnvelope; mutation: Mutation; rejection?: undefined }
  | { envelope: MutationEnvelope; mutation?: undefined; rejection: Rejection };

function checkEnvelope(envelope: MutationEnvelope): Checked {
  const allowed = ALLOWED_OPS[envelope.entity];
  if (!allowed.ops.includes(envelope.op)) {
    return {
      envelope,
      rejection: new Rejection('op_not_allowed', `${envelope.entity} cannot be changed with ${envelope.op} through push: ${allowed.otherwise}.`),
    };
  }
  // Parse with the one member of the union for this entity and op, so errors name the failing fields.
  const schema = Mutation.options.find((o) => o.shape.entity.value === envelope.entity && o.shape.op.value === envelope.op) ?? Mutation;
  const parsed = schema.safeParse(envelope);
  if (!parsed.success) {
    return {
      envelope,
      rejection: new Rejection('invalid_mutation', `This ${envelope.op} of ${envelope.entity} does not match the schema.`, zodIssues(parsed.error)),
    };
  }
  return { envelope, mutation: parsed.data as Mutation };
}

/** The team a valid case create names (its assignment turn may be taken), if any. */
function caseCreateTeam({ envelope, mutation }: Checked): string[] {
  const teamId = mutation?.op === 'create' && envelope.entity === 'cases' ? (mutation.data as Rec).teamId : undefined;
  return typeof teamId === 'string' ? [teamId] : [];
}

/**
 * What two concurrent batches must not interleave on: the mutation ids (the replay check) and the records written,
 * exclusively; the case an interaction is filed under, exclusively too (its SLA clock may move: the batch writes it
 * from what it read under the lock); the customer a create refers to, shared (deleted meanwhile; many may file under one);
 * the assignment turn of a team that assigns, exclusively (added by the lock statement, see applyGroup). A manual
 * team's creates take no team-wide lock: concurrent captures into one team run side by side.
 */
function lockKeys(user: User, checked: readonly Checked[]): { written: string[]; referenced: string[] } {
  const written: string[] = [];
  const referenced: string[] = [];
  for (const { envelope, mutation } of checked) {
    written.push(`mutation:${user.id}:${envelope.id}`, `${envelope.entity}:${envelope.recordId}`);
    if (mutation?.op !== 'create') continue;
    const data = mutation.data as Rec;
    if (typeof data.customerId === 'string') referenced.push(`customers:${data.customerId}`);
    if (typeof data.caseId === 'string') written.push(`cases:${data.caseId}`);
  }
  return { written, referenced };
}

type StoredResult = { entity: string; record_id: string; result: MutationResult };

/** The group's session tokens as read under lock, by token hash: whether revoked, until when, and the user now. */
type Sessions = Map<string, { revoked: boolean; expires_at: string } & UserRow>;

/**
 * The group's session tokens, locked FOR SHARE: a revocation (an UPDATE of the row) waits for the pushes that read the
 * token before it to commit, and every push that reads it after sees it revoked. `$tokens` is the hashes' parameter.
 */
const SESSIONS_UNDER_LOCK = `with push_sessions as (select t.token_hash, t.user_id, t.expires_at, t.revoked_at from tokens t where t.token_hash = any($tokens::text[]) for share)`;
/** Each session as a row of the read: the token hash in `id`; whether revoked, its expiry and its user in `data`. */
const SESSION_ROWS = `select 'session', s.token_hash, null, null, null, null,
     jsonb_build_object('revoked', s.revoked_at is not null, 'expires_at', s.expires_at, 'id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'team_ids', u.team_ids), null
     from push_sessions s join users u on u.id = s.user_id`;

/** Why a push's session no longer stands, as read in its transaction; null when it does. */
function sessionRefusal(push: GroupedPush, sessions: Sessions): SessionRefusal | null {
  if (!push.tokenHash) return null;
  const session = sessions.get(push.tokenHash);
  if (!session) return 'unknown';
  if (session.revoked) return 'revoked';
  if (Date.parse(session.expires_at) <= Date.parse(push.nowIso)) return 'expired';
  return isDeepStrictEqual(userFromRow(session), push.user) ? null : 'changed';
}

export type SessionRefusal = 'unknown' | 'expired' | 'revoked' | 'changed';

/**
 * The push's session no longer stands, as its own transaction read it: nothing of the push was applied. 'changed': the
 * user's role, teams or name changed since the session was checked; check it again and push again.
 */
export class SessionRefused extends Error {
  constructor(readonly reason: SessionRefusal) {
    super(`The session ${reason === 'changed' ? 'changed' : `is ${reason}`}: nothing of this push was applied.`);
    this.name = 'SessionRefused';
  }
}

/** Results are stored, and found again, per caller and mutation id: a group holds several callers' pushes. */
function storedKey(userId: string, mutationId: string): string {
  return `${userId}\u0000${mutationId}`;
}

/**
 * What the batch reads once its locks are held, in one round trip: the stored results of its mutation ids (results
 * stored during the batch are added as it goes), every record it locked, which seed `rows`, the live cases holding the
 * capture sources its case creates name, the seqs its writes will take (PendingWrites), the caller's field policy, and
 * the SLA policies, calendars and routing rules of the caller's teams (push writes only there), which seed the batch's
 * `teamSettings`. Table names come from the fixed entity list, never from input.
 */
async function readBatch(
  tx: Queryable,
  pushes: readonly GroupedPush[],
  rows: RowCache,
  writes: PendingWrites,
  teamSettings: Map<string, unknown>,
): Promise<{ stored: Map<string, StoredResult>; sources: CaseSources; readers: ReaderPolicy[]; sessions: Sessions }> {
  const checked = pushes.flatMap((p) => p.checked);
  const teamIds = [...new Set(pushes.flatMap((p) => p.user.teamIds))];
  const roles = [...new Set(pushes.map((p) => p.user.role))];
  const byEntity = new Map<SyncedEntityName, string[]>();
  for (const key of rows.keys()) {
    const [entity, id] = splitKey(key);
    entryOf(byEntity, entity).push(id);
  }
  const entities = [...byEntity.keys()];
  const records = entities.map((entity, i) => `select '${entity}' as entity, id, ${rowColumns(entity)} from ${entity} where id = any($${i + 3}::text[])`);
  const next = entities.length + 3;
  // A stored result rides in the record columns: entity 'push_results', id the mutation id, data what was stored.
  // (user, mutation id) pairs, the user in the team column: one query for every caller of the group.
  // Named and typed as the record branches: with no record to read (an empty push) it is the first branch and names the columns.
  const results = `select 'push_results' as entity, p.mutation_id as id, p.user_id as team_id, null::bigint as seq, null::int as version, null::boolean as deleted,
       jsonb_build_object('entity', entity, 'record_id', record_id, 'result', result) as data, null::jsonb as field_versions
     from unnest($1::text[], $2::text[]) as k(user_id, mutation_id) join push_results p on p.user_id = k.user_id and p.mutation_id = k.mutation_id`;
  // A live case holding a source: entity 'source', data [team, site, externalId] (through cases_source_idx).
  const claimed = checked.flatMap(({ envelope, mutation }) => {
    const key = mutation?.op === 'create' && envelope.entity === 'cases' ? sourceOf(mutation.data as Rec) : null;
    return key ? [key] : [];
  });
  const sourced = `select 'source', c.id, null, null, null, null, jsonb_build_array(c.team_id, s.site, s.external_id), null
     from unnest($${next}::text[], $${next + 1}::text[], $${next + 2}::text[]) as s(team_id, site, external_id)
     join cases c on c.team_id = s.team_id and c.data->'source'->>'site' = s.site and c.data->'source'->>'externalId' = s.external_id
     where not c.deleted and c.data->'source'->>'site' is not null and c.data->'source'->>'externalId' is not null`;
  // Each mutation writes its record, and an interaction may move its case's SLA clock: seqs for both, drawn after the mark.
  const seqs = `select 'seq', nextval('change_seq')::text, null, null, null, null, null, null from generate_series(1, $${next + 3}::int)`;
  // Settings ride in `data` as their rows (to_jsonb), the team (or the policy's team key) in `id`.
  const settings = [
    `select 'field_policy', team_key, role, null, null, null, data, null from field_policies where role = any($${next + 4}::text[])`,
    `select 'sla_policy', team_id, null, null, null, null, to_jsonb(p), null from sla_policies p where team_id = any($${next + 5}::text[])`,
    `select 'calendar', team_id, null, null, null, null, to_jsonb(c), null from business_calendars c where team_id = any($${next + 5}::text[])`,
    `select 'routing_rule', team_id, null, null, null, null, to_jsonb(r), null from routing_rules r where team_id = any($${next + 5}::text[])`,
  ];
  const found = await tx.query<
    RowRecord & {
      entity: SyncedEntityName | 'push_results' | 'source' | 'seq' | 'field_policy' | 'sla_policy' | 'calendar' | 'routing_rule' | 'session';
      id: string;
    }
  >(`${SESSIONS_UNDER_LOCK.replace('$tokens', `$${next + 6}`)} ${[...records, results, sourced, seqs, ...settings, SESSION_ROWS].join(' union all ')}`, [
    pushes.flatMap((p) => p.checked.map(() => p.user.id)),
    checked.map((c) => c.envelope.id),
    ...entities.map((e) => byEntity.get(e)),
    claimed.map((k) => k[0]),
    claimed.map((k) => k[1]),
    claimed.map((k) => k[2]),
    checked.reduce((n, c) => n + (c.mutation ? (c.envelope.entity === 'interactions' ? 2 : 1) : 0), 0),
    roles,
    teamIds,
    pushes.flatMap((p) => (p.tokenHash ? [p.tokenHash] : [])),
  ]);
  const stored = new Map<string, StoredResult>();
  const sources = new CaseSources();
  const sessions: Sessions = new Map();
  const locked: [string, Row][] = [];
  const drawn: number[] = [];
  const policies: { role: string; team_key: string; data: unknown }[] = [];
  const slaPolicies: SlaPolicyRow[] = [];
  const calendars: { team_id: string; calendar: unknown; updated_at: string }[] = [];
  const rules: { team_id: string; position: number; id: string; data: unknown }[] = [];
  for (const r of found.rows) {
    if (r.entity === 'push_results') stored.set(storedKey(String(r.team_id), r.id), r.data as StoredResult);
    else if (r.entity === 'source') sources.seed(JSON.stringify(r.data), r.id);
    else if (r.entity === 'seq') drawn.push(Number(r.id));
    else if (r.entity === 'field_policy') policies.push({ role: String(r.team_id), team_key: r.id, data: r.data });
    else if (r.entity === 'sla_policy') slaPolicies.push(r.data as unknown as SlaPolicyRow);
    else if (r.entity === 'calendar') calendars.push(r.data as unknown as (typeof calendars)[number]);
    else if (r.entity === 'routing_rule') rules.push(r.data as unknown as (typeof rules)[number]);
    else if (r.entity === 'session') sessions.set(r.id, r.data as unknown as Sessions extends Map<string, infer S> ? S : never);
    else locked.push([`${r.entity}:${r.id}`, rowOf(r)]);
  }
  rows.seed(locked);
  writes.supply(drawn);
  seedSlaCache(teamSettings, teamIds, slaPolicies, calendars);
  // As loadRules (server/routes/queue.ts) reads them: in position order, then by id.
  rules.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const teamId of teamIds)
    teamSettings.set(
      `rules:${teamId}`,
      rules.filter((r) => r.team_id === teamId).map((r) => RoutingRule.parse(r.data)),
    );
  const readers = pushes.map((p) =>
    readerPolicyOf(
      p.user,
      p.policy,
      policies.filter((r) => r.role === p.user.role),
    ),
  );
  return { stored, sources, readers, sessions };
}

/** A case's capture source as [team, site, externalId] (the unique key of cases_source_idx), or null without one. */
function sourceOf(kase: Rec): [string, string, string] | null {
  const source = kase.source as { site?: string | null; externalId?: string | null } | undefined;
  return source?.site && source.externalId ? [String(kase.teamId), source.site, source.externalId] : null;
}

/**
 * The live cases holding a capture source (keyed by the JSON of sourceOf), both ways: a case the batch rewrites finds
 * the key it held at once (a scan of every source per case write was quadratic in a group's cases). What a mutation
 * changed is logged, so a refused mutation's changes are undone.
 */
class CaseSources {
  private readonly caseOf = new Map<string, string>();
  private readonly keyOf = new Map<string, string>();
  private undo: (() => void)[] = [];

  /** A case holding a source, as the batch read it. */
  seed(key: string, caseId: string): void {
    this.caseOf.set(key, caseId);
    this.keyOf.set(caseId, key);
  }

  /** The live case holding this source, if any. */
  find(source: [string, string, string]): string | undefined {
    return this.caseOf.get(JSON.stringify(source));
  }

  /** A case the batch wrote now holds its source (or, deleted or without one, none). */
  note(kase: Rec): void {
    const id = String(kase.id);
    const source = kase.deleted === true ? null : sourceOf(kase);
    const key = source ? JSON.stringify(source) : undefined;
    const old = this.keyOf.get(id);
    if (old === key) return;
    if (old !== undefined) {
      this.change(this.caseOf, old, undefined);
      this.change(this.keyOf, id, undefined);
    }
    if (key === undefined) return;
    const holder = this.caseOf.get(key);
    if (holder !== undefined) this.change(this.keyOf, holder, undefined);
    this.change(this.caseOf, key, id);
    this.change(this.keyOf, id, key);
  }

  /** A new mutation starts: what the last one changed stays. */
  begin(): void {
    this.undo = [];
  }

  /** The mutation was refused: what it changed is undone. */
  rolledBack(): void {
    for (const step of this.undo.reverse()) step();
    this.undo = [];
  }

  private change(map: Map<string, string>, key: string, value: string | undefined): void {
    const before = map.get(key);
    this.undo.push(() => (before === undefined ? map.delete(key) : map.set(key, before)));
    if (value === undefined) map.delete(key);
    else map.set(key, value);
  }
}

/** The record keys ("cases:id") among the batch's locks: the mutation ids and assignment turns are not records. */
function lockedRecords(keys: { written: readonly string[]; referenced: readonly string[] }): Set<string> {
  return new Set([...keys.written, ...keys.referenced].filter((k) => Object.hasOwn(SYNCED_ENTITIES, splitKey(k)[0])));
}

function entryOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/**
 * The batch's end, in one statement: its pending record writes, its applied results stored (replays answer them) and
 * its notice queued (sent at commit).
 */
async function finishBatch(
  tx: Queryable,
  toStore: BatchState['toStore'],
  writes: PendingWrites,
  /** Sends the statement with the transaction's commit (Db.pipelinedTransaction): it must be the group's last. */
  committing?: Committing,
): Promise<void> {
  const last = committing ?? tx;
  const notice = writes.notice();
  const pending = writes.statement(1);
  const ctes = [...pending.ctes];
  const params: unknown[] = [...pending.params];
  if (toStore.length > 0) {
    const at = params.length + 1;
    // One JSON parameter: as a jsonb[] array, pg escaped each result's JSON text character by character.
    ctes.push(`stored as (insert into push_results (user_id, mutation_id, entity, record_id, result, created_at)
       select "userId", "mutationId", entity, "recordId", result, at from jsonb_to_recordset($${at}::jsonb)
         as t("userId" text, "mutationId" text, entity text, "recordId" text, result jsonb, at timestamptz))`);
    params.push(JSON.stringify(toStore));
  }
  if (ctes.length === 0) {
    if (notice) await notifyChange(last, notice);
    return;
  }
  const notify = notice ? changeNoticeSql(notice, params.length + 1) : null;
  await writes.guard(last.query(`with ${ctes.join(', ')} select ${notify ? notify.sql : '1'}`, [...params, ...(notify?.params ?? [])]));
  writes.settle();
}

/** A record write the batch holds until its next statement that stores (see PendingWrites). */
interface PendingWrite {
  entity: SyncedEntityName;
  record: Rec;
  fieldVersions: Record<string, number>;
  seq: number;
}

/**
 * The batch's record writes. Without savepoints (a batch's first attempt) they are held and stored together, in the
 * statement that ends the batch (finishBatch): a push of 50 once sent a statement per write, and each statement is a
 * socket write, the larger part of a push's time. A statement that may read records (a cache miss, the duplicate
 * look-ups, routing, assignment, a team move) stores them first (`before`). Each write takes its seq when it is made,
 * from those readBatch drew after the writer mark, so its result names its seq at once; a record written twice is
 * stored once, as it was last written (the earlier seq is a gap, as a rolled-back one is). A store that fails ends the
 * attempt: the batch runs again under savepoints, where each write is stored at once.
 */
class PendingWrites {
  private pending: PendingWrite[] = [];
  private seqs: number[] = [];
  /** What the batch stored so far: its highest seq and its teams (for the notice). */
  private storedSeq = 0;
  private readonly storedTeams = new Set<string>();

  constructor(
    private readonly tx: Queryable,
    private readonly held: boolean,
  ) {}

  supply(seqs: readonly number[]): void {
    this.seqs.push(...seqs);
    this.seqs.sort((a, b) => a - b);
  }

  /** Records `record` to be written with its field versions; answers its seq. */
  async add(entity: SyncedEntityName, record: Rec, fieldVersions: Record<string, number>): Promise<number> {
    if (this.seqs.length === 0) {
      const { rows } = await this.tx.query<{ seq: string }>(`select nextval('change_seq')::text as seq from generate_series(1, 8)`);
      this.supply(rows.map((r) => Number(r.seq)));
    }
    const seq = this.seqs.shift() as number;
    this.pending.push({ entity, record, fieldVersions, seq });
    if (!this.held) await this.flush();
    return seq;
  }

  /** Where the writes of the mutation about to run begin. */
  mark(): number {
    return this.pending.length;
  }

  /** The mutation was refused before anything of it was stored: its writes are dropped. */
  dropSince(mark: number): void {
    this.pending.splice(mark);
  }

  /** Stores what is pending, in one statement. */
  async flush(): Promise<void> {
    const { ctes, params } = this.statement(1);
    if (ctes.length === 0) return;
    await this.guard(this.tx.query(`with ${ctes.join(', ')} select 1`, params));
    this.settle();
  }

  /** `q`, storing what is pending before each of its statements. */
  before(q: Queryable): Queryable {
    return {
      query: async <T>(sql: string, params?: unknown[]) => {
        await this.flush();
        return q.query<T>(sql, params);
      },
      exec: async (sql: string) => {
        await this.flush();
        await q.exec(sql);
      },
    };
  }

  /** One data-modifying CTE per entity written, the last write of each record only; parameters from `$first` on. */
  statement(first: number): { ctes: string[]; params: string[] } {
    const last = new Map<string, PendingWrite>();
    for (const w of this.pending) {
      const key = `${w.entity}:${String(w.record.id)}`;
      last.delete(key);
      last.set(key, w);
    }
    const byEntity = new Map<SyncedEntityName, { r: Rec; fv: Record<string, number>; seq: number }[]>();
    for (const w of last.values()) entryOf(byEntity, w.entity).push({ r: w.record, fv: w.fieldVersions, seq: w.seq });
    const ctes: string[] = [];
    const params: string[] = [];
    for (const [entity, list] of byEntity) {
      ctes.push(`${entity}_written as (${upsertRecords(entity, `jsonb_array_elements($${first + params.length}::jsonb) as t(x)`, `(x->>'seq')::bigint`)})`);
      params.push(JSON.stringify(list));
    }
    return { ctes, params };
  }

  /** The statement of `statement()` succeeded: what it held is stored. */
  settle(): void {
    for (const w of this.pending) {
      this.storedSeq = Math.max(this.storedSeq, w.seq);
      this.storedTeams.add(String(w.record.teamId));
    }
    this.pending = [];
  }

  /** One notice for the batch: the highest seq it wrote and the teams of what it wrote (push writes only team records). */
  notice(): ChangeNotice | null {
    const seq = Math.max(this.storedSeq, ...this.pending.map((w) => w.seq));
    if (seq === 0) return null;
    return { seq, teams: [...new Set([...this.storedTeams, ...this.pending.map((w) => String(w.record.teamId))])] };
  }

  /** A held write the database refuses is no one mutation's: the attempt ends, and the batch runs again under savepoints. */
  async guard<T>(statement: Promise<T>): Promise<T> {
    try {
      return await statement;
    } catch (err) {
      if (this.held && !isConnectionLoss(err) && this.pending.length > 0) throw new RetryWithSavepoints();
      throw err;
    }
  }
}

/** A mutation failed where only a rollback undoes it: the batch runs again, each mutation under a savepoint. */
class RetryWithSavepoints extends Error {}

/** The batch's statements, counting those that may write (all but plain selects): a refusal after one needs a rollback. */
function countingWrites(tx: Queryable): Queryable & { writes: number } {
  const counted = {
    writes: 0,
    query<T>(sql: string, params?: unknown[]) {
      if (!/^\s*select\b/i.test(sql)) counted.writes += 1;
      return tx.query<T>(sql, params);
    },
    exec(sql: string) {
      counted.writes += 1;
      return tx.exec(sql);
    },
  };
  return counted;
}

/**
 * One mutation. Whatever goes wrong (a rule, a value the database refuses, a fault) ends in a `rejected` outcome with
 * nothing of it stored; the routing moves it asks for are kept only once it succeeded. A lost connection is thrown: it
 * fails the whole push. Without savepoints (the batch's first attempt) only a refusal before the mutation's first
 * write is answered so; anything else ends the attempt (RetryWithSavepoints). Under savepoints, the previous
 * mutation's is released in the same round trip that opens this one's (a rolled-back savepoint stays open, so it is
 * released too).
 */
async function applyOne(ctx: Ctx, batch: BatchState, checked: Checked, stored: Map<string, StoredResult>, routed: Ctx['routed']): Promise<Outcome> {
  const tx = ctx.direct;
  const m = checked.mutation;
  if (!m) return rejected(checked.rejection);
  const key = storedKey(ctx.user.id, m.id);
  const seen = stored.get(key);
  if (seen) {
    if (seen.entity !== m.entity || seen.record_id !== m.recordId) {
      return rejected(new Rejection('mutation_id_reused', `Mutation id ${m.id} was already used for another record; generate a new id for each change.`));
    }
    return { ...seen.result, replayed: true } as Outcome;
  }
  if (batch.savepoints) {
    await tx.exec(batch.savepointOpen ? 'release savepoint mutation; savepoint mutation' : 'savepoint mutation');
    batch.savepointOpen = true;
  }
  ctx.rows.begin();
  const writesBefore = tx.writes;
  const pendingBefore = ctx.writes.mark();
  ctx.sources.begin();
  const undo = () => {
    ctx.writes.dropSince(pendingBefore);
    ctx.rows.rolledBack();
    ctx.sources.rolledBack();
  };
  try {
    const result = await apply(ctx, m);
    if (result.status === 'applied' || result.status === 'duplicate_source' || result.status === 'duplicate_identity') {
      batch.toStore.push({ userId: ctx.user.id, mutationId: m.id, entity: m.entity, recordId: m.recordId, result, at: ctx.now });
      stored.set(key, { entity: m.entity, record_id: m.recordId, result: result as MutationResult });
    }
    routed.push(...ctx.routed);
    return result;
  } catch (err) {
    if (isConnectionLoss(err)) throw err;
    if (err instanceof RetryWithSavepoints) throw err;
    if (!batch.savepoints) {
      // Nothing of it stored yet (its writes were held): it is undone in memory.
      if (err instanceof Rejection && tx.writes === writesBefore) {
        undo();
        return rejected(err);
      }
      throw new RetryWithSavepoints();
    }
    await tx.query('rollback to savepoint mutation');
    undo();
    return rejected(asRejection(err));
  }
}

function rejected(rejection: Rejection): Outcome {
  return { status: 'rejected', code: rejection.code, message: rejection.message, ...(rejection.details === undefined ? {} : { details: rejection.details }) };
}

/** A rule's refusal as it is; a value the database refused is the caller's to fix; anything else is the server's fault. */
function asRejection(err: unknown): Rejection {
  if (err instanceof Rejection) return err;
  const sqlState = callersDataError(err);
  if (sqlState) return new Rejection('invalid_mutation', 'The database cannot store a value in this mutation.', { sqlState });
  console.error('[tandem-server] push: a mutation failed', err);
  return new Rejection('internal', 'The server failed to apply this change and stored none of it; it may succeed later.');
}

async function apply(ctx: Ctx, sent: Mutation): Promise<Outcome> {
  const entity = sent.entity;
  checkHiddenFields(ctx, entity, sent.op === 'create' ? sent.data : sent.op === 'update' ? sent.patch : {});
  const row = await ctx.rows.get(entity, sent.recordId);
  const m = withCanonicalIdentities(sent, row);
  if (m.op === 'create') {
    const { id, version: _v, updatedAt: _u, deleted: _d, ...data } = m.data as Rec;
    if (id !== undefined && id !== m.recordId) throw new Rejection('invalid_mutation', `data.id (${String(id)}) is not the recordId (${m.recordId}).`);
    return create(ctx, entity, m.recordId, data, row, 'origin' in m ? m.origin : undefined);
  }
  if (!row || !inCallersTeam(ctx.user, row.teamId)) throw new Rejection('not_found', `There is no ${singular(entity)} ${m.recordId} that you can change.`);
  if (ctx.user.role === 'agent' && m.op === 'delete') {
    throw new Rejection('forbidden', `Agents cannot delete ${entity}; ask a manager.`);
  }
  if (row.deleted) return conflict(ctx, entity, row, []);
  if (m.op === 'delete') {
    if (m.baseVersion !== row.version) return conflict(ctx, entity, row, ['deleted']);
    return write(ctx, entity, { ...row.data, deleted: true, version: row.version + 1, updatedAt: ctx.now }, row.fieldVersions);
  }
  // ---- team move: a case or customer may go only between two teams of the caller (server/sync/team-move.ts).
  const toTeamId = (m.patch as Rec).teamId;
  const moves = typeof toTeamId === 'string' && toTeamId !== row.teamId;
  if (moves && !mayMoveBetween(ctx.user, row.teamId, toTeamId)) throw new Rejection('forbidden', `You are not a member of team ${toTeamId}.`);
  const outcome = await mergeFields(ctx, entity, row, m.baseVersion, m.patch as Rec);
  if (moves && entity === 'cases' && outcome.status === 'applied') {
    await moveCaseInteractions(ctx.tx, m.recordId, toTeamId, ctx.now);
    ctx.rows.forget('interactions');
  }
  return outcome;
}

/**
 * A customer's identities as they are stored and matched (lib/identity/normalize.ts): "@Jane_Doe" becomes "jane_doe",
 * national phones E.164 in the customer's language region. Removals are read leniently, so a value stored before
 * canonical forms can still be removed.
 */
function withCanonicalIdentities(m: Mutation, row: Row | null): Mutation {
  if (m.entity !== 'customers' || m.op === 'delete') return m;
  if (m.op === 'create') {
    return { ...m, data: { ...m.data, identities: readableIdentities(m.data.identities, customerPhoneCountry(m.data)) } };
  }
  const patch = m.patch;
  if (!patch.identities) return m;
  const defaultCountry = customerPhoneCountry({ language: patch.language ?? (row?.data.language as string | undefined) });
  const identities = { add: readableIdentities(patch.identities.add, defaultCountry), remove: keptIdentities(patch.identities.remove, { defaultCountry }) };
  return { ...m, patch: { ...patch, identities } };
}

function readableIdentities(list: readonly Identity[], defaultCountry: ReturnType<typeof customerPhoneCountry>): Identity[] {
  const { identities, unreadable } = storedIdentities(list, { defaultCountry });
  if (unreadable.length > 0) {
    const named = unreadable.map((i) => `${i.kind} "${i.value}"`).join(', ');
    throw new Rejection('invalid_mutation', `Not a valid identity of its kind: ${named}.`, unreadable);
  }
  return identities;
}

async function create(ctx: Ctx, entity: SyncedEntityName, id: string, data: Rec, existing: Row | null, origin?: MutationOrigin): Promise<Outcome> {
  const record: Rec = { ...data, id, version: 1, updatedAt: ctx.now, deleted: false };
  if ('createdAt' in SYNCED_ENTITIES[entity].shape) record.createdAt = data.createdAt ?? ctx.now;
  // ---- SLA: a new case's clock starts in its team's business time (server/sync/sla.ts); slaDueAt null means none.
  if (entity === 'cases') await startCaseSla(ctx.direct, record, ctx.now, ctx.teamSettings);
  if (!inCallersTeam(ctx.user, String(data.teamId))) throw new Rejection('forbidden', `You are not a member of team ${String(data.teamId)}.`);
  if (existing) {
    if (!inCallersTeam(ctx.user, existing.teamId)) throw new Rejection('id_taken', `The id ${id} is already in use; create the record with a new id.`);
    // The same create arriving under another mutation id (its stored result was lost): a replay if the content matches.
    const differing = Object.keys(data).filter((k) => !isDeepStrictEqual(data[k], existing.data[k]));
    if (differing.length === 0 && !existing.deleted) return { status: 'applied', change: toChange(ctx, entity, existing), replayed: true } as Outcome;
    return conflict(ctx, entity, existing, differing);
  }
  if (entity !== 'customers') await checkReferences(ctx, entity, record);
  // Only a customer the extension made on its own for a capture: one an agent, an import or a seed makes may share an identity.
  if (entity === 'customers' && origin === 'capture') {
    const known = await customerSharingIdentity(ctx, String(record.teamId), record.identities as Identity[]);
    if (known) return { status: 'duplicate_identity', change: toChange(ctx, 'customers', known), replayed: false } as Outcome;
  }
  if (entity === 'cases') {
    const source = sourceOf(record);
    const dupId = source ? ctx.sources.find(source) : undefined;
    const dup = dupId === undefined ? null : await ctx.rows.get('cases', dupId);
    if (dup) return { status: 'duplicate_source', change: toChange(ctx, 'cases', dup), replayed: false } as Outcome;
    // Routing rules set by managers (server/routes/queue.ts): a person becomes the assignee, a team gets the case after the batch.
    const decision = await routeNewCase(ctx.tx, record, (teamId) => perBatch(ctx, `rules:${teamId}`, () => loadRules(ctx.direct, [teamId])));
    if (decision && 'assigneeId' in decision) record.assigneeId = decision.assigneeId;
    if (decision && 'teamId' in decision) ctx.routed.push({ caseId: id, teamId: decision.teamId });
    // ---- assignment: a case no rule or agent assigned goes to the team's next agent, or waits in the pool (server/assignment/).
    // A team that read as manual when the batch began stays so for the batch: its turn is not locked.
    else if (!record.assigneeId && ctx.assigning.has(String(record.teamId)))
      record.assigneeId = await assignNewCase(ctx.tx, String(record.teamId), {
        tags: (record.tags as string[] | undefined) ?? [],
        customerId: String(record.customerId),
      });
  }
  const written = await write(ctx, entity, record, {});
  // ---- SLA: a reply meets the case's response target; the customer writing restarts its clock (server/sync/sla.ts).
  if (entity === 'interactions' && typeof record.caseId === 'string') {
    const kase = await ctx.rows.get('cases', record.caseId);
    const moved = await interactionMovesSla(ctx.direct, { direction: record.direction as 'inbound' | 'outbound' }, kase, ctx.now, ctx.teamSettings);
    // The case's write is not this mutation's result: its seq only joins the batch's notice.
    if (moved) await write(ctx, 'cases', moved.record, moved.fieldVersions);
  }
  return written;
}

/**
 * The team's live customer holding the most of these (canonical) identities, then by name: the one the client would
 * have linked to had its cache held it (lib/capture/plan.ts, lib/contacts: a new contact is made only for identities
 * nobody has). Through the identity-key index (migration 9).
 */
async function customerSharingIdentity(ctx: Ctx, teamId: string, identities: readonly Identity[]): Promise<Row | null> {
  if (identities.length === 0) return null;
  const { rows } = await ctx.tx.query<{ id: string }>(
    `select id from customers where team_id = $1 and not deleted and customer_identity_keys(data) && $2::text[]
     order by cardinality(array(select unnest(customer_identity_keys(data)) intersect select unnest($2::text[]))) desc, data->>'name', id
     limit 1`,
    [teamId, identities.map(identityKey)],
  );
  return rows[0] ? loadRow(ctx.tx, 'customers', rows[0].id) : null;
}

/** Field-by-field merge: the patch applies unless a field it sets changed on the server after baseVersion. */
async function mergeFields(ctx: Ctx, entity: SyncedEntityName, row: Row, baseVersion: number, patch: Rec): Promise<Outcome> {
  const sets = SET_FIELDS[entity] ?? {};
  if (baseVersion > row.version) return conflict(ctx, entity, row, []);
  const collided = Object.keys(patch).filter((f) => !(f in sets) && (row.fieldVersions[f] ?? 0) > baseVersion);
  if (collided.length > 0) return conflict(ctx, entity, row, collided);
  const next: Rec = { ...row.data };
  for (const [field, value] of Object.entries(patch)) {
    const keyOf = sets[field];
    if (!keyOf) {
      next[field] = value;
      continue;
    }
    const { add, remove } = value as { add: unknown[]; remove: unknown[] };
    const removed = new Set(remove.map(keyOf));
    const items = ((row.data[field] as unknown[] | undefined) ?? []).filter((i) => !removed.has(keyOf(i)));
    const have = new Set(items.map(keyOf));
    for (const item of add) if (!have.has(keyOf(item))) items.push(item), have.add(keyOf(item));
    next[field] = items;
  }
  const fields = Object.keys(patch);
  // ---- SLA: a status, priority or channel change moves the case's clock (server/sync/sla.ts).
  if (entity === 'cases') fields.push(...(await updateCaseSla(ctx.direct, String(next.teamId), row.data, next, patch, ctx.now, ctx.teamSettings)));
  const changed = fields.filter((f) => !isDeepStrictEqual(next[f], row.data[f]));
  if (changed.length === 0) return { status: 'applied', change: toChange(ctx, entity, row), replayed: false } as Outcome;
  const version = row.version + 1;
  const fieldVersions = { ...row.fieldVersions };
  for (const f of changed) fieldVersions[f] = version;
  return write(ctx, entity, { ...next, version, updatedAt: ctx.now }, fieldVersions);
}

async function write(ctx: Ctx, entity: SyncedEntityName, record: Rec, fieldVersions: Record<string, number>): Promise<Outcome> {
  const parsed = SYNCED_ENTITIES[entity].safeParse(record);
  if (!parsed.success) {
    throw new Rejection('invalid_mutation', `The ${singular(entity)} would not be valid after this change.`, zodIssues(parsed.error));
  }
  // Frozen from here: the answer's check trusts it as parsed (push-answer.ts).
  const data = checkedRecord(entity, parsed.data as Rec);
  // Field versions given none are those the row has (upsertRecords keeps them).
  const before = Object.keys(fieldVersions).length === 0 ? await ctx.rows.get(entity, String(data.id)) : null;
  const kept = before ? before.fieldVersions : fieldVersions;
  const seq = await ctx.writes.add(entity, data, kept);
  if (entity === 'cases') ctx.sources.note(data);
  ctx.rows.wrote(entity, {
    teamId: (data.teamId as string | undefined) ?? null,
    seq,
    version: Number(data.version),
    deleted: data.deleted === true,
    data,
    fieldVersions: kept,
  });
  return { status: 'applied', change: toChange(ctx, entity, { seq, data }), replayed: false } as Outcome;
}

function conflict(ctx: Ctx, entity: SyncedEntityName, row: Row, fields: string[]): Outcome {
  return { status: 'conflict', current: toChange(ctx, entity, row), fields } as Outcome;
}

/**
 * The record as the caller may see it: the field policy masks or drops what their role may not see (server/policy/).
 * Checked with the whole answer at the route (PushResponse), not here as well.
 */
function toChange(ctx: Ctx, entity: SyncedEntityName, row: { seq: number; data: Rec }): Change {
  return { entity, seq: row.seq, record: ctx.policy.mask(entity, row.data) } as Change;
}

function checkHiddenFields(ctx: Ctx, entity: SyncedEntityName, input: Rec): void {
  const hidden = ctx.policy.unwritable(ctx.user, entity, input);
  if (hidden.length > 0) throw new Rejection('forbidden', `Your role cannot set ${hidden.join(', ')}.`, hidden);
}

/** Push writes team records (customers, cases, interactions), each of the caller's own teams whatever the role. */
function inCallersTeam(user: User, teamId: string | null): boolean {
  return teamId !== null && user.teamIds.includes(teamId);
}

/** A case or interaction must hang off a live customer (and case) of its own team. */
async function checkReferences(ctx: Ctx, entity: SyncedEntityName, record: Rec): Promise<void> {
  const customer = await ctx.rows.get('customers', String(record.customerId));
  if (!customer || customer.deleted || customer.teamId !== record.teamId) {
    throw new Rejection('invalid_reference', `Customer ${String(record.customerId)} does not exist in team ${String(record.teamId)}.`);
  }
  if (entity === 'interactions' && record.caseId) {
    const kase = await ctx.rows.get('cases', String(record.caseId));
    if (!kase || kase.deleted || kase.teamId !== record.teamId || kase.data.customerId !== record.customerId) {
      throw new Rejection('invalid_reference', `Case ${String(record.caseId)} does not exist for customer ${String(record.customerId)}.`);
    }
  }
}

interface RowRecord {
  team_id: string | null;
  seq: number | string;
  version: number;
  deleted: boolean;
  data: Rec;
  field_versions: Record<string, number> | null;
}

/** The columns of a Row (entities without field versions answer none). */
function rowColumns(entity: SyncedEntityName): string {
  return `team_id, seq, version, deleted, data, ${FIELD_VERSIONED.has(entity) ? 'field_versions' : `'{}'::jsonb as field_versions`}`;
}

function rowOf(r: RowRecord): Row {
  return { teamId: r.team_id, seq: Number(r.seq), version: Number(r.version), deleted: r.deleted, data: r.data, fieldVersions: r.field_versions ?? {} };
}

async function loadRow(q: Queryable, entity: SyncedEntityName, id: string): Promise<Row | null> {
  // Table name comes from the fixed entity list, never from input.
  const { rows } = await q.query<RowRecord>(`select ${rowColumns(entity)} from ${entity} where id = $1`, [id]);
  return rows[0] ? rowOf(rows[0]) : null;
}

function singular(entity: SyncedEntityName): string {
  return entity.slice(0, -1);
}
