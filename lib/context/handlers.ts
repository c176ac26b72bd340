import type { TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import type { PageContext } from '../schema';
import { createLookupBudget } from './lookup-budget';
import { forOverlay, resolveContext } from './resolve';
import type { TabContextStore } from './tab-contexts';

export interface ContextHandlerDeps {
  db: TandemDatabase;
  tabContexts: TabContextStore;
  /** Told of every page a content script reports (best effort; its failure does not fail the report). */
  onPageContext(context: PageContext): Promise<void>;
  /** Told when a customer's card is shown: resolved on a page, or opened in the side panel (the access log's, lib/privacy). */
  onCardOpened?(customerId: string, surface: 'page' | 'sidepanel', site: string | null): Promise<void>;
  now?: () => Date;
}

/**
 * Who the page is about: answered to the overlay as it reports (within the tab's lookup budget, and
 * no more than the overlay shows), and to the side panel for its tab (everything: the agent opened it).
 */
export function createContextHandlers({
  db,
  tabContexts,
  onPageContext,
  onCardOpened = async () => undefined,
  now = () => new Date(),
}: ContextHandlerDeps): Pick<Handlers, 'context.report' | 'context.forTab'> {
  const budget = createLookupBudget({ now });
  return {
    'context.report': async ({ context }, sender) => {
      void onPageContext(context).catch(() => undefined);
      const tabId = sender.tab?.id;
      const resolution = await resolveContext(db, context, (person) => tabId === undefined || budget.allows(tabId, person));
      if (tabId !== undefined) await tabContexts.set(tabId, { context, resolution });
      if (resolution.status === 'matched') void onCardOpened(resolution.view.customer.id, 'page', context.site).catch(() => undefined);
      return forOverlay(resolution);
    },
    'context.forTab': async ({ tabId }) => {
      const stored = await tabContexts.get(tabId);
      if (!stored) return { context: null, resolution: null };
      // Re-resolve so the side panel sees what a sync has brought since the page reported.
      const resolution = await resolveContext(db, stored.context);
      if (resolution.status === 'matched') void onCardOpened(resolution.view.customer.id, 'sidepanel', stored.context.site).catch(() => undefined);
      return { context: stored.context, resolution };
    },
  };
}
