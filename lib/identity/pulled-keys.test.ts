import { describe, expect, it } from 'vitest';
import type { Identity } from '../schema';
import { customerIdentityKeys, pulledCustomerIdentityKeys } from './normalize';

const keys = (identities: Identity[], language = 'en') => [
  pulledCustomerIdentityKeys({ identities, language }),
  customerIdentityKeys({ identities, language }),
];

describe('pulledCustomerIdentityKeys', () => {
  it('answers what customerIdentityKeys answers, for canonical identities and for the forms an older server stored', () => {
    for (const [identities, language] of [
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
          { kind: 'phone', value: '+999' },
          { kind: 'email', value: 'not an email' },
          { kind: 'email', value: 'x@example.com' },
        ],
        'en',
      ],
    ] as Array<[Identity[], string]>) {
      const [fast, full] = keys(identities, language);
      expect(fast).toEqual(full);
    }
  });
});
