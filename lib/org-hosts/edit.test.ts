import { describe, expect, it } from 'vitest';
import { withHost, withoutHost } from './edit';

describe('editing the organisation hosts', () => {
  it('adds a typed tenant host, cleaned up and in order', () => {
    expect(withHost(['tandemdemo.zendesk.com'], '  Acme.Freshdesk.com ')).toEqual({
      ok: true,
      host: 'acme.freshdesk.com',
      hosts: ['acme.freshdesk.com', 'tandemdemo.zendesk.com'],
    });
  });

  it('says why a host cannot be added', () => {
    expect(withHost([], '*.zendesk.com')).toMatchObject({ ok: false, error: expect.stringMatching(/wildcard/) });
    expect(withHost([], 'evil.example.com')).toMatchObject({ ok: false, error: expect.stringMatching(/subdomain of one of .*zendesk\.com/) });
    expect(withHost(['acme.zendesk.com'], 'ACME.zendesk.com')).toEqual({ ok: false, error: 'acme.zendesk.com is already in the list.' });
  });

  it('removes a host', () => {
    expect(withoutHost(['a.zendesk.com', 'b.zendesk.com'], 'a.zendesk.com')).toEqual(['b.zendesk.com']);
  });
});
