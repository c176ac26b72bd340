// Which help desk's ticket export a file is, and its tickets: JSON is Zendesk's export (or its API's shape), a CSV
// with Freshdesk's ticket columns is Freshdesk's. The source is part of each case's key on the server.
import { ImportFileError, readTable } from '../customer-import/table';
import type { HistorySource } from '../schema/history-import';
import type { MappedTickets } from './batches';
import { isFreshdeskTickets, mapFreshdeskTickets } from './freshdesk';
import { mapZendeskTickets } from './zendesk';

/** A CSV without Freshdesk's ticket columns: the console says so in the agent's language. */
export class NotATicketExport extends ImportFileError {}

export interface TicketExport extends MappedTickets {
  source: HistorySource;
}

/** The file's help desk and tickets; throws ImportFileError when it cannot be read, NotATicketExport when it is neither export. */
export function readTicketExport(fileName: string, text: string): TicketExport {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/\.(json|ndjson|jsonl)$/i.test(fileName) || /^[[{]/.test(trimmed)) return { source: 'zendesk', ...mapZendeskTickets(trimmed) };
  const table = readTable(fileName, trimmed);
  if (!isFreshdeskTickets(table.headers))
    throw new NotATicketExport('not_ticket_export', null, 'Not a ticket export: a Freshdesk CSV has the columns Ticket ID, Status and Created time.');
  return { source: 'freshdesk', ...mapFreshdeskTickets(table) };
}
