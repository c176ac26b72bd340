// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import { findEmails, findHandles, findPhones, generic, scanIdentities } from './generic';
import { loadFixture } from './test-fixtures';

describe('generic adapter', () => {
  it('reports one person on an unsupported page, the first email, not what scripts hold', () => {
    const { doc, url } = loadFixture('unsupported', 'https://news.example.com/');
    const ctx = generic.read(doc, url)!;
    expect(ctx.site).toBe('generic');
    expect(normalizePageIdentities(ctx)).toEqual([{ kind: 'email', value: 'tips@news.example.com' }]);
    expect(JSON.stringify(ctx)).not.toContain('ignored.example');
  });

  it('reports one person on a page that lists many, the phone when there is no email', () => {
    document.body.innerHTML = `<main>${Array.from({ length: 10 }, (_, i) => `<p>@user${i} +1 212 555 01${10 + i}</p>`).join('')}</main>`;
    expect(normalizePageIdentities(generic.read(document, new URL('https://news.example.com/'))!)).toEqual([{ kind: 'phone', value: '+12125550110' }]);
  });

  it('prefers the agent’s selection over the page', () => {
    const { doc, url } = loadFixture('unsupported', 'https://news.example.com/');
    const p = doc.createElement('p');
    p.textContent = 'Forwarded by Lena.Vogel@example.de';
    doc.body.append(p);
    const range = doc.createRange();
    range.selectNodeContents(p);
    doc.getSelection()!.removeAllRanges();
    doc.getSelection()!.addRange(range);
    const ctx = generic.read(doc, url)!;
    expect(ctx.identities).toEqual([{ kind: 'email', value: 'lena.vogel@example.de' }]);
    expect(ctx.conversation).toBe('Forwarded by Lena.Vogel@example.de');
    doc.getSelection()!.removeAllRanges();
  });

  it('returns null when there is nobody on the page', () => {
    document.body.innerHTML = '<main><p>Nothing here.</p></main>';
    expect(generic.read(document, new URL('https://news.example.com/'))).toBeNull();
  });

  it('does not take an email’s domain for a handle', () => {
    expect(findHandles('mail jane@example.com or ping @jane_doe, not @x.com')).toEqual(['jane_doe']);
    expect(findEmails('a jane@example.com, b <priya.raman@example.net>.')).toEqual(['jane@example.com', 'priya.raman@example.net']);
    expect(findPhones('Call +49 30 901820 or 555')).toEqual(['+4930901820']);
  });

  it('reads no fragment of an address broken by an invisible character as an address', () => {
    // Shown as "jane.doe@example.com"; its tail ".doe@example.com" is another address.
    expect(findEmails('Jane <jane\u200b.doe@example.com> or bob\u2060jane@example.com')).toEqual([]);
    expect(findEmails('Jane.Doe+Billing@Example.COM')).toEqual(['Jane.Doe+Billing@Example.COM']);
  });

  it('starts an address only at a word’s start, its local part at most 64 characters', () => {
    // Trying every position inside a run of letters made the scan quadratic: a page's megabyte of them hung the tab.
    expect(findEmails(`${'a'.repeat(65)}@example.com ${'b'.repeat(64)}@example.com`)).toEqual([`${'b'.repeat(64)}@example.com`]);
    expect(findEmails(`${'a'.repeat(1_000_000)} jane@example.com`)).toEqual(['jane@example.com']);
  });

  it('finds phone candidates in text but not dates', () => {
    expect(findPhones('Call (212) 555-0147 or +44 20 7946 0958 before 2025-11-21.')).toEqual(['2125550147', '+442079460958']);
  });

  it('caps what it keeps', () => {
    const many = Array.from({ length: 40 }, (_, i) => `user${i}@example.com`).join(' ');
    expect(scanIdentities(many).length).toBe(10);
  });
});
