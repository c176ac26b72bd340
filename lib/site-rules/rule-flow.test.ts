import { describe, expect, it, vi } from 'vitest';
import type { StoredSiteRule } from '../schema/site-rule';
import { addRule, deleteRule, type RuleFlowDeps, setRuleEnabled } from './rule-flow';

function fakeDeps(grant: boolean) {
  let stored: StoredSiteRule[] = [];
  const calls: string[] = [];
  const deps: RuleFlowDeps = {
    request: vi.fn(async (origins: string[]) => (calls.push(`request ${origins.join()}`), grant)),
    remove: vi.fn(async (origins: string[]) => (calls.push(`remove ${origins.join()}`), true)),
    load: async () => stored,
    save: async (rules) => void (calls.push('save'), (stored = rules)),
    sync: async () => void calls.push('sync'),
    now: () => new Date('2026-11-20T09:00:00.000Z'),
  };
  return { deps, calls, rules: () => stored };
}

const DRAFT = { id: 'crm', name: 'CRM', match: 'https://crm.example.net/*', visibility: 'private', selectors: { email: '[data-field=email] a' } };

describe('site rule flow', () => {
  it('asks for the site first, then stores the rule enabled and registers it', async () => {
    const f = fakeDeps(true);
    const out = await addRule(f.deps, DRAFT);
    expect(out.ok && out.granted).toBe(true);
    expect(f.calls).toEqual(['request https://crm.example.net/*', 'save', 'sync']);
    expect(f.rules()[0]).toMatchObject({ id: 'crm', enabled: true, source: 'admin' });
  });

  it('stores the rule switched off when the browser refuses', async () => {
    const f = fakeDeps(false);
    const out = await addRule(f.deps, DRAFT);
    expect(out.ok && out.granted).toBe(false);
    expect(f.rules()[0]!.enabled).toBe(false);
  });

  it('refuses an invalid rule without asking for anything', async () => {
    const f = fakeDeps(true);
    const out = await addRule(f.deps, { ...DRAFT, match: 'https://*/*', selectors: {} });
    expect(out.ok).toBe(false);
    expect(f.calls).toEqual([]);
  });

  it('gives the permission back when the last rule for a site is switched off or deleted', async () => {
    const f = fakeDeps(true);
    await addRule(f.deps, DRAFT);
    f.calls.length = 0;
    await setRuleEnabled(f.deps, 'crm', false, DRAFT.match);
    expect(f.calls).toEqual(['save', 'remove https://crm.example.net/*', 'sync']);
    f.calls.length = 0;
    expect((await setRuleEnabled(f.deps, 'crm', true, DRAFT.match)).ok).toBe(true);
    expect(f.calls[0]).toBe('request https://crm.example.net/*');
    await deleteRule(f.deps, 'crm');
    expect(f.rules()).toEqual([]);
  });
});
