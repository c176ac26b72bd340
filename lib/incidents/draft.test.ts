import { describe, expect, it } from 'vitest';
import type { Snippet } from '../schema/entities';
import type { Incident } from '../schema/incidents';
import { broadcastDraft, suggestedSnippet } from './draft';

const incident: Incident = {
  id: 'inc-1',
  teamId: 'team-care',
  terms: ['leeds', 'signal', 'phone'],
  caseIds: ['case-1', 'case-2'],
  contacts: 6,
  expected: 0.2,
  firstAt: '2026-11-20T16:05:00.000Z',
  detectedAt: '2026-11-20T16:12:00.000Z',
  lastAt: '2026-11-20T16:12:00.000Z',
  status: 'open',
  broadcastId: null,
  closedAt: null,
  followUps: 0,
  workaround: null,
};

const snippet = (id: string, title: string, body: string, tags: string[], extra: Partial<Snippet> = {}): Snippet => ({
  id,
  version: 1,
  updatedAt: '2026-11-20T00:00:00.000Z',
  deleted: false,
  title,
  shortcut: `;${id}`,
  body,
  tags,
  language: 'en',
  status: 'published',
  targeting: { teamIds: [], sites: [], tags: [] },
  ...extra,
});

describe('the broadcast made of a possible incident', () => {
  it('is prefilled from the cluster: its terms, how many people, since when', () => {
    const draft = broadcastDraft(incident, []);
    expect(draft).toMatchObject({ title: 'Possible incident: Leeds · Signal · Phone', severity: 'major', teamId: 'team-care', suggestedSnippetId: null });
    expect(draft.message).toContain('6 customers have written about "leeds signal phone" since 16:05 UTC');
  });

  it('offers the workaround agents shared before a generic outage reply, and a matching one before an unrelated one', () => {
    const generic = snippet('outage', 'Known outage', 'There is a known network fault in your area.', ['outage']);
    const workaround = snippet('wifi', 'No signal: use Wi-Fi Calling', 'Turn on Wi-Fi Calling while the signal is down.', ['workaround']);
    const refund = snippet('refund', 'Refund approved', 'Your refund has been approved.', ['refunds']);
    expect(suggestedSnippet(incident, [refund, generic])?.id).toBe('outage');
    expect(suggestedSnippet(incident, [refund, generic, workaround])?.id).toBe('wifi');
    expect(suggestedSnippet(incident, [refund])).toBeNull();
    expect(broadcastDraft(incident, [generic, workaround])).toMatchObject({
      suggestedSnippetId: 'wifi',
      suggestedSnippetTitle: 'No signal: use Wi-Fi Calling',
      workaround: 'Turn on Wi-Fi Calling while the signal is down.',
    });
    // An outage reply is what to say, not a workaround: nothing to note on the cases.
    expect(broadcastDraft(incident, [generic, refund]).workaround).toBeNull();
  });

  it('never suggests a draft, archived or another team’s snippet', () => {
    const others = snippet('billing', 'Signal outage in Leeds', 'signal leeds', ['outage'], { targeting: { teamIds: ['team-billing'], sites: [], tags: [] } });
    const draft = snippet('draft', 'Signal outage in Leeds', 'signal leeds', ['outage'], { status: 'draft' });
    expect(suggestedSnippet(incident, [others, draft])).toBeNull();
  });
});
