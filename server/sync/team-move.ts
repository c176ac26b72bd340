// A case or customer moved to another team by a push (`teamId` in the patch; docs/sla.md "Moving a case to another team").
import type { User } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';
import { writeRecords } from '../db/records';

/** The teams a move touches: the caller must be a member of both, whatever their role. */
export function mayMoveBetween(user: User, fromTeamId: string | null, toTeamId: string): boolean {
  return fromTeamId !== null && user.teamIds.includes(fromTeamId) && user.teamIds.includes(toTeamId);
}

/** The case's interactions follow it, so the new team reads the whole conversation and new replies file under it. */
export async function moveCaseInteractions(tx: Queryable, caseId: string, teamId: string, at: string): Promise<void> {
  const { rows } = await tx.query<{ data: Record<string, unknown> }>(`select data from interactions where data->>'caseId' = $1 and not deleted`, [caseId]);
  await writeRecords(
    tx,
    'interactions',
    rows.map((r) => ({ ...r.data, teamId, version: Number(r.data.version) + 1, updatedAt: at })),
  );
}
