import { describe, expect, it } from 'vitest';
import { draftFromGap } from './gaps-draft';

describe('an article drafted from a content gap', () => {
  it("is titled by the group's terms and says what agents met, where and how often", () => {
    const draft = draftFromGap(
      {
        terms: ['esim', 'spinner', 'frozen', 'hang', 'setup'],
        count: 3,
        pages: 2,
        searches: 1,
        sites: ['twitter', 'zendesk'],
        lastSeenAt: '2026-11-20T09:00:00.000Z',
      },
      30,
    );
    expect(draft.title).toBe('Esim spinner frozen hang');
    expect(draft.body).toContain('2 pages with no confident suggestion and 1 search that found nothing in the last 30 days (on twitter, zendesk)');
    expect(draft.body).toContain("Agents' words: esim, spinner, frozen, hang, setup.");
    expect(draft.tags).toBe('content-gap');
  });
});
