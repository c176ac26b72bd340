import { describe, expect, it } from 'vitest';
import type { Case, Snippet } from '../schema/entities';
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

describe("agents' workaround notes on the incident's cases", () => {
  const kase = (id: string, notes: Case['notes'], extra: Partial<Case> = {}): Case => ({
    id,
    version: 2,
    updatedAt: '2026-11-20T16:20:00.000Z',
    deleted: false,
    teamId: 'team-care',
    customerId: `cust-${id}`,
    subject: 'No signal in Leeds',
    status: 'open',
    priority: 'normal',
    channel: 'twitter',
    slaDueAt: null,
    assigneeId: null,
    tags: [],
    source: { url: null, site: 'twitter', externalId: null, pageTitle: null },
    createdAt: '2026-11-20T16:05:00.000Z',
    notes,
    ...extra,
  });
  const note = (kind: 'workaround' | 'note', text: string, createdAt: string, incidentId: string | null = null) => ({ kind, text, incidentId, createdAt });
  const wifi = snippet('wifi', 'No signal: use Wi-Fi Calling', 'Turn on Wi-Fi Calling while the signal is down.', ['workaround']);

  it('offers them besides the snippet, newest first, once per text, and only from the matching cases of the team', () => {
    const cases = [
      kase('case-1', [
        note('workaround', 'Restart in airplane mode for 10 s.', '2026-11-20T16:10:00.000Z'),
        note('note', 'Customer is upset.', '2026-11-20T16:11:00.000Z'),
      ]),
      kase('case-2', [
        note('workaround', 'Switch the network to 3G.', '2026-11-20T16:14:00.000Z'),
        note('workaround', 'Restart in airplane mode for 10 s.', '2026-11-20T16:12:00.000Z'),
      ]),
      kase('case-other', [note('workaround', 'Unrelated case note.', '2026-11-20T16:20:00.000Z')]),
      kase('case-1b', [note('workaround', 'Another team.', '2026-11-20T16:20:00.000Z')], { teamId: 'team-sales' }),
    ];
    const draft = broadcastDraft({ ...incident, caseIds: ['case-1', 'case-2', 'case-1b'] }, [wifi], cases);
    expect(draft.workarounds).toEqual([
      { source: 'snippet', text: 'Turn on Wi-Fi Calling while the signal is down.', caseId: null, createdAt: null },
      { source: 'case', text: 'Switch the network to 3G.', caseId: 'case-2', createdAt: '2026-11-20T16:14:00.000Z' },
      { source: 'case', text: 'Restart in airplane mode for 10 s.', caseId: 'case-2', createdAt: '2026-11-20T16:12:00.000Z' },
    ]);
    expect(draft.workaround).toBe('Turn on Wi-Fi Calling while the signal is down.');
  });

  it("makes an agent's note the default workaround when no snippet is tagged workaround; a broadcast incident's own note is not offered", () => {
    const cases = [
      kase('case-1', [
        note('workaround', 'Noted by the server from an earlier incident.', '2026-11-20T16:30:00.000Z', 'inc-0'),
        note('workaround', 'Switch the network to 3G.', '2026-11-20T16:14:00.000Z'),
      ]),
    ];
    const draft = broadcastDraft(incident, [], cases);
    expect(draft.workarounds.map((o) => o.text)).toEqual(['Switch the network to 3G.']);
    expect(draft.workaround).toBe('Switch the network to 3G.');
    expect(broadcastDraft(incident, [], []).workarounds).toEqual([]);
  });

  it("never carries the customer's identity", () => {
    const cases = [kase('case-1', [note('workaround', 'Switch the network to 3G.', '2026-11-20T16:14:00.000Z')], { customerId: 'cust-jane-doe' })];
    expect(JSON.stringify(broadcastDraft(incident, [], cases).workarounds)).not.toContain('cust-jane-doe');
  });
});
