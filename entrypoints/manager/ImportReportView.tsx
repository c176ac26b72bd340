import type { ImportReport } from '../../lib/customer-import/run';
import { errorMessage } from '../../lib/i18n/errors';
import { formatNumber } from '../../lib/i18n/format';
import { importProblemText } from '../../lib/i18n/import-problems';
import { t } from '../../lib/i18n/t';

/** What an import did, for the customer and the history import alike: counts, refused rows with their batches, where it stopped. */
export function ImportReportView({ report, testId }: { report: ImportReport; testId: string }) {
  return (
    <div role="status" data-testid={testId}>
      <p>{t('imp_report_counts', formatNumber(report.created), formatNumber(report.updated), formatNumber(report.unchanged))}</p>
      {report.refused.length > 0 && (
        <div class="mgr-alert" style={{ display: 'block' }}>
          <p>{t('imp_report_not_written', report.notWritten.map((b) => t('imp_report_rows', b.fromRow, b.toRow)).join(', '))}</p>
          <ul>
            {report.refused.map((p) => (
              <li key={p.row}>{t('imp_report_row', p.row, importProblemText(p))}</li>
            ))}
          </ul>
        </div>
      )}
      {report.stoppedAt && <p class="mgr-alert">{t('imp_report_stopped', report.stoppedAt.row, errorMessage(report.stoppedAt.error))}</p>}
    </div>
  );
}
