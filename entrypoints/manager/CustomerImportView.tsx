import { signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { detectFormat, FORMATS, type ImportFormat, type Mapping, mappingFor, TARGET_FIELDS, TARGET_LABELS } from '../../lib/customer-import/formats';
import { type MappedImport, mapRecords } from '../../lib/customer-import/map';
import { type ImportReport, runCustomerImport } from '../../lib/customer-import/run';
import { type ImportTable, readTable } from '../../lib/customer-import/table';
import { teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { MessageError } from '../../lib/messaging/dispatch';
import { ImportProblems, ImportProgress } from './controls';
import { HistoryImportView } from './HistoryImportView';
import { ImportReportView } from './ImportReportView';

/** Rows shown in the preview; the counts and every problem cover the whole file. */
const PREVIEW_ROWS = 8;

const fileName = signal('');
const table = signal<ImportTable | null>(null);
const format = signal<ImportFormat | null>(null);
const mapping = signal<Mapping>({});
const teamId = signal('');
const readError = signal<string | null>(null);
const progress = signal<{ done: number; total: number } | null>(null);
const report = signal<ImportReport | null>(null);

function mapped(): MappedImport | null {
  return table.value && format.value ? mapRecords(table.value, format.value, mapping.value) : null;
}

async function chooseFile(file: File | undefined): Promise<void> {
  report.value = null;
  readError.value = null;
  table.value = null;
  if (!file) return;
  fileName.value = file.name;
  try {
    const read = readTable(file.name, await file.text());
    const detected = detectFormat(read.headers);
    table.value = read;
    format.value = detected;
    mapping.value = mappingFor(detected, read.headers);
  } catch (e) {
    readError.value = e instanceof Error ? e.message : String(e);
  }
}

/** The team chosen in the team picker, or the first the user belongs to (what the picker shows before a choice). */
function chosenTeam(): string {
  return teamId.value || teams.value.find((t) => t.member)?.id || '';
}

async function start(customers: MappedImport['customers']): Promise<void> {
  const team = chosenTeam();
  // A new run hides the last one's report (the same file chosen again fires no change event, so nothing else clears it).
  report.value = null;
  progress.value = { done: 0, total: customers.length };
  report.value = await runCustomerImport(
    customers,
    (rows) => send('manager.importCustomers', { teamId: team, rows }),
    (done, total) => (progress.value = { done, total }),
  ).catch((e: unknown) => ({
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: [],
    notWritten: [],
    stoppedAt: { row: 0, message: e instanceof MessageError || e instanceof Error ? e.message : String(e) },
  }));
  progress.value = null;
}

/** Customer import: a CRM export → preview with every problem by row → batches upserted by identity. */
export function CustomerImportView() {
  const id = useId();
  const t = table.value;
  const result = mapped();
  const busy = progress.value !== null;
  const r = report.value;
  return (
    <>
      <section class="mgr-panel" aria-label="Customer import" data-testid="customer-import">
        <h2>Import customers</h2>
        <p class="tdm-muted">
          A contact export from Zendesk (users JSON), HubSpot (contacts CSV), Salesforce (Data Loader CSV), Freshdesk (contacts CSV) or any CSV. Customers are
          matched by any email, phone, handle or CRM id in any spelling: a match is updated (identities and tags added, other fields replaced), anyone else is
          created. Importing the same file again changes nothing. Rows go in batches of 500; a batch with a refused row is not written at all and its rows are
          listed.
        </p>
        <div class="mgr-filters">
          <label>
            Team
            <select value={teamId.value} disabled={busy} onChange={(e) => (teamId.value = e.currentTarget.value)} data-testid="customer-import-team">
              {teams.value
                .filter((team) => team.member)
                .map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            Export file (.csv, .json, .ndjson)
            <input
              type="file"
              accept=".csv,.json,.ndjson,.jsonl,text/csv,application/json"
              disabled={busy}
              onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
              data-testid="customer-import-file"
            />
          </label>
          {t && (
            <label>
              Format
              <select
                value={format.value?.id}
                disabled={busy}
                onChange={(e) => {
                  const chosen = FORMATS.find((f) => f.id === e.currentTarget.value) ?? null;
                  format.value = chosen;
                  if (chosen) mapping.value = mappingFor(chosen, t.headers);
                }}
                data-testid="customer-import-format"
              >
                {FORMATS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {readError.value && (
          <p class="mgr-alert" role="alert">
            {fileName.value}: {readError.value}
          </p>
        )}
        {t && result && (
          <>
            <fieldset class="mgr-mapping" disabled={busy}>
              <legend>Columns</legend>
              {TARGET_FIELDS.filter((f) => f !== 'crmId' || format.value?.crmKind).map((field) => (
                <label key={field}>
                  {TARGET_LABELS[field]}
                  <select
                    value={mapping.value[field] ?? ''}
                    onChange={(e) => (mapping.value = { ...mapping.value, [field]: e.currentTarget.value || undefined })}
                    data-field={field}
                  >
                    <option value="">(not imported)</option>
                    {t.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
            <p data-testid="customer-import-summary">
              {t.records.length} record{t.records.length === 1 ? '' : 's'} · {result.customers.length} to import ·{' '}
              <strong class={result.problems.length ? 'tdm-error' : ''}>{result.problems.length} with problems</strong>
              {result.skipped.length > 0 && ` · ${result.skipped.length} skipped (not customers)`}
            </p>
            <table class="mgr-table" aria-label="Preview">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Name</th>
                  <th scope="col">Identities</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Tags</th>
                </tr>
              </thead>
              <tbody>
                {result.customers.slice(0, PREVIEW_ROWS).map((c) => (
                  <tr key={c.row}>
                    <td>{c.row}</td>
                    <td>{c.name}</td>
                    <td>{c.identities.map((i) => `${i.kind}: ${i.value}`).join(', ')}</td>
                    <td>{c.tier ?? ''}</td>
                    <td>{c.tags?.join(', ') ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.problems.length > 0 && (
              <ImportProblems
                id={id}
                intro="These rows will not be imported; fix them in the file, or import the others now:"
                headers={['Row', 'Problem']}
                rows={result.problems.map((p) => ({ key: p.row, cells: [`Row ${p.row}`, p.message] }))}
                testId="customer-import-problems"
              />
            )}
            <button
              type="button"
              class="tdm-primary"
              disabled={busy || result.customers.length === 0}
              onClick={() => void start(result.customers)}
              data-testid="customer-import-start"
            >
              Import {result.customers.length} customer{result.customers.length === 1 ? '' : 's'}
            </button>
          </>
        )}
        {progress.value && <ImportProgress {...progress.value} unit="customers" testId="customer-import-progress" />}
        {r && <ImportReportView report={r} testId="customer-import-report" />}
      </section>
      <HistoryImportView teamId={chosenTeam()} />
    </>
  );
}
