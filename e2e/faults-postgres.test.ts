import { describe, it } from 'vitest';
import { faultSuite } from './fault-suite';

// The browser fault suite on PostgreSQL: a cluster nothing else uses, since its `database-restart` fault restarts the
// whole cluster with TANDEM_FAULT_PG_RESTART (`.ci/run` makes one on port 5439; docs/operations.md, "Faults in the
// real browser"). Without both variables the run is skipped, and says so; with one of them it fails.
const databaseUrl = process.env.TANDEM_FAULT_DATABASE_URL || undefined;
const restart = process.env.TANDEM_FAULT_PG_RESTART || undefined;

if (databaseUrl && restart) faultSuite({ name: 'PostgreSQL', databaseUrl, restart });
else if (databaseUrl || restart)
  describe('the real service worker under seeded faults, on PostgreSQL', () => {
    it('has both TANDEM_FAULT_DATABASE_URL and TANDEM_FAULT_PG_RESTART', () => {
      throw new Error(
        "TANDEM_FAULT_DATABASE_URL (a PostgreSQL server of the suite's own) and TANDEM_FAULT_PG_RESTART (the command that restarts it) go together",
      );
    });
  });
else {
  const why = 'SKIPPED: no PostgreSQL cluster of its own (set TANDEM_FAULT_DATABASE_URL and TANDEM_FAULT_PG_RESTART, as .ci/run does)';
  console.warn(`e2e/faults-postgres.test.ts: ${why}`);
  describe('the real service worker under seeded faults, on PostgreSQL', () => {
    it.skip(why);
  });
}
