import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server/start';
import { caseData } from '../server/testing';
import { cachedRecord } from './cache-view';
import { captureButton, captureItem, casesOnServer } from './capture-steps';
import { FIXTURE_URLS } from './fixture-server';
import { type Harness, startE2eServer, startHarness } from './harness';
import { serverToken } from './server-view';

/**
 * The operator's restore of the embedded database (docs/operations.md): the server stopped, its PGlite
 * data directory copied, later put back while stopped, the server started again on the same port.
 */
describe('a server restored from an older backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-restore-'));
  const dataDir = join(dir, 'pglite');
  const backupDir = join(dir, 'backup');
  let server: RunningServer;
  let h: Harness;
  // The first start copies the run's migrated template into dataDir; later ones open what is there.
  const start = (port: number) => startE2eServer({ port, dataDir, seed: true, seedClock: new Date() });

  beforeAll(async () => {
    server = await start(0);
    h = await startHarness({ server });
    await h.signIn();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is detected; the agent’s unsynced capture still reaches it and the cache loses what the backup never had', async () => {
    const port = server.port;
    await server.close();
    cpSync(dataDir, backupDir, { recursive: true });
    server = await start(port);

    // After the backup: a case acknowledged by the server and pulled into the agent's cache.
    const token = await serverToken(h.directServerUrl);
    const push = await fetch(`${h.directServerUrl}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        mutations: [
          {
            id: crypto.randomUUID(),
            entity: 'cases',
            op: 'create',
            recordId: 'case-only-after-backup',
            data: caseData({ subject: 'Written after the backup' }),
          },
        ],
      }),
    });
    expect(push.status).toBe(200);
    const panel = await h.openExtensionPage('sidepanel.html');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => cachedRecord(h.worker, 'cases', 'case-only-after-backup'), { timeout: 20_000 }).not.toBeNull();

    // The disaster: the server goes down, the agent captures meanwhile, the backup is put back.
    await server.close();
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    await (await captureButton(page, '1861260000000000003')).waitFor();
    const result = await captureItem(page, '1861260000000000003');
    await result.getByTestId('tandem-capture-waiting').waitFor();
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(backupDir, dataDir, { recursive: true });
    server = await start(port);

    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => casesOnServer(h.directServerUrl, { externalId: '1861260000000000003' }), { timeout: 30_000 }).toHaveLength(1);
    await expect.poll(() => cachedRecord(h.worker, 'cases', 'case-only-after-backup'), { timeout: 20_000 }).toBeNull();
    await expect.poll(() => panel.getByTestId('tandem-waiting').count(), { timeout: 10_000 }).toBe(0);
    // The cache holds the server's cases again, the capture included.
    const [captured] = await casesOnServer(h.directServerUrl, { externalId: '1861260000000000003' });
    expect(await cachedRecord(h.worker, 'cases', captured?.id ?? '')).not.toBeNull();
    expect(await cachedRecord(h.worker, 'customers', 'cust-jane-doe')).not.toBeNull();
    await page.close();
    await panel.close();
  }, 180_000);
});
