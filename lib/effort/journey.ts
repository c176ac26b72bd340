// The customer's journey (issue 22): their interactions across channels grouped by issue (case), oldest first within
// each, with where they hopped channel, so the agent sees the path rather than a wall of records. Pure.
import type { Case, Channel, Interaction } from '../schema/entities';

type Step = Pick<Interaction, 'id' | 'channel' | 'visibility' | 'direction' | 'occurredAt' | 'caseId'>;

export interface JourneyStep<S extends Step = Step> {
  item: S;
  /** The step came on another channel than the one before it in this issue. */
  hop: boolean;
}

export interface JourneyIssue<S extends Step = Step> {
  /** null: the interactions filed under no case. */
  caseId: string | null;
  /** The case's subject when the agent's view has the case, else null. */
  subject: string | null;
  /** The channels in the order the issue used them (a channel used again after another counts again: the path). */
  path: Channel[];
  hops: number;
  steps: JourneyStep<S>[];
  lastAt: string;
}

/** Issues with the most recent activity first; each issue's steps oldest first. */
export function journey<S extends Step>(items: readonly S[], cases: readonly Pick<Case, 'id' | 'subject'>[]): JourneyIssue<S>[] {
  const subjects = new Map(cases.map((c) => [c.id, c.subject]));
  const byCase = new Map<string | null, S[]>();
  for (const item of items) byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), item]);
  const issues = [...byCase].map(([caseId, list]): JourneyIssue<S> => {
    const ordered = [...list].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const steps = ordered.map((item, i) => ({ item, hop: i > 0 && ordered[i - 1]?.channel !== item.channel }));
    const path = steps.filter((s, i) => i === 0 || s.hop).map((s) => s.item.channel);
    return {
      caseId,
      subject: caseId ? (subjects.get(caseId) ?? null) : null,
      path,
      hops: steps.filter((s) => s.hop).length,
      steps,
      lastAt: ordered.at(-1)?.occurredAt ?? '',
    };
  });
  return issues.sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}
