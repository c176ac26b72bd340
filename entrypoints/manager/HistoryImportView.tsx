import { signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { type ImportReport, runImportBatches } from '../../lib/customer-import/run';
import { type MappedTickets, ticketBatches } from '../../lib/history-import/batches';
import { mapZendeskTickets } from '../../lib/history-import/zendesk';
import { send } from '../../lib/messaging/browser';
import { ImportProblems, ImportProgress } from './controls';
import { ImportReportView } from './ImportReportView';

const fileName = signal('');
const mapped = signal<MappedTickets | null>(null);
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
    mapped.value = mapZendeskTickets(await file.text());
  } catch (e) {
    readError.value = e instanceof Error ? e.message : String(e);
  }
}

async function start(teamId: string, tickets: MappedTickets['tickets']): Promise<void> {
  // A new run hides the last one's report: choosing the same file again fires no change event, so nothing else clears it.
  report.value = null;
  progress.value = { done: 0, total: tickets.length };
  report.value = await runImportBatches(
    ticketBatches(tickets),
    (rows) => send('manager.importHistory', { teamId, source: 'zendesk', rows }),
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
    <section class="mgr-panel" aria-label="History import" data-testid="history-import">
      <h2>Import ticket history</h2>
      <p class="tdm-muted">
        A Zendesk ticket export (JSON, one ticket per line, or the API’s tickets with their users). Each ticket becomes a case of the customer its requester is
        — found by Zendesk user id or email, so import the customers first — and its public comments the case’s conversation. Tickets are keyed by their Zendesk
        id: importing the file again changes nothing, a changed ticket is updated. Into the team chosen above.
      </p>
      <label>
        Ticket export (.json, .ndjson)
        <input
          type="file"
          accept=".json,.ndjson,.jsonl,application/json"
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
          <p data-testid="history-import-summary">
            {m.tickets.length} ticket{m.tickets.length === 1 ? '' : 's'} to import · {m.tickets.reduce((n, t) => n + t.messages.length, 0)} messages ·{' '}
            <strong class={m.problems.length ? 'tdm-error' : ''}>{m.problems.length} with problems</strong>
          </p>
          {m.problems.length > 0 && (
            <ImportProblems
              id={id}
              intro="These tickets will not be imported; fix them in the file, or import the others now:"
              headers={['Row', 'Problem']}
              rows={m.problems.map((p) => ({ key: p.row, cells: [`Row ${p.row}`, p.message] }))}
              testId="history-import-problems"
            />
          )}
          <button
            type="button"
            class="tdm-primary"
            disabled={busy || m.tickets.length === 0 || !teamId}
            onClick={() => void start(teamId, m.tickets)}
            data-testid="history-import-start"
          >
            Import {m.tickets.length} ticket{m.tickets.length === 1 ? '' : 's'}
          </button>
        </>
      )}
      {progress.value && <ImportProgress {...progress.value} unit="tickets" testId="history-import-progress" />}
      {report.value && <ImportReportView report={report.value} testId="history-import-report" />}
    </section>
  );
}
