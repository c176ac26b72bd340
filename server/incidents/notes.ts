// The workaround a broadcast incident carries, as a note on each case linked to it: written into the case's data as a
// change of its own (field-versioned `notes`, so an agent's concurrent edit of another field merges), so every agent's
// cache pulls it with the case and the overlay shows it beside the case. A case that has this incident's note already
// keeps it: linking again or a case joining later never notes twice.
import type { Case, CaseNote } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';
import { lockRecordKeys, writeRecords } from '../db/records';

/** Notes kept per case: the newest, so a long-running case linked to many incidents stays within the schema's bound. */
const MAX_NOTES = 20;

interface CaseRow {
  id: string;
  version: number;
  data: Case;
  field_versions: Record<string, number> | null;
}

/**
 * Notes the workaround on those of `caseIds` (the incident's team's, not deleted) that lack it; answers the ids noted.
 * A case whose agent used the incident's broadcast reply at capture carries it already (its note names the broadcast).
 */
export async function noteWorkaround(
  tx: Queryable,
  incident: { id: string; teamId: string; broadcastId?: string | null },
  caseIds: readonly string[],
  workaround: string,
  now: Date,
): Promise<string[]> {
  if (caseIds.length === 0) return [];
  await lockRecordKeys(
    tx,
    caseIds.map((id) => `cases:${id}`),
  );
  const { rows } = await tx.query<CaseRow>(
    `select id, version, data, field_versions from cases where id = any($1::text[]) and team_id = $2 and not deleted order by id for update`,
    [[...caseIds], incident.teamId],
  );
  const at = now.toISOString();
  const note: CaseNote = { kind: 'workaround', text: workaround, incidentId: incident.id, createdAt: at };
  const carries = (n: CaseNote) =>
    n.kind === 'workaround' && (n.incidentId === incident.id || (!!incident.broadcastId && n.broadcastId === incident.broadcastId));
  const pending = rows.filter((r) => !(r.data.notes ?? []).some(carries));
  const records = pending.map((r) => ({
    ...r.data,
    notes: [...(r.data.notes ?? []), note].slice(-MAX_NOTES),
    version: Number(r.version) + 1,
    updatedAt: at,
  }));
  const fieldVersions = pending.map((r) => ({ ...(r.field_versions ?? {}), notes: Number(r.version) + 1 }));
  await writeRecords(tx, 'cases', records, { fieldVersions });
  return pending.map((r) => r.id);
}
