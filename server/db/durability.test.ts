// Acknowledged means on disk: a push's answer comes after its commit was synced, on both engines.
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { buildDemoData } from '../seed/demo';
import { addUser, appliedChange, client, createCase, openTestDb, TEST_DATABASE_URL } from '../testing';
import { type Db, openPglite } from './database';
import { migrate } from './migrations';
import { writeRecords } from './records';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function syncSettings(db: Db) {
  const { rows } = await db.query<{ fsync: string; commit: string }>(
    "select current_setting('fsync') as fsync, current_setting('synchronous_commit') as commit",
  );
  return rows[0];
}

describe('durability', () => {
  it('syncs every acknowledged push to disk on the embedded PGlite, before answering it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-durable-'));
    dirs.push(dir);
    const db = await openPglite(dir);
    const realFsync = fs.fsyncSync;
    let fsyncs = 0;
    try {
      expect(await syncSettings(db)).toEqual({ fsync: 'on', commit: 'on' });
      await migrate(db);
      await writeRecords(
        db,
        'customers',
        buildDemoData().customers.filter((c) => c.id === 'cust-jane-doe'),
      );
      await addUser(db, { id: 'u-durable', email: 'durable@tandem.demo', name: 'Dee', role: 'agent', teamIds: ['team-care'] });
      const api = client(createApp({ db }));
      const token = await api.signIn('durable@tandem.demo');
      // Count the fsync(2) calls PGlite's filesystem makes (syncBuiltinESMExports carries the patch to named imports).
      fs.fsyncSync = (fd) => {
        fsyncs += 1;
        realFsync(fd);
      };
      syncBuiltinESMExports();
      for (let i = 0; i < 5; i++) {
        const before = fsyncs;
        appliedChange(await api.pushOne(token, createCase({ subject: `durable ${i}` })));
        expect(fsyncs, `push ${i}`).toBeGreaterThan(before);
      }
    } finally {
      fs.fsyncSync = realFsync;
      syncBuiltinESMExports();
      await db.close();
    }
    // A first start on a data directory runs initdb: about 10 s on an idle machine, more under load.
  }, 120_000);

  it.skipIf(!TEST_DATABASE_URL)('runs on a PostgreSQL server that syncs each commit', async () => {
    const db = await openTestDb('postgres', 'empty');
    try {
      expect(await syncSettings(db)).toEqual({ fsync: 'on', commit: 'on' });
    } finally {
      await db.close();
    }
  });
});
