import { beforeAll, describe, expect, it } from 'vitest';
import { CustomerImportResult } from '../../lib/schema/customer-import';
import { CreateUserResponse } from '../../lib/schema/manager';
import { lockRecordKeys } from '../db/records';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('customer import on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let manager = '';

  beforeAll(async () => {
    manager = await api.signIn('manager@tandem.demo');
  });

  const importRows = async (rows: Record<string, unknown>[], token = manager, teamId = 'team-care') =>
    expectOk(await api.post('/import/customers', token, { teamId, rows }), CustomerImportResult);
  const customerRows = async (where: string, params: unknown[]) =>
    (
      await db().query<{ id: string; version: number; data: { name: string; identities: unknown[]; tags: string[]; tier: string } }>(
        `select id, version, data from customers where ${where} order by id`,
        params,
      )
    ).rows;

  it('creates new customers with canonical identities, then changes nothing when the same rows come again', async () => {
    const rows = [
      {
        row: 1,
        name: 'Ola Nordmann',
        identities: [
          { kind: 'email', value: 'Ola.Nordmann@Example.NO' },
          { kind: 'phone', value: '(415) 555-0177' },
        ],
      },
      { row: 2, name: 'Kari Nordmann', identities: [{ kind: 'twitter', value: '@KariN' }], tier: 'silver', tags: ['import'] },
    ];
    expect(await importRows(rows)).toEqual({ written: true, created: 2, updated: 0, unchanged: 0, refused: [] });
    const [ola] = await customerRows("data->>'name' = $1", ['Ola Nordmann']);
    expect(ola?.data.identities).toEqual([
      { kind: 'email', value: 'ola.nordmann@example.no' },
      { kind: 'phone', value: '+14155550177' },
    ]);
    const seqBefore = (await db().query<{ max: string }>('select max(seq) as max from customers')).rows[0]?.max;
    expect(await importRows(rows)).toEqual({ written: true, created: 0, updated: 0, unchanged: 2, refused: [] });
    expect((await db().query<{ max: string }>('select max(seq) as max from customers')).rows[0]?.max).toBe(seqBefore);
  });

  it('updates the stored customer an identity names, in any spelling, keeping what the file does not list', async () => {
    const result = await importRows([
      {
        row: 7,
        name: 'Jane Doe',
        identities: [
          { kind: 'email', value: 'JANE.DOE@example.com' },
          { kind: 'hubspot', value: '5501' },
        ],
        tier: 'platinum',
      },
    ]);
    expect(result).toMatchObject({ written: true, created: 0, updated: 1 });
    const [jane] = await customerRows('id = $1', ['cust-jane-doe']);
    expect(jane?.data.tier).toBe('platinum');
    expect(jane?.data.identities).toContainEqual({ kind: 'twitter', value: 'jane_doe' });
    expect(jane?.data.identities).toContainEqual({ kind: 'hubspot', value: '5501' });
    // An agent's pull brings the change.
    const agent = await api.signIn('agent@tandem.demo');
    const { changes } = await api.pullAll(agent);
    const pulled = changes.flatMap((c) => (c.entity === 'customers' && c.record.id === 'cust-jane-doe' ? [c.record] : [])).at(-1);
    expect(pulled?.tier).toBe('platinum');
  });

  it('writes nothing of a batch with a refused row, and names the row', async () => {
    const before = await customerRows("data->>'name' like 'Batch %'", []);
    const result = await importRows([
      { row: 10, name: 'Batch One', identities: [{ kind: 'email', value: 'batch.one@example.com' }] },
      // Jane's email and Kari's handle: two customers, so the row cannot say which one it means.
      {
        row: 11,
        name: 'Batch Two',
        identities: [
          { kind: 'email', value: 'jane.doe@example.com' },
          { kind: 'twitter', value: 'karin' },
        ],
      },
      { row: 12, name: 'Batch Three', identities: [{ kind: 'email', value: 'not an email' }] },
    ]);
    expect(result.written).toBe(false);
    expect(result.refused.map((p) => [p.row, p.code])).toEqual([
      [11, 'ambiguous_match'],
      [12, 'invalid_identity'],
    ]);
    // The values each code's sentence needs, so the console words it in the reader's language; `message` stays for API clients.
    expect(result.refused.map((p) => p.params)).toEqual([
      { customers: expect.arrayContaining(['Jane Doe', 'Kari Nordmann']) },
      { identities: [{ kind: 'email', value: 'not an email' }] },
    ]);
    expect(result.refused.every((p) => p.message.length > 0)).toBe(true);
    expect(await customerRows("data->>'name' like 'Batch %'", [])).toEqual(before);
  });

  it('merges two rows for one person in the same file into one customer', async () => {
    const result = await importRows([
      { row: 1, name: 'Twice Listed', identities: [{ kind: 'email', value: 'twice@example.com' }] },
      {
        row: 2,
        name: 'Twice Listed',
        identities: [
          { kind: 'email', value: 'twice@example.com' },
          { kind: 'phone', value: '+14155550199' },
        ],
      },
    ]);
    expect(result).toMatchObject({ written: true, created: 1 });
    const rows = await customerRows("data->>'name' = $1", ['Twice Listed']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data.identities).toHaveLength(2);
  });

  it('does not overwrite a change a push made to the customer while the import was reading it', async () => {
    await importRows([{ row: 1, name: 'Raced Customer', identities: [{ kind: 'email', value: 'raced@example.com' }] }]);
    const [before] = await customerRows("data->>'name' = $1", ['Raced Customer']);
    const id = before!.id;
    // A writer holding the customer's record lock, as a push does, has changed its tier and not yet committed when the
    // import reads the customer.
    const { running } = await db().transaction(async (tx) => {
      await lockRecordKeys(tx, [`customers:${id}`]);
      await tx.query(`update customers set data = jsonb_set(data, '{tier}', '"gold"'), version = version + 1 where id = $1`, [id]);
      const running = importRows([
        {
          row: 1,
          name: 'Raced Customer',
          identities: [
            { kind: 'email', value: 'raced@example.com' },
            { kind: 'email', value: 'raced.work@example.com' },
          ],
        },
      ]);
      // Time for the import to read the customer and reach the lock (on PGlite it waits for this transaction).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Wrapped: the transaction must commit without waiting for the import it blocks.
      return { running };
    });
    expect(await running).toEqual({ written: true, created: 0, updated: 1, unchanged: 0, refused: [] });
    const [after] = await customerRows('id = $1', [id]);
    // Both changes are kept: the push's tier and the import's second email.
    expect(after?.data.tier).toBe('gold');
    expect(after?.data.identities).toContainEqual({ kind: 'email', value: 'raced.work@example.com' });
  });

  it('lets only admins and managers of the team import', async () => {
    const body = { teamId: 'team-care', rows: [{ row: 1, name: 'Nobody', identities: [{ kind: 'email', value: 'nobody@example.com' }] }] };
    await expectError(await api.post('/import/customers', await api.signIn('agent@tandem.demo'), body), 403, 'forbidden');
    await expectError(await api.post('/import/customers', undefined, body), 401, 'unauthorized');
    const admin = await api.signIn('admin@tandem.demo');
    await expectOk(
      await api.post('/admin/users', admin, {
        email: 'billing.lead@tandem.demo',
        name: 'Bill Lead',
        role: 'manager',
        teamIds: ['team-billing'],
        password: 'correct horse battery',
      }),
      CreateUserResponse,
      201,
    );
    await expectError(await api.post('/import/customers', await api.signIn('billing.lead@tandem.demo', 'correct horse battery'), body), 403, 'forbidden');
    await expectError(await api.post('/import/customers', manager, { ...body, rows: [] }), 400, 'invalid_request');
    expect(await customerRows("data->>'name' = 'Nobody'", [])).toHaveLength(0);
  });
});
