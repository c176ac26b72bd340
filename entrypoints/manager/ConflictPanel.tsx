import { draftFrom, fieldsFromDraft } from '../../lib/manager/draft';
import { conflict, keepMine, reloadCurrent } from '../../lib/manager/state';
import { formatDateTime, formatValue } from './format';

/** Someone saved first: both versions side by side, field by field, and the manager chooses. */
export function ConflictPanel() {
  const c = conflict.value;
  if (!c) return null;
  const kind = c.current.kind;
  const mine = fieldsFromDraft(kind, c.mine);
  const theirs = fieldsFromDraft(kind, draftFrom(kind, c.current.record));
  const fields = Object.keys(mine).filter((f) => JSON.stringify(mine[f]) !== JSON.stringify(theirs[f]));
  return (
    <section class="mgr-conflict" role="alert" aria-label="Edit conflict" data-testid="manager-conflict">
      <strong>Someone else saved this {kind.slice(0, -1)} while you were editing.</strong>
      <p>
        {c.message} The stored version is {c.current.record.version}, saved {formatDateTime(c.current.record.updatedAt)}.
      </p>
      {fields.length === 0 ? (
        <p class="tdm-muted">Your edit and the stored version have the same content.</p>
      ) : (
        <table class="mgr-table mgr-diff">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Your edit</th>
              <th scope="col">Stored now (v{c.current.record.version})</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f}>
                <th scope="row">{f}</th>
                <td>
                  <ins>{formatValue(mine[f])}</ins>
                </td>
                <td>{formatValue(theirs[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="tdm-actions">
        <button type="button" class="tdm-primary" onClick={reloadCurrent} data-testid="manager-conflict-reload">
          Reload the stored version (discard mine)
        </button>
        <button type="button" onClick={keepMine} data-testid="manager-conflict-keep">
          Keep my edit on top of it
        </button>
      </div>
    </section>
  );
}
