// The background's side of assignment: the agent's own available/away status (popup, side panel), auto-away when the
// browser reports them idle for their teams' auto-away time, and the console's team settings, all through the server,
// which decides who gets each new case (server/assignment/).
import { type ApiClient, toMessageError } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { MyAgentStatus } from '../schema/assignment';
import type { MessagesOf } from '../schema/messages';

export type AssignmentMessageName = MessagesOf<'assignment'>;

/** The browser's idle states (chrome.idle): `locked` counts as idle. */
export type IdleState = 'active' | 'idle' | 'locked';

/** The auto-away minutes last heard from the server, kept so a restarted service worker still acts on an idle signal. */
const AUTO_AWAY_KEY = 'assignment.autoAwayMinutes';

export interface AssignmentDeps {
  db: TandemDatabase;
  /** The signed-in session's API client; null when signed out or expired. */
  api(): Promise<ApiClient | null>;
  /** Asks the browser to report idle after this many seconds without input (chrome.idle); null: no auto-away. */
  watchIdle?(seconds: number | null): void;
}

export function createAssignmentService(deps: AssignmentDeps) {
  async function withApi<T>(call: (api: ApiClient) => Promise<T>): Promise<T> {
    const api = await deps.api();
    if (!api) throw new MessageError('signed_out', 'Sign in to Tandem (options page) to set your status.');
    try {
      return await call(api);
    } catch (error) {
      throw toMessageError(error);
    }
  }

  /** Follows the teams' auto-away time in every answer about the agent's status. */
  async function remember(status: MyAgentStatus): Promise<MyAgentStatus> {
    await setMeta(deps.db, AUTO_AWAY_KEY, status.autoAwayMinutes);
    deps.watchIdle?.(status.autoAwayMinutes === null ? null : status.autoAwayMinutes * 60);
    return status;
  }

  const handlers: Pick<Handlers, AssignmentMessageName> = {
    'assignment.status': () => withApi(async (api) => remember(await api.assignment.myStatus())),
    'assignment.setStatus': ({ status }) => withApi(async (api) => remember(await api.assignment.setMyStatus({ status, reason: 'manual' }))),
    'assignment.team': ({ teamId }) => withApi((api) => api.assignment.team(teamId)),
    'assignment.setTeam': ({ teamId, settings }) => withApi((api) => api.assignment.setTeam(teamId, settings)),
  };

  return {
    handlers,
    /** After each sync: the teams' auto-away time may have changed. Best effort: a server without the route fails no sync. */
    async afterSync(api: ApiClient): Promise<void> {
      await api.assignment
        .myStatus()
        .then(remember)
        .catch(() => undefined);
    },
    /**
     * The browser says the agent went idle or came back: away, or available again, as an idle signal the server
     * applies only where it does not override the agent's own choice. Nothing when no team sets an auto-away time.
     */
    async idleChanged(state: IdleState): Promise<void> {
      const minutes = await getMeta<number | null>(deps.db, AUTO_AWAY_KEY);
      const api = await deps.api();
      if (minutes === undefined || minutes === null || !api) return;
      await api.assignment.setMyStatus({ status: state === 'active' ? 'available' : 'away', reason: 'idle' }).then(remember);
    },
  };
}
