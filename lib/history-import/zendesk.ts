// Zendesk's ticket export → the tickets the server imports as cases and interactions (docs/import.md). Read from the
// fields of Zendesk's Tickets API object, which its JSON export writes one ticket per line (`id`, `subject`,
// `description`, `status`, `priority`, `requester_id`, `via.channel`, `tags`, `created_at`, `url`) and, where the
// export carries them, the ticket's `comments` (`id`, `author_id`, `plain_body`/`body`, `public`, `created_at`). The
// API's `{"tickets": [...], "users": [...]}` (with `include=users`) is read too: a sideloaded requester's email
// becomes a second way to find the customer. Each ticket is checked with the server's schema, so the preview lists
// every problem by row before anything is sent.

import { invalidRow } from '../customer-import/problems';
import { readJsonExport } from '../customer-import/table';
import type { CaseStatus, Channel, Identity, Priority } from '../schema/entities';
import type { ImportedMessage } from '../schema/history-import';
import type { MappedTickets } from './batches';
import { addChecked, isoOf } from './checked';

type Json = Record<string, unknown>;

/** Zendesk's `hold` has no counterpart in Tandem: the customer waits on the team, as with `pending`. */
const STATUS: Record<string, CaseStatus> = { new: 'new', open: 'open', pending: 'pending', hold: 'pending', solved: 'solved', closed: 'closed' };
/** `via.channel` values with a Tandem channel of their own; the rest (web form, API, help center…) are Zendesk's. */
const CHANNEL: Record<string, Channel> = { email: 'email', voice: 'phone', chat: 'chat', native_messaging: 'chat', twitter: 'twitter', facebook: 'facebook' };
const PRIORITIES: readonly string[] = ['low', 'normal', 'high', 'urgent'] satisfies Priority[];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Whether this JSON looks like a Zendesk ticket export (tickets have a requester and a status; users do not). */
export function isZendeskTickets(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : isObject(value) && Array.isArray(value.tickets) ? value.tickets[0] : undefined;
  return isObject(first) && 'requester_id' in first && 'status' in first;
}

/** The file's tickets, each checked; throws ImportFileError when the file is not JSON. */
export function mapZendeskTickets(fileText: string): MappedTickets {
  const whole = readJsonExport(fileText.replace(/^\uFEFF/, '').trim());
  const tickets: unknown[] = Array.isArray(whole) ? whole : isObject(whole) && Array.isArray(whole.tickets) ? whole.tickets : [whole];
  const users = new Map<string, Json>();
  if (isObject(whole) && Array.isArray(whole.users)) for (const u of whole.users) if (isObject(u)) users.set(text(u.id), u);

  const result: MappedTickets = { tickets: [], problems: [] };
  tickets.forEach((item, index) => {
    const row = index + 1;
    if (!isObject(item)) {
      result.problems.push(invalidRow(row, [{ field: '', code: 'invalid_type', message: 'not a ticket object' }]));
      return;
    }
    addChecked(result, row, ticketOf(row, item, users));
  });
  return result;
}

function ticketOf(row: number, t: Json, users: Map<string, Json>): unknown {
  const id = text(t.id);
  const requesterId = text(t.requester_id);
  const requester: Identity[] = [];
  if (requesterId) requester.push({ kind: 'zendesk', value: requesterId });
  const email = text(users.get(requesterId)?.email);
  if (email) requester.push({ kind: 'email', value: email });
  const via = isObject(t.via) ? text(t.via.channel) : '';
  const description = text(t.description);
  const createdAt = isoOf(text(t.created_at));
  return {
    row,
    ticketId: id,
    requester,
    subject: (text(t.subject) || description.split('\n')[0] || `Zendesk ticket ${id}`).slice(0, 300),
    status: STATUS[text(t.status)] ?? text(t.status),
    priority: PRIORITIES.includes(text(t.priority)) ? text(t.priority) : 'normal',
    channel: CHANNEL[via] ?? 'zendesk',
    tags: Array.isArray(t.tags) ? [...new Set(t.tags.map((tag) => text(tag).toLowerCase()).filter(Boolean))].slice(0, 50) : [],
    createdAt,
    sourceUrl: agentUrl(text(t.url), id),
    messages: messagesOf(t, requesterId, users, description, createdAt),
  };
}

/**
 * The conversation: the public comments (internal notes are the team's, not the customer's conversation), inbound
 * when the requester wrote them. Without comments in the export, the description (the first comment) stands alone.
 */
function messagesOf(t: Json, requesterId: string, users: Map<string, Json>, description: string, createdAt: string): ImportedMessage[] {
  const comments = Array.isArray(t.comments) ? t.comments.filter(isObject) : [];
  if (comments.length === 0)
    return description ? [{ messageId: 'description', direction: 'inbound', text: description.slice(0, 20_000), authorName: null, occurredAt: createdAt }] : [];
  return comments
    .filter((c) => c.public !== false && (text(c.plain_body) || text(c.body)))
    .map((c) => {
      const author = text(c.author_id);
      return {
        messageId: text(c.id),
        direction: author === requesterId ? 'inbound' : 'outbound',
        text: (text(c.plain_body) || text(c.body)).slice(0, 20_000),
        authorName: text(users.get(author)?.name) || null,
        occurredAt: isoOf(text(c.created_at)) || createdAt,
      };
    });
}

/** The ticket's page for agents (https://{subdomain}.zendesk.com/agent/tickets/{id}) from its API url; null otherwise. */
function agentUrl(apiUrl: string, id: string): string | null {
  const host = /^https:\/\/([a-z0-9-]+\.zendesk\.com)\/api\/v2\/tickets\//i.exec(apiUrl)?.[1];
  return host && id ? `https://${host}/agent/tickets/${id}` : null;
}
