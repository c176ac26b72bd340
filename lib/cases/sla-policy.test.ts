import { describe, expect, it } from 'vitest';
import { Channel } from '../schema/entities';
import { targetsFor } from '../sla/clock';
import { DEFAULT_SLA_POLICY, mergeSlaPolicy, slaDueAt, slaDueAtWith } from './sla-policy';

const CREATED = '2026-11-20T09:00:00.000Z';
const hoursAfter = (h: number) => new Date(Date.parse(CREATED) + h * 3_600_000).toISOString();

describe('SLA deadlines', () => {
  it('answers public posts fastest, live conversations next, tickets and email last', () => {
    const normalDue = (channel: Channel) => slaDueAt(channel, 'normal', CREATED);
    for (const social of ['twitter', 'facebook'] as const) expect(normalDue(social)).toBe(hoursAfter(2));
    for (const live of ['phone', 'chat'] as const) expect(normalDue(live)).toBe(hoursAfter(1));
    for (const ticket of ['email', 'web', 'zendesk', 'salesforce', 'hubspot', 'freshdesk', 'dynamics'] as const) expect(normalDue(ticket)).toBe(hoursAfter(24));
  });

  it('gives every channel a deadline', () => {
    for (const channel of Channel.options) expect(Date.parse(slaDueAt(channel, 'urgent', CREATED))).toBeGreaterThan(Date.parse(CREATED));
  });

  it("uses a team's own target for its group and the defaults for the rest", () => {
    const policy = mergeSlaPolicy({ social: { urgent: { firstResponseMinutes: 10, resolutionMinutes: 60 } } });
    expect(slaDueAtWith(policy, 'twitter', 'urgent', CREATED)).toBe('2026-11-20T09:10:00.000Z');
    expect(slaDueAtWith(policy, 'twitter', 'high', CREATED)).toBe(hoursAfter(1));
    expect(slaDueAtWith(policy, 'zendesk', 'urgent', CREATED)).toBe(hoursAfter(4));
  });

  it('takes the next-response target from the first-response one unless a team sets it', () => {
    expect(targetsFor(DEFAULT_SLA_POLICY, 'twitter', 'normal')).toEqual({ firstResponseMinutes: 120, nextResponseMinutes: 120, resolutionMinutes: 2880 });
    const own = mergeSlaPolicy({ social: { normal: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 600 } } });
    expect(targetsFor(own, 'twitter', 'normal').nextResponseMinutes).toBe(30);
  });
});
