// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { accountEmail, gmail } from './gmail';
import { loadFixture } from './test-fixtures';

const THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvPqRvGzz';

describe('gmail adapter', () => {
  it('reads the customer of the open thread, skipping the agent’s own reply', () => {
    const { doc, url } = loadFixture('gmail', THREAD);
    expect(accountEmail(doc)).toBe('support@northwind-mobile.example');
    const ctx = gmail.read(doc, url)!;
    expect(ctx.identities).toEqual([{ kind: 'email', value: 'lena.vogel@example.de' }]);
    expect(ctx.displayName).toBe('Lena Vogel');
    expect(ctx.subject).toBe('Frage zu meiner Rechnung vom November');
    expect(ctx.recordId).toBe('FMfcgzQXJWDsKmvPqRvGzz');
    expect(ctx.visibility).toBe('private');
    expect(ctx.conversation).toContain('Lena Vogel: Guten Tag, auf meiner Rechnung');
    expect(ctx.conversation).not.toContain('Am Mo., 17. Nov. 2025 um 09:12 schrieb'); // quoted text left out
  });

  it('finds the compose body', () => {
    const { doc, url } = loadFixture('gmail', THREAD);
    expect(gmail.replyBox(doc)?.getAttribute('aria-label')).toBe('Message Body');
    expect(gmail.read(doc, url)!.hasReplyBox).toBe(true);
  });

  it('follows hash routing to the second thread', () => {
    const { doc } = loadFixture('gmail', 'https://mail.google.com/mail/u/0/#inbox');
    expect(gmail.read(doc, new URL('https://mail.google.com/mail/u/0/#inbox'))!.identities).toEqual([]);
    location.hash = '#inbox/FMfcgzQXJWDsLpRtNwPqKkBb';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const ctx = gmail.read(doc, new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsLpRtNwPqKkBb'))!;
    expect(ctx.identities).toEqual([{ kind: 'email', value: 'priya.raman@example.net' }]);
    expect(ctx.subject).toBe('Question about the family plan');
  });

  it.each([
    ['German', 'Google-Konto: Alex Agent (agent@tandem.demo)'],
    ['French', 'Compte Google : Alex Agent (agent@tandem.demo)'],
  ])('reads the agent from the account button in %s, so the agent who replied last is not taken as the customer', (_language, label) => {
    const route = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsVarAgentLast';
    const { doc, url } = loadFixture('gmail', route, 'variant-agent-last.html');
    doc.querySelector('header a')!.setAttribute('aria-label', label);
    expect(accountEmail(doc)).toBe('agent@tandem.demo');
    expect(gmail.read(doc, url)!.identities).toEqual([{ kind: 'email', value: 'nadia.benali@example.net' }]);
  });

  it('does not take an address-bearing label inside the mail pane for the account', () => {
    const route = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsVarAgentLast';
    const { doc } = loadFixture('gmail', route, 'variant-agent-last.html');
    doc.querySelector('header')!.remove();
    const inPane = doc.createElement('a');
    inPane.setAttribute('aria-label', 'Kontakt: Nadia B. (nadia.benali@example.net)');
    doc.querySelector('div[role="main"]')!.append(inPane);
    expect(accountEmail(doc)).toBeNull();
  });
});
