// Manager routes: author articles, snippets, broadcasts and site rules for one's teams, with every saved
// edit kept as a version. Writes go through the change sequence, so published content reaches agents by pull and live.
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { z } from 'zod';
import { verification } from '../../lib/knowledge/verification';
import type { User } from '../../lib/schema/entities';
import { VerifiableKind, VerifyRequest } from '../../lib/schema/knowledge-review';
import {
  AnalyticsQuery,
  CompareQuery,
  CompareResponse,
  ContentKind,
  type ContentStatus,
  CREATE_REQUESTS,
  EDIT_REQUESTS,
  type FieldChange,
  MANAGED_SCHEMAS,
  ManagedItem,
  type ManagedRecord,
  ManagerListQuery,
  ManagerListResponse,
  RollbackRequest,
  StatusChangeRequest,
  TeamsResponse,
  type VersionAction,
  VersionHistoryResponse,
  type VersionMeta,
} from '../../lib/schema/manager';
import { iso, type Queryable } from '../db/database';
import { lockChanges, notifyChange, reachesAnyTeam, writeRecords } from '../db/records';
import { HttpError, parseInput, pathParam, readJson, zodIssues } from '../http';
import { itemVerifyInterval } from '../knowledge/verification';
import { allTeamIds, assertTeamsExist, type RouteDeps, type RouteEnv, requireRole, requireUser } from './access';
import { analytics } from './usage';

/** Table of each kind; table names come from this fixed map, never from input. */
export const CONTENT_TABLES: Record<ContentKind, 'articles' | 'snippets' | 'broadcasts' | 'site_rules'> = {
  articles: 'articles',
  snippets: 'snippets',
  broadcasts: 'broadcasts',
  'site-rules': 'site_rules',
};
const ID_PREFIX: Record<ContentKind, string> = { articles: 'art', snippets: 'snip', broadcasts: 'bc', 'site-rules': 'rule' };
const NOUN: Record<ContentKind, string> = { articles: 'article', snippets: 'snippet', broadcasts: 'broadcast', 'site-rules': 'site rule' };

type AnyRecord = ManagedRecord & { targeting: { teamIds: string[] } };
type Json = Record<string, unknown>;

interface CurrentRow {
  id: string;
  version: number;
  deleted: boolean;
  data: Json;
  v_version: number | null;
  v_data: Json | null;
}

interface Current {
  record: AnyRecord;
  /** Whether the latest saved version is the stored record; false for seeded items and writes from elsewhere. */
  saved: boolean;
}

export function managerRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now), requireRole('manager', 'admin'));

  router.get('/teams', async (c) => {
    const user = c.get('user');
    const { rows } = await db.query<{ id: string; name: string }>('select id, name from teams order by id');
    return c.json(TeamsResponse.parse({ teams: rows.map((t) => ({ ...t, member: user.teamIds.includes(t.id) })) }));
  });

  router.get('/analytics', async (c) => {
    const query = parseInput(AnalyticsQuery, c.req.query());
    return c.json(await analytics(db, c.get('user'), query, now()));
  });

  router.get('/:kind', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const query = parseInput(ManagerListQuery, c.req.query());
    const user = c.get('user');
    if (query.teamId && !canRead(user, [query.teamId])) throw notYourTeam();
    const table = CONTENT_TABLES[kind];
    const { rows } = await db.query<CurrentRow>(
      `${selectCurrent(table)}
       where ($1::text[] is null or ${reachesAnyTeam('$1::text[]', 't.data')})
         and ($2::text is null or ${reachesAnyTeam('array[$2::text]', 't.data')})
         and ($3::text is null or coalesce(jsonb_array_length(t.data->'targeting'->'sites'), 0) = 0 or (t.data->'targeting'->'sites') ? $3)
         and ($4::text is null or (t.data->'targeting'->'tags') ? $4 or coalesce(t.data->'tags', '[]'::jsonb) ? $4)`,
      [user.role === 'admin' ? null : user.teamIds, query.teamId ?? null, query.site ?? null, query.tag ?? null],
    );
    const q = query.q?.toLowerCase();
    const items = rows
      .map((row) => currentOf(kind, row).record)
      .filter((r) => !query.status || statusOf(r) === query.status)
      .filter((r) => !q || titleOf(r).toLowerCase().includes(q))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    return c.json(
      ManagerListResponse.parse({
        kind,
        items: items.slice(query.offset, query.offset + query.limit),
        total: items.length,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.post('/:kind', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const user = c.get('user');
    const input: Json = { ...(await readJson(c, CREATE_REQUESTS[kind])) };
    // Site rule ids stay within the 40 characters the extension's rule store accepts.
    const fresh = kind === 'site-rules' ? randomBytes(8).toString('hex') : randomUUID();
    const id = typeof input.id === 'string' ? input.id : `${ID_PREFIX[kind]}-${fresh}`;
    const record = await db.transaction(async (tx) => {
      await lockChanges(tx);
      const existing = await loadCurrent(tx, kind, id);
      if (existing) {
        throw new HttpError(
          409,
          'conflict',
          `A ${NOUN[kind]} with the id "${id}" exists already; edit it instead, or leave the id out to get a new one.`,
          canRead(user, existing.record.targeting.teamIds) ? { current: item(kind, existing.record) } : undefined,
        );
      }
      const draft = { ...input, id, version: 1, updatedAt: now().toISOString(), deleted: false, status: 'draft' };
      return save(tx, kind, user, draft, 'create');
    });
    return c.json(ManagedItem.parse(item(kind, record)), 201);
  });

  router.get('/:kind/:id', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const cur = await readable(db, kind, pathParam(c, 'id'), c.get('user'));
    return c.json(ManagedItem.parse(item(kind, cur.record)));
  });

  router.post('/:kind/:id/edit', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const { baseVersion, patch } = await readJson(c, EDIT_REQUESTS[kind]);
    const record = await mutate(kind, pathParam(c, 'id'), c.get('user'), baseVersion, 'edit', async (cur) => ({ ...cur, ...patch }));
    return c.json(ManagedItem.parse(item(kind, record)));
  });

  const statusRoutes: [string, ContentStatus, VersionAction][] = [
    ['publish', 'published', 'publish'],
    ['unpublish', 'draft', 'unpublish'],
    ['archive', 'archived', 'archive'],
  ];
  for (const [path, status, action] of statusRoutes) {
    router.post(`/:kind/:id/${path}`, async (c) => {
      const kind = kindOf(c.req.param('kind'));
      const { baseVersion } = await readJson(c, StatusChangeRequest);
      // Already in that state: nothing to save, so no new version.
      const record = await mutate(kind, pathParam(c, 'id'), c.get('user'), baseVersion, action, async (cur) =>
        statusOf(cur) === status ? null : { ...cur, status },
      );
      return c.json(ManagedItem.parse(item(kind, record)));
    });
  }

  // One-click "Verified" (issue 19): current again for the team's verify interval (server/knowledge/verification.ts).
  router.post('/:kind/:id/verify', async (c) => {
    const kind = parseInput(VerifiableKind, c.req.param('kind'));
    const user = c.get('user');
    const { baseVersion } = await readJson(c, VerifyRequest);
    const record = await mutate(kind, pathParam(c, 'id'), user, baseVersion, 'verify', async (cur, _saved, tx) => ({
      ...cur,
      ...verification('owner' in cur ? cur.owner : null, { at: now(), days: await itemVerifyInterval(tx, cur.targeting.teamIds), verifierId: user.id }),
    }));
    return c.json(ManagedItem.parse(item(kind, record)));
  });

  router.post('/:kind/:id/rollback', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const id = pathParam(c, 'id');
    const { toVersion, baseVersion } = await readJson(c, RollbackRequest);
    const record = await mutate(kind, id, c.get('user'), baseVersion, 'rollback', async (cur, saved, tx) => {
      const old = (await loadVersions(tx, kind, id, { record: cur, saved })).find((v) => v.version === toVersion);
      if (!old) throw new HttpError(404, 'not_found', `This ${NOUN[kind]} has no version ${toVersion}.`);
      return old.record;
    });
    return c.json(ManagedItem.parse(item(kind, record)));
  });

  router.get('/:kind/:id/versions', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const id = pathParam(c, 'id');
    const cur = await readable(db, kind, id, c.get('user'));
    const versions = await loadVersions(db, kind, id, cur);
    return c.json(VersionHistoryResponse.parse({ kind, id, versions: versions.map(entry) }));
  });

  router.get('/:kind/:id/versions/:version', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const id = pathParam(c, 'id');
    const n = Number(c.req.param('version'));
    const cur = await readable(db, kind, id, c.get('user'));
    const found = (await loadVersions(db, kind, id, cur)).find((v) => v.version === n);
    if (!found) throw new HttpError(404, 'not_found', `This ${NOUN[kind]} has no version ${c.req.param('version')}.`);
    return c.json(VersionHistoryResponse.parse({ kind, id, versions: [entry(found)] }));
  });

  router.get('/:kind/:id/compare', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const id = pathParam(c, 'id');
    const { from, to } = parseInput(CompareQuery, c.req.query());
    const cur = await readable(db, kind, id, c.get('user'));
    const versions = await loadVersions(db, kind, id, cur);
    const a = versions.find((v) => v.version === from);
    const b = versions.find((v) => v.version === to);
    if (!a || !b) throw new HttpError(404, 'not_found', `This ${NOUN[kind]} has no version ${!a ? from : to}.`);
    return c.json(CompareResponse.parse({ kind, id, from: meta(a), to: meta(b), changes: diffRecords(a.record, b.record) }));
  });

  /** Loads the item under the change lock, checks the caller may change it and that baseVersion is current, then saves what next returns. */
  async function mutate(
    kind: ContentKind,
    id: string,
    user: User,
    baseVersion: number | undefined,
    action: VersionAction,
    next: (cur: AnyRecord, saved: boolean, tx: Queryable) => Promise<Json | null>,
  ): Promise<AnyRecord> {
    return db.transaction(async (tx) => {
      await lockChanges(tx);
      const cur = await loadCurrent(tx, kind, id);
      if (!cur) throw notFound(kind, id);
      if (!canRead(user, cur.record.targeting.teamIds)) throw notYourTeam();
      await assertCanEdit(tx, user, cur.record.targeting.teamIds);
      if (baseVersion !== undefined && baseVersion !== cur.record.version) {
        throw new HttpError(
          409,
          'conflict',
          `This ${NOUN[kind]} changed since you opened it (you edited version ${baseVersion}, it is now at ${cur.record.version}). Review the current version and apply your change again.`,
          { current: item(kind, cur.record) },
        );
      }
      const draft = await next(cur.record, cur.saved, tx);
      if (draft === null) return cur.record;
      if (!cur.saved) await saveVersion(tx, kind, cur.record, 'baseline', null);
      return save(tx, kind, user, { ...draft, id, version: cur.record.version + 1, updatedAt: now().toISOString() }, action);
    });
  }

  /** Validates and stores one new version: the version row, then the synced row (which takes the next change_seq). */
  async function save(tx: Queryable, kind: ContentKind, user: User, draft: Json, action: VersionAction): Promise<AnyRecord> {
    const parsed = MANAGED_SCHEMAS[kind].safeParse(draft);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_request', `The ${NOUN[kind]} would not be valid after this change.`, zodIssues(parsed.error));
    }
    const record = parsed.data as AnyRecord;
    await assertTeamsExist(tx, record.targeting.teamIds);
    await assertCanEdit(tx, user, record.targeting.teamIds);
    if (kind === 'broadcasts') await checkBroadcast(tx, record as ManagedRecord<'broadcasts'>);
    await saveVersion(tx, kind, record, action, user.id);
    await writeSynced(tx, kind, record);
    return record;
  }

  async function saveVersion(tx: Queryable, kind: ContentKind, record: AnyRecord, action: VersionAction, authorId: string | null): Promise<void> {
    await tx.query(
      `insert into ${CONTENT_TABLES[kind]}_versions (item_id, version, action, author_id, saved_at, data)
       values ($1, $2, $3, $4, $5, $6::jsonb) on conflict (item_id, version) do nothing`,
      [record.id, record.version, action, authorId, action === 'baseline' ? record.updatedAt : now().toISOString(), JSON.stringify(record)],
    );
  }

  return router;
}

function selectCurrent(table: string): string {
  return `select t.id, t.version, t.deleted, t.data, v.version as v_version, v.data as v_data
    from ${table} t left join lateral (
      select version, data from ${table}_versions where item_id = t.id order by version desc limit 1
    ) v on true`;
}

async function loadCurrent(q: Queryable, kind: ContentKind, id: string): Promise<Current | null> {
  const { rows } = await q.query<CurrentRow>(`${selectCurrent(CONTENT_TABLES[kind])} where t.id = $1`, [id]);
  return rows[0] ? currentOf(kind, rows[0]) : null;
}

/**
 * The manager's view of a stored item: the latest saved version when it is the stored one (broadcast drafts
 * are stored as contentless tombstones, so their content lives only there), else the synced row itself.
 */
function currentOf(kind: ContentKind, row: CurrentRow): Current {
  if (row.v_data && row.v_version !== null && Number(row.v_version) === Number(row.version)) {
    return { record: MANAGED_SCHEMAS[kind].parse(row.v_data) as AnyRecord, saved: true };
  }
  const data = kind === 'broadcasts' ? { ...row.data, status: row.deleted ? 'archived' : 'published' } : row.data;
  return { record: MANAGED_SCHEMAS[kind].parse(data) as AnyRecord, saved: false };
}

async function readable(q: Queryable, kind: ContentKind, id: string, user: User): Promise<Current> {
  const cur = await loadCurrent(q, kind, id);
  if (!cur) throw notFound(kind, id);
  if (!canRead(user, cur.record.targeting.teamIds)) throw notYourTeam();
  return cur;
}

/**
 * What agents receive. Broadcasts have no status of their own, so anything but a published broadcast is
 * stored as a tombstone without its text: agents' caches drop it and drafts never leave the server.
 */
async function writeSynced(tx: Queryable, kind: ContentKind, record: AnyRecord): Promise<void> {
  if (kind === 'site-rules') {
    // site_rules is not (yet) in SYNCED_ENTITIES, so it is written here the way writeRecords writes the others.
    await lockChanges(tx);
    const { rows } = await tx.query<{ seq: number | string }>(
      `insert into site_rules (id, team_id, seq, version, updated_at, deleted, data)
       values ($1, null, nextval('change_seq'), $2, $3, $4, $5::jsonb)
       on conflict (id) do update set seq = excluded.seq, version = excluded.version, updated_at = excluded.updated_at,
         deleted = excluded.deleted, data = excluded.data
       returning seq`,
      [record.id, record.version, record.updatedAt, record.deleted, JSON.stringify(record)],
    );
    await notifyChange(tx, { seq: Number(rows[0]?.seq ?? 0), teams: 'all' });
    return;
  }
  if (kind === 'broadcasts') {
    const { status, ...broadcast } = record as ManagedRecord<'broadcasts'>;
    const synced =
      status === 'published' ? { ...broadcast, deleted: false } : { ...broadcast, deleted: true, title: 'Unavailable', message: '', suggestedSnippetId: null };
    await writeRecords(tx, 'broadcasts', [synced]);
    return;
  }
  await writeRecords(tx, kind, [record]);
}

async function checkBroadcast(tx: Queryable, b: ManagedRecord<'broadcasts'>): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  if (b.endsAt !== null && new Date(b.endsAt) <= new Date(b.startsAt)) {
    problems.push({ path: 'endsAt', message: 'A broadcast must end after it starts.' });
  }
  if (b.suggestedSnippetId !== null) {
    const { rows } = await tx.query('select 1 from snippets where id = $1 and not deleted', [b.suggestedSnippetId]);
    if (rows.length === 0) problems.push({ path: 'suggestedSnippetId', message: `No snippet has the id "${b.suggestedSnippetId}".` });
  }
  if (problems.length > 0) throw new HttpError(400, 'invalid_request', problems.map((p) => p.message).join(' '), problems);
}

interface StoredVersion extends VersionMeta {
  record: AnyRecord;
}

/** Every saved version, newest first; an item saved before it had history shows its stored record as a baseline. */
async function loadVersions(q: Queryable, kind: ContentKind, id: string, cur: Current): Promise<StoredVersion[]> {
  const { rows } = await q.query<{
    version: number;
    action: VersionAction;
    author_id: string | null;
    author_name: string | null;
    saved_at: Date | string;
    data: Json;
  }>(
    `select v.version, v.action, v.author_id, u.name as author_name, v.saved_at, v.data
     from ${CONTENT_TABLES[kind]}_versions v left join users u on u.id = v.author_id
     where v.item_id = $1 order by v.version desc`,
    [id],
  );
  const versions: StoredVersion[] = rows.map((r) => ({
    version: Number(r.version),
    action: r.action,
    authorId: r.author_id,
    authorName: r.author_name,
    savedAt: iso(r.saved_at),
    record: MANAGED_SCHEMAS[kind].parse(r.data) as AnyRecord,
  }));
  if (!cur.saved && !versions.some((v) => v.version === cur.record.version)) {
    versions.unshift({ version: cur.record.version, action: 'baseline', authorId: null, authorName: null, savedAt: cur.record.updatedAt, record: cur.record });
  }
  return versions;
}

function meta(v: StoredVersion): VersionMeta {
  return { version: v.version, action: v.action, authorId: v.authorId, authorName: v.authorName, savedAt: v.savedAt };
}
function entry(v: StoredVersion) {
  return { ...meta(v), record: v.record };
}

function item(kind: ContentKind, record: AnyRecord): ManagedItem {
  return { kind, record } as ManagedItem;
}

const IGNORED = new Set(['version', 'updatedAt']);

/** Field-by-field differences; plain objects are compared per key (`targeting.teamIds`), arrays and scalars whole. */
export function diffRecords(a: Json, b: Json, prefix = ''): z.infer<typeof FieldChange>[] {
  const changes: z.infer<typeof FieldChange>[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    if (!prefix && IGNORED.has(key)) continue;
    const va = a[key];
    const vb = b[key];
    const field = prefix + key;
    if (isPlain(va) && isPlain(vb)) changes.push(...diffRecords(va, vb, `${field}.`));
    else if (canonical(va) !== canonical(vb)) changes.push({ field, from: va ?? null, to: vb ?? null });
  }
  return changes;
}

function isPlain(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlain(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function kindOf(raw: string): ContentKind {
  const parsed = ContentKind.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not_found', `"${raw}" is not something managers author; use articles, snippets, broadcasts or site-rules.`);
  return parsed.data;
}

function statusOf(r: AnyRecord): ContentStatus {
  return (r as { status: ContentStatus }).status;
}

function titleOf(r: AnyRecord): string {
  return 'title' in r ? r.title : 'name' in r ? r.name : '';
}

/** Managers read items that reach one of their teams, or every team. */
function canRead(user: User, teamIds: readonly string[]): boolean {
  return user.role === 'admin' || teamIds.length === 0 || teamIds.some((t) => user.teamIds.includes(t));
}

/** Managers change items that reach only their teams; an item with no team targeting reaches every team, so it needs a manager of all of them. */
async function assertCanEdit(q: Queryable, user: User, teamIds: readonly string[]): Promise<void> {
  if (user.role === 'admin') return;
  const reach = teamIds.length > 0 ? teamIds : await allTeamIds(q);
  const outside = reach.filter((t) => !user.teamIds.includes(t));
  if (outside.length > 0) {
    throw new HttpError(
      403,
      'forbidden',
      teamIds.length === 0
        ? 'This reaches every team, and you do not manage all of them. Target your own teams, or ask an admin.'
        : `You do not manage ${outside.map((t) => `"${t}"`).join(', ')}; managers change only what reaches their own teams.`,
      { teamIds: outside },
    );
  }
}

function notYourTeam(): HttpError {
  return new HttpError(403, 'forbidden', 'This belongs to a team you do not manage.');
}

function notFound(kind: ContentKind, id: string): HttpError {
  return new HttpError(404, 'not_found', `No ${NOUN[kind]} has the id "${id}".`);
}
