import { describe, expect, it } from 'vitest';
import { type GapRow, groupGaps } from './gap-groups';

const row = (terms: string[], occurredAt: string, extra: Partial<GapRow> = {}): GapRow => ({ source: 'page', site: 'zendesk', terms, occurredAt, ...extra });

describe('grouping content gaps', () => {
  it('puts gaps that share most of their terms together and names the group by its commonest terms', () => {
    const groups = groupGaps([
      row(['esim', 'activ', 'qr'], '2026-11-20T09:00:00.000Z'),
      row(['esim', 'activ', 'spinner'], '2026-11-20T10:00:00.000Z', { source: 'search', site: null }),
      row(['esim', 'qr', 'scan'], '2026-11-20T11:00:00.000Z', { site: 'twitter' }),
      row(['invoic', 'vat'], '2026-11-20T12:00:00.000Z'),
    ]);
    expect(groups).toEqual([
      {
        terms: ['esim', 'activ', 'qr', 'scan', 'spinner'],
        count: 3,
        pages: 2,
        searches: 1,
        sites: ['twitter', 'zendesk'],
        lastSeenAt: '2026-11-20T11:00:00.000Z',
      },
      { terms: ['invoic', 'vat'], count: 1, pages: 1, searches: 0, sites: ['zendesk'], lastSeenAt: '2026-11-20T12:00:00.000Z' },
    ]);
  });

  it('keeps gaps apart that share only a word', () => {
    const groups = groupGaps([
      row(['esim', 'activ', 'qr', 'scan'], '2026-11-20T09:00:00.000Z'),
      row(['esim', 'roam', 'abroad', 'charg'], '2026-11-20T10:00:00.000Z'),
    ]);
    expect(groups.map((g) => g.count)).toEqual([1, 1]);
  });
});
