// The background's side of the organisation's hosts: after each sync it reads the list every
// signed-in user receives (GET /org-hosts) and hands it on to be stored and registered; the options
// page's admin section reads and replaces it through the admin route (pages never hold the token).
import { type ApiClient, toMessageError } from '../api/client';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { MessagesOf } from '../schema/messages';

/** Stores the hosts and registers the overlay on them (entrypoints/background.ts); [] after sign-out. */
export type ApplyOrgHosts = (hosts: readonly string[]) => Promise<void>;

export interface OrgHostDeps {
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
  apply?: ApplyOrgHosts;
}

/**
 * The afterSync step: the server's list replaces the stored one. A server without the route (older)
 * leaves it as it was; so does a sign-out while the list was on its way (sign-out has emptied it).
 */
export async function refreshOrgHosts(api: Pick<ApiClient, 'orgHosts'>, apply: ApplyOrgHosts | undefined, signedIn: () => Promise<boolean>): Promise<void> {
  if (!apply) return;
  const answer = await api.orgHosts().catch(() => null);
  if (answer && (await signedIn())) await apply(answer.hosts);
}

export function createOrgHostHandlers(deps: OrgHostDeps): Pick<Handlers, MessagesOf<'orgHosts'>> {
  async function withApi<T>(call: (api: ApiClient) => Promise<T>): Promise<T> {
    const api = await deps.api();
    if (!api) throw new MessageError('signed_out', 'Sign in to Tandem as an admin to change the organisation’s CRM hosts.');
    try {
      return await call(api);
    } catch (error) {
      throw toMessageError(error);
    }
  }
  return {
    'orgHosts.list': () => withApi((api) => api.crmHosts()),
    'orgHosts.save': async ({ hosts }) => {
      const saved = await withApi((api) => api.setCrmHosts(hosts));
      // This browser follows at once; everyone else with their next sync (the server wakes their live stream).
      await deps.apply?.(saved.hosts);
      return saved;
    },
  };
}
