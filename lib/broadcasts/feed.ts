// The overlay's broadcasts: asked of the background when the page's site is known and again after
// every sync (the background bumps `local:syncRevision`), so a broadcast pushed live shows at once.
// Runs in the overlay frame; it asks through the zod-free content client (the message is content-allowed).
import { computed, signal } from '@preact/signals';
import { storage } from 'wxt/utils/storage';
import { sendFromContent, sendFromFrame } from '../messaging/content';
import type { ActiveBroadcast } from '../schema/messages';

export const broadcasts = signal<ActiveBroadcast[]>([]);
/** `id@version` of broadcasts the agent dismissed; an edited broadcast shows again. */
export const dismissed = signal<string[]>([]);
const dismissedItem = storage.defineItem<string[]>('local:dismissedBroadcasts', { fallback: [] });

const keyOf = (b: { id: string; version: number }) => `${b.id}@${b.version}`;

export const visibleBroadcasts = computed(() => broadcasts.value.filter((b) => !dismissed.value.includes(keyOf(b))));

/** The active broadcasts for this site, or null when the background cannot say (the banner keeps what it shows). */
function fetchActive(site: string | null, host: string): Promise<ActiveBroadcast[] | null> {
  return sendFromContent('broadcasts.active', { site, host }).then(
    (reply) => reply.broadcasts,
    () => null,
  );
}

/** Keeps `broadcasts` current for this site and host (the page's, which the overlay frame is not on) until the returned function is called. */
export function watchBroadcasts(site: string | null, host: string): () => void {
  let stopped = false;
  let ticket = 0;
  const refresh = () => {
    const mine = ++ticket;
    void fetchActive(site, host).then((list) => {
      if (!stopped && mine === ticket && list) broadcasts.value = list;
    });
  };
  refresh();
  void dismissedItem.getValue().then((v) => (dismissed.value = v));
  const unwatchSync = storage.watch<number>('local:syncRevision', refresh);
  const unwatchDismissed = dismissedItem.watch((v) => (dismissed.value = v ?? []));
  // A broadcast starts or ends on the clock too, not only when something syncs.
  const timer = setInterval(refresh, 60_000);
  return () => {
    stopped = true;
    unwatchSync();
    unwatchDismissed();
    clearInterval(timer);
  };
}

export function dismissBroadcast(b: { id: string; version: number }): void {
  const live = new Set(broadcasts.value.map(keyOf));
  // Forget dismissals of broadcasts that are gone, so the list stays small.
  const next = [...dismissed.value.filter((k) => live.has(k)), keyOf(b)];
  dismissed.value = next;
  void dismissedItem.setValue(next);
}

/**
 * "Got it": hides the broadcast here and in every other view of this browser (as a dismissal does) and leaves a read
 * receipt with the background, which sends it after the next sync (lib/broadcasts/receipts.ts).
 */
export async function acknowledgeBroadcast(b: { id: string; version: number }): Promise<void> {
  await sendFromFrame('broadcasts.acknowledge', { broadcastId: b.id });
  dismissBroadcast(b);
}
