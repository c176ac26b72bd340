import { signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { type ImportReport, runImportBatches } from '../../lib/customer-import/run';
import { ticketBatches } from '../../lib/history-import/batches';
import { readTicketExport, type TicketExport } from '../../lib/history-import/read';
import { formatNumber } from '../../lib/i18n/format';
import { importFileErrorText, importProblemText } from '../../lib/i18n/import-problems';
import { type MessageKey, t, tCount } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import type { HistorySource } from '../../lib/schema/history-import';
import { ImportProblems, ImportProgress } from './controls';
import { ImportReportView } from './ImportReportView';

const SOURCE_LABEL: Record<HistorySource, MessageKey> = { zendesk: 'imp_source_zendesk', freshdesk: 'imp_source_freshdesk' };

const fileName = signal('');
const mapped = signal<TicketExport | null>(null);
const readError = signal<string | null>(null);
const progress = signal<{ done: number; total: number } | null>(null);
const report = signal<ImportReport | null>(null);

async function chooseFile(file: File | undefined): Promise<void> {
  report.value = null;
  readError.value = null;
  mapped.value = null;
  if (!file) return;
  fileName.value = file.name;
  try {
    mapped.value = readTicketExport(file.name, await file.text());
  } catch (e) {
    readError.value = importFileErrorText(e);
  }
}

async function start(teamId: string, { source, tickets }: TicketExport): Promise<void> {
  // A new run hides the last one's report: choosing the same file again fires no change event, so nothing else clears it.
  report.value = null;
  progress.value = { done: 0, total: tickets.length };
  report.value = await runImportBatches(
    ticketBatches(tickets),
    (rows) => send('manager.importHistory', { teamId, source, rows }),
    (done, total) => (progress.value = { done, total }),
  );
  progress.value = null;
}

/** History import: a help desk's ticket export → cases and interactions of the customers imported before. */
export function HistoryImportView({ teamId }: { teamId: string }) {
  const id = useId();
  const m = mapped.value;
  const busy = progress.value !== null;
  return (
    <section class="mgr-panel" aria-label={t('imp_history_region')} data-testid="history-import">
      <h2>{t('imp_history_title')}</h2>
      <p class="tdm-muted">{t('imp_history_intro')}</p>
      <label>
        {t('imp_history_file')}
        <input
          type="file"
          accept=".json,.ndjson,.jsonl,.csv,application/json,text/csv"
          disabled={busy}
          onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
          data-testid="history-import-file"
        />
      </label>
      {readError.value && (
        <p class="mgr-alert" role="alert">
          {fileName.value}: {readError.value}
        </p>
      )}
      {m && (
        <>
          <p data-testid="history-import-format" data-source={m.source}>
            {t('imp_history_detected', t(SOURCE_LABEL[m.source]))}
          </p>
          <p data-testid="history-import-summary">
            {tCount('imp_tickets_to_import', m.tickets.length)} ·{' '}
            {tCount(
              'imp_messages',
              m.tickets.reduce((n, ticket) => n + ticket.messages.length, 0),
            )}{' '}
            · <strong class={m.problems.length ? 'tdm-error' : ''}>{t('imp_with_problems', formatNumber(m.problems.length))}</strong>
          </p>
          {m.problems.length > 0 && (
            <ImportProblems
              id={id}
              intro={t('imp_history_problems_intro')}
              headers={[t('imp_col_row'), t('imp_col_problem')]}
              rows={m.problems.map((p) => ({ key: p.row, cells: [t('imp_row', p.row), importProblemText(p)] }))}
              testId="history-import-problems"
            />
          )}
          <button
            type="button"
            class="tdm-primary"
            disabled={busy || m.tickets.length === 0 || !teamId}
            onClick={() => void start(teamId, m)}
            data-testid="history-import-start"
          >
            {tCount('imp_import_tickets', m.tickets.length)}
          </button>
        </>
      )}
      {progress.value && <ImportProgress {...progress.value} unit={t('imp_unit_tickets')} testId="history-import-progress" />}
      {report.value && <ImportReportView report={report.value} testId="history-import-report" />}
    </section>
  );
}
