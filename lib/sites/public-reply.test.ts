import { describe, expect, it } from 'vitest';
import type { PageContext, Resolution } from '../schema';
import { privateMattersForPublicReply } from './public-reply';

const NOW = Date.parse('2026-11-20T09:00:00.000Z');
const context = (visibility: 'public' | 'private'): PageContext => ({
  site: 'twitter',
  url: 'https://x.com/jane_doe/status/1',
  identities: [{ kind: 'twitter', value: 'jane_doe' }],
  displayName: 'Jane Doe',
  recordId: '1',
  subject: null,
  conversation: '',
  visibility,
  hasReplyBox: true,
});
const stamp = { version: 1, updatedAt: '2026-11-20T09:00:00.000Z', deleted: false };
const customer = {
  ...stamp,
  id: 'c',
  teamId: 't',
  name: 'Jane Doe',
  identities: [{ kind: 'twitter' as const, value: 'jane_doe' }],
  tier: 'gold' as const,
  currency: 'USD',
  language: 'en',
  tags: [],
  createdAt: '2020-01-01T00:00:00.000Z',
};
const kase = (channel: 'zendesk' | 'twitter') => ({
  ...stamp,
  id: `k-${channel}`,
  teamId: 't',
  customerId: 'c',
  subject: `Case by ${channel}`,
  status: 'open' as const,
  priority: 'normal' as const,
  channel,
  slaDueAt: null,
  assigneeId: null,
  tags: [],
  source: { url: null, site: null, externalId: null, pageTitle: null },
  createdAt: stamp.updatedAt,
});
const interaction = (visibility: 'public' | 'private', daysAgo: number) => ({
  ...stamp,
  id: `i-${visibility}-${daysAgo}`,
  teamId: 't',
  customerId: 'c',
  caseId: null,
  channel: 'twitter' as const,
  visibility,
  direction: 'inbound' as const,
  text: 'x',
  authorName: null,
  sourceUrl: null,
  occurredAt: new Date(NOW - daysAgo * 86_400_000).toISOString(),
});
const matched = (openCases: ReturnType<typeof kase>[], timeline: ReturnType<typeof interaction>[]) =>
  ({ status: 'matched', view: { customer, openCases, timeline, matchedBy: [] }, otherMatches: [] }) as unknown as Resolution;

describe('private matters before a public reply', () => {
  it('lists private-channel cases and recent private messages on a public page', () => {
    const m = privateMattersForPublicReply(
      context('public'),
      matched([kase('zendesk'), kase('twitter')], [interaction('private', 1), interaction('private', 400), interaction('public', 1)]),
      NOW,
    );
    expect(m).toEqual({ customerName: 'Jane Doe', privateCases: [{ subject: 'Case by zendesk', channel: 'zendesk' }], privateInteractions: 1 });
  });

  it('says nothing on a private page, for public-only matters, or without a match', () => {
    expect(privateMattersForPublicReply(context('private'), matched([kase('zendesk')], []), NOW)).toBeNull();
    expect(privateMattersForPublicReply(context('public'), matched([kase('twitter')], [interaction('public', 1)]), NOW)).toBeNull();
    expect(privateMattersForPublicReply(context('public'), { status: 'none' }, NOW)).toBeNull();
  });
});
