import type { TandemDatabase } from '../db';
import type { PageContext, Resolution } from '../schema';
import { resolveContext } from './resolve';

/** What a tab's page last reported, and who it was found to be about. */
export interface TabContext {
  context: PageContext;
  resolution: Resolution;
}

/** Where each tab's latest context is kept so the side panel, the overlay frame (and a restarted worker) can read it. */
export interface TabContextStore {
  get(tabId: number): Promise<TabContext | null>;
  set(tabId: number, value: TabContext): Promise<void>;
  /** The tab's page shows nobody now (or the tab closed). */
  clear(tabId: number): Promise<void>;
}

/**
 * The resolution the tab stored for this very page, else a fresh one from the cache, asking
 * `mayLookUp` (the tab's lookup budget) first.
 */
export async function resolutionForTab(
  db: TandemDatabase,
  tabContexts: TabContextStore,
  context: PageContext,
  tabId: number | undefined,
  mayLookUp?: (person: string) => boolean,
): Promise<Resolution> {
  const stored = tabId === undefined ? null : await tabContexts.get(tabId);
  return stored && stored.context.url === context.url ? stored.resolution : resolveContext(db, context, mayLookUp);
}

/**
 * A write-through copy in the worker's memory over a persistent store (session storage): while the worker lives, the
 * overlay's state is read from memory and the page's report does not wait for the store (two storage round trips on
 * the way from "page read" to "overlay shown"). A restarted worker starts empty and reads the store. Writes reach the
 * store in the order they were made; a failed write only costs a restarted worker its copy (the page reports again).
 */
export function inMemoryFirst(store: TabContextStore): TabContextStore {
  const tabs = new Map<number, TabContext | null>();
  return {
    async get(tabId) {
      if (tabs.has(tabId)) return tabs.get(tabId) ?? null;
      const stored = await store.get(tabId);
      // A set or clear made while the store was read wins over what it read.
      if (!tabs.has(tabId)) tabs.set(tabId, stored);
      return tabs.get(tabId) ?? null;
    },
    async set(tabId, value) {
      tabs.set(tabId, value);
      void store.set(tabId, value).catch(() => undefined);
    },
    async clear(tabId) {
      tabs.set(tabId, null);
      // Once the store has it too, a closed tab leaves nothing behind here (unless set again meanwhile).
      void store.clear(tabId).then(
        () => tabs.get(tabId) === null && tabs.delete(tabId),
        () => undefined,
      );
    },
  };
}
