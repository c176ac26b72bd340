// What every ticket mapping shares: each candidate ticket is checked with the server's schema, so the preview names
// every problem by row before anything is sent, and timestamps are read into the ISO form the schema takes.
import { fieldIssuesOf, invalidRow } from '../customer-import/problems';
import { ImportedTicket } from '../schema/history-import';
import type { MappedTickets } from './batches';

/** Adds the candidate to the tickets when the schema accepts it, else its problems to the row's problem. */
export function addChecked(result: MappedTickets, row: number, candidate: unknown): void {
  const parsed = ImportedTicket.safeParse(candidate);
  if (parsed.success) result.tickets.push(parsed.data);
  else result.problems.push(invalidRow(row, fieldIssuesOf(parsed.error)));
}

/**
 * A timestamp as ISO: "2026-10-01T09:00:00Z" as it is, and a help desk's "2026-10-01 09:00:00" without a zone as UTC
 * (JavaScript would read it in the machine's own zone, so the same file would import differently per machine).
 * Unreadable values stay as they are for the schema check to name.
 */
export function isoOf(value: string): string {
  const zoneless = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(value);
  const time = Date.parse(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
