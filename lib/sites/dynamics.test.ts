// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dynamics } from './dynamics';
import { normalizePageIdentities } from './identity';
import { loadFixture } from './test-fixtures';

const RECORD = 'https://tandemdemo.crm.dynamics.com/main.aspx?appid=5f1c0e2a-0000-4000-8000-000000000001&pagetype=entityrecord&etn=contact&id=7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11';

describe('dynamics adapter', () => {
  it('reads the contact form through data-id attributes', () => {
    const { doc, url } = loadFixture('dynamics', RECORD);
    const ctx = dynamics.read(doc, url)!;
    expect(ctx.displayName).toBe('Olu Adeyemi');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'olu.adeyemi@example.com' },
      { kind: 'phone', value: '+442079460321' }, // national number read with the page's en-GB region
      { kind: 'dynamics', value: '7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11' },
    ]);
    expect(ctx.recordId).toBe('7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11');
  });

  it('returns null off record pages', () => {
    const { doc } = loadFixture('dynamics', 'https://tandemdemo.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=contact');
    expect(dynamics.read(doc, new URL('https://tandemdemo.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=contact'))).toBeNull();
  });
});
