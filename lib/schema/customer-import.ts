// Customer import: the rows an admin or manager sends from a CRM export (lib/customer-import maps the file), and
// what the server answers per batch (server/routes/customer-import.ts). Upsert by canonical identity; a batch is
// written whole or not at all.
import { z } from 'zod';
import { Id, Identity, Tier } from './entities';
import { Int4, Text } from './primitives';

/** Rows per request: small enough for the 1 MB body limit with 50 identities a row, large enough to go fast. */
export const IMPORT_BATCH_ROWS = 500;

export const ImportedCustomer = z.strictObject({
  /** The row's number in the file (1 = the first data row), so every answer names the line the admin can fix. */
  row: z.int().min(1).max(10_000_000),
  name: Text(200).min(1),
  identities: z.array(Identity).min(1, 'A customer needs at least one email, phone, handle or CRM id.').max(50),
  tier: Tier.optional(),
  lifetimeValueCents: Int4.optional(),
  currency: Text(3).length(3).optional(),
  language: Text(10).min(2).optional(),
  tags: z.array(Text(50).min(1)).max(50).optional(),
});
export type ImportedCustomer = z.infer<typeof ImportedCustomer>;

export const CustomerImportRequest = z.strictObject({
  teamId: Id,
  rows: z.array(ImportedCustomer).min(1).max(IMPORT_BATCH_ROWS),
});
export type CustomerImportRequest = z.infer<typeof CustomerImportRequest>;

export const ImportRowProblem = z.object({ row: z.int(), code: z.string(), message: z.string() });
export type ImportRowProblem = z.infer<typeof ImportRowProblem>;

export const CustomerImportResult = z.object({
  /** Whether the batch was written; false when any row was refused (then nothing of it was). */
  written: z.boolean(),
  created: z.int().nonnegative(),
  updated: z.int().nonnegative(),
  unchanged: z.int().nonnegative(),
  refused: z.array(ImportRowProblem),
});
export type CustomerImportResult = z.infer<typeof CustomerImportResult>;
