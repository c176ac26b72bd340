import { faultSuite } from './fault-suite';

// The browser fault suite on PGlite, which runs inside the server process (docs/operations.md, "Faults in the real
// browser"); e2e/faults-postgres.test.ts runs the same schedules on PostgreSQL.
faultSuite({ name: 'PGlite' });
