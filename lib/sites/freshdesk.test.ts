// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { freshdesk } from './freshdesk';
import { normalizePageIdentities } from './identity';
import { loadFixture } from './test-fixtures';

describe('freshdesk adapter', () => {
  it('reads the ticket, its subject and the requester card', () => {
    const { doc, url } = loadFixture('freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets/77');
    const ctx = freshdesk.read(doc, url)!;
    expect(ctx.recordId).toBe('77');
    expect(ctx.subject).toBe('My data stopped working abroad');
    expect(ctx.displayName).toBe('Tom Becker');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'tom.becker@example.com' },
      { kind: 'freshdesk', value: '3011' },
    ]);
    expect(ctx.hasReplyBox).toBe(true);
  });

  it('leaves list pages to the generic adapter', () => {
    const { doc, url } = loadFixture('freshdesk', 'https://tandemdemo.freshdesk.com/a/tickets');
    expect(freshdesk.read(doc, url)).toBeNull();
  });
});
