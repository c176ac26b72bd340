// Named queries for the team queue (lib/queue): the case a page shows and crossed claims.
import type { Case, PageContext } from '../schema';
import { openCases } from './cases';
import type { ConflictRow, TandemDatabase } from './database';

/** The open case made from what this page shows (the post, the ticket), if any. */
export async function openCaseFromPage(db: TandemDatabase, page: Pick<PageContext, 'url' | 'site' | 'recordId'>): Promise<Case | undefined> {
  const fromPage = (c: Case) => c.source.url === page.url || (page.recordId !== null && c.source.site === page.site && c.source.externalId === page.recordId);
  return (await openCases(db)).find(fromPage);
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
