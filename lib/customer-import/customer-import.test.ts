import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { CustomerImportResult, ImportedCustomer } from '../schema/customer-import';
import { detectFormat, mappingFor } from './formats';
import { mapRecords } from './map';
import { runCustomerImport } from './run';
import { ImportFileError, readTable } from './table';

const sample = (name: string) => readTable(name, readFileSync(new URL(`../../e2e/import-samples/${name}`, import.meta.url), 'utf8'));
const mapped = (name: string) => {
  const table = sample(name);
  const format = detectFormat(table.headers);
  return { format, ...mapRecords(table, format, mappingFor(format, table.headers)) };
};

describe('reading CRM exports', () => {
  it('reads Zendesk’s newline-delimited JSON export, skipping agents', () => {
    const { format, customers, skipped, problems } = mapped('zendesk-users.ndjson');
    expect(format.id).toBe('zendesk-users');
    expect(problems).toEqual([]);
    expect(skipped).toEqual([{ row: 3, code: 'not_a_customer', message: 'not a customer: the export lists them as agent', params: { role: 'agent' } }]);
    expect(customers[0]).toEqual({
      row: 1,
      name: 'Sam Unknown',
      identities: [
        { kind: 'email', value: 'sam.unknown@example.com' },
        { kind: 'zendesk', value: '90077' },
      ],
      tags: ['porting', 'prepaid'],
      language: 'en-GB',
    });
  });

  it('reads the same records from Zendesk’s API shape', () => {
    const lines = readFileSync(new URL('../../e2e/import-samples/zendesk-users.ndjson', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const table = readTable('users.json', JSON.stringify({ users: lines.map((l) => JSON.parse(l)), next_page: null, count: 3 }));
    expect(table.records).toHaveLength(3);
    expect(detectFormat(table.headers).id).toBe('zendesk-users');
  });

  it('reads HubSpot’s CSV, joining first and last names and taking both phones', () => {
    const { format, customers, problems } = mapped('hubspot-contacts.csv');
    expect(format.id).toBe('hubspot-contacts');
    expect(problems).toEqual([]);
    expect(customers.map((c) => c.name)).toEqual(['Jane Doe', 'Tomás Ferreira', 'Oyelaran, Jr. Ade']);
    expect(customers[2]?.identities).toEqual([
      { kind: 'email', value: 'ade.oyelaran@example.com' },
      { kind: 'phone', value: '(415) 555-0142' },
      { kind: 'phone', value: '415-555-0143' },
      { kind: 'twitter', value: 'AdeOyelaran' },
      { kind: 'hubspot', value: '62002' },
    ]);
  });

  it('reads Salesforce Data Loader’s upper-case API-name headers', () => {
    const { format, customers } = mapped('salesforce-contacts.csv');
    expect(format.id).toBe('salesforce-contacts');
    expect(customers[0]).toMatchObject({ name: 'Greta Lindqvist', identities: expect.arrayContaining([{ kind: 'salesforce', value: '003Hs00001XyZ01AAA' }]) });
  });

  it('reads Freshdesk’s CSV with tags split and lower-cased', () => {
    const { format, customers } = mapped('freshdesk-contacts.csv');
    expect(format.id).toBe('freshdesk-contacts');
    expect(customers[0]).toMatchObject({ name: 'Hana Sato', tags: ['vip', 'roaming'], language: 'ja' });
  });

  it('guesses a plain CSV’s columns and reports every bad row by its number', () => {
    const table = readTable('list.csv', 'Full Name,E-mail,Tier,LTV\nAna,ana@example.com,Gold,"1,250.50"\nBo,,silver,10\nCy,cy@example.com,diamond,x\n');
    const format = detectFormat(table.headers);
    expect(format.id).toBe('csv');
    const { customers, problems } = mapRecords(table, format, mappingFor(format, table.headers));
    expect(customers).toEqual([{ row: 1, name: 'Ana', identities: [{ kind: 'email', value: 'ana@example.com' }], tier: 'gold', lifetimeValueCents: 125_050 }]);
    expect(problems.map((p) => p.row)).toEqual([2, 3]);
    expect(problems[0]?.message).toContain('at least one email, phone, handle or CRM id');
    expect(problems[1]?.message).toMatch(/tier: "diamond".*lifetimeValueCents: "x" is not an amount/);
    // The console words them from their codes (lib/i18n/import-problems.ts).
    expect(problems[1]?.params).toEqual({
      issues: [
        expect.objectContaining({ field: 'tier', code: 'invalid_value', values: ['standard', 'silver', 'gold', 'platinum'] }),
        expect.objectContaining({ field: 'lifetimeValueCents', code: 'invalid_format', format: 'amount' }),
      ],
    });
  });

  it('refuses a file that is not a table, saying where', () => {
    expect(() => readTable('x.csv', 'a,b\n"unclosed,1\n')).toThrow(ImportFileError);
    expect(() => readTable('x.ndjson', '{"id":1}\nnot json\n')).toThrow('Line 2 is not JSON.');
  });
});

describe('sending an import', () => {
  const rows = (n: number): ImportedCustomer[] =>
    Array.from({ length: n }, (_, i) => ({ row: i + 1, name: `P${i}`, identities: [{ kind: 'email' as const, value: `p${i}@example.com` }] }));
  const ok = (rows: ImportedCustomer[]): CustomerImportResult => ({ written: true, created: rows.length, updated: 0, unchanged: 0, refused: [] });

  it('sends batches of 500 in order and reports progress', async () => {
    const send = vi.fn(async (batch: ImportedCustomer[]) => ok(batch));
    const progress: number[] = [];
    const report = await runCustomerImport(rows(1201), send, (done) => progress.push(done));
    expect(send.mock.calls.map(([b]) => [b[0]?.row, b.length])).toEqual([
      [1, 500],
      [501, 500],
      [1001, 201],
    ]);
    expect(progress).toEqual([500, 1000, 1201]);
    expect(report).toMatchObject({ created: 1201, refused: [], notWritten: [], stoppedAt: null });
  });

  it('goes on past a refused batch, naming its rows, and stops with how far it got when the server is gone', async () => {
    let call = 0;
    const send = vi.fn(async (batch: ImportedCustomer[]): Promise<CustomerImportResult> => {
      call++;
      if (call === 1) return { written: false, created: 0, updated: 0, unchanged: 0, refused: [{ row: 7, code: 'ambiguous_match', message: 'two customers' }] };
      if (call === 2) return ok(batch);
      throw new Error('Tandem cannot reach the server.');
    });
    const report = await runCustomerImport(rows(1500), send);
    expect(report.refused).toEqual([{ row: 7, code: 'ambiguous_match', message: 'two customers' }]);
    expect(report.notWritten).toEqual([{ fromRow: 1, toRow: 500 }]);
    expect(report.created).toBe(500);
    expect(report.stoppedAt).toEqual({ row: 1001, error: new Error('Tandem cannot reach the server.') });
  });
});
