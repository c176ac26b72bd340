import type { ApiClient } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import { SlaPoliciesResponse, type SlaPolicy } from '../schema/sla';

const SLA_POLICIES_KEY = 'sla.policies';

/** Managers change service levels rarely; the latest is kept for offline captures. Not fatal when it fails. */
export async function refreshSlaPolicies(db: TandemDatabase, api: Pick<ApiClient, 'slaPolicies'>): Promise<void> {
  await api
    .slaPolicies()
    .then((policies) => setMeta(db, SLA_POLICIES_KEY, policies))
    .catch(() => undefined);
}

/** The team's service-level policy as last synced; undefined before the first sync (the default applies). */
export async function teamSlaPolicy(db: TandemDatabase, teamId: string): Promise<SlaPolicy | undefined> {
  const policies = SlaPoliciesResponse.safeParse(await getMeta(db, SLA_POLICIES_KEY));
  return policies.success ? policies.data.teams.find((t) => t.teamId === teamId)?.policy : undefined;
}
