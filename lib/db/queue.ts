// Named queries for the team queue (lib/queue): open cases, their customers, unconfirmed writes and crossed claims.
import { OPEN_STATUSES, type Case, type Customer, type PageContext } from '../schema';
import type { ConflictRow, TandemDatabase } from './database';

/** Every open case on this device (tombstones left out). */
export async function openCases(db: TandemDatabase): Promise<Case[]> {
  return (await db.cases.where('status').anyOf([...OPEN_STATUSES]).toArray()).filter((c) => !c.deleted);
}

/** The open case made from what this page shows (the post, the ticket), if any. */
export async function openCaseFromPage(db: TandemDatabase, page: Pick<PageContext, 'url' | 'site' | 'recordId'>): Promise<Case | undefined> {
  const fromPage = (c: Case) => c.source.url === page.url || (page.recordId !== null && c.source.site === page.site && c.source.externalId === page.recordId);
  return (await openCases(db)).find(fromPage);
}

/** The case with this id, unless this device does not have it or it was deleted. */
export async function liveCase(db: TandemDatabase, id: string): Promise<Case | undefined> {
  const found = await db.cases.get(id);
  return found && !found.deleted ? found : undefined;
}

export async function customersById(db: TandemDatabase, ids: readonly string[]): Promise<Map<string, Customer>> {
  const customers = await db.customers.bulkGet([...new Set(ids)]);
  return new Map(customers.flatMap((c) => (c ? [[c.id, c] as const] : [])));
}

/** Ids of the cases with a write the server has not confirmed (queued, in flight or refused). */
export async function casesWithUnconfirmedWrites(db: TandemDatabase): Promise<Set<string>> {
  return new Set((await db.outbox.where('entity').equals('cases').toArray()).map((r) => r.recordId));
}

export async function caseHasUnconfirmedWrite(db: TandemDatabase, caseId: string): Promise<boolean> {
  return (await db.outbox.where('[entity+recordId]').equals(['cases', caseId]).count()) > 0;
}

/** A conflict over who holds a case: the agent's claim crossed someone else's on the server. */
const isClaimConflict = (conflict: ConflictRow) => conflict.entity === 'cases' && 'assigneeId' in conflict.local;

/** The crossed claims by case id: the conflict's id (to settle it) and whom the agent wanted the case for. */
export async function claimConflicts(db: TandemDatabase): Promise<Map<string, { mutationId: string; wanted: string | null }>> {
  const claims = (await db.conflicts.toArray()).filter(isClaimConflict);
  return new Map(claims.map((c) => [c.recordId, { mutationId: c.mutationId, wanted: (c.local.assigneeId as string | null) ?? null }]));
}

/** Forgets the crossed claims on a case (a fresh claim supersedes them). */
export async function dropClaimConflicts(db: TandemDatabase, caseId: string): Promise<void> {
  const crossed = (await db.conflicts.where('[entity+recordId]').equals(['cases', caseId]).toArray()).filter(isClaimConflict);
  await db.conflicts.bulkDelete(crossed.map((c) => c.mutationId));
}
