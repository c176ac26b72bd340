import { signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { AUTHORED_KINDS, type AuthoredKind, KIND_LABEL } from '../../lib/manager/draft';
import { type ImportFile, type ImportOutcome, type ParsedImport, parseImport, runImport } from '../../lib/manager/import';
import { loadList } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { MessageError } from '../../lib/messaging/dispatch';
import type { ManagedItem } from '../../lib/schema/manager';
import { ManagerCreate } from '../../lib/schema/messages';
import { ImportProblems, ImportProgress } from './controls';

const importKind = signal<AuthoredKind>('articles');
const files = signal<ImportFile[]>([]);
const parsed = signal<ParsedImport | null>(null);
const publish = signal(false);
const progress = signal<{ done: number; total: number } | null>(null);
const outcome = signal<ImportOutcome | null>(null);

async function readFiles(list: FileList | null): Promise<void> {
  const chosen = [...(list ?? [])].filter((f) => /\.(csv|json|md|markdown)$/i.test(f.name));
  files.value = await Promise.all(chosen.map(async (f) => ({ name: f.webkitRelativePath || f.name, text: await f.text() })));
  outcome.value = null;
  parsed.value = parseImport(importKind.value, files.value);
}

function errorText(e: unknown): string {
  return e instanceof MessageError || e instanceof Error ? e.message : String(e);
}

async function start(): Promise<void> {
  const p = parsed.value;
  if (!p || p.problems.length || p.rows.length === 0) return;
  const kind = importKind.value;
  progress.value = { done: 0, total: p.rows.length };
  outcome.value = null;
  const setStatus = async (item: ManagedItem, action: 'publish' | 'archive') => {
    const result = await send('manager.setStatus', { kind: item.kind, id: item.record.id, action });
    if (result.outcome === 'conflict') throw new MessageError('conflict', result.message);
  };
  outcome.value = await runImport(
    p.rows,
    {
      create: (body) => send('manager.create', ManagerCreate.parse({ kind, body })),
      publish: (item) => setStatus(item, 'publish'),
      archive: (item) => setStatus(item, 'archive'),
    },
    { publish: publish.value, onProgress: (done, total) => (progress.value = { done, total }) },
  ).catch((e: unknown) => ({ ok: false as const, where: '(import)', error: errorText(e), rolledBack: 0, rollbackFailures: [] }));
  progress.value = null;
  void loadList();
}

/** Bulk import: choose files or a folder, see every problem by row, then import all or nothing. */
export function ImportView() {
  const id = useId();
  const p = parsed.value;
  const busy = progress.value !== null;
  return (
    <section class="mgr-panel" aria-label="Bulk import" data-testid="manager-import">
      <h2>Bulk import</h2>
      <p class="tdm-muted">
        CSV (a header row naming fields: <code>title, body, summary, url, tags, language, teams, sites, targetTags</code> — for snippets <code>shortcut</code>,
        for broadcasts <code>message, severity, startsAt, endsAt</code>; lists separated by ";"), JSON (an array of create bodies) or a folder of markdown files
        (optional <code>---</code> front matter with the same keys; the title defaults to the first heading or the file name). Everything is checked before
        anything is created; if the server refuses one item, the items this import created are archived again.
      </p>
      <div class="mgr-filters">
        <label>
          Import as
          <select
            value={importKind.value}
            disabled={busy}
            onChange={(e) => {
              importKind.value = e.currentTarget.value as AuthoredKind;
              if (files.value.length) parsed.value = parseImport(importKind.value, files.value);
            }}
          >
            {AUTHORED_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k].many}
              </option>
            ))}
          </select>
        </label>
        <label>
          Files (.csv, .json, .md)
          <input
            type="file"
            multiple
            accept=".csv,.json,.md,.markdown,text/csv,application/json,text/markdown"
            disabled={busy}
            onChange={(e) => void readFiles(e.currentTarget.files)}
            data-testid="manager-import-files"
          />
        </label>
        <label>
          Or a folder of markdown files
          <input
            type="file"
            multiple
            {...{ webkitdirectory: '' }}
            disabled={busy}
            onChange={(e) => void readFiles(e.currentTarget.files)}
            data-testid="manager-import-folder"
          />
        </label>
        <label style={{ display: 'flex', gap: '4px', alignItems: 'center', color: 'inherit' }}>
          <input type="checkbox" checked={publish.value} disabled={busy} onChange={(e) => (publish.value = e.currentTarget.checked)} />
          Publish after import
        </label>
      </div>
      {p && (
        <div data-testid="manager-import-summary">
          <p>
            {files.value.length} file{files.value.length === 1 ? '' : 's'} · {p.rows.length} valid item{p.rows.length === 1 ? '' : 's'} ·{' '}
            <strong class={p.problems.length ? 'tdm-error' : ''}>
              {p.problems.length} problem{p.problems.length === 1 ? '' : 's'}
            </strong>
          </p>
          {p.problems.length > 0 && (
            <ImportProblems
              id={id}
              intro="Nothing was imported. Fix these and choose the files again:"
              headers={['Where', 'Field', 'Problem']}
              rows={p.problems.map((x, i) => ({ key: i, cells: [x.where, x.field, x.message] }))}
              testId="manager-import-problems"
            />
          )}
          <button
            type="button"
            class="tdm-primary"
            disabled={busy || p.problems.length > 0 || p.rows.length === 0}
            onClick={() => void start()}
            data-testid="manager-import-start"
          >
            Import {p.rows.length} {KIND_LABEL[importKind.value].many.toLowerCase()}
          </button>
        </div>
      )}
      {progress.value && <ImportProgress {...progress.value} unit="steps" testId="manager-import-progress" />}
      {outcome.value &&
        (outcome.value.ok ? (
          <p role="status" data-testid="manager-import-done">
            Imported {outcome.value.created.length} item{outcome.value.created.length === 1 ? '' : 's'}
            {publish.value ? ' and published them' : ' as drafts'}.
          </p>
        ) : (
          <div role="alert" class="mgr-alert" data-testid="manager-import-failed" style={{ display: 'block' }}>
            <p>
              The server refused {outcome.value.where}: {outcome.value.error}
            </p>
            <p>
              Nothing from this import stays: {outcome.value.rolledBack} item{outcome.value.rolledBack === 1 ? ' was' : 's were'} archived again.
            </p>
            {outcome.value.rollbackFailures.length > 0 && <p>These could not be archived; archive them by hand: {outcome.value.rollbackFailures.join('; ')}</p>}
          </div>
        ))}
    </section>
  );
}
