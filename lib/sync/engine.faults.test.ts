import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import type { Db } from '../../server/db/database';
import { createRng } from '../../server/seed/prng';
import { client, openTestDb } from '../../server/testing';
import { createApiClient } from '../api/client';
import { allInteractions, type LocalWrite, TandemDatabase, writeLocal } from '../db';
import type { Case, Customer, Interaction } from '../schema';
import { createSyncEngine } from './engine';

/**
 * Fault injection: the engine talks to the real server app through a "network" that drops
 * requests before or after the server handled them, answers 503, delays, and replays old
 * requests out of order; the worker is "killed" at random. After healing, every write must be
 * on the server exactly once and the local cache must equal the server's view.
 */

const SCHEDULES = Number(process.env.TANDEM_FAULT_SCHEDULES ?? 200);

class WorkerKilled extends Error {}

let serverDb: Db;
let app: ReturnType<typeof createApp>;
let passwordHash: string;
const BASE = 'http://tandem.test';
const PASSWORD = 'fault-schedule';

// Each schedule is an agent of a team of its own on an empty database: its pulls carry its own writes, so a schedule
// costs what its faults cost rather than a first sync of the demo data (that was 1.4 s of fake IndexedDB per seed).
beforeAll(async () => {
  serverDb = await openTestDb('pglite', 'empty');
  app = createApp({ db: serverDb });
  passwordHash = await hashPassword(PASSWORD);
}, 60_000);

afterAll(async () => {
  await serverDb?.close();
});

/** A team and an agent of its own for `seed`; answers the agent's token and team. */
async function agentForSeed(seed: number): Promise<{ token: string; teamId: string }> {
  const teamId = `team-f${seed}`;
  const email = `agent-f${seed}@tandem.test`;
  await serverDb.query('insert into teams (id, name) values ($1, $2)', [teamId, `Fault team ${seed}`]);
  // Not addUser: it hashes the password for each user (scrypt, tens of ms), 200 times here; one hash serves every agent.
  await serverDb.query(`insert into users (id, email, name, role, password_hash, team_ids) values ($1, $2, $3, 'agent', $4, $5::text[])`, [
    `user-f${seed}`,
    email,
    `Fault Agent ${seed}`,
    passwordHash,
    [teamId],
  ]);
  return { token: await client(app).signIn(email, PASSWORD), teamId };
}

/** A fetch that misbehaves on purpose, deterministically from its seed. */
function faultyNetwork(random: () => number, state: { healed: boolean }) {
  const replayLater: Request[] = [];
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (state.healed) return app.fetch(request);
    // Reordering and duplication: an old push arrives again, after newer ones.
    if (replayLater.length > 0 && random() < 0.3) {
      const old = replayLater.splice(Math.floor(random() * replayLater.length), 1)[0]!;
      await app.fetch(old);
    }
    const roll = random();
    if (roll < 0.12) throw new TypeError('network down (request lost)');
    if (roll < 0.2) return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'Service unavailable' } }), { status: 503 });
    if (roll < 0.26) throw new WorkerKilled('service worker terminated mid-request');
    if (roll < 0.32) await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
    if (request.method === 'POST') replayLater.push(request.clone());
    const response = await app.fetch(request);
    // The server committed, then the connection (or the server) died before the answer arrived.
    if (random() < 0.12) throw new TypeError('connection reset after commit');
    return response;
  };
}

/** The server's view for the agent: a replica that only ever pulls over a faultless network. */
async function serverView(seed: number, token: string) {
  const truth = new TandemDatabase(`truth-${seed}`);
  try {
    const api = createApiClient({ baseUrl: BASE, token, fetch: async (i, init) => app.fetch(new Request(i, init)) });
    await createSyncEngine({ db: truth, transport: api }).pullAll();
    return await localView(truth);
  } finally {
    truth.close();
    await truth.delete();
  }
}

async function localView(db: TandemDatabase): Promise<{ customers: Customer[]; cases: Case[]; interactions: Interaction[] }> {
  const strip = <T extends object>(rows: T[]) =>
    rows
      .map(({ identityKeys: _k, ...r }: T & { identityKeys?: unknown }) => r as T)
      .sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  return { customers: strip(await db.customers.toArray()), cases: strip(await db.cases.toArray()), interactions: strip(await allInteractions(db)) };
}

/** How many times the server recorded each mutation id (its primary key makes more than one impossible). */
async function serverReceipts(mutationIds: string[]): Promise<Map<string, number>> {
  const { rows } = await serverDb.query<{ mutation_id: string; n: number | string }>(
    `select mutation_id, count(*) as n from push_results where mutation_id = any($1) group by mutation_id`,
    [mutationIds],
  );
  return new Map(rows.map((r) => [r.mutation_id, Number(r.n)]));
}

function randomWrites(
  random: () => number,
  seed: number,
  teamId: string,
  step: number,
  known: { customers: string[]; cases: Map<string, string> },
): LocalWrite[] {
  const at = new Date(Date.UTC(2026, 10, 22, 10, 0, step)).toISOString();
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const roll = random();
  const id = `f${seed}-${step}`;
  if (roll < 0.2 || known.cases.size === 0) {
    const customerId = `cust-${id}`;
    known.customers.push(customerId);
    const caseId = `case-${id}`;
    known.cases.set(caseId, customerId);
    return [
      {
        entity: 'customers',
        op: 'create',
        record: {
          id: customerId,
          version: 0,
          updatedAt: at,
          deleted: false,
          teamId,
          name: `Fault Customer ${id}`,
          identities: [{ kind: 'email', value: `${id}@example.com` }],
          tier: 'standard',
          currency: 'USD',
          language: 'en',
          tags: [],
          createdAt: at,
        },
      },
      {
        entity: 'cases',
        op: 'create',
        record: {
          id: caseId,
          version: 0,
          updatedAt: at,
          deleted: false,
          teamId,
          customerId,
          subject: `Captured ${id}`,
          status: 'new',
          priority: 'normal',
          channel: 'twitter',
          slaDueAt: null,
          assigneeId: null,
          tags: [],
          source: { url: `https://x.com/someone/status/${seed}${step}`, site: 'twitter', externalId: `${seed}${step}`, pageTitle: null },
          createdAt: at,
        },
      },
    ];
  }
  const caseId = pick([...known.cases.keys()]);
  if (roll < 0.5) return [{ entity: 'cases', op: 'update', recordId: caseId, patch: { status: pick(['open', 'pending', 'solved'] as const) } }];
  if (roll < 0.7)
    return [{ entity: 'cases', op: 'update', recordId: caseId, patch: { tags: { add: [pick(['refund', 'esim', 'outage', 'vip'])], remove: [] } } }];
  return [
    {
      entity: 'interactions',
      op: 'create',
      record: {
        id: `int-${id}`,
        version: 0,
        updatedAt: at,
        deleted: false,
        teamId,
        customerId: known.cases.get(caseId)!,
        caseId,
        channel: 'twitter',
        visibility: 'public',
        direction: 'outbound',
        text: `Reply ${id}`,
        sourceUrl: null,
        authorName: 'Alex Agent',
        occurredAt: at,
      },
    },
  ];
}

describe('sync under injected faults', () => {
  it(`delivers every write exactly once and converges, over ${SCHEDULES} seeded schedules`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SCHEDULES; seed++) {
      const random = createRng(seed).next;
      const { token, teamId } = await agentForSeed(seed);
      const state = { healed: false };
      // Pull pages of 2–5 records: a schedule's few records still span pages, so faults land between them.
      const pageSize = 2 + (seed % 4);
      const db = new TandemDatabase(`fault-${seed}`);
      const transport = createApiClient({ baseUrl: BASE, token, fetch: faultyNetwork(random, state) });
      let engine = createSyncEngine({ db, transport, batchSize: 1 + Math.floor(random() * 4), pageSize });
      const known = { customers: [] as string[], cases: new Map<string, string>() };
      const created = new Set<string>();
      const mutationIds = new Set<string>();
      const steps = 3 + Math.floor(random() * 6);
      for (let step = 0; step < steps; step++) {
        const writes = randomWrites(random, seed, teamId, step, known);
        for (const w of writes) if (w.op === 'create') created.add(w.record.id);
        for (const id of await writeLocal(db, writes)) mutationIds.add(id);
        if (random() < 0.6) {
          await engine.syncOnce().catch(() => undefined);
          // A killed worker comes back as a new engine over the same durable database.
          if (random() < 0.3) engine = createSyncEngine({ db, transport, batchSize: 1 + Math.floor(random() * 4), pageSize });
        }
      }
      state.healed = true;
      for (let i = 0; i < 5 && (await db.outbox.count()) > 0; i++) await engine.syncOnce();
      await engine.pullAll();

      const problems: string[] = [];
      if ((await db.outbox.count()) > 0) problems.push(`outbox not empty: ${JSON.stringify(await db.outbox.toArray())}`);
      if ((await db.conflicts.count()) > 0) problems.push(`unexpected conflicts: ${JSON.stringify(await db.conflicts.toArray())}`);
      const server = await serverView(seed, token);
      const local = await localView(db);
      for (const table of ['customers', 'cases', 'interactions'] as const) {
        if (JSON.stringify(local[table]) !== JSON.stringify(server[table])) problems.push(`${table}: local cache differs from the server`);
      }
      for (const id of created) {
        const onServer = [...server.customers, ...server.cases, ...server.interactions].filter((r) => r.id === id);
        if (onServer.length !== 1) problems.push(`${id} is on the server ${onServer.length} times`);
      }
      const mine = server.cases.filter((c) => created.has(c.id));
      const sources = new Set(mine.map((c) => c.source.externalId));
      if (sources.size !== mine.length) problems.push('two cases for one captured source');
      const receipts = await serverReceipts([...mutationIds]);
      for (const id of mutationIds) {
        if (receipts.get(id) !== 1) problems.push(`mutation ${id} recorded ${receipts.get(id) ?? 0} times on the server`);
      }
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}`);
      db.close();
      await db.delete();
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
