import { t } from '../../lib/i18n/t';
import { draftFrom, fieldsFromDraft } from '../../lib/manager/draft';
import { conflict, keepMine, reloadCurrent } from '../../lib/manager/state';
import { fieldLabel, formatDateTime, formatNumber, formatValue, KIND_TEXT } from './format';

/** Someone saved first: both versions side by side, field by field, and the manager chooses. */
export function ConflictPanel() {
  const c = conflict.value;
  if (!c) return null;
  const kind = c.current.kind;
  const mine = fieldsFromDraft(kind, c.mine);
  const theirs = fieldsFromDraft(kind, draftFrom(kind, c.current.record));
  const fields = Object.keys(mine).filter((f) => JSON.stringify(mine[f]) !== JSON.stringify(theirs[f]));
  return (
    <section class="mgr-conflict" role="alert" aria-label={t('cka_edit_conflict')} data-testid="manager-conflict">
      <strong>{t(KIND_TEXT[kind].conflict)}</strong>
      <p>
        {c.message} {t('cka_stored_version', formatNumber(c.current.record.version), formatDateTime(c.current.record.updatedAt))}
      </p>
      {fields.length === 0 ? (
        <p class="tdm-muted">{t('cka_conflict_same')}</p>
      ) : (
        <table class="mgr-table mgr-diff">
          <thead>
            <tr>
              <th scope="col">{t('cka_field')}</th>
              <th scope="col">{t('cka_your_edit')}</th>
              <th scope="col">{t('cka_stored_now', c.current.record.version)}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f}>
                <th scope="row">{fieldLabel(f)}</th>
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
          {t('cka_conflict_reload')}
        </button>
        <button type="button" onClick={keepMine} data-testid="manager-conflict-keep">
          {t('cka_conflict_keep')}
        </button>
      </div>
    </section>
  );
}
