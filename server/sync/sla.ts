// The policy lives in lib/ so a case captured offline shows the same deadline the server will set.
// Teams may override it (server/routes/sla.ts); loadTeamSlaPolicy merges a team's rows over the defaults.
import { mergeSlaPolicy } from '../../lib/cases/sla-policy';
import type { Priority } from '../../lib/schema/entities';
import type { ChannelGroup, SlaPolicy, SlaPolicyUpdate } from '../../lib/schema/sla';
import type { Queryable } from '../db/database';

export { DEFAULT_SLA_POLICY, SLA_MINUTES, slaDueAt, slaDueAtWith } from '../../lib/cases/sla-policy';

export interface SlaPolicyRow {
  team_id: string;
  channel_group: ChannelGroup;
  priority: Priority;
  first_response_minutes: number;
  resolution_minutes: number;
  updated_at: Date | string;
}

/** Each team's own entries (only teams with rows appear). */
export async function loadSlaOverrides(
  q: Queryable,
  teamIds: readonly string[],
): Promise<Map<string, { overrides: SlaPolicyUpdate; updatedAt: Date | string }>> {
  const { rows } = await q.query<SlaPolicyRow>(
    'select team_id, channel_group, priority, first_response_minutes, resolution_minutes, updated_at from sla_policies where team_id = any($1::text[])',
    [teamIds],
  );
  const out = new Map<string, { overrides: SlaPolicyUpdate; updatedAt: Date | string }>();
  for (const r of rows) {
    const team = out.get(r.team_id) ?? { overrides: {}, updatedAt: r.updated_at };
    const group = (team.overrides[r.channel_group] ??= {});
    group[r.priority] = { firstResponseMinutes: Number(r.first_response_minutes), resolutionMinutes: Number(r.resolution_minutes) };
    if (new Date(r.updated_at) > new Date(team.updatedAt)) team.updatedAt = r.updated_at;
    out.set(r.team_id, team);
  }
  return out;
}

/** The team's policy: its own entries over the defaults. */
export async function loadTeamSlaPolicy(q: Queryable, teamId: string): Promise<SlaPolicy> {
  const own = (await loadSlaOverrides(q, [teamId])).get(teamId);
  return mergeSlaPolicy(own?.overrides ?? {});
}
