import { describe, expect, it } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { Interaction } from '../schema/entities';
import { customerEffort, effortByCase, effortLine } from './effort';

const now = new Date('2026-11-20T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const msg = (channel: Interaction['channel'], h: number, caseId: string | null = 'case-1', direction: Interaction['direction'] = 'inbound') => ({
  channel,
  occurredAt: hoursAgo(h),
  caseId,
  direction,
});

describe('customer effort', () => {
  it('counts the customer’s messages, channels, switches and repeats about the same case in the current run', () => {
    const effort = customerEffort([msg('twitter', 2), msg('email', 40), msg('email', 30, 'case-1', 'outbound'), msg('email', 47)]);
    expect(effort).toEqual({ contacts: 3, channels: ['email', 'twitter'], switches: 1, repeats: 2, firstAt: hoursAgo(47) });
    expect(effortLine(effort, now)).toBe('3rd contact in 2 days · tried email, X');
    expect(effortLine({ ...effort, firstAt: hoursAgo(30) }, now)).toBe('3rd contact in 1 day · tried email, X');
  });

  it('says it in German in a German browser', () => {
    const effort = customerEffort([msg('twitter', 2), msg('email', 47)]);
    useBrowserLanguage('de');
    try {
      expect(effortLine(effort, now)).toBe('2. Kontakt in 2 Tagen · versucht: email, X');
    } finally {
      useBrowserLanguage('en');
    }
  });

  it('starts a new run when the customer comes back after more than 7 days', () => {
    const effort = customerEffort([msg('phone', 24 * 30, 'case-old'), msg('chat', 3, 'case-new')]);
    expect(effort).toMatchObject({ contacts: 1, channels: ['chat'], switches: 0, repeats: 0 });
    expect(effortLine(effort, now)).toBeNull();
  });

  it('says nothing for a customer who has not written, and per case only what was filed under it', () => {
    expect(customerEffort([msg('email', 1, 'case-1', 'outbound')])).toMatchObject({ contacts: 0, firstAt: null });
    const cases = effortByCase([msg('email', 5, 'a'), msg('twitter', 4, 'a'), msg('chat', 1, 'b'), msg('chat', 1, null)]);
    expect(cases.get('a')).toMatchObject({ contacts: 2, switches: 1, repeats: 1 });
    expect(cases.get('b')).toMatchObject({ contacts: 1, repeats: 0 });
  });
});
