// Sends mapped customers in batches (each written whole or not at all by the server), reporting progress, and sums
// up what happened. A batch the server refuses does not stop the rest; a lost connection does (and says how far it
// got — importing the file again is safe, rows already stored count as unchanged).
import { type CustomerImportResult, IMPORT_BATCH_ROWS, type ImportedCustomer, type ImportRowProblem } from '../schema/customer-import';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the server refused; their whole batch was not written. */
  refused: ImportRowProblem[];
  /** Rows of batches not written because a row of theirs was refused. */
  notWritten: { fromRow: number; toRow: number }[];
  /** Set when the import stopped early (the server could not be reached), with the error (shown by its code). */
  stoppedAt: { row: number; error: unknown } | null;
}

export function runCustomerImport(
  customers: readonly ImportedCustomer[],
  sendBatch: (rows: ImportedCustomer[]) => Promise<CustomerImportResult>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportReport> {
  return runImportBatches(batchesOf(customers, IMPORT_BATCH_ROWS), sendBatch, onProgress);
}

/** Consecutive batches of at most `size` rows. */
export function batchesOf<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/** Sends the batches in order (any import whose server answers a CustomerImportResult), summing up what happened. */
export async function runImportBatches<T extends { row: number }>(
  batches: readonly T[][],
  sendBatch: (rows: T[]) => Promise<CustomerImportResult>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, refused: [], notWritten: [], stoppedAt: null };
  const total = batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  for (const batch of batches) {
    let result: CustomerImportResult;
    try {
      result = await sendBatch(batch);
    } catch (error) {
      report.stoppedAt = { row: batch[0]?.row ?? 0, error };
      return report;
    }
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
    if (!result.written) {
      report.refused.push(...result.refused);
      report.notWritten.push({ fromRow: batch[0]?.row ?? 0, toRow: batch.at(-1)?.row ?? 0 });
    }
    done += batch.length;
    onProgress(done, total);
  }
  return report;
}
