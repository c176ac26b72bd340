import { describe, expect, it } from 'vitest';
import { isSiteMatchPattern, patternOrigin, urlMatchesPattern } from './match-pattern';

describe('match patterns', () => {
  it('accepts one site per pattern and matches its pages', () => {
    expect(isSiteMatchPattern('https://crm.example.net/*')).toBe(true);
    expect(isSiteMatchPattern('https://*.example.org/app/*')).toBe(true);
    expect(isSiteMatchPattern('https://*/*')).toBe(false);
    expect(isSiteMatchPattern('<all_urls>')).toBe(false);
    expect(isSiteMatchPattern('crm.example.net')).toBe(false);
    expect(urlMatchesPattern('https://crm.example.net/*', new URL('https://crm.example.net/customers/1042'))).toBe(true);
    expect(urlMatchesPattern('https://crm.example.net/*', new URL('https://crm.example.net.evil.test/'))).toBe(false);
    expect(urlMatchesPattern('https://*.example.org/app/*', new URL('https://eu.example.org/app/x'))).toBe(true);
    expect(urlMatchesPattern('https://*.example.org/app/*', new URL('https://eu.example.org/other'))).toBe(false);
    expect(urlMatchesPattern('http://localhost/*', new URL('http://localhost:5123/customers/1'))).toBe(true);
    expect(patternOrigin('https://crm.example.net/customers/*')).toBe('https://crm.example.net/*');
  });
});
