import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorMessage } from '../../lib/i18n/errors';
import { t } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import { withHost, withoutHost } from '../../lib/org-hosts/edit';
import { loadOrgHosts, orgHostsItem } from '../../lib/org-hosts/storage';
import { BUILT_IN_SITES, tenantSiteOfHost } from '../../lib/schema/site-catalog';

const hosts = signal<string[]>([]);
const typed = signal('');
const message = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);

const labelOf = (host: string) => BUILT_IN_SITES.find((s) => s.name === tenantSiteOfHost(host))?.label ?? '';
const failure = (error: unknown) => (error instanceof Error && error.message ? errorMessage(error) : t('org_hosts_failed'));

/** Admins read the list from the server; everyone else sees what this browser received with its last sync. */
async function refresh(isAdmin: boolean): Promise<void> {
  try {
    hosts.value = isAdmin ? (await send('orgHosts.list', {})).hosts : await loadOrgHosts();
  } catch (error) {
    message.value = { kind: 'error', text: failure(error) };
  }
}

async function save(next: string[], done: string): Promise<void> {
  try {
    hosts.value = (await send('orgHosts.save', { hosts: next })).hosts;
    message.value = { kind: 'ok', text: done };
    typed.value = '';
  } catch (error) {
    message.value = { kind: 'error', text: failure(error) };
  }
}

function onAdd(): void {
  const edit = withHost(hosts.value, typed.value);
  if (!edit.ok) {
    message.value = { kind: 'error', text: edit.error };
    return;
  }
  void save(edit.hosts, t('org_hosts_added', edit.host));
}

/**
 * The organisation's CRM tenants (Zendesk, Freshdesk, Salesforce, Dynamics): the only ones the overlay
 * runs on (docs/security.md "Organisation hosts"). Admins add and remove them for everyone.
 */
export function OrgHostsSection({ isAdmin, signedIn }: { isAdmin: boolean; signedIn: boolean }) {
  useEffect(() => {
    message.value = null;
    void refresh(isAdmin);
    if (!isAdmin) return orgHostsItem.watch(() => void refresh(false));
  }, [isAdmin, signedIn]);

  return (
    <div class="tdm-org-hosts" data-testid="tandem-org-hosts">
      <h4>{t('org_hosts_title')}</h4>
      <p class="tdm-muted">{t('org_hosts_help')}</p>
      {hosts.value.length === 0 ? (
        <p class="tdm-muted">{signedIn ? t('org_hosts_none') : t('org_hosts_sign_in')}</p>
      ) : (
        <ul>
          {hosts.value.map((host) => (
            <li key={host} data-testid="tandem-org-host">
              <code>{host}</code> <span class="tdm-muted">{labelOf(host)}</span>{' '}
              {isAdmin && (
                <button
                  type="button"
                  aria-label={t('remove_named', host)}
                  onClick={() => void save(withoutHost(hosts.value, host), t('org_hosts_removed', host))}
                >
                  {t('remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin && (
        <form
          class="tdm-form"
          aria-label={t('org_hosts_add_label')}
          onSubmit={(e) => {
            e.preventDefault();
            onAdd();
          }}
        >
          <label>
            {t('org_hosts_host')}
            <input name="host" value={typed.value} onInput={(e) => (typed.value = e.currentTarget.value)} placeholder={t('org_hosts_placeholder')} />
          </label>
          <button type="submit" class="tdm-primary">
            {t('org_hosts_add')}
          </button>
        </form>
      )}
      {message.value && (
        <p class={message.value.kind === 'error' ? 'tdm-error' : 'tdm-muted'} role="status" data-testid="tandem-org-host-message">
          {message.value.text}
        </p>
      )}
    </div>
  );
}
