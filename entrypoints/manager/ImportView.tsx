import { signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { t, tCount } from '../../lib/i18n/t';
import { AUTHORED_KINDS, type AuthoredKind } from '../../lib/manager/draft';
import { type ImportFile, type ImportOutcome, type ParsedImport, parseImport, runImport } from '../../lib/manager/import';
import { loadList } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { MessageError } from '../../lib/messaging/dispatch';
import type { ManagedItem } from '../../lib/schema/manager';
import { ManagerCreate } from '../../lib/schema/messages';
import { ImportProblems, ImportProgress } from './controls';
import { KIND_TEXT } from './format';

const importKind = signal<AuthoredKind>('articles');
const files = signal<ImportFile[]>([]);
const parsed = signal<ParsedImport | null>(null);
const publish = signal(false);
const progress = signal<{ done: number; total: number } | null>(null);
const outcome = signal<ImportOutcome | null>(null);

// The field names a CSV header or front matter uses: code, the same in every language.
const ARTICLE_FIELDS = 'title, body, summary, url, tags, language, teams, sites, targetTags';
const SNIPPET_FIELDS = 'shortcut';
const BROADCAST_FIELDS = 'message, severity, startsAt, endsAt';

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
  ).catch((e: unknown) => ({ ok: false as const, where: t('cka_import_where'), error: errorText(e), rolledBack: 0, rollbackFailures: [] }));
  progress.value = null;
  void loadList();
}

/** Bulk import: choose files or a folder, see every problem by row, then import all or nothing. */
export function ImportView() {
  const id = useId();
  const p = parsed.value;
  const busy = progress.value !== null;
  return (
    <section class="mgr-panel" aria-label={t('console_view_import')} data-testid="manager-import">
      <h2>{t('console_view_import')}</h2>
      <p class="tdm-muted">{t('cka_import_help', ARTICLE_FIELDS, SNIPPET_FIELDS, BROADCAST_FIELDS)}</p>
      <div class="mgr-filters">
        <label>
          {t('cka_import_as')}
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
                {t(KIND_TEXT[k].many)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cka_import_files')}
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
          {t('cka_import_folder')}
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
          {t('cka_publish_after_import')}
        </label>
      </div>
      {p && (
        <div data-testid="manager-import-summary">
          <p>
            {tCount('cka_files', files.value.length)} · {tCount('cka_valid_items', p.rows.length)} ·{' '}
            <strong class={p.problems.length ? 'tdm-error' : ''}>{tCount('cka_problems', p.problems.length)}</strong>
          </p>
          {p.problems.length > 0 && (
            <ImportProblems
              id={id}
              intro={t('cka_import_nothing_imported')}
              headers={[t('cka_where'), t('cka_field'), t('cka_problem')]}
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
            {tCount(KIND_TEXT[importKind.value].importCount, p.rows.length)}
          </button>
        </div>
      )}
      {progress.value && <ImportProgress {...progress.value} unit={t('cka_steps')} testId="manager-import-progress" />}
      {outcome.value &&
        (outcome.value.ok ? (
          <p role="status" data-testid="manager-import-done">
            {tCount(publish.value ? 'cka_imported_published' : 'cka_imported_drafts', outcome.value.created.length)}
          </p>
        ) : (
          <div role="alert" class="mgr-alert" data-testid="manager-import-failed" style={{ display: 'block' }}>
            <p>{t('cka_server_refused', outcome.value.where, outcome.value.error)}</p>
            <p>{tCount('cka_rolled_back', outcome.value.rolledBack)}</p>
            {outcome.value.rollbackFailures.length > 0 && <p>{t('cka_rollback_failures', outcome.value.rollbackFailures.join('; '))}</p>}
          </div>
        ))}
    </section>
  );
}
