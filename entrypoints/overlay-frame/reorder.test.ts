import { describe, expect, it } from 'vitest';
import type { KnowledgeSuggestion } from '../../lib/schema';
import { createSuggestionOrdering } from './reorder';

const item = (id: string): KnowledgeSuggestion => ({
  kind: 'article',
  id,
  title: `Article ${id}`,
  summary: '',
  reason: '',
  matchedTerms: [],
  insertText: id,
  pinned: false,
});
const ids = (list: readonly KnowledgeSuggestion[] | null) => list?.map((s) => s.id) ?? null;
const lexical = [item('a'), item('b'), item('c')];
const byMeaning = { page: 'p1', replaces: ['a', 'b', 'c'], suggestions: [item('c'), item('a'), item('b')] };

describe('the overlay frame’s suggestion order', () => {
  it('shows the re-order made for the page and list on screen', () => {
    const ordering = createSuggestionOrdering();
    expect(ids(ordering.answered('p1', lexical, []))).toEqual(['a', 'b', 'c']);
    expect(ids(ordering.pushed(byMeaning))).toEqual(['c', 'a', 'b']);
    expect(ordering.reordered).toBe(true);
  });

  it('takes a later re-order of the same list (more vectors had arrived) until the agent touches the list', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p1', lexical, []);
    const shown = ordering.pushed(byMeaning) ?? [];
    // A sync brought the vector b lacked: the same page asks again, the same lexical list comes, then the new re-order.
    expect(ids(ordering.answered('p1', lexical, shown))).toEqual(['c', 'a', 'b']);
    const better = { ...byMeaning, suggestions: [item('b'), item('c'), item('a')] };
    expect(ids(ordering.pushed(better))).toEqual(['b', 'c', 'a']);
    ordering.touch();
    expect(ordering.pushed(byMeaning)).toBeNull();
  });

  it('keeps the order once the agent has pointed at or focused the list', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p1', lexical, []);
    ordering.touch();
    expect(ordering.pushed(byMeaning)).toBeNull();
  });

  it('ignores a re-order made for another list or another page, and applies one that came before its list', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p1', [item('x'), item('y')], []);
    expect(ordering.pushed(byMeaning)).toBeNull();
    expect(ids(ordering.answered('p1', lexical, [item('x'), item('y')]))).toEqual(['c', 'a', 'b']);
    // The agent moved to another page whose lexical list has the same items: the first page's order is not its order.
    const fresh = createSuggestionOrdering();
    fresh.answered('p2', lexical, []);
    expect(fresh.pushed(byMeaning)).toBeNull();
  });

  it('keeps the re-ordered list when the same page’s answer comes again, and starts afresh for another page', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p1', lexical, []);
    const shown = ordering.pushed(byMeaning) ?? [];
    expect(ids(ordering.answered('p1', lexical, shown))).toEqual(['c', 'a', 'b']);
    ordering.touch();
    expect(ids(ordering.answered('p2', lexical, shown))).toEqual(['a', 'b', 'c']);
    expect(ids(ordering.pushed({ ...byMeaning, page: 'p2' }))).toEqual(['c', 'a', 'b']);
  });

  it('keeps the re-ordered order for the items still listed when a sync changes the same page’s answer, until its own re-order comes', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p1', lexical, []);
    const shown = ordering.pushed(byMeaning) ?? [];
    // A sync removed b and brought d: c stays before a, d keeps its lexical place.
    const synced = [item('a'), item('c'), item('d')];
    const kept = ordering.answered('p1', synced, shown);
    expect(ids(kept)).toEqual(['c', 'a', 'd']);
    expect(ids(ordering.pushed({ page: 'p1', replaces: ['a', 'c', 'd'], suggestions: [item('d'), item('c'), item('a')] }))).toEqual(['d', 'c', 'a']);
  });

  it('moves nothing for the same page once the agent has touched the list, whatever a sync brings', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p1', lexical, []);
    const shown = ordering.pushed(byMeaning) ?? [];
    ordering.touch();
    expect(ids(ordering.answered('p1', [item('a'), item('c'), item('d')], shown))).toEqual(['c', 'a', 'd']);
    expect(ordering.pushed({ page: 'p1', replaces: ['a', 'c', 'd'], suggestions: [item('d'), item('c'), item('a')] })).toBeNull();
  });

  it('applies the waiting re-order for its answer even when an older page’s re-order arrives after it', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered('p0', [item('x')], []);
    // p2's re-order beats p2's answer; p1's (a page the frame has left) comes later still.
    ordering.pushed({ ...byMeaning, page: 'p2' });
    ordering.pushed({ page: 'p1', replaces: ['b', 'a'], suggestions: [item('a'), item('b')] });
    expect(ids(ordering.answered('p2', lexical, [item('x')]))).toEqual(['c', 'a', 'b']);
  });
});
