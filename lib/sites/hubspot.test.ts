// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hubspot } from './hubspot';
import { normalizePageIdentities } from './identity';
import { loadFixture } from './test-fixtures';

const CONTACT = 'https://app.hubspot.com/contacts/4242/record/0-1/51234';

describe('hubspot adapter', () => {
  it('reads the contact: email, phone and the record id from the URL', () => {
    const { doc, url } = loadFixture('hubspot', CONTACT);
    const ctx = hubspot.read(doc, url)!;
    expect(ctx.displayName).toBe('Priya Raman');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'priya.raman@example.net' },
      { kind: 'phone', value: '+442079460958' },
      { kind: 'hubspot', value: '51234' },
    ]);
    expect(ctx.recordId).toBe('51234');
    expect(ctx.conversation).toContain('share the data allowance');
    expect(ctx.hasReplyBox).toBe(true);
    expect(hubspot.replyBox(doc)?.tagName).toBe('TEXTAREA');
  });

  it('runs on app.hubspot.com and regional app hosts only', () => {
    expect(hubspot.matches(new URL(CONTACT))).toBe(true);
    expect(hubspot.matches(new URL('https://app-eu1.hubspot.com/contacts/1/record/0-1/2'))).toBe(true);
    expect(hubspot.matches(new URL('https://www.hubspot.com/'))).toBe(false);
  });

  it('puts nobody in focus on the contact list', () => {
    const { doc, url } = loadFixture('hubspot', 'https://app.hubspot.com/contacts/4242/objects/0-1/views/all/list');
    expect(hubspot.read(doc, url)!.identities).toEqual([]);
  });
});
