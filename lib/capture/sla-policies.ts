import type { ApiClient } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import { SlaPoliciesResponse, type SlaPolicy, type TeamCalendar } from '../schema/sla';

const SLA_POLICIES_KEY = 'sla.policies';

/** Managers change service levels rarely; the latest is kept for offline captures. Not fatal when it fails. */
export async function refreshSlaPolicies(db: TandemDatabase, api: Pick<ApiClient, 'slaPolicies'>): Promise<void> {
  await api
    .slaPolicies()
    .then((policies) => setMeta(db, SLA_POLICIES_KEY, policies))
    .catch(() => undefined);
}

async function syncedPolicies(db: TandemDatabase): Promise<SlaPoliciesResponse | undefined> {
  const policies = SlaPoliciesResponse.safeParse(await getMeta(db, SLA_POLICIES_KEY));
  return policies.success ? policies.data : undefined;
}

/** The team's service-level policy as last synced; undefined before the first sync (the default applies). */
export async function teamSlaPolicy(db: TandemDatabase, teamId: string): Promise<SlaPolicy | undefined> {
  return (await syncedPolicies(db))?.teams.find((t) => t.teamId === teamId)?.policy;
}

/** Each team's business calendar as last synced; empty before the first sync (clocks then count in wall time). */
export async function syncedCalendars(db: TandemDatabase): Promise<TeamCalendar[]> {
  return (await syncedPolicies(db))?.calendars ?? [];
}

export function createSlaHandlers({ db }: { db: TandemDatabase }): Pick<Handlers, 'sla.calendars'> {
  return { 'sla.calendars': async () => ({ calendars: await syncedCalendars(db) }) };
}
