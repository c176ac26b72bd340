// Freshdesk's ticket export (CSV) → the tickets the server imports as cases (docs/import.md). Freshdesk's ticket list
// exports the fields the admin ticks, headed by their labels: the ticket's (`Ticket ID`, `Subject`, `Description`,
// `Status`, `Priority`, `Source`, `Tags`, `Created time`…) and the requester's contact fields (`Full name`, `Email`,
// `Contact ID`, `Twitter ID`…). Status, priority and source are written as the labels Freshdesk's Tickets API gives
// its codes (status 2–5 Open/Pending/Resolved/Closed, priority 1–4 Low/Medium/High/Urgent, source Email, Portal,
// Phone, Chat, Feedback Widget, Outbound Email…). The export has no conversation: the description, when exported, is
// the ticket's one inbound message.
import type { ImportTable } from '../customer-import/table';
import type { CaseStatus, Channel, Identity, Priority } from '../schema/entities';
import type { MappedTickets } from './batches';
import { addChecked, isoOf } from './checked';

/** Freshdesk's default statuses; the two "Waiting on…" ones are the team waiting, as with `pending`. */
const STATUS: Record<string, CaseStatus> = {
  open: 'open',
  pending: 'pending',
  resolved: 'solved',
  closed: 'closed',
  'waiting on customer': 'pending',
  'waiting on third party': 'pending',
};
const PRIORITY: Record<string, Priority> = { low: 'low', medium: 'normal', high: 'high', urgent: 'urgent' };
/** Sources with a Tandem channel of their own; the rest (portal, feedback widget, forum…) stay Freshdesk's. */
const CHANNEL: Record<string, Channel> = {
  email: 'email',
  'outbound email': 'email',
  phone: 'phone',
  chat: 'chat',
  twitter: 'twitter',
  facebook: 'facebook',
};

/** The columns this mapping reads, by their labels in the export. */
const COLUMNS = {
  ticketId: 'Ticket ID',
  subject: 'Subject',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  source: 'Source',
  tags: 'Tags',
  createdAt: 'Created time',
  email: 'Email',
  contactId: 'Contact ID',
  twitter: 'Twitter ID',
} as const;

/** Whether this table is a Freshdesk ticket export: a ticket id, a status and when it was created. */
export function isFreshdeskTickets(headers: readonly string[]): boolean {
  const present = new Set(headers.map((h) => h.toLowerCase()));
  return [COLUMNS.ticketId, COLUMNS.status, COLUMNS.createdAt].every((c) => present.has(c.toLowerCase()));
}

/** The table's tickets, each checked; row 1 is the first ticket under the header. */
export function mapFreshdeskTickets(table: ImportTable): MappedTickets {
  const byLower = new Map(table.headers.map((h) => [h.toLowerCase(), h]));
  const result: MappedTickets = { tickets: [], problems: [] };
  table.records.forEach((record, index) => {
    const cell = (column: string) => (record[byLower.get(column.toLowerCase()) ?? ''] ?? '').trim();
    addChecked(result, index + 1, ticketOf(index + 1, cell));
  });
  return result;
}

function ticketOf(row: number, cell: (column: string) => string): unknown {
  const id = cell(COLUMNS.ticketId);
  const description = cell(COLUMNS.description);
  const createdAt = isoOf(cell(COLUMNS.createdAt));
  // Phones are left out: a requester's national number cannot be read without the region the customer import had.
  const requester: Identity[] = [];
  if (cell(COLUMNS.contactId)) requester.push({ kind: 'freshdesk', value: cell(COLUMNS.contactId) });
  if (cell(COLUMNS.email)) requester.push({ kind: 'email', value: cell(COLUMNS.email) });
  if (cell(COLUMNS.twitter)) requester.push({ kind: 'twitter', value: cell(COLUMNS.twitter) });
  const status = cell(COLUMNS.status);
  return {
    row,
    ticketId: id,
    requester,
    subject: (cell(COLUMNS.subject) || description.split('\n')[0] || `Freshdesk ticket ${id}`).slice(0, 300),
    status: STATUS[status.toLowerCase()] ?? status,
    priority: PRIORITY[cell(COLUMNS.priority).toLowerCase()] ?? 'normal',
    channel: CHANNEL[cell(COLUMNS.source).toLowerCase()] ?? 'freshdesk',
    tags: [
      ...new Set(
        cell(COLUMNS.tags)
          .split(/[,;]/)
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      ),
    ].slice(0, 50),
    createdAt,
    // The export names no help desk address, so there is no ticket page to link.
    sourceUrl: null,
    messages: description
      ? [{ messageId: 'description', direction: 'inbound', text: description.slice(0, 20_000), authorName: null, occurredAt: createdAt }]
      : [],
  };
}
