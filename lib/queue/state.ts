// The queue pages' state: the queue kept up to date by the background's deltas, the agent's filters and selection, and the actions.
import { computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { send } from '../messaging/browser';
import { MessageError } from '../messaging/dispatch';
import type { QueueCase, QueueChanges, QueueSurroundings } from '../schema/queue';
import { PRESENCE_TTL_MS } from '../schema/queue';
import { now } from '../ui/clock';
import { NO_FILTERS, type QueueFilters } from './filters';
import { createFrameBatch } from './frame-batch';
import { moveSelection, type QueueCommand } from './keyboard';
import { createQueueModel } from './model';
import { orderRows, type QueueOrder } from './sort-effort';
import { nameIndex, presenceByCase } from './view';

/** The rows, applied delta by delta (lib/queue/model.ts); `rowsRevision` moves when they change. */
const model = createQueueModel();
const rowsRevision = signal(0);
/** Who the agent is, teammates, presence, live: everything of the queue but its rows. Null until the first answer. */
export const surroundings = signal<QueueSurroundings | null>(null);
export const filters = signal<QueueFilters>(NO_FILTERS);
/** The order the agent picked on the queue page (lib/queue/sort-effort.ts); the keyboard moves in it too. */
export const queueOrder = signal<QueueOrder>('deadline');
export const selectedId = signal<string | null>(null);
/** The case the agent opened last (their presence is kept alive for it while the page is open). */
export const openedId = signal<string | null>(null);
export const message = signal<string | null>(null);

export const meId = computed(() => surroundings.value?.me?.id ?? null);
// The order only changes when a deadline passes, so re-sort once a minute rather than on every countdown tick.
const minute = computed(() => Math.floor(now.value.getTime() / 60_000));
export const view = computed(() => {
  void minute.value;
  void rowsRevision.value;
  const base = model.view(filters.value, meId.value, now.peek());
  return { ...base, rows: orderRows(base.rows, queueOrder.value) };
});
export const names = computed(() => nameIndex(surroundings.value));
export const presence = computed(() => presenceByCase(surroundings.value?.presence ?? [], meId.value, now.value));
export const selected = computed(() => view.value.rows.find((c) => c.id === selectedId.value) ?? null);

/** Replaced only when they differ, so rows that read names or presence are not all re-rendered by a row's change. */
function setSurroundings(next: QueueSurroundings): void {
  if (JSON.stringify(next) !== JSON.stringify(surroundings.peek())) surroundings.value = next;
}

/**
 * The view is rebuilt and the page re-rendered once per animation frame, however many answers arrived in it (a burst
 * of live changes: a bulk reassign, a reconnect). The rAF callback runs before that frame's paint, so nothing shows
 * later; the timer covers a hidden page, whose frames do not run.
 */
const scheduleViewOnce = createFrameBatch(() => (rowsRevision.value += 1));

/** Applies one answer of the background to the rows at once; false when it was a delta this page cannot apply (one was missed). */
export function applyChanges(changes: QueueChanges): boolean {
  if (!model.receive(changes)) return false;
  // A delta carries them only when they changed since this page's version.
  const around = changes.kind === 'snapshot' ? changes.snapshot : changes.surroundings;
  if (around) setSurroundings({ me: around.me, presence: around.presence, teammates: around.teammates, live: around.live });
  scheduleViewOnce();
  return true;
}

let loading: Promise<void> | null = null;
let again = false;

/** Brings the queue up to date: the rows changed since this page's version, or a snapshot when a delta was missed. One at a time. */
export async function loadQueue(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    do {
      again = false;
      try {
        const changes = await send('queue.changes', { after: model.position() });
        if (!applyChanges(changes)) applyChanges(await send('queue.changes', { after: null }));
      } catch (error) {
        message.value = error instanceof Error ? error.message : String(error);
      }
    } while (again);
  })();
  try {
    await loading;
  } finally {
    loading = null;
  }
}

function say(error: unknown): void {
  message.value = error instanceof MessageError || error instanceof Error ? error.message : String(error);
}

export async function assign(c: QueueCase, assigneeId: string | null, force = false): Promise<void> {
  message.value = null;
  try {
    await send('queue.assign', { caseId: c.id, assigneeId, force });
  } catch (error) {
    if (error instanceof MessageError && error.code === 'claimed' && assigneeId !== null) {
      // Someone else holds it: take it only if the agent says so.
      if (globalThis.confirm(`${error.message} Take it over?`)) return assign(c, assigneeId, true);
      message.value = error.message;
      return;
    }
    say(error);
  }
  await loadQueue();
}

export const claim = (c: QueueCase) => (meId.value ? assign(c, meId.value) : Promise.resolve());
export const release = (c: QueueCase) => assign(c, null);

/** Opens the case's source (the tweet, the post, the ticket) in a tab; the overlay there shows the customer. */
export async function openCase(c: QueueCase): Promise<void> {
  selectedId.value = c.id;
  openedId.value = c.id;
  void send('queue.presence', { caseId: c.id, state: 'viewing' }).catch(() => undefined);
  // The access log: the agent opened this customer's case from the queue (docs/privacy.md).
  const opened = { type: 'card_opened', itemKind: 'customer', itemId: c.customerId, site: c.source.site, surface: 'queue' } as const;
  void send('usage.record', { events: [opened] }).catch(() => undefined);
  if (c.source.url) await browser.tabs.create({ url: c.source.url, active: true });
  else message.value = 'This case has no source page to open.';
}

/** Replying to a case someone else has claimed asks first. */
export async function replyTo(c: QueueCase): Promise<boolean> {
  const holder = c.assigneeId && c.assigneeId !== meId.value ? (names.value.get(c.assigneeId) ?? c.assigneeId) : null;
  if (holder && !globalThis.confirm(`${holder} has claimed this case. Reply anyway?`)) return false;
  openedId.value = c.id;
  void send('queue.presence', { caseId: c.id, state: 'replying' }).catch(() => undefined);
  if (c.source.url) await browser.tabs.create({ url: c.source.url, active: true });
  return true;
}

export async function dismissConflict(c: QueueCase): Promise<void> {
  if (!c.claimConflict) return;
  await send('conflicts.resolve', { mutationId: c.claimConflict.mutationId, keep: 'server' }).catch(say);
  await loadQueue();
}

export function runCommand(command: QueueCommand): void {
  const rows = view.value.rows;
  const current = selected.value;
  switch (command) {
    case 'next':
    case 'previous':
      selectedId.value = moveSelection(
        rows.map((r) => r.id),
        selectedId.value,
        command === 'next' ? 1 : -1,
      );
      return;
    case 'open':
      if (current) void openCase(current);
      return;
    case 'claim':
      if (current) void claim(current);
      return;
    case 'release':
      if (current && current.assigneeId === meId.value) void release(current);
      return;
    case 'reply':
      if (current) void replyTo(current);
      return;
  }
}

/** Keeps the agent's presence on the opened case alive while the page is open; says "left" when it closes. */
export function keepPresence(): () => void {
  const timer = setInterval(() => {
    if (openedId.value) void send('queue.presence', { caseId: openedId.value, state: 'viewing' }).catch(() => undefined);
  }, PRESENCE_TTL_MS / 2);
  const leave = () => {
    if (openedId.value) void send('queue.presence', { caseId: openedId.value, state: 'left' }).catch(() => undefined);
  };
  globalThis.addEventListener('pagehide', leave);
  return () => {
    clearInterval(timer);
    globalThis.removeEventListener('pagehide', leave);
  };
}
