import type { ComponentChildren } from 'preact';
import { useId, useMemo } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { renderMarkdown } from '../../lib/knowledge/markdown';
import { type Draft, statusOf } from '../../lib/manager/draft';
import { changeStatus, closeEditor, editing, history, loadHistory, save, snippetChoices, teams, updateDraft } from '../../lib/manager/state';
import { ConflictPanel } from './ConflictPanel';
import { contentStatusLabel, formatNumber, KIND_TEXT, SEVERITIES, severityLabel } from './format';
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
    <section aria-label={t('cka_live_preview')} aria-live="off" style={{ display: 'grid', gap: '2px' }}>
      <span class="tdm-muted" style={{ fontSize: '12px' }}>
        {kind === 'articles' ? t('cka_preview_markdown') : t('cka_preview_text')}
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
      <legend>{t('cka_targeting')}</legend>
      <div role="group" aria-labelledby={groupId} class="mgr-teams">
        <span id={groupId} class="tdm-muted">
          {t('cka_teams_none_every')}
        </span>
        {teams.value.map((team) => (
          <label key={team.id}>
            <input
              type="checkbox"
              checked={d.teamIds.includes(team.id)}
              onChange={(e) => updateDraft({ teamIds: e.currentTarget.checked ? [...d.teamIds, team.id] : d.teamIds.filter((x) => x !== team.id) })}
            />
            {team.name}
          </label>
        ))}
      </div>
      <div class="mgr-grid2">
        <Field label={t('options_sites')} name="sites" hint={t('cka_sites_hint')}>
          {text('sites')}
        </Field>
        <Field label={t('cka_targeting_tags')} name="targetTags" hint={t('cka_targeting_tags_hint')}>
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
  const heading = t(item ? KIND_TEXT[e.kind].edit : KIND_TEXT[e.kind].create);
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
      aria-label={heading}
      data-testid="manager-editor"
      data-item-id={item?.record.id}
      data-version={item?.record.version}
      onKeyDown={onKeyDown}
    >
      <div class="tdm-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h2>
          {heading}
          {item && (
            <span class="tdm-muted" style={{ fontWeight: 400 }} data-testid="manager-editor-meta">
              {' '}
              · <span class={`mgr-status mgr-status--${status}`}>{status && contentStatusLabel(status)}</span> ·{' '}
              {t('cka_version_n', formatNumber(item.record.version))} · {item.record.id}
            </span>
          )}
        </h2>
        <button type="button" onClick={closeEditor} aria-label={t('cka_close_editor')}>
          {t('close')}
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
        <Field label={t('cka_field_title')} name="title">
          {text('title', { 'aria-required': true, maxLength: 300 })}
        </Field>
        {e.kind === 'articles' && (
          <div class="mgr-grid2">
            <Field label={t('cka_field_summary')} name="summary">
              {text('summary')}
            </Field>
            <Field label={t('cka_field_link')} name="url">
              {text('url', { type: 'url', placeholder: 'https://help.example.com/…' })}
            </Field>
          </div>
        )}
        {e.kind === 'snippets' && (
          <Field label={t('cka_field_shortcut')} name="shortcut" hint={t('cka_shortcut_hint')}>
            {text('shortcut')}
          </Field>
        )}
        {e.kind === 'broadcasts' ? (
          <div class="mgr-grid2">
            <Field label={t('cka_field_severity')} name="severity">
              {(props) => (
                <select {...props} value={d.severity} onChange={(ev) => updateDraft({ severity: ev.currentTarget.value as Draft['severity'] })}>
                  {SEVERITIES.map((severity) => (
                    <option key={severity} value={severity}>
                      {severityLabel(severity)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('cka_field_suggested_snippet')} name="suggestedSnippetId">
              {(props) => (
                <select {...props} value={d.suggestedSnippetId} onChange={(ev) => updateDraft({ suggestedSnippetId: ev.currentTarget.value })}>
                  <option value="">{t('cka_none')}</option>
                  {snippetChoices.value.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('cka_field_starts')} name="startsAt">
              {text('startsAt', { type: 'datetime-local' })}
            </Field>
            <Field label={t('cka_field_ends')} name="endsAt">
              {text('endsAt', { type: 'datetime-local' })}
            </Field>
          </div>
        ) : (
          <div class="mgr-grid2">
            <Field label={t('customer_tags')} name="tags" hint={t('cka_comma_separated')}>
              {text('tags')}
            </Field>
            <Field label={t('customer_language')} name="language">
              {text('language', { size: 6 })}
            </Field>
          </div>
        )}
        <div class="mgr-editor">
          <Field label={e.kind === 'articles' ? t('cka_body_markdown') : e.kind === 'snippets' ? t('cka_reply_text') : t('cka_field_message')} name="body">
            {(props) => <textarea {...props} value={d.body} onInput={(ev) => updateDraft({ body: ev.currentTarget.value })} />}
          </Field>
          <Preview kind={e.kind} body={d.body} />
        </div>
        {e.kind === 'articles' && (
          <Field label={t('cka_field_also_answers')} name="alsoAnswers" hint={t('cka_also_answers_hint')}>
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
          <button type="submit" class="tdm-primary" disabled={e.busy} data-testid="manager-save" title={t('cka_save_shortcut')}>
            {item ? t('cka_save') : t('cka_create_draft')}
          </button>
          {item && status !== 'published' && (
            <button type="button" onClick={() => void changeStatus('publish')} data-testid="manager-publish">
              {t('cka_publish')}
            </button>
          )}
          {item && status === 'published' && (
            <button type="button" onClick={() => void changeStatus('unpublish')} data-testid="manager-unpublish">
              {t('cka_unpublish')}
            </button>
          )}
          {item && status !== 'archived' && (
            <button type="button" onClick={() => void changeStatus('archive')}>
              {t('cka_archive')}
            </button>
          )}
          {item && (
            <button
              type="button"
              aria-expanded={history.value !== null}
              onClick={() => (history.value ? (history.value = null) : void loadHistory())}
              data-testid="manager-history-toggle"
            >
              {history.value ? t('cka_hide_history') : t('cka_version_history')}
            </button>
          )}
        </div>
      </form>
      {history.value && <HistoryPanel />}
    </section>
  );
}
