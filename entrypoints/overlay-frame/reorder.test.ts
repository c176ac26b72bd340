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
const byMeaning = { replaces: ['a', 'b', 'c'], suggestions: [item('c'), item('a'), item('b')] };

describe('the overlay frame’s suggestion order', () => {
  it('shows the re-order made for the list on screen', () => {
    const ordering = createSuggestionOrdering();
    const shown = ordering.answered(lexical, []);
    expect(ids(shown)).toEqual(['a', 'b', 'c']);
    expect(ids(ordering.pushed(byMeaning))).toEqual(['c', 'a', 'b']);
    expect(ordering.reordered).toBe(true);
  });

  it('keeps the order once the agent has pointed at or focused the list', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered(lexical, []);
    ordering.touch();
    expect(ordering.pushed(byMeaning)).toBeNull();
  });

  it('ignores a re-order made for another list, and applies one that came before its list', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered([item('x'), item('y')], []);
    expect(ordering.pushed(byMeaning)).toBeNull();
    expect(ids(ordering.answered(lexical, [item('x'), item('y')]))).toEqual(['c', 'a', 'b']);
  });

  it('keeps the re-ordered list when the same lexical answer comes again, and starts afresh for a new one', () => {
    const ordering = createSuggestionOrdering();
    ordering.answered(lexical, []);
    const shown = ordering.pushed(byMeaning) ?? [];
    expect(ids(ordering.answered(lexical, shown))).toEqual(['c', 'a', 'b']);
    ordering.touch();
    expect(ids(ordering.answered([item('d'), item('a')], shown))).toEqual(['d', 'a']);
    expect(ids(ordering.pushed({ replaces: ['d', 'a'], suggestions: [item('a'), item('d')] }))).toEqual(['a', 'd']);
  });
});
