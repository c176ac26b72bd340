// Who gets a new case: pure, so the server's choice (server/assignment/assign.ts) is tested without a database.
import type { AssignmentMode } from '../schema/assignment';

/** An available, active agent of the case's team and the open cases they hold in it. */
export interface Candidate {
  id: string;
  openCases: number;
  /** Skills (lower case) and languages the team's managers set for the agent; empty when none. */
  skills?: readonly string[];
  languages?: readonly string[];
}

/** What the new case asks for: its tags and its customer's language; checked only where the team matches on them. */
export interface CaseNeeds {
  tags: readonly string[];
  language: string | null;
}

export interface PickRules {
  /** Open cases an agent may hold; null: no limit. */
  capacity: number | null;
  /** Who the team's previous automatic assignment went to: the turn moves on from them. */
  lastAssigneeId: string | null;
  matchSkills?: boolean;
  matchLanguage?: boolean;
  needs?: CaseNeeds;
}

/** "pt-BR" and "pt" speak to each other: languages match on their primary subtag. */
const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * The candidates who match the case, or all of them when none does (a case is never left waiting for a skill nobody
 * free has). Skills: the case's tags that some candidate's skills name must all be the agent's (tags that are no
 * one's skill — "vip", "twitter" — ask for nothing). Language: the agent speaks the customer's language.
 */
export function matching(candidates: readonly Candidate[], rules: Pick<PickRules, 'matchSkills' | 'matchLanguage' | 'needs'>): readonly Candidate[] {
  const { needs } = rules;
  if (!needs || (!rules.matchSkills && !rules.matchLanguage)) return candidates;
  const known = new Set(candidates.flatMap((c) => c.skills ?? []));
  const wanted = rules.matchSkills ? [...new Set(needs.tags.map((t) => t.toLowerCase()))].filter((t) => known.has(t)) : [];
  const language = rules.matchLanguage && needs.language ? primaryLanguage(needs.language) : null;
  const fits = candidates.filter(
    (c) => wanted.every((skill) => c.skills?.includes(skill)) && (language === null || (c.languages ?? []).some((l) => primaryLanguage(l) === language)),
  );
  return fits.length > 0 ? fits : candidates;
}

/**
 * The agent a new case is assigned to, or null (it waits in the team's pool): nobody under capacity, or manual mode.
 * Among the agents under capacity, those matching the case's skills and language when the team asks (`matching`).
 * Turns follow agent ids in order; round-robin takes the next in turn, load-balanced the fewest open cases (ties in turn).
 */
export function pickAssignee(mode: AssignmentMode, candidates: readonly Candidate[], rules: PickRules): string | null {
  if (mode === 'manual') return null;
  const free = candidates.filter((c) => rules.capacity === null || c.openCases < rules.capacity);
  const inTurn = inTurnAfter(matching(free, rules), rules.lastAssigneeId);
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
