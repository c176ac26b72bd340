import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { CaseNote } from '../lib/schema/entities';

/**
 * A case's notes for its agents and a form to add one, optionally marked as a workaround: a workaround note on a case
 * of a possible incident is offered to the manager for the broadcast (docs/incidents.md). Notes are rendered as text.
 * `onAdd` queues the note (`cases.note`, offline too) and answers whether it is kept (the form keeps the text if not).
 */
export function CaseNotes({
  caseId,
  notes,
  onAdd,
}: {
  caseId: string;
  notes: readonly CaseNote[] | undefined;
  onAdd(note: { caseId: string; text: string; workaround: boolean }): Promise<boolean>;
}) {
  const [text, setText] = useState('');
  const [workaround, setWorkaround] = useState(false);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(false);
  return (
    <div data-testid="tandem-case-notes">
      {notes?.map((note) => (
        <p
          key={`${note.kind}-${note.createdAt}-${note.incidentId ?? ''}`}
          class="tdm-muted"
          style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}
          data-testid="tandem-case-note"
        >
          <strong>{note.kind === 'workaround' ? t('cases_workaround') : t('case_note_plain')}</strong> {note.text}
        </p>
      ))}
      <details>
        <summary>{t('case_note_add')}</summary>
        <form
          style={{ display: 'grid', gap: '4px' }}
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim() === '' || busy) return;
            setBusy(true);
            onAdd({ caseId, text, workaround })
              .then((kept) => {
                if (!kept) return;
                setText('');
                setWorkaround(false);
                setAdded(true);
              })
              .finally(() => setBusy(false));
          }}
        >
          <label>
            {t('case_note_label')}
            <textarea
              value={text}
              rows={2}
              maxLength={5000}
              onInput={(e) => {
                setText(e.currentTarget.value);
                setAdded(false);
              }}
              style={{ width: '100%' }}
              data-testid="tandem-case-note-text"
            />
          </label>
          <label>
            <input type="checkbox" checked={workaround} onChange={(e) => setWorkaround(e.currentTarget.checked)} data-testid="tandem-case-note-workaround" />{' '}
            {t('case_note_workaround')}
          </label>
          <button type="submit" disabled={busy || text.trim() === ''} data-testid="tandem-case-note-add">
            {t('case_note_add')}
          </button>
          {added && (
            <span role="status" class="tdm-muted">
              {t('case_note_added')}
            </span>
          )}
        </form>
      </details>
    </div>
  );
}
