import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { type ApiClient, ApiClientError } from '../api/client';
import { applyChanges, attachmentsForCase, writeLocal } from '../db';
import { customer, kase, useTestDatabase } from '../db/test-fixtures';
import { createRemoteAttachmentFetcher } from './remote-attachments';

const db = useTestDatabase();

const meta = (id: string) => ({
  id,
  caseId: 'k-1',
  kind: 'screenshot' as const,
  mime: 'image/png' as const,
  width: 4,
  height: 2,
  size: 3,
  createdAt: '2026-11-20T08:00:00.000Z',
});

function setup(server: Pick<ApiClient, 'caseAttachments' | 'attachmentBytes'> | null) {
  const clock = { now: Date.parse('2026-11-20T09:00:00.000Z') };
  const fetchRemote = createRemoteAttachmentFetcher({ db: db(), signedInApi: async () => server, now: () => new Date(clock.now) });
  return { fetchRemote, clock };
}

async function cacheCase(): Promise<void> {
  await applyChanges(db(), [
    { entity: 'customers', seq: 1, record: customer('c-jane') },
    { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane') },
  ]);
}

describe('screenshots captured on another device', () => {
  it('are fetched from the server and kept here as uploaded, skipping what is not an image', async () => {
    await cacheCase();
    const server = {
      caseAttachments: vi.fn(async () => ({ attachments: [meta('a-1'), meta('a-2')] })),
      attachmentBytes: vi.fn(async (id: string) =>
        id === 'a-1' ? { mime: 'image/png', bytes: new Uint8Array([1, 2, 3]).buffer } : { mime: 'text/html', bytes: new Uint8Array([1]).buffer },
      ),
    };
    const { fetchRemote } = setup(server);
    const rows = await fetchRemote('k-1');
    expect(rows.map((r) => [r.id, r.state, r.size])).toEqual([['a-1', 'uploaded', 3]]);
    expect((await attachmentsForCase(db(), 'k-1')).map((r) => r.id)).toEqual(['a-1']);
  });

  it('are looked up at most once a minute per case, and again sooner after a failure', async () => {
    await cacheCase();
    let offline = true;
    const server = {
      caseAttachments: vi.fn(async () => {
        if (offline) throw new ApiClientError('offline', 'Cannot reach the server.', null);
        return { attachments: [] };
      }),
      attachmentBytes: vi.fn(),
    };
    const { fetchRemote, clock } = setup(server);
    await fetchRemote('k-1');
    offline = false;
    await fetchRemote('k-1');
    await fetchRemote('k-1');
    expect(server.caseAttachments).toHaveBeenCalledTimes(2);
    clock.now += 60_000;
    await fetchRemote('k-1');
    expect(server.caseAttachments).toHaveBeenCalledTimes(3);
  });

  it('are not asked for a case the server does not have yet, one not on this device, or while signed out', async () => {
    await applyChanges(db(), [{ entity: 'customers', seq: 1, record: customer('c-jane') }]);
    await writeLocal(db(), [{ entity: 'cases', op: 'create', record: kase('k-new', 'c-jane', { version: 0 }) }]);
    const server = { caseAttachments: vi.fn(async () => ({ attachments: [] })), attachmentBytes: vi.fn() };
    expect(await setup(server).fetchRemote('k-new')).toEqual([]);
    expect(await setup(server).fetchRemote('k-elsewhere')).toEqual([]);
    await cacheCase();
    expect(await setup(null).fetchRemote('k-1')).toEqual([]);
    expect(server.caseAttachments).not.toHaveBeenCalled();
  });
});
