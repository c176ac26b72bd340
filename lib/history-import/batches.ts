// A ticket export's tickets in the batches the console sends to POST /import/history: at most HISTORY_BATCH_TICKETS
// each, and small enough for the server's body limit — a ticket carries its whole conversation, so a batch of long
// threads would pass the count and fail the size. Each batch is written whole or not at all (docs/import.md).
import type { KnownImportRowProblem } from '../schema/customer-import';
import { HISTORY_BATCH_TICKETS, type ImportedTicket } from '../schema/history-import';

export interface MappedTickets {
  tickets: ImportedTicket[];
  problems: KnownImportRowProblem[];
}

/** Under the server's 1 MiB JSON limit (server/app.ts MAX_BODY_BYTES) with room for the envelope and multi-byte text. */
export const HISTORY_BATCH_BYTES = 900_000;

export function ticketBatches(tickets: readonly ImportedTicket[], maxBytes = HISTORY_BATCH_BYTES): ImportedTicket[][] {
  const batches: ImportedTicket[][] = [];
  let current: ImportedTicket[] = [];
  let bytes = 0;
  for (const ticket of tickets) {
    // Three bytes per UTF-16 unit bounds the UTF-8 size of any text.
    const size = JSON.stringify(ticket).length * 3;
    if (current.length > 0 && (current.length >= HISTORY_BATCH_TICKETS || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(ticket);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
