import { useState } from 'preact/hooks';
import { t, tCount } from '../../lib/i18n/t';
import { compareVersions, comparison, editing, history, rollbackTo } from '../../lib/manager/state';
import { VersionSelect } from './controls';
import { fieldLabel, formatDateTime, formatValue, versionActionLabel } from './format';

/** Every saved version, newest first: compare any two field by field, or roll back to one. */
export function HistoryPanel() {
  const h = history.value!;
  const currentVersion = editing.value?.item?.record.version;
  const newest = h.versions[0]?.version ?? 0;
  const [from, setFrom] = useState(h.versions[1]?.version ?? newest);
  const [to, setTo] = useState(newest);
  const [confirming, setConfirming] = useState<number | null>(null);
  const diff = comparison.value;
  return (
    <section class="mgr-panel" aria-label={t('cka_version_history')} data-testid="manager-history">
      <h2>{t('cka_version_history')}</h2>
      <table class="mgr-table">
        <thead>
          <tr>
            <th scope="col">{t('cka_version')}</th>
            <th scope="col">{t('cka_action')}</th>
            <th scope="col">{t('cka_by')}</th>
            <th scope="col">{t('cka_saved')}</th>
            <th scope="col">
              <span class="mgr-sr">{t('cka_roll_back')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {h.versions.map((v) => (
            <tr key={v.version} data-testid="manager-version" data-version={v.version}>
              <td>v{v.version}</td>
              <td>{versionActionLabel(v.action)}</td>
              <td>{v.authorName ?? '—'}</td>
              <td>{formatDateTime(v.savedAt)}</td>
              <td>
                {v.version !== currentVersion &&
                  (confirming === v.version ? (
                    <span class="tdm-actions">
                      <button
                        type="button"
                        class="tdm-primary"
                        onClick={() => void rollbackTo(v.version).then(() => setConfirming(null))}
                        data-testid="manager-rollback-confirm"
                      >
                        {t('cka_roll_back_to_v', v.version)}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setConfirming(v.version)}
                      aria-label={t('cka_roll_back_to_version', v.version)}
                      data-testid="manager-rollback"
                    >
                      {t('cka_roll_back_ellipsis')}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="mgr-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void compareVersions(from, to);
        }}
      >
        <VersionSelect label={t('cka_compare_version')} value={from} versions={h.versions} onChange={setFrom} testId="manager-compare-from" />
        <VersionSelect label={t('cka_compare_with')} value={to} versions={h.versions} onChange={setTo} testId="manager-compare-to" />
        <button type="submit" data-testid="manager-compare">
          {t('cka_compare')}
        </button>
      </form>
      {diff && (
        <div data-testid="manager-diff">
          <p>
            v{diff.from.version} ({versionActionLabel(diff.from.action)}) → v{diff.to.version} ({versionActionLabel(diff.to.action)}):{' '}
            {diff.changes.length === 0 ? t('cka_no_differences') : tCount('cka_fields_differ', diff.changes.length)}
          </p>
          {diff.changes.length > 0 && (
            <table class="mgr-table mgr-diff">
              <thead>
                <tr>
                  <th scope="col">{t('cka_field')}</th>
                  <th scope="col">v{diff.from.version}</th>
                  <th scope="col">v{diff.to.version}</th>
                </tr>
              </thead>
              <tbody>
                {diff.changes.map((c) => (
                  <tr key={c.field} data-testid="manager-diff-row" data-field={c.field}>
                    <th scope="row">{fieldLabel(c.field)}</th>
                    <td>
                      <del>{formatValue(c.from)}</del>
                    </td>
                    <td>
                      <ins>{formatValue(c.to)}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
