import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../lib/schema';
import { cachedRecord } from './cache-view';
import { casesOnServer } from './capture-steps';
import { captureRequest, sendFrom } from './extension-messages';
import { DEMO_AGENT, type Harness, startHarness } from './harness';

/** The extension's per-request timeout (lib/api/http.ts): a sign-out that waited for a hung request would take this long. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * A server that accepts a request and never answers (e2e/network.ts `stall`): a sign-out is not held up by it, and the
 * write whose push hung still reaches the server, once.
 */
describe('sign-out and sync against a server that never answers', () => {
  let h: Harness;
  let popup: Page;
  const status = async () => (await sendFrom(popup, 'status.get', {}))?.value as SyncStatus;

  beforeAll(async () => {
    h = await startHarness();
    await h.signIn();
    popup = await h.openExtensionPage('popup.html');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a hung push: sign-out refuses at once and keeps the write; the push times out and the write reaches the server once', async () => {
    // Not a tweet id: no fixture post can share it.
    const externalId = `stalled-push-${Date.now()}`;
    h.network.stall(['/sync/push']);
    const captured = await sendFrom(popup, 'capture.create', captureRequest(externalId));
    expect(captured?.ok).toBe(true);
    await expect.poll(() => h.network.stalledOpen(), { timeout: 20_000 }).toBe(1);

    const out = await sendFrom(popup, 'auth.signOut', { discardUnsynced: false });
    expect(out).toMatchObject({ ok: false, error: { code: 'unsynced_changes' } });
    // The capture's contact, case and interaction are still queued.
    expect((await status()).pending).toBe(3);

    // The server answers again; the hung request never will: only its timeout lets the write go again.
    h.network.stall([]);
    await expect.poll(() => casesOnServer(h.directServerUrl, { externalId }), { timeout: REQUEST_TIMEOUT_MS * 3 }).toHaveLength(1);
    await expect.poll(async () => (await status()).pending, { timeout: 20_000 }).toBe(0);
    expect(h.network.stalledOpen()).toBe(0);
    expect(await casesOnServer(h.directServerUrl, { externalId })).toHaveLength(1);
  }, 120_000);

  it('a hung pull and a hung revoke: sign-out ends at once and wipes; signing in again syncs', async () => {
    h.network.stall(['/sync/pull', '/auth/sign-out']);
    const pulling = sendFrom(popup, 'sync.now', {});
    await expect.poll(() => h.network.stalledOpen(), { timeout: 20_000 }).toBe(1);

    const started = Date.now();
    const out = await sendFrom(popup, 'auth.signOut', { discardUnsynced: false });
    const tookMs = Date.now() - started;
    console.log(`sign-out with a hung pull and revoke: ${tookMs} ms (load ${loadavg()[0]?.toFixed(1)})`);
    expect(out?.ok).toBe(true);
    // The revoke waits 3 s at most; waiting for the hung pull would take the request timeout.
    expect(tookMs).toBeLessThan(REQUEST_TIMEOUT_MS - 3000);
    await pulling;
    expect(await status()).toMatchObject({ signedIn: false });
    expect(await cachedRecord(h.worker, 'customers', 'cust-jane-doe')).toBeNull();
    // The extension gave both requests up.
    await expect.poll(() => h.network.stalledOpen(), { timeout: 5000 }).toBe(0);

    h.network.stall([]);
    const signedIn = await sendFrom(popup, 'auth.signIn', { backendUrl: h.serverUrl, ...DEMO_AGENT });
    expect(signedIn?.ok).toBe(true);
    await expect.poll(() => cachedRecord(h.worker, 'customers', 'cust-jane-doe'), { timeout: 60_000 }).not.toBeNull();
    await expect.poll(async () => (await status()).lastSyncAt, { timeout: 60_000 }).not.toBeNull();
  }, 120_000);
});
