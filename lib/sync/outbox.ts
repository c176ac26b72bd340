// The outbox now lives in lib/db/outbox.ts; these names stay importable from here for lib/queue and
// bench/sync until they import them from lib/db.
export { recordsWithPendingWrites, writeLocal, type LocalWrite } from '../db';
