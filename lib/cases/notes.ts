// An agent's note on a case, from the side panel (components/CaseNotes.tsx): applied to the local cache and queued
// in the outbox as any case edit (a `notes` set patch), so it is kept offline and pushed with the next sync. Marked
// "workaround", it is offered to the manager when the case belongs to a possible incident (lib/incidents/draft.ts).
import { getCase, type LocalWrite, type TandemDatabase } from '../db';
import { MessageError } from '../messaging/dispatch';
import type { CaseNote } from '../schema/entities';

/** The schema's bound on a case's notes (lib/schema/entities.ts `Case.notes`). */
export const MAX_CASE_NOTES = 20;

export interface CaseNoteDeps {
  db: TandemDatabase;
  /** Applies and queues the write (lib/sync/background.ts `write`). */
  write(writes: LocalWrite[]): Promise<string[]>;
  now?: () => Date;
}

/** Adds the note to the cached case and queues it; answers the note as stored. */
export async function addCaseNote(deps: CaseNoteDeps, { caseId, text, workaround }: { caseId: string; text: string; workaround: boolean }): Promise<CaseNote> {
  const trimmed = text.trim();
  if (trimmed === '') throw new MessageError('invalid_request', 'Write the note first.');
  const current = await getCase(deps.db, caseId);
  if (!current) throw new MessageError('not_found', 'That case is not on this browser.');
  if ((current.notes?.length ?? 0) >= MAX_CASE_NOTES) throw new MessageError('invalid_request', `A case keeps at most ${MAX_CASE_NOTES} notes.`);
  const note: CaseNote = {
    kind: workaround ? 'workaround' : 'note',
    text: trimmed,
    incidentId: null,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  await deps.write([{ entity: 'cases', op: 'update', recordId: caseId, patch: { notes: { add: [note], remove: [] } } }]);
  return note;
}
