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
 * A new answer's items with those already on screen kept in their on-screen order: they take, among themselves, the
 * places they hold in the new answer (as the semantic re-order does with items that have a vector), so an item new to
 * the list keeps its lexical place and no item still shown moves past another. The new answer's items are used (a
 * sync may have changed a title).
 */
export function keepOrderOnScreen(found: readonly KnowledgeSuggestion[], shown: readonly KnowledgeSuggestion[]): KnowledgeSuggestion[] {
  const onScreen = new Map(shown.map((s, i) => [s.id, i]));
  const slots: number[] = [];
  found.forEach((s, i) => {
    if (onScreen.has(s.id)) slots.push(i);
  });
  const kept = slots.map((i) => found[i] as KnowledgeSuggestion).sort((a, b) => (onScreen.get(a.id) as number) - (onScreen.get(b.id) as number));
  const out = [...found];
  slots.forEach((slot, n) => {
    out[slot] = kept[n] as KnowledgeSuggestion;
  });
  return out;
}

/**
 * Which list the frame shows as lexical answers and re-orders arrive. A re-order applies only to the page and lexical
 * list it was made for (one that arrives first waits for it; a later one for the same list replaces it, as it knows more
 * vectors), and never once the agent has pointed at, focused or used the list: a row must not move under the pointer
 * so that a click lands on another. A new answer for the same page
 * (a sync asks anew) keeps the items still listed in the order on screen until that answer's own re-order comes, so
 * the list does not flick back to the lexical order for a moment.
 */
export function createSuggestionOrdering() {
  let lexical: string[] = [];
  let page = '';
  let reordered = false;
  let touched = false;
  /** Re-orders that came before their lexical answer, newest last (a few: answers and re-orders may cross). */
  let waiting: SuggestionOrder[] = [];
  const takeWaiting = (forPage: string, ids: readonly string[]) => {
    const early = waiting.findLast((o) => o.page === forPage && sameIds(o.replaces, ids)) ?? null;
    waiting = waiting.filter((o) => o.page === forPage && o !== early);
    return early;
  };
  return {
    /** A lexical answer for `forPage` arrived while `shown` is on screen: the list to show. */
    answered(forPage: string, found: KnowledgeSuggestion[], shown: KnowledgeSuggestion[]): KnowledgeSuggestion[] {
      const ids = idsOf(found);
      if (forPage === page) {
        // The same page asked again: the same list keeps what is shown; a changed one keeps the order of what stays.
        if (sameIds(ids, lexical)) return reordered || touched ? keepOrderOnScreen(found, shown) : found;
        lexical = ids;
        const early = touched ? null : takeWaiting(forPage, ids);
        reordered = early !== null;
        if (early) return early.suggestions;
        return keepOrderOnScreen(found, shown);
      }
      lexical = ids;
      page = forPage;
      reordered = false;
      touched = false;
      const early = takeWaiting(forPage, ids);
      if (early) {
        reordered = true;
        return early.suggestions;
      }
      return found;
    },
    /** A re-order arrived: the list to show instead, or null to leave the list as it is. */
    pushed(order: SuggestionOrder): KnowledgeSuggestion[] | null {
      if (order.page !== page || !sameIds(order.replaces, lexical)) {
        waiting = [...waiting.slice(-3), order];
        return null;
      }
      // A later re-order of the same list replaces an earlier one: vectors reach the agent by sync, so the first re-order
      // may have ranked items whose vectors had not arrived yet as if they were unrelated.
      if (touched) return null;
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
    /** The page whose answer is on screen (bench/knowledge/semantic-wired.ts tells a new page's list by it). */
    get page(): string {
      return page;
    },
  };
}
