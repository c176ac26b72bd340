import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../server/app';
import type { ImportedTicket } from '../schema/history-import';
import { ticketBatches } from './batches';
import { isZendeskTickets, mapZendeskTickets } from './zendesk';

const SAMPLE = readFileSync(new URL('../../e2e/import-samples/zendesk-tickets.ndjson', import.meta.url), 'utf8');

describe('Zendesk ticket export', () => {
  it('maps each ticket onto a case of its requester, with the public comments as its conversation', () => {
    const { tickets, problems } = mapZendeskTickets(SAMPLE);
    expect(problems).toEqual([]);
    expect(tickets.map((t) => [t.row, t.ticketId, t.status, t.priority, t.channel])).toEqual([
      [1, '77301', 'open', 'high', 'email'],
      // No priority in Zendesk: normal; a web-form ticket stays Zendesk's channel.
      [2, '77302', 'solved', 'normal', 'zendesk'],
      [3, '77303', 'closed', 'low', 'chat'],
    ]);
    const port = tickets[0];
    expect(port?.requester).toEqual([{ kind: 'zendesk', value: '90077' }]);
    expect(port?.sourceUrl).toBe('https://tandemdemo.zendesk.com/agent/tickets/77301');
    // The internal note (public: false) is not part of the customer's conversation.
    expect(port?.messages.map((m) => [m.messageId, m.direction])).toEqual([
      ['5550101', 'inbound'],
      ['5550103', 'outbound'],
    ]);
    // A ticket exported without comments keeps its description as the first message.
    expect(tickets[1]?.messages).toMatchObject([{ messageId: 'description', direction: 'inbound', text: expect.stringContaining('invoice address') }]);
  });

  it('reads the API shape with sideloaded users: the requester’s email and the authors’ names', () => {
    const api = JSON.stringify({
      tickets: [
        {
          id: 5,
          subject: 'Hold on',
          status: 'hold',
          priority: 'urgent',
          requester_id: 11,
          via: { channel: 'voice' },
          created_at: '2026-01-02T03:04:05Z',
          comments: [{ id: 1, author_id: 12, plain_body: 'Calling back', public: true, created_at: '2026-01-02T03:05:00Z' }],
        },
      ],
      users: [
        { id: 11, name: 'Rita', email: 'rita@example.com' },
        { id: 12, name: 'Alex Agent', email: 'agent@tandem.demo' },
      ],
    });
    expect(isZendeskTickets(JSON.parse(api))).toBe(true);
    const [ticket] = mapZendeskTickets(api).tickets;
    expect(ticket).toMatchObject({
      status: 'pending',
      channel: 'phone',
      requester: [
        { kind: 'zendesk', value: '11' },
        { kind: 'email', value: 'rita@example.com' },
      ],
      messages: [{ direction: 'outbound', authorName: 'Alex Agent', occurredAt: '2026-01-02T03:05:00.000Z' }],
    });
  });

  it('names every ticket it cannot import by its row', () => {
    const lines = [
      '{"id":1,"subject":"Fine","status":"open","requester_id":7,"created_at":"2026-01-01T00:00:00Z","description":"Hi"}',
      '{"id":2,"subject":"No requester","status":"open","requester_id":null,"created_at":"2026-01-01T00:00:00Z"}',
      '{"id":3,"subject":"Odd status","status":"deleted","requester_id":7,"created_at":"not a date"}',
    ].join('\n');
    const { tickets, problems } = mapZendeskTickets(lines);
    expect(tickets.map((t) => t.row)).toEqual([1]);
    expect(problems.map((p) => p.row)).toEqual([2, 3]);
    expect(problems[0]?.message).toMatch(/requester/);
    expect(problems[1]?.message).toMatch(/status/);
    expect(problems[1]?.message).toMatch(/createdAt/);
  });
});

describe('ticket batches', () => {
  const ticket = (row: number, textLength: number): ImportedTicket => ({
    row,
    ticketId: String(row),
    requester: [{ kind: 'zendesk', value: '1' }],
    subject: 'S',
    status: 'open',
    priority: 'normal',
    channel: 'email',
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    sourceUrl: null,
    messages: [{ messageId: '1', direction: 'inbound', text: '€'.repeat(textLength), authorName: null, occurredAt: '2026-01-01T00:00:00.000Z' }],
  });

  it('keeps at most 100 tickets a batch', () => {
    const batches = ticketBatches(Array.from({ length: 250 }, (_, i) => ticket(i + 1, 10)));
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('starts a new batch before long conversations outgrow the server’s body limit, keeping the file order', () => {
    const batches = ticketBatches(Array.from({ length: 40 }, (_, i) => ticket(i + 1, 19_000)));
    expect(batches.length).toBeGreaterThan(1);
    const requestBytes = (rows: ImportedTicket[]) => new TextEncoder().encode(JSON.stringify({ teamId: 'team-care', source: 'zendesk', rows })).length;
    for (const batch of batches) expect(requestBytes(batch)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(batches.flat().map((t) => t.row)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
