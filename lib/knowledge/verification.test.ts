import { describe, expect, it } from 'vitest';
import { isStale } from './rank';
import { verification, verifyIntervalDays } from './verification';

const AT = new Date('2027-03-01T12:00:00.000Z');

describe('verify interval', () => {
  it('is the shortest interval among the teams an item reaches, the default (90 days) for a team that set none', () => {
    const stored = new Map([
      ['team-care', 30],
      ['team-billing', 180],
    ]);
    expect(verifyIntervalDays(['team-billing'], stored)).toBe(180);
    expect(verifyIntervalDays(['team-care', 'team-billing'], stored)).toBe(30);
    expect(verifyIntervalDays(['team-sales', 'team-billing'], stored)).toBe(90);
    expect(verifyIntervalDays([], stored)).toBe(90);
  });
});

describe('verification', () => {
  const stale = { id: 'art-1', owner: 'user-olga', verifyBy: '2027-02-01T00:00:00.000Z', verifiedAt: null };

  it('makes a stale item current for one interval, and keeps its owner', () => {
    expect(isStale({ verifyBy: stale.verifyBy }, AT)).toBe(true);
    const after = { ...stale, ...verification(stale.owner, { at: AT, days: 30, verifierId: 'user-morgan' }) };
    expect(after).toEqual({ id: 'art-1', owner: 'user-olga', verifiedAt: '2027-03-01T12:00:00.000Z', verifyBy: '2027-03-31T12:00:00.000Z' });
    expect(isStale({ verifyBy: after.verifyBy }, AT)).toBe(false);
    expect(isStale({ verifyBy: after.verifyBy }, new Date('2027-04-01T00:00:00.000Z'))).toBe(true);
  });

  it('gives an item nobody owned to the manager who verified it', () => {
    expect(verification(null, { at: AT, days: 90, verifierId: 'user-morgan' }).owner).toBe('user-morgan');
  });
});
