// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from './test-fixtures';
import { zendesk } from './zendesk';

describe('zendesk adapter', () => {
  it('runs on agent workspace pages of any Zendesk subdomain', () => {
    expect(zendesk.matches(new URL('https://tandemdemo.zendesk.com/agent/tickets/4521'))).toBe(true);
    expect(zendesk.matches(new URL('https://tandemdemo.zendesk.com/hc/en-us'))).toBe(false);
    expect(zendesk.matches(new URL('https://zendesk.com.evil.example/agent/tickets/1'))).toBe(false);
  });

  it('reads the requester, ticket, subject and conversation', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const ctx = zendesk.read(doc, url)!;
    expect(ctx.identities).toEqual([
      { kind: 'email', value: 'jane.doe@example.com' },
      { kind: 'zendesk', value: '90001' },
    ]);
    expect(ctx.displayName).toBe('Jane Doe');
    expect(ctx.recordId).toBe('4521');
    expect(ctx.subject).toBe('Unexpected roaming charge on my November bill');
    expect(ctx.visibility).toBe('private');
    expect(ctx.conversation).toMatch(/^Jane Doe: Hello, my November bill/);
    expect(ctx.conversation).toContain('Alex Agent: Hi Jane');
    expect(ctx.conversation).toContain('Lisbon from 3 to 7 November');
  });

  it('finds the CKEditor composer as the reply box', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const box = zendesk.replyBox(doc)!;
    expect(box.classList.contains('ck-editor__editable')).toBe(true);
    expect(box.closest('[data-test-id="omnicomposer-rich-text-ckeditor"]')).not.toBeNull();
    expect(zendesk.read(doc, url)!.hasReplyBox).toBe(true);
  });

  it('switches to the other ticket through the header tabs without a reload', () => {
    const { doc } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    doc.querySelector<HTMLAnchorElement>('[data-entity-id="4522"] a[data-spa-link]')!.click();
    expect(location.pathname).toBe('/agent/tickets/4522');
    const ctx = zendesk.read(doc, new URL('https://tandemdemo.zendesk.com/agent/tickets/4522'))!;
    expect(ctx.identities).toEqual([
      { kind: 'email', value: 'sam.unknown@example.com' },
      { kind: 'zendesk', value: '90077' },
    ]);
    expect(ctx.displayName).toBe('Sam Unknown');
    expect(ctx.subject).toBe('I want to keep my number when switching');
  });

  it('reads only the workspace of the ticket in the URL when others stay in the DOM', () => {
    const { doc } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/tickets/4521');
    const other = doc.createElement('section');
    other.setAttribute('data-ticket-id', '9999');
    other.hidden = true;
    other.innerHTML = '<input data-test-id="omni-header-subject" value="Other"><div data-test-id="requester-input"><a href="/agent/users/5">Other Person</a> &lt;other@example.com&gt;</div>';
    doc.querySelector('[data-fixture-mount]')!.prepend(other);
    const ctx = zendesk.read(doc, new URL('https://tandemdemo.zendesk.com/agent/tickets/4521'))!;
    expect(ctx.subject).toBe('Unexpected roaming charge on my November bill');
    expect(ctx.identities[0]).toEqual({ kind: 'email', value: 'jane.doe@example.com' });
  });

  it('puts nobody in focus on a view list', () => {
    const { doc, url } = loadFixture('zendesk', 'https://tandemdemo.zendesk.com/agent/filters/1');
    expect(zendesk.read(doc, url)!.identities).toEqual([]);
  });
});
