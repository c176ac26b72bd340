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
