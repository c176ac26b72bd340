import { useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { PrivacyCustomer } from '../../lib/schema/privacy';
import { useBusyAction } from './controls';
import { removedSummary } from './RetentionView';

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
      notice.value = `Exported everything held about ${c.name}; the export is in the access log.`;
    });
  const erase = (c: PrivacyCustomer) =>
    act(async () => {
      const result = await send('privacy.eraseCustomer', { customerId: c.id, reason });
      notice.value = `Erased ${c.name}: ${removedSummary(result.removed)}. Every agent's cache drops them at its next sync.`;
      setErasing(null);
      setFound((found ?? []).filter((f) => f.id !== c.id));
    });
  const confirmed = erasing !== null && confirmName.trim() === erasing.name && reason.trim().length >= 5;

  return (
    <section class="mgr-panel" aria-label="Customer data requests" data-testid="manager-customer-privacy">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label>
          Customer (name, email, phone, handle or id){' '}
          <input type="search" data-testid="privacy-customer-query" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit" disabled={busy || query.trim().length < 2}>
          Find
        </button>
      </form>
      {found !== null && found.length === 0 && <p class="tdm-muted">No customer matches.</p>}
      {found !== null && found.length > 0 && (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Customer</th>
              <th>Team</th>
              <th>Identities</th>
              <th>Held</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {found.map((c) => (
              <tr key={c.id} data-testid="privacy-customer" data-customer={c.id}>
                <td>{c.name}</td>
                <td>{c.teamId}</td>
                <td>{c.identities.map((i) => `${i.kind}: ${i.value}`).join(', ')}</td>
                <td>
                  {c.interactions} interactions, {c.cases} cases
                </td>
                <td>
                  <button type="button" disabled={busy} onClick={() => void exportOne(c)} data-testid="privacy-export">
                    Export JSON
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
                    Erase…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {erasing && (
        <div class="mgr-alert" role="alertdialog" aria-label={`Erase ${erasing.name}`} data-testid="privacy-erase-confirm">
          <p>
            Erase <strong>{erasing.name}</strong>: their record and identities, {erasing.interactions} interactions, {erasing.cases} cases with their
            screenshots — from the server and from every agent's cache. This cannot be undone. The access log keeps who erased them, when and why.
          </p>
          <label>
            Type the customer's name to confirm{' '}
            <input type="text" data-testid="privacy-erase-name" value={confirmName} onInput={(e) => setConfirmName(e.currentTarget.value)} />
          </label>{' '}
          <label>
            Reason (the request's reference){' '}
            <input type="text" maxLength={500} data-testid="privacy-erase-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>{' '}
          <button type="button" disabled={busy || !confirmed} onClick={() => void erase(erasing)} data-testid="privacy-erase-confirm-button">
            Erase permanently
          </button>{' '}
          <button type="button" onClick={() => setErasing(null)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
