import { describe, expect, it } from 'vitest';
import { normalizeIdentity, normalizePageIdentities } from './normalize';
import { identities, phoneCandidate } from './page-identity';

describe('page-side identities (no phone library in the content script)', () => {
  it('reduces written phone numbers to candidates the background completes', () => {
    expect(phoneCandidate('+1 (415) 555-0142')).toBe('+14155550142');
    expect(phoneCandidate('tel:+49-30-901820')).toBe('+4930901820');
    expect(phoneCandidate('0044 20 7946 0958')).toBe('+442079460958');
    expect(phoneCandidate('020 7946 0958')).toBe('02079460958');
    expect(phoneCandidate('call me')).toBeNull();
    expect(phoneCandidate('12')).toBeNull();
  });

  it('agrees with the background on every kind but phones, which it completes', () => {
    const page = identities([
      ['email', 'Mailto:Jane.Doe@Example.com'],
      ['twitter', 'https://x.com/Jane_Doe'],
      ['phone', '020 7946 0958'],
      ['dynamics', '%7B7F3C2A10-5B7E-4D2F-9A61-0C8E4B2D9F11%7D'],
    ]);
    for (const id of page.filter((i) => i.kind !== 'phone')) expect(normalizeIdentity(id.kind, id.value)).toEqual(id);
    expect(normalizePageIdentities({ identities: page, country: 'GB' })).toContainEqual({ kind: 'phone', value: '+442079460958' });
    expect(normalizePageIdentities({ identities: page })).not.toContainEqual(expect.objectContaining({ kind: 'phone' }));
  });
});
