import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../server/app';
import { readTable } from '../customer-import/table';
import type { ImportedTicket } from '../schema/history-import';
import { ticketBatches } from './batches';
import { mapFreshdeskTickets } from './freshdesk';
import { NotATicketExport, readTicketExport } from './read';
import { isZendeskTickets, mapZendeskTickets } from './zendesk';

const sample = (name: string) => readFileSync(new URL(`../../e2e/import-samples/${name}`, import.meta.url), 'utf8');
const SAMPLE = sample('zendesk-tickets.ndjson');
const FRESHDESK_SAMPLE = sample('freshdesk-tickets.csv');

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

describe('Freshdesk ticket export', () => {
  it('maps each CSV row onto a case of its requester, Freshdesk’s labels onto Tandem’s status, priority and channel', () => {
    const { source, tickets, problems } = readTicketExport('tickets.csv', FRESHDESK_SAMPLE);
    expect(source).toBe('freshdesk');
    expect(problems).toEqual([]);
    expect(tickets.map((t) => [t.row, t.ticketId, t.status, t.priority, t.channel, t.tags])).toEqual([
      [1, '88401', 'open', 'high', 'email', ['roaming', 'vip']],
      // Resolved is Tandem's solved, Medium its normal.
      [2, '88402', 'solved', 'normal', 'phone', ['business']],
      // A portal ticket stays Freshdesk's channel.
      [3, '88403', 'closed', 'low', 'freshdesk', ['billing']],
    ]);
    const roaming = tickets[0];
    expect(roaming?.requester).toEqual([
      { kind: 'freshdesk', value: '43009412001' },
      { kind: 'email', value: 'hana.sato@example.jp' },
      { kind: 'twitter', value: 'hanasato' },
    ]);
    // Freshdesk writes times without a zone: read as UTC, whatever the machine's zone.
    expect(roaming?.createdAt).toBe('2026-11-18T07:45:10.000Z');
    // The export carries no conversation: the description (quoted, over two lines) is the one inbound message.
    expect(roaming?.messages).toEqual([
      {
        messageId: 'description',
        direction: 'inbound',
        text: expect.stringContaining('no mobile data.\nRoaming is switched on.'),
        authorName: null,
        occurredAt: '2026-11-18T07:45:10.000Z',
      },
    ]);
    expect(roaming?.sourceUrl).toBeNull();
    // A ticket exported without its description has no message, and its subject still names it.
    expect(tickets[2]).toMatchObject({ subject: 'Copy of the October invoice', messages: [] });
  });

  it('names every ticket it cannot import by its row', () => {
    const csv = [
      'Ticket ID,Subject,Status,Priority,Source,Created time,Email,Contact ID',
      '1,Fine,Open,Low,Email,2026-01-01 10:00:00,a@example.com,',
      '2,No requester,Open,Low,Email,2026-01-01 10:00:00,,',
      '3,Odd status,Deleted,Low,Email,yesterday,b@example.com,',
    ].join('\n');
    const { tickets, problems } = mapFreshdeskTickets(readTable('t.csv', csv));
    expect(tickets.map((t) => t.row)).toEqual([1]);
    expect(problems.map((p) => p.row)).toEqual([2, 3]);
    expect(problems[0]?.message).toMatch(/requester/);
    expect(problems[1]?.message).toMatch(/status/);
    expect(problems[1]?.message).toMatch(/createdAt/);
  });

  it('tells a Zendesk export from a Freshdesk one, and refuses a CSV that is neither', () => {
    expect(readTicketExport('tickets.ndjson', SAMPLE).source).toBe('zendesk');
    expect(() => readTicketExport('contacts.csv', sample('freshdesk-contacts.csv'))).toThrow(NotATicketExport);
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
