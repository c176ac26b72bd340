import { useState } from 'preact/hooks';
import { removedSummary } from '../../lib/i18n/access-details';
import { formatNumber } from '../../lib/i18n/format';
import { identityKindLabel } from '../../lib/i18n/labels';
import { t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { PrivacyCustomer } from '../../lib/schema/privacy';
import { useBusyAction } from './controls';

/** Offers the export as a file download (it stays in this extension page: nothing reaches a site's DOM). */
function download(name: string, json: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Admins: find the customer a request is about, export what is held about them, or erase them after a confirm step. */
export function CustomerPrivacyView() {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PrivacyCustomer[] | null>(null);
  const [erasing, setErasing] = useState<PrivacyCustomer | null>(null);
  const [confirmName, setConfirmName] = useState('');
  const [reason, setReason] = useState('');
  const [busy, act] = useBusyAction();

  const search = () => act(async () => setFound((await send('privacy.findCustomers', { q: query })).customers));
  const exportOne = (c: PrivacyCustomer) =>
    act(async () => {
      download(`customer-${c.id}.json`, await send('privacy.exportCustomer', { customerId: c.id }));
      notice.value = t('ckb_privacy_exported', c.name);
    });
  const erase = (c: PrivacyCustomer) =>
    act(async () => {
      const result = await send('privacy.eraseCustomer', { customerId: c.id, reason });
      notice.value = t('ckb_privacy_erased', c.name, removedSummary(result.removed));
      setErasing(null);
      setFound((found ?? []).filter((f) => f.id !== c.id));
    });
  const confirmed = erasing !== null && confirmName.trim() === erasing.name && reason.trim().length >= 5;

  return (
    <section class="mgr-panel" aria-label={t('console_view_customer_privacy')} data-testid="manager-customer-privacy">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label>
          {t('ckb_privacy_query')} <input type="search" data-testid="privacy-customer-query" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit" disabled={busy || query.trim().length < 2}>
          {t('ckb_privacy_find')}
        </button>
      </form>
      {found !== null && found.length === 0 && <p class="tdm-muted">{t('ckb_privacy_none')}</p>}
      {found !== null && found.length > 0 && (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>{t('ckb_access_customer')}</th>
              <th>{t('filter_team')}</th>
              <th>{t('ckb_privacy_identities')}</th>
              <th>{t('ckb_privacy_held')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {found.map((c) => (
              <tr key={c.id} data-testid="privacy-customer" data-customer={c.id}>
                <td>{c.name}</td>
                <td>{c.teamId}</td>
                <td>{c.identities.map((i) => `${identityKindLabel(i.kind)}: ${i.value}`).join(', ')}</td>
                <td>{t('ckb_privacy_held_counts', formatNumber(c.interactions), formatNumber(c.cases))}</td>
                <td>
                  <button type="button" disabled={busy} onClick={() => void exportOne(c)} data-testid="privacy-export">
                    {t('ckb_privacy_export')}
                  </button>{' '}
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      setErasing(c);
                      setConfirmName('');
                      setReason('');
                    }}
                    data-testid="privacy-erase"
                  >
                    {t('ckb_privacy_erase')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {erasing && (
        <div class="mgr-alert" role="alertdialog" aria-label={t('ckb_privacy_erase_named', erasing.name)} data-testid="privacy-erase-confirm">
          <p>{t('ckb_privacy_erase_warning', erasing.name, formatNumber(erasing.interactions), formatNumber(erasing.cases))}</p>
          <label>
            {t('ckb_privacy_confirm_name')}{' '}
            <input type="text" data-testid="privacy-erase-name" value={confirmName} onInput={(e) => setConfirmName(e.currentTarget.value)} />
          </label>{' '}
          <label>
            {t('ckb_privacy_reason')}{' '}
            <input type="text" maxLength={500} data-testid="privacy-erase-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>{' '}
          <button type="button" disabled={busy || !confirmed} onClick={() => void erase(erasing)} data-testid="privacy-erase-confirm-button">
            {t('ckb_privacy_erase_permanently')}
          </button>{' '}
          <button type="button" onClick={() => setErasing(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
