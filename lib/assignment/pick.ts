// Who gets a new case: pure, so the server's choice (server/assignment/assign.ts) is tested without a database.
import type { AssignmentMode } from '../schema/assignment';

/** An available, active agent of the case's team and the open cases they hold in it. */
export interface Candidate {
  id: string;
  openCases: number;
}

export interface PickRules {
  /** Open cases an agent may hold; null: no limit. */
  capacity: number | null;
  /** Who the team's previous automatic assignment went to: the turn moves on from them. */
  lastAssigneeId: string | null;
}

/**
 * The agent a new case is assigned to, or null (it waits in the team's pool): nobody under capacity, or manual mode.
 * Turns follow agent ids in order; round-robin takes the next in turn, load-balanced the fewest open cases (ties in turn).
 */
export function pickAssignee(mode: AssignmentMode, candidates: readonly Candidate[], rules: PickRules): string | null {
  if (mode === 'manual') return null;
  const free = candidates.filter((c) => rules.capacity === null || c.openCases < rules.capacity);
  const inTurn = inTurnAfter(free, rules.lastAssigneeId);
  const first = inTurn[0];
  if (!first) return null;
  if (mode === 'round_robin') return first.id;
  return inTurn.reduce((best, c) => (c.openCases < best.openCases ? c : best), first).id;
}

/** The candidates by id, starting with the first after `last` (wrapping round), so a turn survives agents going away. */
function inTurnAfter(candidates: readonly Candidate[], last: string | null): Candidate[] {
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const next = last === null ? 0 : sorted.findIndex((c) => c.id > last);
  return next <= 0 ? sorted : [...sorted.slice(next), ...sorted.slice(0, next)];
}
