import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { fail, teams } from '../../lib/manager/state';

/** Shows a refusal or failure in the console's error bar, with the server's code, in the reader's language. */
export function showError(e: unknown): void {
  fail(e);
}

/** Runs one console action at a time with its buttons disabled meanwhile (`busy`); a refusal goes to the error bar. */
export function useBusyAction(): [busy: boolean, act: (work: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return [busy, act];
}

/** Saves a report as a CSV file (the browser's download), named as given. */
export function downloadCsv(fileName: string, csv: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** "Team" choice among the manager's own teams, with an empty option meaning all of them. */
export function MyTeamSelect({ value, onChange, anyLabel }: { value: string; onChange(teamId: string): void; anyLabel: string }) {
  return (
    <label>
      {t('filter_team')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{anyLabel}</option>
        {teams.value
          .filter((t) => t.member)
          .map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
      </select>
    </label>
  );
}

/** One version of a record's history, by number. */
export function VersionSelect({
  label,
  value,
  versions,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  versions: ReadonlyArray<{ version: number }>;
  onChange(version: number): void;
  testId: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.currentTarget.value))} data-testid={testId}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A long import's progress: "Importing… 3 of 10 steps" and a bar. */
export function ImportProgress({ done, total, unit, testId }: { done: number; total: number; unit: string; testId: string }) {
  return (
    <label>
      {t('console_importing', done, total, unit)}
      <progress max={total} value={done} data-testid={testId} />
    </label>
  );
}

/** Every problem an import found, one row each (where, then what), as an alert the agent reads before importing. */
export function ImportProblems({
  id,
  intro,
  headers,
  rows,
  testId,
}: {
  id: string;
  intro: string;
  headers: readonly string[];
  rows: ReadonlyArray<{ key: string | number; cells: readonly string[] }>;
  testId: string;
}) {
  return (
    <div class="mgr-problems" role="alert" aria-labelledby={`${id}-problems`}>
      <p id={`${id}-problems`}>{intro}</p>
      <table class="mgr-table" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A set of checkboxes choosing some of `options` (an API token's scopes, a webhook's events); `testIdPrefix` + option names each box.
 * `labelOf` words an option for the agent (its translation); without it the option's name is shown, for names that are data. */
export function ChoiceSet<T extends string>({
  legend,
  options,
  chosen,
  onChange,
  testIdPrefix,
  labelOf = (option) => option,
}: {
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  onChange(chosen: T[]): void;
  testIdPrefix: string;
  labelOf?(option: T): string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
            data-testid={`${testIdPrefix}${option}`}
          />{' '}
          {labelOf(option)}{' '}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A list the console loads from the server: "Loading…" until it has come (`rows` null), `empty` when it has none,
 * else a table with one column per header ('' for a column of buttons) and `row` drawing each record's `<tr>`.
 */
export function RecordsTable<T>({
  rows,
  headers,
  empty,
  emptyTestId,
  row,
}: {
  rows: readonly T[] | null;
  headers: readonly string[];
  empty: string;
  emptyTestId?: string;
  row(record: T): ComponentChild;
}) {
  if (rows === null) return <p class="tdm-muted">{t('loading')}</p>;
  if (rows.length === 0)
    return (
      <p class="tdm-muted" data-testid={emptyTestId}>
        {empty}
      </p>
    );
  return (
    <table class="mgr-table">
      <thead>
        <tr>
          {headers.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
    </table>
  );
}
