// The background's side of the manager console: forwards the console's messages to the server's
// `/manager/*` routes through the signed-in API client (pages never hold the token).
import { type ApiClient, ApiClientError, toMessageError } from '../api/client';
import { t } from '../i18n/t';
import { type Handlers, MessageError } from '../messaging/dispatch';
import { ManagedItem } from '../schema/manager';
import type { ManagerWriteResult, MessagesOf } from '../schema/messages';

export type ManagerMessageName = MessagesOf<'manager'>;

export interface ManagerDeps {
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
}

/** A `conflict` refusal as the console's answer, when it carries a stored version we understand. */
function asConflict(error: unknown): Extract<ManagerWriteResult, { outcome: 'conflict' }> | null {
  if (!(error instanceof ApiClientError) || error.code !== 'conflict') return null;
  const current = ManagedItem.safeParse((error.details as { current?: unknown } | null | undefined)?.current);
  return current.success ? { outcome: 'conflict', message: error.message, current: current.data } : null;
}

export function createManagerHandlers(deps: ManagerDeps): Pick<Handlers, ManagerMessageName> {
  /** Runs one call with the signed-in client; its failures reach the console with the server's code. */
  async function withApi<T>(call: (api: ApiClient) => Promise<T>): Promise<T> {
    const api = await deps.api();
    if (!api) throw new MessageError('signed_out', t('de2_sign_in_for_console'));
    try {
      return await call(api);
    } catch (error) {
      throw toMessageError(error);
    }
  }

  /** A write that may meet someone else's newer save: the conflict is an answer, not an error. */
  function write(save: (api: ApiClient) => Promise<ManagedItem>): Promise<ManagerWriteResult> {
    return withApi(async (api) => {
      try {
        return { outcome: 'saved', item: await save(api) };
      } catch (error) {
        const conflict = asConflict(error);
        if (conflict) return conflict;
        throw error;
      }
    });
  }

  return {
    'manager.teams': () => withApi((api) => api.manager.teams()),
    'manager.list': ({ kind, query }) => withApi((api) => api.manager.list(kind, query)),
    'manager.get': ({ kind, id }) => withApi((api) => api.manager.get(kind, id)),
    'manager.create': ({ kind, body }) => withApi((api) => api.manager.create(kind, body)),
    'manager.edit': ({ kind, id, body }) => write((api) => api.manager.edit(kind, id, body)),
    'manager.setStatus': ({ kind, id, action, baseVersion }) => write((api) => api.manager.setStatus(kind, id, action, { baseVersion })),
    'manager.rollback': ({ kind, id, toVersion, baseVersion }) => write((api) => api.manager.rollback(kind, id, { toVersion, baseVersion })),
    'manager.versions': ({ kind, id }) => withApi((api) => api.manager.versions(kind, id)),
    'manager.compare': ({ kind, id, from, to }) => withApi((api) => api.manager.compare(kind, id, from, to)),
    'manager.analytics': (query) => withApi((api) => api.manager.analytics(query)),
    'manager.importCustomers': (batch) => withApi((api) => api.manager.importCustomers(batch)),
    'manager.importHistory': (batch) => withApi((api) => api.manager.importHistory(batch)),
    'manager.slaPolicies': () => withApi((api) => api.slaPolicies()),
    'manager.setSlaPolicy': ({ teamId, policy }) => withApi((api) => api.manager.setSlaPolicy(teamId, policy)),
    'manager.fieldPolicy': () => withApi((api) => api.manager.fieldPolicy()),
    'manager.setFieldPolicy': (rule) => withApi((api) => api.manager.setFieldPolicy(rule)),
    'manager.accessLog': (query) => withApi((api) => api.manager.accessLog(query)),
    'manager.recognitionHealth': (query) => withApi((api) => api.manager.recognitionHealth(query)),
    'manager.setSlaCalendar': ({ teamId, calendar }) => withApi((api) => api.manager.setSlaCalendar(teamId, calendar)),
    'manager.clearSlaCalendar': ({ teamId }) => withApi((api) => api.manager.clearSlaCalendar(teamId)),
    'manager.slaReport': ({ teamId, from, to }) => withApi((api) => api.manager.slaReport(teamId, { from, to })),
    'manager.effortReport': ({ teamId, from, to }) => withApi((api) => api.manager.effortReport(teamId, { from, to })),
    'manager.slaEscalation': ({ teamId }) => withApi((api) => api.manager.slaEscalation(teamId)),
    'manager.setSlaEscalation': ({ teamId, settings }) => withApi((api) => api.manager.setSlaEscalation(teamId, settings)),
  };
}
