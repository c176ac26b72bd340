import type { ConflictRow, TandemDatabase } from './database';

/** Conflicts waiting for the agent, oldest first. */
export async function listConflicts(db: TandemDatabase): Promise<ConflictRow[]> {
  return (await db.conflicts.toArray()).sort((a, b) => a.at.localeCompare(b.at));
}

export async function countConflicts(db: TandemDatabase): Promise<number> {
  return db.conflicts.count();
}

/** Removes a conflict the agent settled and returns it; undefined when it was already settled. */
export async function takeConflict(db: TandemDatabase, mutationId: string): Promise<ConflictRow | undefined> {
  return db.transaction('rw', db.conflicts, async () => {
    const conflict = await db.conflicts.get(mutationId);
    if (conflict) await db.conflicts.delete(mutationId);
    return conflict;
  });
}
