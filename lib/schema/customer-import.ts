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

/**
 * One thing wrong with a field of a row, as a zod issue says it: the field's path ("" for the row as a whole), the
 * issue's code and its limits, so the console words it in the reader's language (lib/i18n/zod-issues.ts).
 */
export const RowFieldIssue = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  origin: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  inclusive: z.boolean().optional(),
  exact: z.boolean().optional(),
  format: z.string().optional(),
  values: z.array(z.string()).optional(),
  keys: z.array(z.string()).optional(),
});
export type RowFieldIssue = z.infer<typeof RowFieldIssue>;

/** An identity as the row gave it (the console showed it in the preview; the server names it back). */
const RowIdentity = z.object({ kind: z.string(), value: z.string() });

const problem = <Code extends string, Params extends z.ZodType>(code: Code, params: Params) =>
  z.object({ row: z.int(), code: z.literal(code), message: z.string(), params });

/**
 * Each problem code with the values its sentence needs (`params`); `message` says the same in English for API
 * clients. The console words a problem from its code and params (lib/i18n/import-problems.ts).
 */
export const KnownImportRowProblem = z.discriminatedUnion('code', [
  /** An identity that is no email, phone, handle or id of its kind. */
  problem('invalid_identity', z.object({ identities: z.array(RowIdentity) })),
  /** The row's identities belong to several stored customers: their names. */
  problem('ambiguous_match', z.object({ customers: z.array(z.string()) })),
  /** No customer of the team has the ticket requester's identities. */
  problem('unknown_customer', z.object({ identities: z.array(RowIdentity) })),
  /** A record of the export that is no customer (a Zendesk agent): its role there. */
  problem('not_a_customer', z.object({ role: z.string() })),
  /** Fields the schema refuses. */
  problem('invalid_row', z.object({ issues: z.array(RowFieldIssue) })),
]);
export type KnownImportRowProblem = z.infer<typeof KnownImportRowProblem>;

/** A problem as a client reads it: a newer server's code, or one without params from an older server, still parses. */
export const ImportRowProblem = z.union([
  KnownImportRowProblem,
  z.object({ row: z.int(), code: z.string(), message: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
]);
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
