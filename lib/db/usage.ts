import type { UsageEvent } from '../schema';
import type { TandemDatabase } from './database';

/** Usage events wait here until the server has them. */
export async function addUsageEvents(db: TandemDatabase, events: readonly UsageEvent[]): Promise<void> {
  await db.usageEvents.bulkPut([...events]);
}

export async function oldestUsageEvents(db: TandemDatabase, limit: number): Promise<UsageEvent[]> {
  return db.usageEvents.orderBy('occurredAt').limit(limit).toArray();
}

export async function deleteUsageEvents(db: TandemDatabase, ids: readonly string[]): Promise<void> {
  await db.usageEvents.bulkDelete([...ids]);
}

/** Events that happened after `since` (an ISO time). */
export async function usageEventsSince(db: TandemDatabase, since: string): Promise<UsageEvent[]> {
  return db.usageEvents.where('occurredAt').above(since).toArray();
}
