// The detector on the server: fed by every push once it has committed (server/sync/push.ts calls `watchPush`), primed
// per team from the stored history of the last days, storing what it finds (table incidents) and waking the team's
// live streams so a manager's console shows the card without a reload. One detector per database and process: a burst
// split across several server processes is seen by each only in part (docs/incidents.md "Limits").
import { randomUUID } from 'node:crypto';
import type { Change, MutationResult } from '../../lib/schema/api';
import type { Case } from '../../lib/schema/entities';
import type { Db, Queryable } from '../db/database';
import { lockChanges, notifyNewSeq } from '../db/records';
import { type Contact, DEFAULT_PARAMS, type DetectorEvent, type DetectorParams, IncidentDetector } from './detect';
import { noteWorkaround } from './notes';

/** History replayed into a team's baseline the first time this process sees the team. */
const PRIME_DAYS = 7;

/** A run observes contacts for at most this long before letting the event loop serve requests. */
const SLICE_MS = 10;

/**
 * A run queued while another is under way begins at least this long after that one began: under load one run then
 * takes the pushes of this span, and its look-up of words and its transaction (lock, update, notice) are shared by them
 * all. A run queued while the detector is idle begins at once. A card shows at most this much later; what is detected
 * is the same (the contacts are observed in the same order, at their push times).
 */
export const RUN_GAP_MS = 250;

interface Watch {
  detector: IncidentDetector;
  paramsFor: (teamId: string) => DetectorParams;
  primed: Set<string>;
  /** Runs are chained one after another, in commit order, so the detector sees time in order. */
  queue: Promise<void>;
  /** Pushes committed since the last run began: the next run takes them all at once. */
  pending: { records: Change[]; at: Date }[];
  /** Whether a run is queued that has not begun yet (it will take what `pending` holds then). */
  queued: boolean;
  /** When the latest run began (performance.now()), and whether it is still under way. */
  ranAt: number;
  running: boolean;
  /**
   * Per incident stored (its identity, see `store`), how many of its case ids are stored already: the detector only
   * appends to them, so an update sends the newer ones only, not the whole list (a long burst's grew to thousands).
   * An entry is dropped once its incident has been quiet for the team's `quietMinutes` (pruneStoredCases): the detector
   * never extends it again, and the map would otherwise grow by every incident the process ever stored.
   */
  storedCases: Map<string, { cases: number; teamId: string; lastAt: number }>;
}

const watches = new WeakMap<Db, Watch>();

function watchOf(db: Db, paramsFor: (teamId: string) => DetectorParams = () => DEFAULT_PARAMS): Watch {
  let watch = watches.get(db);
  if (!watch) {
    watch = {
      detector: new IncidentDetector(paramsFor),
      paramsFor,
      primed: new Set(),
      queue: Promise.resolve(),
      pending: [],
      queued: false,
      ranAt: Number.NEGATIVE_INFINITY,
      running: false,
      storedCases: new Map(),
    };
    watches.set(db, watch);
  }
  return watch;
}

/**
 * After a push committed: its new cases and customers' inbound interactions go to the detector; what it finds is
 * stored and announced. Never fails the push: a failure here is logged, and the next run goes on. Pushes are taken
 * in runs: one run observes every push committed since the previous run began, with one look-up of the customers'
 * words and one transaction for what it found, so under load the detector keeps up (one run per push fell minutes
 * behind at ~1,800 mutations/s: every contact of a burst was its own transaction).
 */
export function watchPush(db: Db, results: readonly MutationResult[], now: Date): Promise<void> {
  const records = results.flatMap((r) => (r.status === 'applied' && !r.replayed ? [r.change] : []));
  const fresh = records.filter(
    (c) => (c.entity === 'cases' && c.record.version === 1) || (c.entity === 'interactions' && (c.record as { direction?: string }).direction === 'inbound'),
  );
  if (fresh.length === 0) return Promise.resolve();
  const watch = watchOf(db);
  watch.pending.push({ records: fresh, at: now });
  if (watch.queued) return watch.queue;
  watch.queued = true;
  const paced = watch.running;
  const run = watch.queue.then(async () => {
    const wait = watch.ranAt + RUN_GAP_MS - performance.now();
    if (paced && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    watch.running = true;
    await observePending(db, watch).finally(() => {
      watch.running = false;
    });
  });
  watch.queue = run.catch((err) => console.error('[tandem-server] incident detection failed:', (err as Error).message));
  return watch.queue;
}

/** One run: every push pending, in commit order. */
async function observePending(db: Db, watch: Watch): Promise<void> {
  watch.queued = false;
  watch.ranAt = performance.now();
  const pushes = watch.pending.splice(0);
  const first = pushes[0];
  const last = pushes.at(-1);
  if (!first || !last) return;
  const fresh = pushes.flatMap((p) => p.records.map((c) => ({ ...(c as { entity: string; record: Record<string, unknown> }), at: p.at.getTime() })));
  await linkByBroadcastNote(
    db,
    fresh.flatMap((c) => (c.entity === 'cases' ? [c.record as Case] : [])),
  );
  const contacts = await contactsOf(db, fresh);
  for (const teamId of new Set(contacts.map((c) => c.teamId))) await prime(db, watch, teamId, first.at);
  const events: DetectorEvent[] = [];
  let slice = performance.now();
  for (const contact of contacts) {
    events.push(...watch.detector.observe(contact));
    // Pushes are answered between slices of a long run (a burst makes each contact cost more: detect.ts scans the window).
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  await store(db, watch, events, last.at);
  pruneStoredCases(watch, last.at.getTime());
}

/**
 * Forgets the stored-case counts of incidents quiet for longer than their team's `quietMinutes` at `now`: the detector
 * opens a new incident for matching contacts after that. Were one dropped too early (pushes' clocks are only roughly in
 * order), its next update would send all its case ids, which the update ignores when stored already: cost, not harm.
 */
function pruneStoredCases(watch: Watch, now: number): void {
  for (const [id, { teamId, lastAt }] of watch.storedCases) {
    if (now - lastAt > watch.paramsFor(teamId).quietMinutes * 60_000) watch.storedCases.delete(id);
  }
}

/**
 * Contacts written outside a push (the demo's outage, server/incidents/demo-outage.ts), observed at their own times: the
 * team is primed with its history before the first of them, then each goes through the detector and what it finds is
 * stored, as a push's would be.
 */
export function detectSeeded(db: Db, contacts: readonly Contact[]): Promise<void> {
  const ordered = [...contacts].sort((a, b) => a.at - b.at);
  const first = ordered[0];
  if (!first) return Promise.resolve();
  const watch = watchOf(db);
  watch.queue = watch.queue.then(async () => {
    for (const teamId of new Set(ordered.map((c) => c.teamId))) await prime(db, watch, teamId, new Date(first.at));
    for (const contact of ordered) {
      await store(db, watch, watch.detector.observe(contact), new Date(contact.at));
      pruneStoredCases(watch, contact.at);
    }
  });
  return watch.queue;
}

/** The detector's view of new records: text, who (to count people) and what names them (never a term). */
async function contactsOf(q: Queryable, changes: readonly { entity: string; record: Record<string, unknown>; at: number }[]): Promise<Contact[]> {
  const personal = await personalWords(
    q,
    changes.map((c) => String(c.record.customerId)),
  );
  return changes.map(({ entity, record, at }) => ({
    teamId: String(record.teamId),
    customerId: String(record.customerId),
    caseId: entity === 'cases' ? String(record.id) : ((record.caseId as string | null) ?? null),
    at,
    text: entity === 'cases' ? String(record.subject) : String(record.text),
    personal: personal.get(String(record.customerId)) ?? [],
  }));
}

/** Each customer's name and identity values: the words the detector must never make terms of. */
async function personalWords(q: Queryable, customerIds: readonly string[]): Promise<Map<string, string[]>> {
  const { rows } = await q.query<{ id: string; name: string | null; identities: { value: string }[] | null }>(
    `select id, data->>'name' as name, data->'identities' as identities from customers where id = any($1::text[])`,
    [[...new Set(customerIds)]],
  );
  return new Map(rows.map((r) => [r.id, [r.name ?? '', ...(r.identities ?? []).map((i) => i.value)]]));
}

/** Replays the team's last days (cases and inbound interactions, in time order) into its baseline; finds nothing. */
async function prime(q: Queryable, watch: Watch, teamId: string, now: Date): Promise<void> {
  if (watch.primed.has(teamId)) return;
  watch.primed.add(teamId);
  const since = new Date(now.getTime() - PRIME_DAYS * 86_400_000).toISOString();
  const { rows } = await q.query<{ entity: string; record: Record<string, unknown>; at: string }>(
    `select 'cases' as entity, data as record, data->>'createdAt' as at from cases
       where team_id = $1 and not deleted and data->>'createdAt' >= $2 and data->>'createdAt' < $3
     union all
     select 'interactions', data, data->>'occurredAt' from interactions
       where team_id = $1 and data->>'direction' = 'inbound' and data->>'occurredAt' >= $2 and data->>'occurredAt' < $3
     order by at`,
    [teamId, since, now.toISOString()],
  );
  const personal = await personalWords(
    q,
    rows.map((r) => String(r.record.customerId)),
  );
  for (const { entity, record, at } of rows) {
    watch.detector.observe({
      teamId,
      customerId: String(record.customerId),
      caseId: entity === 'cases' ? String(record.id) : ((record.caseId as string | null) ?? null),
      at: Date.parse(at),
      text: entity === 'cases' ? String(record.subject) : String(record.text),
      personal: personal.get(String(record.customerId)) ?? [],
    });
  }
}

/**
 * New cases whose agent used an incident broadcast's reply in the capture form (their workaround note names the
 * broadcast): each is linked to the team's incident broadcast with it, whatever the detector makes of its words.
 */
async function linkByBroadcastNote(db: Db, cases: readonly Case[]): Promise<void> {
  for (const kase of cases) {
    const broadcastId = kase.notes?.find((n) => n.kind === 'workaround' && n.broadcastId)?.broadcastId;
    if (!broadcastId) continue;
    await db.transaction(async (tx) => {
      await lockChanges(tx);
      const { rows: linked } = await tx.query(
        `update incidents set case_ids = case_ids || jsonb_build_array($3::text)
         where broadcast_id = $1 and team_id = $2 and status = 'broadcast' and not case_ids @> jsonb_build_array($3::text)
         returning id`,
        [broadcastId, kase.teamId, kase.id],
      );
      if (linked.length === 0) return;
      await notifyNewSeq(tx, [kase.teamId]);
    });
  }
}

/**
 * Stores what one run found, in one transaction: each incident it opened or extended once, as it stands after the run
 * (an incident opened and extended in the same run is stored as opened, with its growth), and wakes each team's live
 * streams once (a new seq with nothing to pull).
 */
async function store(db: Db, watch: Watch, events: readonly DetectorEvent[], now: Date): Promise<void> {
  const latest = new Map<string, DetectorEvent>();
  for (const event of events) {
    const { teamId, key, detectedAt } = event.incident;
    const id = JSON.stringify([teamId, key, detectedAt]);
    latest.set(id, { type: latest.get(id)?.type === 'opened' ? 'opened' : event.type, incident: event.incident });
  }
  if (latest.size === 0) return;
  await db.transaction(async (tx) => {
    await lockChanges(tx);
    for (const [id, event] of latest) await storeOne(tx, event, event.type === 'opened' ? 0 : (watch.storedCases.get(id)?.cases ?? 0), now);
    // One new seq and one notice for every team the run found something for, in one statement.
    const teams = [...new Set([...latest.values()].map((e) => e.incident.teamId))];
    await notifyNewSeq(tx, teams);
  });
  // Counted once committed: a run that failed leaves the next one to send its cases again.
  for (const [id, { incident }] of latest)
    watch.storedCases.set(id, { cases: incident.caseIds.length, teamId: incident.teamId, lastAt: Date.parse(incident.lastAt) });
}

/** Stores one incident as the run leaves it; of its case ids, those from `storedCases` on are not stored yet. */
async function storeOne(tx: Queryable, { type, incident }: DetectorEvent, storedCases: number, now: Date): Promise<void> {
  if (type === 'opened') {
    await tx.query(
      `insert into incidents (id, team_id, key, terms, case_ids, contacts, expected, first_at, detected_at, last_at)
       values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10)`,
      [
        `inc-${randomUUID()}`,
        incident.teamId,
        incident.key,
        JSON.stringify(incident.terms),
        JSON.stringify(incident.caseIds),
        incident.contacts,
        incident.expected,
        incident.firstAt,
        incident.detectedAt,
        incident.lastAt,
      ],
    );
    return;
  }
  // The detector's new cases are appended to those stored: a case an agent linked by hand (above) stays linked.
  const caseIds = incident.caseIds.slice(storedCases);
  const { rows } = await tx.query<{ id: string; workaround: string | null; broadcast_id: string | null }>(
    `update incidents
     set case_ids = case_ids || coalesce((select jsonb_agg(v) from jsonb_array_elements($4::jsonb) v where not case_ids @> jsonb_build_array(v)), '[]'::jsonb),
         contacts = $5, last_at = $6
     where team_id = $1 and key = $2 and detected_at = $3 and status in ('open', 'broadcast')
     returning id, case when status = 'broadcast' then workaround end as workaround, broadcast_id`,
    [incident.teamId, incident.key, incident.detectedAt, JSON.stringify(caseIds), incident.contacts, incident.lastAt],
  );
  // A case captured once the incident was broadcast gets its workaround too, as those linked by the click did.
  const stored = rows[0];
  if (stored?.workaround)
    await noteWorkaround(tx, { id: stored.id, teamId: incident.teamId, broadcastId: stored.broadcast_id }, incident.caseIds, stored.workaround, now);
}

/** How many stored incidents the detector still counts case ids for (bounded by pruneStoredCases). */
export function incidentsTracked(db: Db): number {
  return watches.get(db)?.storedCases.size ?? 0;
}

/** Resolves once every push observed so far on this database has been through the detector. */
export function incidentsSettled(db: Db): Promise<void> {
  return watches.get(db)?.queue ?? Promise.resolve();
}
