// The cursor-gap guarantee (docs/sync-protocol.md, "The change sequence"): writers push concurrently, readers pull
// continuously from their own cursors, and every reader sees every change, in seq order, none skipped. A seq is drawn
// when a row is written but becomes visible at commit, so without the settled-seq bound a reader that pulls between
// another writer's later commit and an earlier writer's commit moves its cursor past a change that then appears below it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MutationEnvelope, PullResponse } from '../../lib/schema/api';
import type { User } from '../../lib/schema/entities';
import { FIELD_POLICY } from '../policy/field-policy';
import { ENGINES, seededDb, type TestDb } from '../testing';
import { pullPageJson } from './pull';
import { pushMutations } from './push';

const WRITERS = 8;
const BATCHES_PER_WRITER = 12;
const READERS = 3;
// Pages large enough that readers keep up with the writers: a reader that lags never pulls near the in-flight seqs.
const PAGE = 100;

const alex: User = { id: 'user-alex', email: 'agent@tandem.demo', name: 'Alex Agent', role: 'agent', teamIds: ['team-care'] };
const SERVER = { id: 'cursor-gap', epoch: 'cursor-gap', since: 0 };

/** A page as the route answers it: the text the database writes (pullPageJson), read as a client reads it. */
async function pull(db: TestDb, cursor: number): Promise<PullResponse> {
  const page = await pullPageJson(db, alex, cursor, PAGE, FIELD_POLICY);
  return PullResponse.parse(JSON.parse(page(SERVER)));
}

describe.each(ENGINES)('cursor gaps on %s', (engine) => {
  let db: TestDb;
  let customerId: string;
  beforeAll(async () => {
    db = await seededDb(engine);
    const { rows } = await db.query<{ id: string }>("select id from customers where team_id = 'team-care' and not deleted order by id limit 1");
    customerId = rows[0]?.id ?? '';
  }, 60_000);
  afterAll(() => db?.close());

  it('lets every continuously pulling reader see every concurrently pushed change, in order, none skipped', async () => {
    const run = randomUUID().slice(0, 8);
    const interaction = (writer: number, batch: number, k: number): MutationEnvelope => ({
      id: randomUUID(),
      entity: 'interactions',
      op: 'create',
      recordId: `gap-${run}-${writer}-${batch}-${k}`,
      data: {
        teamId: 'team-care',
        customerId,
        caseId: null,
        channel: 'chat',
        visibility: 'private',
        direction: 'inbound',
        text: `change ${k} of batch ${batch} by writer ${writer}`,
        sourceUrl: null,
        authorName: null,
        occurredAt: '2026-11-20T08:59:00.000Z',
      },
    });
    // Readers start at the seed's last seq (nothing is in flight yet), so every pull reads near the writers' frontier.
    const { rows } = await db.query<{ seq: string }>('select last_value as seq from change_seq');
    const start = Number(rows[0]?.seq);
    const pushed = new Set<string>();
    let writing = true;
    // Batches of 1–4 mutations: a transaction draws its seqs one by one and commits after the last, so others' commits overtake it.
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let b = 0; b < BATCHES_PER_WRITER; b++) {
        const batch = Array.from({ length: 1 + ((w + b) % 4) }, (_, k) => interaction(w, b, k));
        const results = await pushMutations(db, alex, batch, new Date());
        for (const r of results) expect(r.status).toBe('applied');
        for (const m of batch) pushed.add(m.recordId);
      }
    });
    const readers = Array.from({ length: READERS }, async () => {
      const seen: { id: string; seq: number }[] = [];
      let cursor = start;
      // Pull while the writers write, then until a pull after the last commit comes back with nothing more.
      for (let drained = false; !drained; ) {
        const done = !writing;
        const page = await pull(db, cursor);
        for (const c of page.changes) if (c.record.id.startsWith(`gap-${run}-`)) seen.push({ id: c.record.id, seq: c.seq });
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = page.cursor;
        drained = done && !page.hasMore;
      }
      return seen;
    });
    await Promise.all(writers);
    writing = false;
    const seenByReader = await Promise.all(readers);

    expect(pushed.size).toBe((WRITERS * BATCHES_PER_WRITER * 5) / 2);
    for (const seen of seenByReader) {
      const seqs = seen.map((s) => s.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      const missing = [...pushed].filter((id) => !seen.some((s) => s.id === id));
      expect(missing, `a reader skipped ${missing.length} of ${pushed.size} changes`).toEqual([]);
    }
  }, 120_000);
});
