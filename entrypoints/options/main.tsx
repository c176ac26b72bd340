import { signal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { z } from 'zod';
import { SyncStatusLine } from '../../components/SyncStatusLine';
import { send } from '../../lib/messaging/browser';
import { BUILT_IN_SITES } from '../../lib/schema/site-catalog';
import { managedServerUrl } from '../../lib/settings/managed';
import { enabledSitesItem, loadSettings } from '../../lib/settings/settings';
import { actionError, refreshStatus, runAction, syncStatus, useStatusWhileSyncing } from '../../lib/ui/status';
import { OrgHostsSection } from './OrgHosts';
import { RedactionSection } from './Redaction';
import { SemanticSection } from './Semantic';
import { SiteRulesSection } from './SiteRules';
import '../../components/tandem.css';
import { roleLabel } from '../../lib/i18n/labels';
import { t, tCount } from '../../lib/i18n/t';

const enabledSites = signal<string[]>([]);
/** Null until the stored settings are read, so a typed value is never overwritten by the load. */
const backendUrl = signal<string | null>(null);
/** Set by the organisation's policy: shown, not editable. */
const managedBackendUrl = signal<string | null>(null);
const busy = signal(false);

const SignInForm = z.object({ backendUrl: z.url(), email: z.email(), password: z.string().min(1) });

async function signIn(form: HTMLFormElement): Promise<void> {
  const data = Object.fromEntries(new FormData(form));
  const parsed = SignInForm.safeParse(data);
  if (!parsed.success) {
    actionError.value = t('options_check_form', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
    return;
  }
  busy.value = true;
  const ok = await runAction(() => send('auth.signIn', parsed.data));
  busy.value = false;
  if (ok) (form.elements.namedItem('password') as HTMLInputElement).value = '';
}

async function toggleSite(site: string, on: boolean): Promise<void> {
  const next = on ? [...new Set([...enabledSites.value, site])] : enabledSites.value.filter((s) => s !== site);
  enabledSites.value = next;
  await enabledSitesItem.setValue(next);
}

function Options() {
  useEffect(() => {
    void loadSettings().then((settings) => {
      enabledSites.value = settings.enabledSites;
      backendUrl.value = settings.backendUrl;
    });
    void managedServerUrl().then((url) => {
      if (url) backendUrl.value = managedBackendUrl.value = url;
    });
    void refreshStatus();
  }, []);
  const status = syncStatus.value;
  useStatusWhileSyncing();
  if (backendUrl.value === null || !status) return <p class="tdm-muted">{t('loading')}</p>;

  return (
    <main class="tdm-page">
      <h1>{t('options_title')}</h1>
      <section class="tdm-section" aria-labelledby="account">
        <h3 id="account">{t('options_account')}</h3>
        {status.signedIn && status.user ? (
          <>
            <p data-testid="tandem-signed-in">
              {t('options_signed_in_as', status.user.name, status.user.email, roleLabel(status.user.role), status.backendUrl ?? '')}
            </p>
            <SyncStatusLine status={status} />
            <div class="tdm-actions">
              <button type="button" onClick={() => void runAction(() => send('sync.now', {}))}>
                {t('sync_now')}
              </button>
              <button type="button" onClick={() => void runAction(() => send('auth.signOut', {}))}>
                {t('options_sign_out')}
              </button>
              {status.pending > 0 && (
                // Signing out wipes this device's data; unsynced writes go only if the agent says so.
                <button type="button" class="tdm-danger" onClick={() => void runAction(() => send('auth.signOut', { discardUnsynced: true }))}>
                  {tCount('options_sign_out_discard', status.pending)}
                </button>
              )}
            </div>
          </>
        ) : (
          <form
            class="tdm-form"
            onSubmit={(e) => {
              e.preventDefault();
              void signIn(e.currentTarget);
            }}
          >
            <label>
              {t('options_server')}
              <input
                name="backendUrl"
                type="url"
                required
                readOnly={managedBackendUrl.value !== null}
                aria-describedby={managedBackendUrl.value ? 'managed-server' : undefined}
                value={backendUrl.value}
                onInput={(e) => (backendUrl.value = e.currentTarget.value)}
              />
            </label>
            {managedBackendUrl.value && (
              <p id="managed-server" class="tdm-muted">
                {t('options_server_managed')}
              </p>
            )}
            <label>
              {t('options_email')}
              <input name="email" type="email" required autoComplete="username" />
            </label>
            <label>
              {t('options_password')}
              <input name="password" type="password" required autoComplete="current-password" />
            </label>
            <button type="submit" class="tdm-primary" disabled={busy.value}>
              {busy.value ? t('options_signing_in') : t('popup_sign_in')}
            </button>
          </form>
        )}
        {actionError.value && (
          <p class="tdm-error" role="alert" data-testid="tandem-error">
            {actionError.value}
          </p>
        )}
      </section>
      <section class="tdm-section" aria-labelledby="sites">
        <h3 id="sites">{t('options_sites')}</h3>
        <fieldset>
          <legend>{t('options_show_on')}</legend>
          {BUILT_IN_SITES.map(({ name, label }) => (
            <label key={name}>
              <input type="checkbox" checked={enabledSites.value.includes(name)} onChange={(e) => void toggleSite(name, e.currentTarget.checked)} /> {label}
            </label>
          ))}
        </fieldset>
        <OrgHostsSection isAdmin={status.signedIn && status.user?.role === 'admin'} signedIn={status.signedIn} />
        <SiteRulesSection canEdit={status.user?.role === 'admin'} />
      </section>
      <RedactionSection />
      <SemanticSection />
    </main>
  );
}

document.body.classList.add('tdm-root');
render(<Options />, document.getElementById('app')!);
