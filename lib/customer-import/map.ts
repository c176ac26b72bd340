// Records of an export → the customers Tandem stores, each checked with the same schema the server uses, so the
// preview shows every problem (by row number) before anything is sent. Identities go as the file spells them; the
// server stores them canonically (lib/identity/normalize.ts), which is what makes re-importing idempotent.
import { CustomerImportRequest, type ImportedCustomer, type KnownImportRowProblem, type RowFieldIssue } from '../schema/customer-import';
import { type Identity, Tier } from '../schema/entities';
import type { ImportFormat, Mapping, TargetField } from './formats';
import { fieldIssuesOf, invalidRow } from './problems';
import type { ImportTable } from './table';

export interface MappedImport {
  customers: ImportedCustomer[];
  problems: KnownImportRowProblem[];
  /** Records that are not customers (a Zendesk agent), with why. */
  skipped: KnownImportRowProblem[];
}

const ImportedRow = CustomerImportRequest.shape.rows.element;

export function mapRecords(table: ImportTable, format: ImportFormat, mapping: Mapping): MappedImport {
  const result: MappedImport = { customers: [], problems: [], skipped: [] };
  table.records.forEach((record, index) => {
    const row = index + 1;
    const role = format.nonCustomerRole?.(record);
    if (role) {
      result.skipped.push({ row, code: 'not_a_customer', message: `not a customer: the export lists them as ${role}`, params: { role } });
      return;
    }
    const cell = (field: TargetField) => {
      const column = mapping[field];
      return column ? (record[column] ?? '').trim() : '';
    };
    const identities: Identity[] = [];
    const add = (kind: Identity['kind'], value: string) => value && identities.push({ kind, value });
    add('email', cell('email'));
    add('phone', cell('phone'));
    add('phone', cell('mobile'));
    add('twitter', cell('twitter'));
    add('facebook', cell('facebook'));
    if (format.crmKind) add(format.crmKind, cell('crmId'));

    const name = cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ') || cell('email');
    const tier = cell('tier').toLowerCase();
    const value = cell('lifetimeValue');
    const tags = cell('tags');
    const language = cell('language');
    const problems: RowFieldIssue[] = [];
    if (tier && !Tier.safeParse(tier).success)
      problems.push({ field: 'tier', code: 'invalid_value', values: Tier.options, message: `"${cell('tier')}" is not one of ${Tier.options.join(', ')}` });
    const cents = value ? toCents(value) : undefined;
    if (cents === null) problems.push({ field: 'lifetimeValueCents', code: 'invalid_format', format: 'amount', message: `"${value}" is not an amount` });

    const candidate = {
      row,
      name,
      identities,
      ...(tier && Tier.safeParse(tier).success ? { tier } : {}),
      ...(typeof cents === 'number' ? { lifetimeValueCents: cents } : {}),
      ...(tags
        ? {
            tags: [
              ...new Set(
                tags
                  .split(/[,;]/)
                  .map((t) => t.trim().toLowerCase())
                  .filter(Boolean),
              ),
            ],
          }
        : {}),
      ...(language ? { language: language.replace('_', '-') } : {}),
    };
    const parsed = ImportedRow.safeParse(candidate);
    if (!parsed.success) problems.push(...fieldIssuesOf(parsed.error));
    if (problems.length > 0) result.problems.push(invalidRow(row, problems));
    else if (parsed.success) result.customers.push(parsed.data);
  });
  return result;
}

/** "1,234.50", "$1234.5", "1234" → cents; null when it is not an amount. */
function toCents(text: string): number | null {
  const cleaned = text.replace(/[^\d.,-]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/\d/.test(cleaned)) return null;
  const amount = Number(cleaned.replace(',', '.'));
  return Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : null;
}
