import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../api/client';
import { applyChanges, countRecords, saveAttachment, writeLocal } from '../db';
import { customer, kase, screenshot, useTestDatabase } from '../db/test-fixtures';
import type { SyncStatus } from '../schema';
import { createAuthHandlers } from './auth-handlers';
import { createSession } from './session';
import { fakeApi, signInAnswer } from './test-fixtures';

const db = useTestDatabase();
const sender = {};
const STATUS = { signedIn: true } as SyncStatus;

/** Users the fake server knows, by email; anything else is refused. */
const ACCOUNTS: Record<string, string> = { 'ana@tandem.test': 'u-ana', 'bob@tandem.test': 'u-bob' };

function setup(backendUrl = 'https://one.example') {
  const server = { url: backendUrl, revoked: [] as Array<string | null> };
  const createApi = (baseUrl: string, token: string | null) =>
    fakeApi({
      signIn: async (email) => {
        const userId = ACCOUNTS[email];
        if (!userId) throw new ApiClientError('invalid_credentials', 'Wrong email or password.', 401);
        return signInAnswer(userId);
      },
      signOut: async () => {
        if (baseUrl === 'https://offline.example') throw new ApiClientError('offline', 'Cannot reach the server.', null);
        server.revoked.push(token);
        return { ok: true as const };
      },
    });
  const session = createSession({ db: db(), getBackendUrl: async () => server.url, createApi, now: () => new Date('2026-11-20T09:00:00.000Z') });
  const hooks = { onSignedIn: vi.fn(async () => undefined), onSigningOut: vi.fn(), onSignedOut: vi.fn() };
  const handlers = createAuthHandlers({
    db: db(),
    session,
    getBackendUrl: async () => server.url,
    setBackendUrl: async (url) => {
      server.url = url;
    },
    createApi,
    status: async () => STATUS,
    whileNotSyncing: (fn) => fn(),
    ...hooks,
  });
  const signIn = (email: string, url = server.url) => handlers['auth.signIn']({ backendUrl: url, email, password: 'secret' }, sender);
  const signOut = (discardUnsynced = false) => handlers['auth.signOut']({ discardUnsynced }, sender);
  return { handlers, session, server, hooks, signIn, signOut };
}

/** A cache with one customer and one case, as a sync leaves it. */
async function cacheSomething(): Promise<void> {
  await applyChanges(db(), [
    { entity: 'customers', seq: 1, record: customer('c-jane') },
    { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
  ]);
}

describe('auth.signIn', () => {
  it('keeps the cache when the same account signs in again, and starts syncing', async () => {
    const { signIn, session, hooks } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    expect(await signIn('ana@tandem.test')).toBe(STATUS);
    expect((await countRecords(db())).customers).toBe(1);
    expect((await session.agent())?.id).toBe('u-ana');
    expect(hooks.onSignedIn).toHaveBeenCalledTimes(2);
  });

  it('wipes the previous account’s cache when another account signs in', async () => {
    const { signIn, session } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    await signIn('bob@tandem.test');
    expect(Object.values(await countRecords(db())).every((n) => n === 0)).toBe(true);
    expect((await session.agent())?.id).toBe('u-bob');
  });

  it('wipes the cache when the same account signs in on another server, and remembers the new address', async () => {
    const { signIn, server } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    await signIn('ana@tandem.test', 'https://two.example');
    expect((await countRecords(db())).cases).toBe(0);
    expect(server.url).toBe('https://two.example');
  });

  it('answers a refused sign-in with the server’s code and keeps the current session and cache', async () => {
    const { signIn, session, hooks } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    await expect(signIn('mallory@tandem.test')).rejects.toMatchObject({ name: 'MessageError', code: 'invalid_credentials' });
    expect((await session.agent())?.id).toBe('u-ana');
    expect((await countRecords(db())).customers).toBe(1);
    expect(hooks.onSignedIn).toHaveBeenCalledTimes(1);
  });
});

describe('auth.signOut', () => {
  it('refuses while a write has not reached the server, and keeps it', async () => {
    const { signIn, signOut, session, server } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'k-1', patch: { status: 'pending' } }]);
    await expect(signOut()).rejects.toMatchObject({ code: 'unsynced_changes', message: expect.stringContaining('1 change has not reached the server yet') });
    expect((await session.agent())?.id).toBe('u-ana');
    expect(await db().outbox.count()).toBe(1);
    expect(server.revoked).toEqual([]);
  });

  it('counts a screenshot not yet uploaded as unsynced work', async () => {
    const { signIn, signOut } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    await saveAttachment(db(), screenshot('shot-1', 'k-1'));
    await expect(signOut()).rejects.toMatchObject({ code: 'unsynced_changes' });
  });

  it('with discardUnsynced, revokes the token and wipes the session, the cache and the outbox', async () => {
    const { signIn, signOut, session, server, hooks } = setup();
    await signIn('ana@tandem.test');
    await cacheSomething();
    await writeLocal(db(), [{ entity: 'cases', op: 'update', recordId: 'k-1', patch: { status: 'pending' } }]);
    expect(await signOut(true)).toBe(STATUS);
    expect(server.revoked).toEqual(['token-u-ana']);
    expect(await session.agent()).toBeNull();
    expect(await db().outbox.count()).toBe(0);
    expect((await countRecords(db())).cases).toBe(0);
    expect(hooks.onSigningOut).toHaveBeenCalledOnce();
    expect(hooks.onSignedOut).toHaveBeenCalledOnce();
  });

  it('signs out offline too: the server is told when reachable, the device is wiped regardless', async () => {
    const { signIn, signOut, session, server } = setup('https://offline.example');
    await signIn('ana@tandem.test');
    await cacheSomething();
    await signOut();
    expect(server.revoked).toEqual([]);
    expect(await session.agent()).toBeNull();
    expect((await countRecords(db())).customers).toBe(0);
  });
});
