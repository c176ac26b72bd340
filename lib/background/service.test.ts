import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { createFrameHub } from '../context/frames';
import type { TabContext } from '../context/tab-contexts';
import { applyChanges } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import type { CaptureInput, Change, MutationEnvelope, SyncStatus } from '../schema';
import { MESSAGES } from '../schema/messages';
import { fakeApi, signInAnswer } from '../session/test-fixtures';
import { createBackgroundService } from './service';

const db = useTestDatabase();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A server that signs Ana in, stores every push and has nothing else to say. */
function fakeServer() {
  const pushed: MutationEnvelope[] = [];
  const api: Partial<ApiClient> = {
    signIn: async () => signInAnswer('u-ana'),
    signOut: async () => ({ ok: true as const }),
    pull: async (cursor) => ({ changes: [], cursor, hasMore: false }),
    push: async (mutations) => {
      pushed.push(...mutations);
      return {
        results: mutations.map((m) => ({
          mutationId: m.id,
          status: 'applied' as const,
          replayed: false,
          change: {
            entity: m.entity,
            seq: pushed.length,
            record: { ...m.data, id: m.recordId, version: 1, updatedAt: '2026-11-20T09:00:00.000Z', deleted: false },
          } as Change,
        })),
      };
    },
    usage: async () => ({ accepted: 0, duplicates: 0 }),
    slaPolicies: async () => Promise.reject(new Error('not offered')),
    siteRules: async () => ({ rules: [] }),
    orgHosts: async () => ({ hosts: ['tandemdemo.zendesk.com'] }),
    live: async (signal) => new Response(new ReadableStream({ start: (c) => signal.addEventListener('abort', () => c.close()) }), { status: 200 }),
  };
  return { api, pushed };
}

function setup(onOrgHosts?: (hosts: readonly string[]) => Promise<void>) {
  const server = fakeServer();
  let backendUrl = 'https://tandem.example';
  const tabs = new Map<number, TabContext>();
  const statuses: SyncStatus[] = [];
  const service = createBackgroundService({
    db: db(),
    getBackendUrl: async () => backendUrl,
    setBackendUrl: async (url) => {
      backendUrl = url;
    },
    tabContexts: {
      get: async (tabId) => tabs.get(tabId) ?? null,
      set: async (tabId, value) => void tabs.set(tabId, value),
      clear: async (tabId) => void tabs.delete(tabId),
    },
    frames: createFrameHub(),
    toPage: async () => ({ ok: true }),
    createApi: () => fakeApi(server.api),
    now: () => new Date('2026-11-20T09:00:00.000Z'),
    random: () => 0,
    onSynced: (status) => statuses.push(status),
    onOrgHosts,
  });
  return { service, server, statuses };
}

const capture: CaptureInput = {
  site: 'twitter',
  channel: 'twitter',
  visibility: 'public',
  identities: [{ kind: 'twitter', value: 'jane_doe' }],
  authorName: 'Jane Doe',
  text: 'My eSIM stopped working',
  url: 'https://x.com/jane_doe/status/1',
  externalId: '1',
  postedAt: null,
  pageTitle: null,
  subject: 'eSIM stopped working',
  priority: 'high',
  tags: [],
};

describe('the background service', () => {
  it('answers every message the protocol declares', () => {
    const { service } = setup();
    expect(Object.keys(service.handlers).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  it('signs in, captures a case the server then has, and signs out', async () => {
    const { service, server, statuses } = setup();
    const { handlers } = service;
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane', { name: 'Jane Doe', identities: [{ kind: 'twitter', value: 'jane_doe' }] }) },
    ]);

    expect(await handlers['auth.signIn']({ backendUrl: 'https://tandem.example', email: 'ana@tandem.test', password: 'secret' }, {})).toMatchObject({
      signedIn: true,
      user: { id: 'u-ana' },
    });
    const created = await handlers['capture.create']({ capture }, { tab: { id: 3 } });
    expect(created).toMatchObject({ status: 'created', customerName: 'Jane Doe', pending: true });

    await vi.waitFor(() => expect(server.pushed.map((m) => `${m.entity}:${m.op}`)).toEqual(['cases:create', 'interactions:create']));
    await vi.waitFor(async () =>
      expect(await handlers['capture.find']({ site: 'twitter', externalId: '1' }, {})).toEqual({ caseId: created.caseId, pending: false }),
    );
    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ pending: 0, live: true }));

    expect(await handlers['auth.signOut']({ discardUnsynced: false }, {})).toMatchObject({ signedIn: false, live: false, counts: { cases: 0 } });
  });

  it('hands on the organisation’s CRM hosts with each sync, and none once signed out', async () => {
    const received: (readonly string[])[] = [];
    const { service } = setup(async (hosts) => void received.push(hosts));
    await service.handlers['auth.signIn']({ backendUrl: 'https://tandem.example', email: 'ana@tandem.test', password: 'secret' }, {});
    await vi.waitFor(() => expect(received.at(-1)).toEqual(['tandemdemo.zendesk.com']));
    await service.handlers['auth.signOut']({ discardUnsynced: false }, {});
    await vi.waitFor(() => expect(received.at(-1)).toEqual([]));
  });
});
