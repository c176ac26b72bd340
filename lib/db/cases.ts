import { type Case, OPEN_STATUSES } from '../schema';
import type { TandemDatabase } from './database';

/** The case with this id, unless this device does not have it or it was deleted. */
export async function getCase(db: TandemDatabase, id: string): Promise<Case | undefined> {
  const found = await db.cases.get(id);
  return found && !found.deleted ? found : undefined;
}

/** Every open case on this device (tombstones left out). */
export async function openCases(db: TandemDatabase): Promise<Case[]> {
  return (
    await db.cases
      .where('status')
      .anyOf([...OPEN_STATUSES])
      .toArray()
  ).filter((c) => !c.deleted);
}

/** Open cases of a customer, the most urgent service-level deadline first (no deadline last). */
export async function openCasesForCustomer(db: TandemDatabase, customerId: string): Promise<Case[]> {
  const cases = await db.cases
    .where('[customerId+status]')
    .anyOf(OPEN_STATUSES.map((status) => [customerId, status]))
    .toArray();
  const due = (c: Case) => (c.slaDueAt ? Date.parse(c.slaDueAt) : Number.POSITIVE_INFINITY);
  return cases.filter((c) => !c.deleted).sort((a, b) => due(a) - due(b));
}

/** The newest open cases on this device, newest first. */
export async function recentOpenCases(db: TandemDatabase, limit: number): Promise<Case[]> {
  const cases = await openCases(db);
  return cases.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
}

/** The cases most recently solved or closed on this device, the latest change first (the side panel's "Draft article"). */
export async function recentSolvedCases(db: TandemDatabase, limit: number): Promise<Case[]> {
  const cases = await db.cases.where('status').anyOf(['solved', 'closed']).toArray();
  return cases
    .filter((c) => !c.deleted)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, limit);
}

/** The case already made from this source, if any (the same post captured twice is one case). */
export async function findCapturedCase(db: TandemDatabase, site: string, externalId: string): Promise<Case | null> {
  const cases = await db.cases.filter((c) => !c.deleted && c.source.site === site && c.source.externalId === externalId).toArray();
  return cases[0] ?? null;
}
