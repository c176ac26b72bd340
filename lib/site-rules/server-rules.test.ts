import { describe, expect, it } from 'vitest';
import type { SiteRule } from '../schema/manager';
import type { StoredSiteRule } from '../schema/site-rule';
import { mergeServerRules } from './server-rules';

const at = '2026-11-22T10:00:00.000Z';
const server = (id: string, over: Partial<SiteRule> = {}): SiteRule => ({
  id,
  version: 1,
  updatedAt: at,
  deleted: false,
  name: `Rule ${id}`,
  urlPattern: `https://${id}.example/*`,
  selectors: { email: '.email' },
  visibility: 'private',
  targeting: { teamIds: [], sites: [], tags: [] },
  status: 'published',
  ...over,
});
const local: StoredSiteRule = {
  id: 'mine',
  name: 'Mine',
  match: 'https://mine.example/*',
  enabled: true,
  source: 'admin',
  visibility: 'private',
  selectors: { email: '.e' },
  updatedAt: at,
};

describe('mergeServerRules', () => {
  it('adds published server rules, enabled only where the permission is already granted', () => {
    const merged = mergeServerRules([local], [server('acme'), server('beta')], new Set(['https://beta.example/*']));
    expect(merged.map((r) => `${r.id}:${r.source}:${r.enabled}`)).toEqual(['mine:admin:true', 'acme:server:false', 'beta:server:true']);
  });

  it('keeps the agent’s choice, drops unpublished rules, and never overrides a local rule', () => {
    const first = mergeServerRules([local], [server('acme')], new Set());
    const switchedOn = first.map((r) => (r.id === 'acme' ? { ...r, enabled: true } : r));
    expect(mergeServerRules(switchedOn, [server('acme', { name: 'Acme v2' })], new Set()).find((r) => r.id === 'acme')).toMatchObject({
      enabled: true,
      name: 'Acme v2',
    });
    expect(mergeServerRules(switchedOn, [server('acme', { status: 'archived' })], new Set()).map((r) => r.id)).toEqual(['mine']);
    expect(mergeServerRules([local], [server('mine', { urlPattern: 'https://evil.example/*' })], new Set()).find((r) => r.id === 'mine')?.match).toBe(
      'https://mine.example/*',
    );
  });
});
