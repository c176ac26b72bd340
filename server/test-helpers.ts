import { openPglite, type Db } from './db/index';
import { migrate } from './db/migrations';
import { seedDemo } from './seed/index';

/** A migrated, seeded in-memory database for tests; share one per test file, PGlite takes a second or two to start. */
export async function seededDb(): Promise<Db> {
  const db = await openPglite('memory://');
  await migrate(db);
  await seedDemo(db);
  return db;
}
