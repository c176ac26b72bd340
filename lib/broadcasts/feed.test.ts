import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import type { ActiveBroadcast } from '../schema/messages';
import { acknowledgeBroadcast, dismissBroadcast, visibleBroadcasts, watchBroadcasts } from './feed';

const broadcast = (id: string, version: number): ActiveBroadcast => ({
  id,
  version,
  updatedAt: '2026-11-20T09:00:00.000Z',
  deleted: false,
  title: `Outage ${id}`,
  message: '',
  severity: 'major',
  startsAt: '2026-11-20T09:00:00.000Z',
  endsAt: null,
  suggestedSnippetId: null,
  suggestedSnippetTitle: null,
  targeting: { teamIds: [], sites: [], tags: [] },
});

const shown = () => visibleBroadcasts.value.map((b) => `${b.id}@${b.version}`);

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('location', { hostname: 'tandemdemo.zendesk.com' });
});
afterEach(() => vi.unstubAllGlobals());

describe('the overlay broadcast feed', () => {
  it('shows what the background answers, hides a dismissed broadcast until it is edited, and asks again after each sync', async () => {
    let active = [broadcast('bc-berlin', 1), broadcast('bc-billing', 1)];
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      asked.push(message);
      return { ok: true, value: { broadcasts: active } };
    });
    const stop = watchBroadcasts('zendesk', 'tandemdemo.zendesk.com');
    await vi.waitFor(() => expect(shown()).toEqual(['bc-berlin@1', 'bc-billing@1']));
    expect(asked[0]).toEqual({ name: 'broadcasts.active', payload: { site: 'zendesk', host: 'tandemdemo.zendesk.com' } });

    dismissBroadcast(active[0]!);
    expect(shown()).toEqual(['bc-billing@1']);

    active = [broadcast('bc-berlin', 2), broadcast('bc-billing', 1)];
    await storage.setItem('local:syncRevision', 1);
    await vi.waitFor(() => expect(shown()).toEqual(['bc-berlin@2', 'bc-billing@1']));
    stop();
  });

  it('keeps what it shows when the background refuses', async () => {
    let refuse = false;
    let asked = 0;
    fakeBrowser.runtime.onMessage.addListener(async () => {
      asked++;
      return refuse ? { ok: false, error: { code: 'internal', message: 'Database closed.' } } : { ok: true, value: { broadcasts: [broadcast('bc-1', 1)] } };
    });
    const stop = watchBroadcasts(null, 'tandemdemo.zendesk.com');
    await vi.waitFor(() => expect(shown()).toEqual(['bc-1@1']));
    refuse = true;
    await storage.setItem('local:syncRevision', 2);
    await vi.waitFor(() => expect(asked).toBe(2));
    await Promise.resolve();
    expect(shown()).toEqual(['bc-1@1']);
    stop();
  });

  it('"Got it" leaves a read receipt with the background and hides the broadcast', async () => {
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      asked.push(message);
      return {
        ok: true,
        value: (message as { name: string }).name === 'broadcasts.active' ? { broadcasts: [broadcast('bc-ack', 1), broadcast('bc-other', 1)] } : { kept: true },
      };
    });
    const stop = watchBroadcasts(null, 'tandemdemo.zendesk.com');
    await vi.waitFor(() => expect(shown()).toContain('bc-ack@1'));
    await acknowledgeBroadcast(visibleBroadcasts.value.find((b) => b.id === 'bc-ack')!);
    expect(asked).toContainEqual({ name: 'broadcasts.acknowledge', payload: { broadcastId: 'bc-ack' } });
    expect(shown()).toEqual(['bc-other@1']);
    stop();
  });
});
