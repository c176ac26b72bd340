import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { type ApiScope, type ApiToken, type CreatedApiToken, ApiScope as Scopes } from '../../lib/schema/tokens';
import { ChoiceSet, useBusyAction } from './controls';
import { formatDateTime } from './format';

/** A secret the server shows once: shown here until dismissed, kept nowhere. */
export function ShownOnce({ label, secret, onDone, testId }: { label: string; secret: string; onDone(): void; testId: string }) {
  return (
    <div class="mgr-notice" role="status" data-testid={testId}>
      <p>{label} It is shown this once: copy it now.</p>
      <code data-testid={`${testId}-value`}>{secret}</code>{' '}
      <button type="button" onClick={() => void navigator.clipboard.writeText(secret)}>
        Copy
      </button>{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

function tokenState(t: ApiToken, now: number): string {
  if (t.revokedAt) return `revoked ${formatDateTime(t.revokedAt)}`;
  if (Date.parse(t.expiresAt) <= now) return 'expired';
  return `until ${formatDateTime(t.expiresAt)}`;
}

/** Admins: API tokens for integrations (docs/api.md): create with scopes and an expiry, see when each was last used, revoke. */
export function TokensView() {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [busy, act] = useBusyAction();

  useEffect(() => {
    void act(async () => setTokens((await send('integrations.tokens', {})).tokens));
  }, []);

  const create = () =>
    act(async () => {
      const token = await send('integrations.createToken', { name: name.trim(), scopes, expiresInDays: Number(days) });
      setCreated(token);
      setName('');
      setScopes([]);
      setTokens((await send('integrations.tokens', {})).tokens);
    });
  const revoke = (t: ApiToken) =>
    act(async () => {
      setTokens((await send('integrations.revokeToken', { id: t.id })).tokens);
      notice.value = `Revoked “${t.name}”: it stopped working at once.`;
    });
  const now = Date.now();

  return (
    <section class="mgr-panel" aria-label="API tokens" data-testid="manager-tokens">
      <p class="tdm-muted">
        A token lets an integration call the API (<code>/reference</code> on the server) as you, limited to its scopes. Only a hash is stored.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          Name <input type="text" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="token-name" />
        </label>{' '}
        <label>
          Expires in (days) <input type="number" min={1} max={365} value={days} onInput={(e) => setDays(e.currentTarget.value)} data-testid="token-days" />
        </label>
        <ChoiceSet legend="Scopes" options={Scopes.options} chosen={scopes} onChange={setScopes} testIdPrefix="token-scope-" />
        <button type="submit" disabled={busy || name.trim() === '' || scopes.length === 0} data-testid="token-create">
          Create token
        </button>
      </form>
      {created && <ShownOnce label={`The token “${created.name}”.`} secret={created.token} onDone={() => setCreated(null)} testId="token-created" />}
      {tokens === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : tokens.length === 0 ? (
        <p class="tdm-muted">No API tokens yet.</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Scopes</th>
              <th>Valid</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid="token-row" data-token={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{t.scopes.join(', ')}</td>
                <td>{tokenState(t, now)}</td>
                <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                <td>
                  {!t.revokedAt && (
                    <button type="button" disabled={busy} onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`} data-testid="token-revoke">
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
