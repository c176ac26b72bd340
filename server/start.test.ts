import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HealthResponse, PullResponse } from '../lib/schema/api';
import { DatabaseUnavailableError, openPglite } from './db/database';
import { MIGRATIONS, migrate } from './db/migrations';
import { databaseErrorGuard, startServer } from './start';
import { client, expectOk } from './testing';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('startServer', () => {
  it('serves over HTTP on a free port, then closes', async () => {
    const server = await startServer({ port: 0, dataDir: 'memory://' });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const api = client(server.url);
      const health = await api.request('/health', { headers: { Origin: 'chrome-extension://abc' } });
      expect(health.headers.get('access-control-allow-origin')).toBe('*');
      expect((await expectOk(health, HealthResponse)).database).toBe('pglite');
      const token = await api.signIn('agent@tandem.demo');
      expect((await expectOk(await api.get('/sync/pull?limit=10', token), PullResponse)).changes).toHaveLength(10);
      // The demo's field policy: the agent's customers come without their lifetime value, the manager's with it.
      const values = async (email: string) =>
        (await expectOk(await api.get('/sync/pull?limit=1000', await api.signIn(email)), PullResponse)).changes.flatMap((c) =>
          c.entity === 'customers' ? [c.record.lifetimeValueCents] : [],
        );
      expect(new Set(await values('agent@tandem.demo'))).toEqual(new Set([undefined]));
      expect((await values('manager@tandem.demo')).some((v) => v !== undefined)).toBe(true);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('restarts on the same data directory without migrating or seeding twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-server-'));
    dirs.push(dir);
    const first = await startServer({ port: 0, dataDir: dir });
    await first.close();
    const second = await startServer({ port: 0, dataDir: dir });
    await second.close();

    const db = await openPglite(dir);
    try {
      expect(await migrate(db)).toEqual([]);
      const versions = await db.query<{ version: number }>('select version from schema_migrations order by version');
      expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const users = await db.query<{ n: number }>('select count(*)::int as n from users');
      expect(users.rows[0]?.n).toBe(5);
      const customers = await db.query<{ n: number; max: number }>('select count(*)::int as n, max(seq)::int as max from customers');
      expect(customers.rows[0]?.n).toBe(206);
    } finally {
      await db.close();
    }
  });

  it('rolls back a migration that fails, and records nothing for it', async () => {
    const db = await openPglite('memory://');
    try {
      await expect(migrate(db, [...MIGRATIONS, { version: 99, name: 'broken', sql: 'create table half (id int); select nope;' }])).rejects.toThrow();
      const tables = await db.query<{ n: number }>("select count(*)::int as n from information_schema.tables where table_name = 'half'");
      expect(tables.rows[0]?.n).toBe(0);
      const versions = await db.query<{ version: number }>('select version from schema_migrations');
      expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.close();
    }
  });
});

describe('HTTP limits', () => {
  it('cuts off a client that sends its headers too slowly with a 408 and Connection: close, and goes on serving others', async () => {
    const server = await startServer({ port: 0, dataDir: 'memory://', seed: false, httpLimits: { headersTimeoutMs: 500, requestTimeoutMs: 2000 } });
    try {
      const started = Date.now();
      const socket = connect(server.port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => {
        answer += chunk;
      });
      socket.write('GET /health HTTP/1.1\r\nHost: tandem\r\n');
      // One more header line every 100 ms, never the blank line that ends them: the slow-loris pattern.
      const drip = setInterval(() => socket.write(`X-Drip-${Date.now()}: 1\r\n`), 100);
      await new Promise<void>((resolve) => socket.once('close', () => resolve()));
      clearInterval(drip);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(500);
      expect(elapsed).toBeLessThan(2500);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('databaseErrorGuard', () => {
  it('keeps the process serving through a database error nothing caught, and ends it on anything else', () => {
    const exit = vi.fn();
    const log = vi.fn();
    const guard = databaseErrorGuard(exit, log);
    guard(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    guard(new Error('Connection terminated unexpectedly'));
    guard(new DatabaseUnavailableError(new Error('ECONNREFUSED')));
    expect(exit).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(3);
    guard(new TypeError('x is not a function'));
    expect(exit).toHaveBeenCalledWith(1);
  });
});
