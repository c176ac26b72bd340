/**
 * How many distinct people one tab may look up per minute. A page that plants identities in its own
 * DOM (a list of emails, a requester field it rewrites) would otherwise enumerate the team's
 * customers through the overlay; an agent moving through tickets opens far fewer than five people a
 * minute in one tab. Past it, the tab looks nobody new up until the oldest lookup is a minute old.
 */
export const LOOKUPS_PER_MINUTE = 5;
const WINDOW_MS = 60_000;

/** Per-tab memory of who was looked up when; only the background holds it (a restarted worker starts afresh). */
export function createLookupBudget({ now, perMinute = LOOKUPS_PER_MINUTE }: { now: () => Date; perMinute?: number }) {
  /** Per tab: each person's key and when it was first looked up in the current window. */
  const tabs = new Map<number, Map<string, number>>();
  return {
    /** Whether this tab may look this person up now; a new person is counted against the tab's budget. The same person again is free. */
    allows(tabId: number, person: string): boolean {
      const at = now().getTime();
      const seen = tabs.get(tabId) ?? new Map<string, number>();
      for (const [key, since] of seen) if (at - since >= WINDOW_MS) seen.delete(key);
      if (seen.has(person)) return true;
      if (seen.size >= perMinute) return false;
      seen.set(person, at);
      tabs.set(tabId, seen);
      return true;
    },
  };
}
export type LookupBudget = ReturnType<typeof createLookupBudget>;
