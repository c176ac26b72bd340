import { describe, expect, it } from 'vitest';
import { journey } from './journey';

const at = (h: number) => new Date(Date.parse('2026-11-20T12:00:00.000Z') - h * 3_600_000).toISOString();
const step = (id: string, channel: 'email' | 'twitter' | 'zendesk', h: number, caseId: string | null, visibility: 'public' | 'private' = 'private') => ({
  id,
  channel,
  visibility,
  direction: 'inbound' as const,
  occurredAt: at(h),
  caseId,
});

describe('the customer journey', () => {
  it('groups interactions by case, oldest first within each, marking each channel hop; the latest issue first', () => {
    const issues = journey(
      [
        step('tweet', 'twitter', 20, 'case-signal', 'public'),
        step('mail-1', 'email', 48, 'case-signal'),
        step('ticket', 'zendesk', 2, 'case-signal'),
        step('mail-2', 'email', 30, 'case-signal'),
        step('bill', 'email', 200, 'case-bill'),
        step('loose', 'twitter', 100, null, 'public'),
      ],
      [{ id: 'case-signal', subject: 'No signal at home' }],
    );
    expect(issues.map((i) => [i.caseId, i.subject])).toEqual([
      ['case-signal', 'No signal at home'],
      [null, null],
      ['case-bill', null],
    ]);
    const [signal] = issues;
    expect(signal?.steps.map((s) => [s.item.id, s.hop])).toEqual([
      ['mail-1', false],
      ['mail-2', false],
      ['tweet', true],
      ['ticket', true],
    ]);
    expect(signal?.path).toEqual(['email', 'twitter', 'zendesk']);
    expect(signal?.hops).toBe(2);
  });
});
