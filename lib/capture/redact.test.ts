import { describe, expect, it } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import { DEFAULT_REDACTION, describeRedactions, luhnValid, type RedactionSettings, redact } from './redact';

const EVERYTHING: RedactionSettings = { ...DEFAULT_REDACTION, email: true, phone: true };

describe('redact', () => {
  it('removes Luhn-valid card numbers in any grouping and keeps the last four digits', () => {
    const { text, found } = redact('My card 4111 1111 1111 1111 was charged twice, also 5500-0000-0000-0004.');
    expect(text).toBe('My card [card ending 1111] was charged twice, also [card ending 0004].');
    expect(found).toEqual({ card: 2 });
  });

  it('leaves long numbers that are not cards (order ids, tweet ids) alone', () => {
    const text = 'Order 1234567890123 and tweet 1861234567890123456';
    expect(luhnValid('1234567890123')).toBe(false);
    expect(redact(text, EVERYTHING).text).toBe(text);
  });

  it('removes SSNs, UK National Insurance numbers and IBANs', () => {
    const { text, found } = redact('SSN 123-45-6789, NI AB 12 34 56 C, IBAN DE89 3704 0044 0532 0130 00 please refund');
    expect(text).toBe('SSN [national id], NI [national id], IBAN [IBAN DE…] please refund');
    expect(found).toEqual({ national_id: 2, iban: 1 });
  });

  it('removes API keys and tokens a customer pasted, listing each shortened', () => {
    const pasted = [
      'stripe sk_live_51HxQk2eZvKYlo2C0aBcDeFgHiJk',
      'aws AKIAIOSFODNN7EXAMPLE',
      'gh ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ].join('\n');
    const { text, found, items } = redact(pasted);
    expect(text).toBe('stripe [secret]\naws [secret]\ngh [secret]\njwt [secret]');
    expect(found).toEqual({ secret: 4 });
    expect(items.map((i) => i.excerpt)).toEqual(['sk_l…HiJk', 'AKIA…MPLE', 'ghp_…8B4a', 'eyJh…sw5c']);
  });

  it('removes a pasted password but keeps its label, so the agent knows one was there', () => {
    const { text, items } = redact('Login is jane.doe, Password: hunter2!, pwd=Tr0ub4dor&3 thanks');
    expect(text).toBe('Login is jane.doe, Password: [password], pwd=[password] thanks');
    expect(items).toEqual([
      { kind: 'secret', excerpt: '••••••••' },
      { kind: 'secret', excerpt: 'Tr0u…or&3' },
    ]);
  });

  it('leaves what only looks like a secret: prose about passwords, publishable keys, short prefixes', () => {
    const text = 'I forgot my password and the reset link fails. Key pk_live_51HxQk2eZvKYlo2C0aBcDe is public; AKIA12345 is too short; sk_live_abc.';
    expect(redact(text, EVERYTHING).text).toBe(text);
  });

  it('removes passport numbers only after the word passport', () => {
    const { text, found } = redact('My passport no. 533380006 expired; passport: GB1234567. Booking ref AB1234567 stays.');
    expect(text).toBe('My passport no. [passport number] expired; passport: [passport number]. Booking ref AB1234567 stays.');
    expect(found).toEqual({ passport: 2 });
    expect(redact('I need a passport photo booth').found).toEqual({});
  });

  it('removes emails and phone numbers only when the team turns them on', () => {
    const text = 'Write to jane.doe+billing@example.co.uk or call +44 20 7946 0958 / (415) 555-0100 / 415-555-0199.';
    expect(redact(text).text).toBe(text);
    const { text: out, items } = redact(text, EVERYTHING);
    expect(out).toBe('Write to [email] or call [phone] / [phone] / [phone].');
    expect(items.map((i) => i.excerpt)).toEqual(['jane.doe+billing@example.co.uk', '+44 20 7946 0958', '(415) 555-0100', '415-555-0199']);
  });

  it('leaves handles, dates, versions and order numbers that are no email or phone', () => {
    const text = 'Thanks @jane_doe! Order #20240115 of 2024-01-15 10:30, app v2.14.3, user@localhost, ticket 5550100.';
    expect(redact(text, EVERYTHING).text).toBe(text);
  });

  it('follows the settings', () => {
    expect(redact('4111111111111111', { ...DEFAULT_REDACTION, card: false }).text).toBe('4111111111111111');
    expect(redact('sk_live_51HxQk2eZvKYlo2C0aBcDeFgHiJk', { ...DEFAULT_REDACTION, secret: false }).found).toEqual({});
  });

  it('describes what it removed for the agent', () => {
    expect(describeRedactions({ card: 1, iban: 2 })).toBe('Removed before saving: 1 card number, 2 bank accounts (IBAN).');
    expect(describeRedactions({ secret: 2, email: 1 })).toBe('Removed before saving: 2 secrets, 1 email address.');
    expect(describeRedactions({})).toBeNull();
  });

  it('describes it in German in a German browser', () => {
    useBrowserLanguage('de');
    try {
      expect(describeRedactions({ card: 1, iban: 2 })).toBe('Vor dem Speichern entfernt: 1 Kartennummer, 2 Bankkonten (IBAN).');
    } finally {
      useBrowserLanguage('en');
    }
  });
});
