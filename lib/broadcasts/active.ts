import type { Broadcast } from '../schema/entities';

/** Who is looking, where and when: what decides whether a broadcast concerns them. */
export interface BroadcastAudience {
  teamIds: readonly string[];
  /** The site adapter's name (`zendesk`), or null when the page has not been read yet. */
  site: string | null;
  /** The page's host name (`tandemdemo.zendesk.com`). */
  host: string;
  now: Date;
}

const SEVERITY_RANK = { critical: 0, major: 1, minor: 2, info: 3 } as const;

/**
 * Whether an agent should see this broadcast now: live (not a tombstone), within its time window,
 * aimed at one of their teams (no teams = everyone) and, when it names sites, at this site, by
 * adapter name or by host (a listed `example.com` covers `help.example.com`).
 */
export function isBroadcastActive(b: Broadcast, audience: BroadcastAudience): boolean {
  if (b.deleted) return false;
  const now = audience.now.getTime();
  if (Date.parse(b.startsAt) > now) return false;
  if (b.endsAt !== null && Date.parse(b.endsAt) <= now) return false;
  const teams = b.targeting.teamIds;
  if (teams.length > 0 && !teams.some((t) => audience.teamIds.includes(t))) return false;
  const sites = b.targeting.sites;
  if (sites.length === 0) return true;
  const host = audience.host.toLowerCase();
  return sites.some((s) => s === audience.site || s === host || host.endsWith(`.${s}`));
}

/** The active broadcasts, most severe first, then the newest. */
export function activeBroadcasts<B extends Broadcast>(all: readonly B[], audience: BroadcastAudience): B[] {
  return all
    .filter((b) => isBroadcastActive(b, audience))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.startsAt.localeCompare(a.startsAt) || a.id.localeCompare(b.id));
}
