import { type LocalWrite, listConflicts, retryFailedWrites, type TandemDatabase, takeConflict } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { SyncStatus } from '../schema';

export interface SyncHandlerDeps {
  db: TandemDatabase;
  /** Whether a valid session exists (nothing to sync otherwise). */
  signedIn(): Promise<boolean>;
  sync(options: { force: boolean }): Promise<void>;
  status(): Promise<SyncStatus>;
  write(writes: LocalWrite[]): Promise<string[]>;
  announce(): void;
}

/** The status the pages show, "Sync now", and the conflicts a person settles. */
export function createSyncHandlers({
  db,
  signedIn,
  sync,
  status,
  write,
  announce,
}: SyncHandlerDeps): Pick<Handlers, 'status.get' | 'sync.now' | 'conflicts.list' | 'conflicts.resolve'> {
  return {
    'status.get': () => status(),
    'sync.now': async ({ retryFailed }) => {
      if (!(await signedIn())) throw new MessageError('signed_out', 'Sign in to sync with the Tandem server.');
      if (retryFailed) await retryFailedWrites(db);
      await sync({ force: true });
      return status();
    },
    'conflicts.list': async () => ({ conflicts: await listConflicts(db) }),
    'conflicts.resolve': async ({ mutationId, keep }) => {
      const conflict = await takeConflict(db, mutationId);
      if (!conflict) throw new MessageError('not_found', 'That conflict was already settled.');
      if (keep === 'mine' && (conflict.entity === 'cases' || conflict.entity === 'customers')) {
        // The agent's fields again, now based on the server's current version.
        await write([{ entity: conflict.entity, op: 'update', recordId: conflict.recordId, patch: conflict.local }]);
      }
      announce();
      return status();
    },
  };
}
