import type { ImportReport } from '../../lib/customer-import/run';

/** What an import did, for the customer and the history import alike: counts, refused rows with their batches, where it stopped. */
export function ImportReportView({ report, testId }: { report: ImportReport; testId: string }) {
  return (
    <div role="status" data-testid={testId}>
      <p>
        {report.created} created · {report.updated} updated · {report.unchanged} unchanged
      </p>
      {report.refused.length > 0 && (
        <div class="mgr-alert" style={{ display: 'block' }}>
          <p>
            Not written (whole batches): {report.notWritten.map((b) => `rows ${b.fromRow}–${b.toRow}`).join(', ')}. Fix these rows and import the file again:
          </p>
          <ul>
            {report.refused.map((p) => (
              <li key={p.row}>
                Row {p.row}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.stoppedAt && (
        <p class="mgr-alert">
          Stopped at row {report.stoppedAt.row}: {report.stoppedAt.message} Importing the file again is safe; rows already stored stay unchanged.
        </p>
      )}
    </div>
  );
}
