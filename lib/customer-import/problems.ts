// A row's field problems as data: what the schema (or a mapping's own check) refused, kept as codes and limits so the
// console words them in the reader's language, with an English `message` beside them for API clients and logs.
import type { z } from 'zod';
import { type KnownImportRowProblem, RowFieldIssue } from '../schema/customer-import';

/** The issues of a failed parse, one per refused field. */
export function fieldIssuesOf(error: z.ZodError): RowFieldIssue[] {
  return error.issues.map((issue) => {
    const limits = issue as { minimum?: number | bigint; maximum?: number | bigint; values?: readonly unknown[] };
    return RowFieldIssue.parse({
      ...issue,
      field: issue.path.map(String).join('.'),
      ...(limits.minimum === undefined ? {} : { minimum: Number(limits.minimum) }),
      ...(limits.maximum === undefined ? {} : { maximum: Number(limits.maximum) }),
      ...(limits.values === undefined ? {} : { values: limits.values.map(String) }),
    });
  });
}

/** The row's invalid_row problem: its issues, and in English "field: what is wrong; …". */
export function invalidRow(row: number, issues: RowFieldIssue[]): Extract<KnownImportRowProblem, { code: 'invalid_row' }> {
  const message = issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
  return { row, code: 'invalid_row', message, params: { issues } };
}
