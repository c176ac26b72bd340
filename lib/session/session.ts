import type { ApiClient } from '../api/client';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import { MessageError } from '../messaging/dispatch';
import { SignInResponse } from '../schema';

const SESSION_KEY = 'session';

/** The signed-in agent as features see them: enough to scope the cache and fill snippets. */
export interface Agent {
  id: string;
  name: string;
  teamIds: string[];
}

/**
 * The team new records go to. An expired session still knows it, so capture and contacts work
 * offline and sync after the next sign-in; only a device nobody signed in on is refused.
 */
export function teamForNewRecords(agent: Agent | null, doing: string): string {
  const teamId = agent?.teamIds[0];
  if (!teamId) throw new MessageError('signed_out', `Sign in to Tandem once to ${doing} (it works offline afterwards).`);
  return teamId;
}

/** A client for the server at `baseUrl`; `signal` cancels every request it makes (lib/api/http.ts). */
export type CreateApi = (baseUrl: string, token: string | null, signal?: AbortSignal) => ApiClient;

export interface SessionDeps {
  db: TandemDatabase;
  getBackendUrl(): Promise<string>;
  createApi: CreateApi;
  now: () => Date;
}

/**
 * The signed-in session, kept in IndexedDB where only the background reads it (never sent to a
 * page), and what other modules derive from it: the agent, the credentials, a signed-in client.
 */
export function createSession({ db, getBackendUrl, createApi, now }: SessionDeps) {
  async function stored(): Promise<SignInResponse | null> {
    const parsed = SignInResponse.safeParse(await getMeta(db, SESSION_KEY));
    return parsed.success ? parsed.data : null;
  }

  /** The stored session while its token is still valid. */
  async function current(): Promise<SignInResponse | null> {
    const session = await stored();
    return session && Date.parse(session.expiresAt) > now().getTime() ? session : null;
  }

  /** Who is signed in on this device (also after the token expired: their teams still scope the cache). */
  async function agent(): Promise<Agent | null> {
    const session = await stored();
    return session ? { id: session.user.id, name: session.user.name, teamIds: session.user.teamIds } : null;
  }

  /** Where and with what token to call the server; null when signed out or expired. */
  async function credentials(): Promise<{ baseUrl: string; token: string } | null> {
    const session = await current();
    return session ? { baseUrl: await getBackendUrl(), token: session.token } : null;
  }

  /** A client that calls the server as the agent, its requests cancelled with `signal`; null when signed out or expired. */
  async function signedInApi(signal?: AbortSignal): Promise<ApiClient | null> {
    const creds = await credentials();
    return creds ? createApi(creds.baseUrl, creds.token, signal) : null;
  }

  return {
    stored,
    current,
    agent,
    credentials,
    signedInApi,
    save: (session: SignInResponse) => setMeta(db, SESSION_KEY, session),
    /** The server refused the token: forget it, keep everything else (the outbox waits for the next sign-in). */
    end: () => setMeta(db, SESSION_KEY, null),
  };
}

export type Session = ReturnType<typeof createSession>;
