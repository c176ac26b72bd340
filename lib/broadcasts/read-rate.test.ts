import { describe, expect, it } from 'vitest';
import { readRate, readRateOverTime } from './read-rate';

const reader = (name: string, seenAt: string | null) => ({ userId: `u-${name}`, name, seenAt });

describe('read rate', () => {
  it('counts who acknowledged out of everyone the broadcast reaches', () => {
    expect(readRate([reader('ann', '2026-11-20T09:10:00.000Z'), reader('bob', null), reader('cy', null), reader('dee', '2026-11-20T11:00:00.000Z')])).toEqual({
      seen: 2,
      total: 4,
      rate: 0.5,
    });
    expect(readRate([])).toEqual({ seen: 0, total: 0, rate: 0 });
  });

  it('rises hour by hour as agents acknowledge, and is empty before anyone has', () => {
    const readers = [
      reader('ann', '2026-11-20T09:10:00.000Z'),
      reader('bob', '2026-11-20T09:50:00.000Z'),
      reader('cy', '2026-11-20T12:05:00.000Z'),
      reader('dee', null),
    ];
    expect(readRateOverTime(readers)).toEqual([
      { at: '2026-11-20T10:00:00.000Z', seen: 2, total: 4, rate: 0.5 },
      { at: '2026-11-20T13:00:00.000Z', seen: 3, total: 4, rate: 0.75 },
    ]);
    expect(readRateOverTime([reader('dee', null)])).toEqual([]);
  });
});
