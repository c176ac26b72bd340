import type { KnowledgeSuggestion } from '../../lib/schema';

/** The semantic stage's re-order of a lexical answer (lib/knowledge/semantic/), as the background pushes it. */
export interface SuggestionOrder {
  /** The page it was made for (lib/knowledge/semantic/page-key.ts). */
  page: string;
  /** The ids of the lexical list it re-orders, in that list's order. */
  replaces: readonly string[];
  suggestions: KnowledgeSuggestion[];
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
const idsOf = (list: readonly KnowledgeSuggestion[]) => list.map((s) => s.id);

/**
 * Which list the frame shows as lexical answers and re-orders arrive. A re-order applies only to the page and lexical
 * list it was made for (one that arrives first waits for it), and never once the agent has pointed at, focused or used
 * the list: a row must not move under the pointer so that a click lands on another. The same lexical answer again for
 * the same page (a sync asks anew) keeps the order on screen rather than flicking back and forth.
 */
export function createSuggestionOrdering() {
  let lexical: string[] = [];
  let page = '';
  let reordered = false;
  let touched = false;
  let waiting: SuggestionOrder | null = null;
  return {
    /** A lexical answer for `forPage` arrived while `shown` is on screen: the list to show. */
    answered(forPage: string, found: KnowledgeSuggestion[], shown: KnowledgeSuggestion[]): KnowledgeSuggestion[] {
      const ids = idsOf(found);
      if (reordered && forPage === page && sameIds(ids, lexical)) return shown;
      lexical = ids;
      page = forPage;
      reordered = false;
      touched = false;
      const early = waiting;
      waiting = null;
      if (early && early.page === forPage && sameIds(early.replaces, ids)) {
        reordered = true;
        return early.suggestions;
      }
      return found;
    },
    /** A re-order arrived: the list to show instead, or null to leave the list as it is. */
    pushed(order: SuggestionOrder): KnowledgeSuggestion[] | null {
      if (order.page !== page || !sameIds(order.replaces, lexical)) {
        waiting = order;
        return null;
      }
      if (touched || reordered) return null;
      reordered = true;
      return order.suggestions;
    },
    /** The agent pointed at, focused or used the list: its order stays until the next page's answer. */
    touch(): void {
      touched = true;
    },
    get reordered(): boolean {
      return reordered;
    },
  };
}
