// History import: tickets from a help desk's export (lib/history-import maps the file) become cases, and their
// messages interactions, of the customers the requester's identity names (server/routes/history-import.ts). Keyed by
// the help desk's own ticket and message ids, so re-importing a file changes nothing and a changed ticket updates.
// The answer per batch is the customer import's CustomerImportResult (written, created, updated, unchanged, refused).
import { z } from 'zod';
import { CaseStatus, Channel, Direction, HttpUrl, Id, Identity, Priority, Timestamp } from './entities';
import { Text } from './primitives';

/** Tickets per request at most; the console also keeps each request under the body limit (lib/history-import/batches.ts). */
export const HISTORY_BATCH_TICKETS = 100;

/** The help desks whose ticket exports have a ready mapping; part of the key, so two systems' ticket 42 stay apart. */
export const HistorySource = z.enum(['zendesk', 'freshdesk']);
export type HistorySource = z.infer<typeof HistorySource>;

export const ImportedMessage = z.strictObject({
  /** The help desk's id of the message (a Zendesk comment id), unique within its ticket. */
  messageId: Text(100).min(1),
  direction: Direction,
  text: Text(20_000).min(1),
  authorName: Text(200).nullable(),
  occurredAt: Timestamp,
});
export type ImportedMessage = z.infer<typeof ImportedMessage>;

export const ImportedTicket = z.strictObject({
  /** The ticket's number in the file (1 = the first ticket), so every answer names the record the admin can fix. */
  row: z.int().min(1).max(10_000_000),
  ticketId: Text(100).min(1),
  /** Who asked: the identities that find the imported customer (a Zendesk user id, an email). */
  requester: z.array(Identity).min(1, 'A ticket needs its requester’s id or email.').max(10),
  subject: Text(300).min(1),
  status: CaseStatus,
  priority: Priority,
  channel: Channel,
  tags: z.array(Text(50).min(1)).max(50),
  createdAt: Timestamp,
  /** Where agents open the ticket in the help desk (its agent page), or null. */
  sourceUrl: HttpUrl.nullable(),
  messages: z.array(ImportedMessage).max(500),
});
export type ImportedTicket = z.infer<typeof ImportedTicket>;

export const HistoryImportRequest = z.strictObject({
  teamId: Id,
  source: HistorySource,
  rows: z.array(ImportedTicket).min(1).max(HISTORY_BATCH_TICKETS),
});
export type HistoryImportRequest = z.infer<typeof HistoryImportRequest>;
