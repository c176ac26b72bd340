import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../../bench/recognition/variants';
import { urlPattern } from './url-pattern';

describe('urlPattern', () => {
  it.each([
    ['https://tandemdemo.zendesk.com/agent/tickets/4600', '/agent/tickets/:id'],
    ['https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00009GrAcEIAZ/view', '/lightning/r/Contact/:id/view'],
    ['https://x.com/BramDV/status/1862000000000000002', '/:id/status/:id'],
    ['https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsVarQuoted01', '/mail/u/:id/#inbox/:id'],
    [
      'https://tandemdemo.crm.dynamics.com/main.aspx?appid=5f1c0e2a&pagetype=entityrecord&etn=lead&id=%7B9a0e1c22%7D',
      '/main.aspx?appid=:id&etn=lead&id=:id&pagetype=entityrecord',
    ],
    ['https://www.facebook.com/groups/northwindusers/posts/7720?comment_id=9901', '/groups/:id/posts/:id?comment_id=:id'],
  ])('%s → %s', (href, pattern) => {
    expect(urlPattern(href)).toBe(pattern);
  });

  it('never carries the host, a handle, a record id or a number from any variant address', () => {
    for (const { url } of VARIANTS) {
      const pattern = urlPattern(url);
      expect(pattern).not.toContain(new URL(url).hostname);
      expect(pattern).not.toMatch(/\d{3,}/);
      for (const segment of new URL(url).pathname.split('/').filter((s) => /\d{3,}/.test(s) || /[A-Z].*[A-Z]/.test(s))) {
        expect(pattern.split(/[/?#&=]/)).not.toContain(segment);
      }
    }
  });
});
