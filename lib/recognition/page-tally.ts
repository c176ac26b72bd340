// The content script's side of recognition health: on a record, ticket or thread page (the adapter's
// recordPage), whether any reading of it found an identity before it settled, reported once per visit
// (./health.ts counts it). Zod-free and DOM-free: it loads with every page view.
import type { PageContext, RecognitionLayer } from '../schema';
import type { RecognitionPage } from '../schema/recognition';
import type { SiteAdapter } from '../sites/types';

/** How long a record page may take to render its person before an identity-less page counts as a miss. */
export const SETTLE_MS = 4000;

interface Visit {
  url: string;
  site: string;
  recognised: boolean;
  named: boolean;
  found: Set<RecognitionLayer>;
  cancel(): void;
}

export interface PageTallyDeps {
  report(page: RecognitionPage): void;
  /** Calls done once the page had time to settle; returns a cancel. */
  settle(done: () => void): () => void;
}

export function createPageTally({ report, settle }: PageTallyDeps) {
  let visit: Visit | null = null;
  // The address of the visit reported last: re-reads of the same page after it settled are the same visit.
  let reportedUrl: string | null = null;

  const finish = () => {
    if (!visit) return;
    const { url, site, recognised, named, found, cancel } = visit;
    visit = null;
    reportedUrl = url;
    cancel();
    report({ site, url, recognised, named, found: [...found] });
  };

  return {
    /** Every reading of the page: the adapter that reads it, the address, and what the reading found. */
    observe(adapter: Pick<SiteAdapter, 'name' | 'recordPage'>, url: URL, context: PageContext | null): void {
      if (visit && visit.url !== url.href) finish();
      if (!visit) {
        if (url.href === reportedUrl || !adapter.recordPage?.(url)) return;
        visit = { url: url.href, site: adapter.name, recognised: false, named: false, found: new Set(), cancel: () => undefined };
        visit.cancel = settle(finish);
      }
      if (!context) return;
      if (context.identities.length > 0) visit.recognised = true;
      if (context.displayName) visit.named = true;
      for (const e of context.evidence ?? []) visit.found.add(e.layer);
      // Identities without evidence (an adapter that reports none) were the adapter's own reading.
      if (context.identities.length > 0 && !context.evidence?.length) visit.found.add('adapter');
    },
    /** The page goes away: report the visit as it stands. */
    finish,
  };
}
