import { describe, expect, it } from 'vitest';
import { describeRedactions, luhnValid, redact } from './redact';

describe('redact', () => {
  it('removes Luhn-valid card numbers in any grouping and keeps the last four digits', () => {
    const { text, found } = redact('My card 4111 1111 1111 1111 was charged twice, also 5500-0000-0000-0004.');
    expect(text).toBe('My card [card ending 1111] was charged twice, also [card ending 0004].');
    expect(found).toEqual({ card: 2 });
  });

  it('leaves long numbers that are not cards (order ids, tweet ids) alone', () => {
    const text = 'Order 1234567890123 and tweet 1861234567890123456';
    expect(luhnValid('1234567890123')).toBe(false);
    expect(redact(text).text).toBe(text);
  });

  it('removes SSNs, UK National Insurance numbers and IBANs', () => {
    const { text, found } = redact('SSN 123-45-6789, NI AB 12 34 56 C, IBAN DE89 3704 0044 0532 0130 00 please refund');
    expect(text).toBe('SSN [national id], NI [national id], IBAN [IBAN DE…] please refund');
    expect(found).toEqual({ national_id: 2, iban: 1 });
  });

  it('follows the settings', () => {
    expect(redact('4111111111111111', { card: false, national_id: true, iban: true }).text).toBe('4111111111111111');
  });

  it('describes what it removed for the agent', () => {
    expect(describeRedactions({ card: 1, iban: 2 })).toBe('Removed before saving: 1 card number, 2 bank account (IBAN)s.');
    expect(describeRedactions({})).toBeNull();
  });
});
