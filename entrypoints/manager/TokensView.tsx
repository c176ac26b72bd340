import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { type ApiScope, type ApiToken, type CreatedApiToken, ApiScope as Scopes } from '../../lib/schema/tokens';
import { ChoiceSet, RecordsTable, useBusyAction } from './controls';
import { formatDateTime } from './format';

/** A secret the server shows once: shown here until dismissed, kept nowhere. */
export function ShownOnce({ label, secret, onDone, testId }: { label: string; secret: string; onDone(): void; testId: string }) {
  return (
    <div class="mgr-notice" role="status" data-testid={testId}>
      <p>{t('ckb_shown_once', label)}</p>
      <code data-testid={`${testId}-value`}>{secret}</code>{' '}
      <button type="button" onClick={() => void navigator.clipboard.writeText(secret)}>
        {t('ckb_copy')}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {t('ckb_done')}
      </button>
    </div>
  );
}

function tokenState(token: ApiToken, now: number): string {
  if (token.revokedAt) return t('ckb_token_revoked_at', formatDateTime(token.revokedAt));
  if (Date.parse(token.expiresAt) <= now) return t('ckb_token_expired');
  return t('ckb_token_until', formatDateTime(token.expiresAt));
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
  const revoke = (token: ApiToken) =>
    act(async () => {
      setTokens((await send('integrations.revokeToken', { id: token.id })).tokens);
      notice.value = t('ckb_token_revoked', token.name);
    });
  const now = Date.now();

  return (
    <section class="mgr-panel" aria-label={t('console_view_tokens')} data-testid="manager-tokens">
      <p class="tdm-muted">{t('ckb_token_help', '/reference')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          {t('ckb_name')} <input type="text" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="token-name" />
        </label>{' '}
        <label>
          {t('ckb_token_expires_in')}{' '}
          <input type="number" min={1} max={365} value={days} onInput={(e) => setDays(e.currentTarget.value)} data-testid="token-days" />
        </label>
        <ChoiceSet legend={t('ckb_token_scopes')} options={Scopes.options} chosen={scopes} onChange={setScopes} testIdPrefix="token-scope-" />
        <button type="submit" disabled={busy || name.trim() === '' || scopes.length === 0} data-testid="token-create">
          {t('ckb_token_create')}
        </button>
      </form>
      {created && <ShownOnce label={t('ckb_token_created', created.name)} secret={created.token} onDone={() => setCreated(null)} testId="token-created" />}
      <RecordsTable
        rows={tokens}
        headers={[t('ckb_name'), t('ckb_token_prefix'), t('ckb_token_scopes'), t('ckb_token_valid'), t('ckb_token_last_used'), '']}
        empty={t('ckb_token_none')}
        row={(token) => (
          <tr key={token.id} data-testid="token-row" data-token={token.id}>
            <td>{token.name}</td>
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{token.scopes.join(', ')}</td>
            <td>{tokenState(token, now)}</td>
            <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('ckb_never')}</td>
            <td>
              {!token.revokedAt && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void revoke(token)}
                  aria-label={t('ckb_token_revoke_named', token.name)}
                  data-testid="token-revoke"
                >
                  {t('ckb_token_revoke')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
