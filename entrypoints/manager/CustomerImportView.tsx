import { signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { detectFormat, FORMATS, type ImportFormat, type Mapping, mappingFor, TARGET_FIELDS, type TargetField } from '../../lib/customer-import/formats';
import { type MappedImport, mapRecords } from '../../lib/customer-import/map';
import { type ImportReport, runCustomerImport } from '../../lib/customer-import/run';
import { type ImportTable, readTable } from '../../lib/customer-import/table';
import { formatNumber } from '../../lib/i18n/format';
import { importFileErrorText, importProblemText } from '../../lib/i18n/import-problems';
import { identityKindLabel, tierLabel } from '../../lib/i18n/labels';
import { type MessageKey, t, tCount } from '../../lib/i18n/t';
import { teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { ImportProblems, ImportProgress } from './controls';
import { HistoryImportView } from './HistoryImportView';
import { ImportReportView } from './ImportReportView';

/** Rows shown in the preview; the counts and every problem cover the whole file. */
const PREVIEW_ROWS = 8;

/** The catalog's name of each customer field and each ready mapping (by format id), in the agent's language. */
const FIELD_LABEL: Record<TargetField, MessageKey> = {
  name: 'imp_field_name',
  firstName: 'imp_field_firstName',
  lastName: 'imp_field_lastName',
  email: 'imp_field_email',
  phone: 'imp_field_phone',
  mobile: 'imp_field_mobile',
  twitter: 'imp_field_twitter',
  facebook: 'imp_field_facebook',
  crmId: 'imp_field_crmId',
  tier: 'imp_field_tier',
  lifetimeValue: 'imp_field_lifetimeValue',
  tags: 'imp_field_tags',
  language: 'imp_field_language',
};
const FORMAT_LABEL: Record<string, MessageKey> = {
  'zendesk-users': 'imp_format_zendesk_users',
  'hubspot-contacts': 'imp_format_hubspot_contacts',
  'salesforce-contacts': 'imp_format_salesforce_contacts',
  'freshdesk-contacts': 'imp_format_freshdesk_contacts',
  csv: 'imp_format_csv',
};
const formatLabel = (format: ImportFormat) => (FORMAT_LABEL[format.id] ? t(FORMAT_LABEL[format.id] as MessageKey) : format.label);

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
    readError.value = importFileErrorText(e);
  }
}

/** The team chosen in the team picker, or the first the user belongs to (what the picker shows before a choice). */
function chosenTeam(): string {
  return teamId.value || teams.value.find((team) => team.member)?.id || '';
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
    stoppedAt: { row: 0, error: e },
  }));
  progress.value = null;
}

/** Customer import: a CRM export → preview with every problem by row → batches upserted by identity. */
export function CustomerImportView() {
  const id = useId();
  const file = table.value;
  const result = mapped();
  const busy = progress.value !== null;
  const r = report.value;
  return (
    <>
      <section class="mgr-panel" aria-label={t('imp_customer_region')} data-testid="customer-import">
        <h2>{t('imp_customer_title')}</h2>
        <p class="tdm-muted">{t('imp_customer_intro')}</p>
        <div class="mgr-filters">
          <label>
            {t('imp_team')}
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
            {t('imp_customer_file')}
            <input
              type="file"
              accept=".csv,.json,.ndjson,.jsonl,text/csv,application/json"
              disabled={busy}
              onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
              data-testid="customer-import-file"
            />
          </label>
          {file && (
            <label>
              {t('imp_format')}
              <select
                value={format.value?.id}
                disabled={busy}
                onChange={(e) => {
                  const chosen = FORMATS.find((f) => f.id === e.currentTarget.value) ?? null;
                  format.value = chosen;
                  if (chosen) mapping.value = mappingFor(chosen, file.headers);
                }}
                data-testid="customer-import-format"
              >
                {FORMATS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {formatLabel(f)}
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
        {file && result && (
          <>
            <fieldset class="mgr-mapping" disabled={busy}>
              <legend>{t('imp_columns')}</legend>
              {TARGET_FIELDS.filter((f) => f !== 'crmId' || format.value?.crmKind).map((field) => (
                <label key={field}>
                  {t(FIELD_LABEL[field])}
                  <select
                    value={mapping.value[field] ?? ''}
                    onChange={(e) => (mapping.value = { ...mapping.value, [field]: e.currentTarget.value || undefined })}
                    data-field={field}
                  >
                    <option value="">{t('imp_not_imported')}</option>
                    {file.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
            <p data-testid="customer-import-summary">
              {tCount('imp_records', file.records.length)} · {t('imp_to_import', formatNumber(result.customers.length))} ·{' '}
              <strong class={result.problems.length ? 'tdm-error' : ''}>{t('imp_with_problems', formatNumber(result.problems.length))}</strong>
              {result.skipped.length > 0 && ` · ${t('imp_skipped', formatNumber(result.skipped.length))}`}
            </p>
            <table class="mgr-table" aria-label={t('imp_preview')}>
              <thead>
                <tr>
                  <th scope="col">{t('imp_col_row')}</th>
                  <th scope="col">{t('imp_col_name')}</th>
                  <th scope="col">{t('imp_col_identities')}</th>
                  <th scope="col">{t('imp_col_tier')}</th>
                  <th scope="col">{t('imp_col_tags')}</th>
                </tr>
              </thead>
              <tbody>
                {result.customers.slice(0, PREVIEW_ROWS).map((c) => (
                  <tr key={c.row}>
                    <td>{c.row}</td>
                    <td>{c.name}</td>
                    <td>{c.identities.map((i) => `${identityKindLabel(i.kind)}: ${i.value}`).join(', ')}</td>
                    <td>{c.tier ? tierLabel(c.tier) : ''}</td>
                    <td>{c.tags?.join(', ') ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.problems.length > 0 && (
              <ImportProblems
                id={id}
                intro={t('imp_customer_problems_intro')}
                headers={[t('imp_col_row'), t('imp_col_problem')]}
                rows={result.problems.map((p) => ({ key: p.row, cells: [t('imp_row', p.row), importProblemText(p)] }))}
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
              {tCount('imp_import_customers', result.customers.length)}
            </button>
          </>
        )}
        {progress.value && <ImportProgress {...progress.value} unit={t('imp_unit_customers')} testId="customer-import-progress" />}
        {r && <ImportReportView report={r} testId="customer-import-report" />}
      </section>
      <HistoryImportView teamId={chosenTeam()} />
    </>
  );
}
