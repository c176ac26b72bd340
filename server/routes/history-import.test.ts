import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, mappingFor } from '../../lib/customer-import/formats';
import { mapRecords } from '../../lib/customer-import/map';
import { readTable } from '../../lib/customer-import/table';
import { readTicketExport } from '../../lib/history-import/read';
import { CustomerImportResult } from '../../lib/schema/customer-import';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';
import { importedRecordId } from './history-import';

type Row = Record<string, unknown>;

const sample = (name: string) => readFileSync(new URL(`../../e2e/import-samples/${name}`, import.meta.url), 'utf8');

/** A Zendesk ticket as the console sends it, with one message from the requester and one answer. */
function ticket(row: number, ticketId: string, requester: Row[], overrides: Row = {}): Row {
  return {
    row,
    ticketId,
    requester,
    subject: `Ticket ${ticketId}`,
    status: 'open',
    priority: 'normal',
    channel: 'email',
    tags: ['imported'],
    createdAt: '2026-10-01T09:00:00.000Z',
    sourceUrl: `https://tandemdemo.zendesk.com/agent/tickets/${ticketId}`,
    messages: [
      { messageId: `${ticketId}-1`, direction: 'inbound', text: 'My bill is wrong.', authorName: 'Ola', occurredAt: '2026-10-01T09:00:00.000Z' },
      { messageId: `${ticketId}-2`, direction: 'outbound', text: 'We are looking into it.', authorName: 'Alex', occurredAt: '2026-10-01T10:00:00.000Z' },
    ],
    ...overrides,
  };
}

describe.each(ENGINES)('history import on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let manager = '';

  beforeAll(async () => {
    manager = await api.signIn('manager@tandem.demo');
    // The customers the tickets belong to come first, from the users export: Ola by her Zendesk user id.
    await expectOk(
      await api.post('/import/customers', manager, {
        teamId: 'team-care',
        rows: [
          {
            row: 1,
            name: 'Ola Nordmann',
            identities: [
              { kind: 'email', value: 'ola@example.no' },
              { kind: 'zendesk', value: '9001' },
            ],
          },
        ],
      }),
      CustomerImportResult,
    );
  });

  const importTickets = async (rows: Row[], token = manager) =>
    expectOk(await api.post('/import/history', token, { teamId: 'team-care', source: 'zendesk', rows }), CustomerImportResult);
  const caseOf = async (ticketId: string) =>
    (
      await db().query<{
        version: number;
        data: { customerId: string; status: string; assigneeId: string | null; deleted: boolean; subject: string; source: { externalId: string } };
      }>('select version, data from cases where id = $1', [importedRecordId('case', 'team-care', 'zendesk', ticketId)])
    ).rows[0];
  const interactionsOfCase = async (caseId: string) =>
    (
      await db().query<{ data: { customerId: string; direction: string; text: string; visibility: string } }>(
        "select data from interactions where data->>'caseId' = $1 order by data->>'occurredAt'",
        [caseId],
      )
    ).rows.map((r) => r.data);
  const interactionsOf = (ticketId: string) => interactionsOfCase(importedRecordId('case', 'team-care', 'zendesk', ticketId));
  const maxSeq = async () =>
    (await db().query<{ max: string }>('select greatest((select max(seq) from cases), (select max(seq) from interactions)) as max')).rows[0]?.max;

  it('makes each ticket a case of the customer its requester is, with its messages, and changes nothing the second time', async () => {
    const rows = [
      ticket(1, '7001', [{ kind: 'zendesk', value: '9001' }]),
      // A demo customer found by her email, written in another case.
      ticket(2, '7002', [{ kind: 'email', value: 'Jane.Doe@Example.com' }]),
    ];
    expect(await importTickets(rows)).toEqual({ written: true, created: 2, updated: 0, unchanged: 0, refused: [] });
    const ola = (await db().query<{ id: string }>("select id from customers where data->>'name' = 'Ola Nordmann'")).rows[0]?.id;
    expect((await caseOf('7001'))?.data).toMatchObject({ customerId: ola, status: 'open', source: { externalId: '7001', site: 'zendesk' } });
    expect((await caseOf('7002'))?.data.customerId).toBe('cust-jane-doe');
    expect(await interactionsOf('7001')).toMatchObject([
      { customerId: ola, direction: 'inbound', text: 'My bill is wrong.', visibility: 'private' },
      { customerId: ola, direction: 'outbound', text: 'We are looking into it.' },
    ]);

    const before = await maxSeq();
    expect(await importTickets(rows)).toEqual({ written: true, created: 0, updated: 0, unchanged: 2, refused: [] });
    expect(await maxSeq()).toBe(before);

    // The agent's sync brings the history.
    const { changes } = await api.pullAll(await api.signIn('agent@tandem.demo'));
    expect(changes.some((c) => c.entity === 'interactions' && c.record.text === 'My bill is wrong.')).toBe(true);
  });

  it('updates a changed ticket and adds its new messages, keeping what agents set on the case', async () => {
    await importTickets([ticket(1, '7101', [{ kind: 'zendesk', value: '9001' }])]);
    const caseId = importedRecordId('case', 'team-care', 'zendesk', '7101');
    await db().query(`update cases set data = jsonb_set(data, '{assigneeId}', '"user-alex"') where id = $1`, [caseId]);
    const solved = ticket(1, '7101', [{ kind: 'zendesk', value: '9001' }], { status: 'solved' });
    (solved.messages as Row[]).push({
      messageId: '7101-3',
      direction: 'inbound',
      text: 'Thanks, fixed.',
      authorName: 'Ola',
      occurredAt: '2026-10-02T09:00:00.000Z',
    });
    expect(await importTickets([solved])).toEqual({ written: true, created: 0, updated: 1, unchanged: 0, refused: [] });
    const after = await caseOf('7101');
    expect(after).toMatchObject({ version: 2, data: { status: 'solved', assigneeId: 'user-alex' } });
    expect((await interactionsOf('7101')).map((i) => i.text)).toEqual(['My bill is wrong.', 'We are looking into it.', 'Thanks, fixed.']);
  });

  it('does not bring back an imported case that was erased', async () => {
    await importTickets([ticket(1, '7151', [{ kind: 'zendesk', value: '9001' }])]);
    const caseId = importedRecordId('case', 'team-care', 'zendesk', '7151');
    // A privacy erasure's tombstone (server/privacy/tombstones.ts): deleted, its content emptied.
    await db().query(`update cases set deleted = true, data = jsonb_set(jsonb_set(data, '{deleted}', 'true'), '{subject}', '"Removed"') where id = $1`, [
      caseId,
    ]);
    await db().query(
      `update interactions set deleted = true, data = jsonb_set(jsonb_set(data, '{deleted}', 'true'), '{text}', '""') where data->>'caseId' = $1`,
      [caseId],
    );
    expect(await importTickets([ticket(1, '7151', [{ kind: 'zendesk', value: '9001' }], { status: 'solved' })])).toMatchObject({
      unchanged: 1,
      updated: 0,
      created: 0,
    });
    expect((await caseOf('7151'))?.data).toMatchObject({ deleted: true, subject: 'Removed' });
    expect((await interactionsOf('7151')).map((i) => i.text)).toEqual(['', '']);
  });

  it('writes nothing of a batch with a ticket whose requester is no customer, and names its row', async () => {
    const result = await importTickets([ticket(4, '7201', [{ kind: 'zendesk', value: '9001' }]), ticket(5, '7202', [{ kind: 'zendesk', value: '424242' }])]);
    expect(result.written).toBe(false);
    expect(result.refused.map((p) => [p.row, p.code])).toEqual([[5, 'unknown_customer']]);
    expect(result.refused[0]?.params).toEqual({ identities: [{ kind: 'zendesk', value: '424242' }] });
    expect(await caseOf('7201')).toBeUndefined();
  });

  it('imports Freshdesk’s ticket CSV onto the customers of its contacts CSV, keyed apart from Zendesk’s tickets, unchanged the second time', async () => {
    const contacts = readTable('contacts.csv', sample('freshdesk-contacts.csv'));
    const format = detectFormat(contacts.headers);
    const { customers } = mapRecords(contacts, format, mappingFor(format, contacts.headers));
    await expectOk(await api.post('/import/customers', manager, { teamId: 'team-care', rows: customers }), CustomerImportResult);
    const { source, tickets } = readTicketExport('tickets.csv', sample('freshdesk-tickets.csv'));
    const importFreshdesk = async () =>
      expectOk(await api.post('/import/history', manager, { teamId: 'team-care', source, rows: tickets }), CustomerImportResult);

    expect(await importFreshdesk()).toEqual({ written: true, created: 3, updated: 0, unchanged: 0, refused: [] });
    const freshdeskCase = async (ticketId: string) =>
      (
        await db().query<{ data: { customerId: string; status: string; channel: string; source: { site: string; externalId: string } } }>(
          'select data from cases where id = $1',
          [importedRecordId('case', 'team-care', 'freshdesk', ticketId)],
        )
      ).rows[0]?.data;
    const hana = (await db().query<{ id: string }>("select id from customers where data->>'name' = 'Hana Sato'")).rows[0]?.id;
    expect(hana).toBeDefined();
    expect(await freshdeskCase('88401')).toMatchObject({
      customerId: hana,
      status: 'open',
      channel: 'email',
      source: { site: 'freshdesk', externalId: '88401' },
    });
    expect(await freshdeskCase('88403')).toMatchObject({ customerId: hana, status: 'closed', channel: 'freshdesk' });
    expect((await interactionsOfCase(importedRecordId('case', 'team-care', 'freshdesk', '88401'))).map((i) => i.direction)).toEqual(['inbound']);

    const before = await maxSeq();
    expect(await importFreshdesk()).toEqual({ written: true, created: 0, updated: 0, unchanged: 3, refused: [] });
    expect(await maxSeq()).toBe(before);
    // Zendesk's ticket 88401 would be another case: the system is part of the key.
    expect(await caseOf('88401')).toBeUndefined();
  });

  it('keeps one team’s ticket 42 apart from another system’s and another team’s', () => {
    const ids = new Set([
      importedRecordId('case', 'team-care', 'zendesk', '42'),
      importedRecordId('case', 'team-care', 'freshdesk', '42'),
      importedRecordId('case', 'team-billing', 'zendesk', '42'),
    ]);
    expect(ids.size).toBe(3);
  });

  it('lets only admins and managers of the team import history', async () => {
    const body = { teamId: 'team-care', source: 'zendesk', rows: [ticket(1, '7301', [{ kind: 'zendesk', value: '9001' }])] };
    await expectError(await api.post('/import/history', await api.signIn('agent@tandem.demo'), body), 403, 'forbidden');
    await expectError(await api.post('/import/history', undefined, body), 401, 'unauthorized');
    expect(await caseOf('7301')).toBeUndefined();
  });
});
