// One-click "Verified" (issue 19): what verifying an article or snippet changes, and how long it then counts as
// verified. Pure, so the server (server/routes/manager.ts) and the tests share it.
import { DEFAULT_VERIFY_INTERVAL_DAYS } from '../schema/knowledge-review';

const DAY_MS = 86_400_000;

/**
 * The verify interval of an item: the shortest of the teams it reaches (a team with none stored has the
 * default), since each of those teams relies on it. `teamIds` empty: reaches no team in particular.
 */
export function verifyIntervalDays(teamIds: readonly string[], stored: ReadonlyMap<string, number>): number {
  if (teamIds.length === 0) return DEFAULT_VERIFY_INTERVAL_DAYS;
  return Math.min(...teamIds.map((t) => stored.get(t) ?? DEFAULT_VERIFY_INTERVAL_DAYS));
}

export interface VerificationFields {
  owner: string;
  verifiedAt: string;
  verifyBy: string;
}

/**
 * What "Verified" at `at` sets: verified again one interval later; an item with no owner (`owner` null) is
 * owned by its verifier from now on.
 */
export function verification(owner: string | null | undefined, { at, days, verifierId }: { at: Date; days: number; verifierId: string }): VerificationFields {
  return { owner: owner ?? verifierId, verifiedAt: at.toISOString(), verifyBy: new Date(at.getTime() + days * DAY_MS).toISOString() };
}
