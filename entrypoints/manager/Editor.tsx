import type { ComponentChildren } from 'preact';
import { useId, useMemo } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { renderMarkdown } from '../../lib/knowledge/markdown';
import { type Draft, KIND_LABEL, statusOf } from '../../lib/manager/draft';
import { changeStatus, closeEditor, editing, history, loadHistory, save, snippetChoices, teams, updateDraft } from '../../lib/manager/state';
import { ConflictPanel } from './ConflictPanel';
import { HistoryPanel } from './HistoryPanel';

/** Which form field a server-schema path belongs to, so each problem shows under its field. */
function draftKeyOf(path: string): keyof Draft | 'other' {
  const [head, sub] = path.split('.');
  if (head === 'message') return 'body';
  if (head === 'targeting') return sub === 'teamIds' ? 'teamIds' : sub === 'sites' ? 'sites' : 'targetTags';
  const keys: (keyof Draft)[] = [
    'title',
    'body',
    'summary',
    'url',
    'language',
    'tags',
    'shortcut',
    'severity',
    'startsAt',
    'endsAt',
    'suggestedSnippetId',
    'alsoAnswers',
  ];
  return keys.find((k) => k === head) ?? 'other';
}

function Field({
  label,
  name,
  hint,
  children,
}: {
  label: string;
  name: keyof Draft;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const id = useId();
  const problems = (editing.value?.problems ?? []).filter((p) => draftKeyOf(p.field) === name);
  const describedBy = [problems.length ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div style={{ display: 'grid', gap: '2px' }}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': problems.length > 0, 'aria-describedby': describedBy })}
      {hint && (
        <span id={`${id}-hint`} class="tdm-muted" style={{ fontSize: '11px' }}>
          {hint}
        </span>
      )}
      {problems.length > 0 && (
        <span id={`${id}-err`} class="mgr-field-error" data-testid="manager-field-error">
          {problems.map((p) => p.message).join(' ')}
        </span>
      )}
    </div>
  );
}

function text(name: keyof Draft, extra: Record<string, unknown> = {}) {
  return (props: object) => (
    <input
      {...props}
      {...extra}
      value={editing.value?.draft[name] as string}
      onInput={(e) => updateDraft({ [name]: e.currentTarget.value } as Partial<Draft>)}
    />
  );
}

function Preview({ kind, body }: { kind: string; body: string }) {
  // Articles are markdown: rendered through the sanitizer, exactly as agents' readers do. Snippets and
  // broadcast messages reach agents as plain text, so they preview as text.
  const html = useMemo(() => (kind === 'articles' ? renderMarkdown(body) : null), [kind, body]);
  return (
    <section aria-label="Live preview" aria-live="off" style={{ display: 'grid', gap: '2px' }}>
      <span class="tdm-muted" style={{ fontSize: '12px' }}>
        Preview {kind === 'articles' ? '(markdown, sanitized)' : '(plain text, as agents see it)'}
      </span>
      {html !== null ? (
        <div class="mgr-preview" data-testid="manager-preview" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <div class="mgr-preview mgr-preview--text" data-testid="manager-preview">
          {body}
        </div>
      )}
    </section>
  );
}

function Targeting() {
  const d = editing.value!.draft;
  const groupId = useId();
  return (
    <fieldset class="mgr-panel" style={{ gap: '6px' }}>
      <legend>Targeting</legend>
      <div role="group" aria-labelledby={groupId} class="mgr-teams">
        <span id={groupId} class="tdm-muted">
          Teams (none ticked: every team)
        </span>
        {teams.value.map((t) => (
          <label key={t.id}>
            <input
              type="checkbox"
              checked={d.teamIds.includes(t.id)}
              onChange={(e) => updateDraft({ teamIds: e.currentTarget.checked ? [...d.teamIds, t.id] : d.teamIds.filter((x) => x !== t.id) })}
            />
            {t.name}
          </label>
        ))}
      </div>
      <div class="mgr-grid2">
        <Field label="Sites" name="sites" hint="Comma-separated: zendesk, x.com … (empty: every site)">
          {text('sites')}
        </Field>
        <Field label="Targeting tags" name="targetTags" hint="Comma-separated lowercase tags">
          {text('targetTags')}
        </Field>
      </div>
    </fieldset>
  );
}

export function Editor() {
  const e = editing.value!;
  const d = e.draft;
  const item = e.item;
  const status = item ? statusOf(item.record) : null;
  const noun = KIND_LABEL[e.kind].one;
  const onKeyDown = (ev: KeyboardEvent) => {
    // Ctrl/Cmd+S saves, as in any editor.
    if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 's') {
      ev.preventDefault();
      void save();
    }
  };
  return (
    <section
      class="mgr-panel"
      aria-label={item ? `Edit ${noun}` : `New ${noun}`}
      data-testid="manager-editor"
      data-item-id={item?.record.id}
      data-version={item?.record.version}
      onKeyDown={onKeyDown}
    >
      <div class="tdm-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h2>
          {item ? `Edit ${noun}` : `New ${noun}`}
          {item && (
            <span class="tdm-muted" style={{ fontWeight: 400 }} data-testid="manager-editor-meta">
              {' '}
              · <span class={`mgr-status mgr-status--${status}`}>{status}</span> · version {item.record.version} · {item.record.id}
            </span>
          )}
        </h2>
        <button type="button" onClick={closeEditor} aria-label="Close the editor">
          Close
        </button>
      </div>
      <ConflictPanel />
      {d.fromCaseId && (
        <p class="tdm-muted" data-testid="manager-editor-from-case" data-case-id={d.fromCaseId}>
          {t('kb_drafted_from_case', d.fromCaseId)}
        </p>
      )}
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void save();
        }}
        style={{ display: 'grid', gap: '8px' }}
      >
        <Field label="Title" name="title">
          {text('title', { 'aria-required': true, maxLength: 300 })}
        </Field>
        {e.kind === 'articles' && (
          <div class="mgr-grid2">
            <Field label="Summary" name="summary">
              {text('summary')}
            </Field>
            <Field label="Link (optional)" name="url">
              {text('url', { type: 'url', placeholder: 'https://help.example.com/…' })}
            </Field>
          </div>
        )}
        {e.kind === 'snippets' && (
          <Field label="Shortcut" name="shortcut" hint='";" then 2–30 lowercase letters, digits or "-"'>
            {text('shortcut')}
          </Field>
        )}
        {e.kind === 'broadcasts' ? (
          <div class="mgr-grid2">
            <Field label="Severity" name="severity">
              {(props) => (
                <select {...props} value={d.severity} onChange={(ev) => updateDraft({ severity: ev.currentTarget.value as Draft['severity'] })}>
                  <option value="info">Info</option>
                  <option value="minor">Minor</option>
                  <option value="major">Major</option>
                  <option value="critical">Critical</option>
                </select>
              )}
            </Field>
            <Field label="Suggested reply snippet" name="suggestedSnippetId">
              {(props) => (
                <select {...props} value={d.suggestedSnippetId} onChange={(ev) => updateDraft({ suggestedSnippetId: ev.currentTarget.value })}>
                  <option value="">None</option>
                  {snippetChoices.value.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Starts" name="startsAt">
              {text('startsAt', { type: 'datetime-local' })}
            </Field>
            <Field label="Ends (optional)" name="endsAt">
              {text('endsAt', { type: 'datetime-local' })}
            </Field>
          </div>
        ) : (
          <div class="mgr-grid2">
            <Field label="Tags" name="tags" hint="Comma-separated">
              {text('tags')}
            </Field>
            <Field label="Language" name="language">
              {text('language', { size: 6 })}
            </Field>
          </div>
        )}
        <div class="mgr-editor">
          <Field
            label={e.kind === 'articles' ? 'Body (markdown)' : e.kind === 'snippets' ? 'Reply text ({{customer.firstName}} placeholders)' : 'Message'}
            name="body"
          >
            {(props) => <textarea {...props} value={d.body} onInput={(ev) => updateDraft({ body: ev.currentTarget.value })} />}
          </Field>
          <Preview kind={e.kind} body={d.body} />
        </div>
        {e.kind === 'articles' && (
          <Field
            label="Also answers"
            name="alsoAnswers"
            hint="Other ways customers ask this, one per line: suggestions find the article when a page says it in these words"
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={d.alsoAnswers}
                onInput={(ev) => updateDraft({ alsoAnswers: ev.currentTarget.value })}
                data-testid="manager-also-answers"
              />
            )}
          </Field>
        )}
        <Targeting />
        <div class="tdm-actions">
          <button type="submit" class="tdm-primary" disabled={e.busy} data-testid="manager-save" title="Ctrl+S">
            {item ? 'Save' : 'Create draft'}
          </button>
          {item && status !== 'published' && (
            <button type="button" onClick={() => void changeStatus('publish')} data-testid="manager-publish">
              Publish
            </button>
          )}
          {item && status === 'published' && (
            <button type="button" onClick={() => void changeStatus('unpublish')} data-testid="manager-unpublish">
              Unpublish
            </button>
          )}
          {item && status !== 'archived' && (
            <button type="button" onClick={() => void changeStatus('archive')}>
              Archive
            </button>
          )}
          {item && (
            <button
              type="button"
              aria-expanded={history.value !== null}
              onClick={() => (history.value ? (history.value = null) : void loadHistory())}
              data-testid="manager-history-toggle"
            >
              {history.value ? 'Hide history' : 'Version history'}
            </button>
          )}
        </div>
      </form>
      {history.value && <HistoryPanel />}
    </section>
  );
}
