import { describe, expect, it } from 'vitest';
import type { Identity } from '../schema';
import {
  customerIdentityKeys,
  customerPhoneCountry,
  identities,
  keptIdentities,
  normalizeIdentity,
  pulledCustomerIdentityKeys,
  storedIdentities,
} from './normalize';

describe('normalizeIdentity', () => {
  it('lower-cases emails and strips mailto:', () => {
    expect(normalizeIdentity('email', ' Jane.Doe@Example.COM ')).toEqual({ kind: 'email', value: 'jane.doe@example.com' });
    expect(normalizeIdentity('email', 'mailto:Lena.Vogel@example.de?subject=Hi')?.value).toBe('lena.vogel@example.de');
    expect(normalizeIdentity('email', 'not an email')).toBeNull();
    expect(normalizeIdentity('email', 'a@b')).toBeNull();
  });

  it('turns phones into E.164, with a default country for national numbers', () => {
    expect(normalizeIdentity('phone', '+1 (415) 555-0142')?.value).toBe('+14155550142');
    expect(normalizeIdentity('phone', 'tel:+49-30-901820')?.value).toBe('+4930901820');
    expect(normalizeIdentity('phone', '020 7946 0958', { defaultCountry: 'GB' })?.value).toBe('+442079460958');
    expect(normalizeIdentity('phone', '020 7946 0958')).toBeNull(); // national, country unknown
    expect(normalizeIdentity('phone', '+1 123')).toBeNull();
  });

  it('takes handles without @, lower-cased, also from profile URLs', () => {
    expect(normalizeIdentity('twitter', '@Jane_Doe')?.value).toBe('jane_doe');
    expect(normalizeIdentity('twitter', 'https://x.com/PriyaBuilds/status/1')?.value).toBe('priyabuilds');
    expect(normalizeIdentity('twitter', 'https://x.com/home')).toBeNull();
    expect(normalizeIdentity('twitter', 'way_too_long_handle_here')).toBeNull();
    expect(normalizeIdentity('facebook', 'https://www.facebook.com/tom.becker.77?comment_id=Y29t')?.value).toBe('tom.becker.77');
    expect(normalizeIdentity('facebook', 'https://www.facebook.com/profile.php?id=100012345678')?.value).toBe('100012345678');
    expect(normalizeIdentity('facebook', 'https://evil.example/tom')).toBeNull();
  });

  it('keeps CRM ids as they are, checking their shape', () => {
    expect(normalizeIdentity('salesforce', '003Hs00001AbCdEIAZ')?.value).toBe('003Hs00001AbCdEIAZ');
    expect(normalizeIdentity('salesforce', '003Hs00001AbCdE')?.value).toBe('003Hs00001AbCdE');
    expect(normalizeIdentity('salesforce', '003-bad')).toBeNull();
    expect(normalizeIdentity('zendesk', '90001')?.value).toBe('90001');
    expect(normalizeIdentity('hubspot', 'abc')).toBeNull();
    expect(normalizeIdentity('dynamics', '%7B7F3C2A10-5B7E-4D2F-9A61-0C8E4B2D9F11%7D')?.value).toBe('7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11');
    expect(normalizeIdentity('zendesk', null)).toBeNull();
  });

  it('drops invalid and repeated identities, keeping order', () => {
    expect(
      identities([
        ['email', 'A@example.com'],
        ['email', 'a@example.com'],
        ['phone', 'nope'],
        ['twitter', '@a_b'],
      ]),
    ).toEqual([
      { kind: 'email', value: 'a@example.com' },
      { kind: 'twitter', value: 'a_b' },
    ]);
  });
});

describe('storedIdentities', () => {
  it('stores what CRMs and spreadsheets hold in the form pages are matched in, each once', () => {
    const { identities: stored, unreadable } = storedIdentities(
      [
        { kind: 'twitter', value: '@TestUser123' },
        { kind: 'twitter', value: 'https://twitter.com/testuser123' },
        { kind: 'email', value: ' Mixed@Case.com ' },
        { kind: 'phone', value: '(415) 555-0142' },
        { kind: 'facebook', value: 'https://www.facebook.com/Tom.Becker.77' },
      ],
      { defaultCountry: 'US' },
    );
    expect(stored).toEqual([
      { kind: 'twitter', value: 'testuser123' },
      { kind: 'email', value: 'mixed@case.com' },
      { kind: 'phone', value: '+14155550142' },
      { kind: 'facebook', value: 'tom.becker.77' },
    ]);
    expect(unreadable).toEqual([]);
  });

  it('keeps a phone it cannot read, trimmed, and lists other unreadable identities', () => {
    const { identities: stored, unreadable } = storedIdentities([
      { kind: 'phone', value: ' ext. 42 at the front desk ' },
      { kind: 'email', value: 'not an email' },
    ]);
    expect(stored).toEqual([{ kind: 'phone', value: 'ext. 42 at the front desk' }]);
    expect(unreadable).toEqual([{ kind: 'email', value: 'not an email' }]);
  });

  it('loses nothing when asked to keep what it cannot read', () => {
    expect(
      keptIdentities([
        { kind: 'email', value: ' not an email ' },
        { kind: 'email', value: 'A@B.com' },
        { kind: 'email', value: 'a@b.com' },
      ]),
    ).toEqual([
      { kind: 'email', value: 'a@b.com' },
      { kind: 'email', value: 'not an email' },
    ]);
  });

  it('reads national phones in the region of the customer language, else the US', () => {
    expect(customerPhoneCountry({ language: 'en-GB' })).toBe('GB');
    expect(customerPhoneCountry({ language: 'de' })).toBe('US');
    expect(customerPhoneCountry({})).toBe('US');
  });
});

const keys = (list: Identity[], language = 'en') => [
  pulledCustomerIdentityKeys({ identities: list, language }),
  customerIdentityKeys({ identities: list, language }),
];

describe('pulledCustomerIdentityKeys', () => {
  it('answers what customerIdentityKeys answers, for canonical identities and for the forms an older server stored', () => {
    for (const [list, language] of [
      [
        [
          { kind: 'email', value: 'jane@example.com' },
          { kind: 'phone', value: '+14155550123' },
          { kind: 'twitter', value: 'jane_doe' },
        ],
        'en',
      ],
      [
        [
          { kind: 'twitter', value: '@TestUser123' },
          { kind: 'email', value: 'Mixed@Case.com' },
          { kind: 'phone', value: '020 7946 0958' },
        ],
        'en-GB',
      ],
      [
        [
          { kind: 'email', value: ' padded@example.com ' },
          { kind: 'email', value: 'padded@example.com' },
        ],
        'en',
      ],
      [
        [
          { kind: 'email', value: 'jane@example.com' },
          { kind: 'phone', value: '020 7946 0958' },
        ],
        'en-GB',
      ],
      [
        [
          { kind: 'email', value: 'jane@example.com' },
          { kind: 'phone', value: '+44 20 7946 0958' },
        ],
        'en',
      ],
      [
        [
          { kind: 'phone', value: '+999' },
          { kind: 'email', value: 'not an email' },
          { kind: 'email', value: 'x@example.com' },
        ],
        'en',
      ],
    ] as Array<[Identity[], string]>) {
      const [fast, full] = keys(list, language);
      expect(fast).toEqual(full);
      expect(fast?.length).toBeGreaterThan(0);
    }
  });
});
