import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveOrgHosts } from '../org-hosts/save';
import type { StoredSiteRule } from '../schema/site-rule';
import { ORG_HOST_SCRIPT_PREFIX, type OverlayScript, overlayScriptsFor, registerOverlayScripts, type Scripting, syncOverlayScripts } from './registration';

/** The browser's registered content scripts, in memory (fakeBrowser has no scripting API). */
function fakeScripting(initial: OverlayScript[] = []) {
  const registered = new Map(initial.map((s) => [s.id, s]));
  const scripting = {
    getRegisteredContentScripts: async () => [...registered.values()],
    registerContentScripts: async (scripts: OverlayScript[]) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.set(s.id, s);
      }
    },
    unregisterContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
      for (const id of ids ?? []) registered.delete(id);
    },
  };
  return { scripting: scripting as unknown as Scripting, registered };
}

const rule: StoredSiteRule = {
  id: 'crm',
  name: 'CRM',
  match: 'https://crm.example.net/*',
  enabled: true,
  source: 'admin',
  visibility: 'private',
  selectors: { email: '.email' },
  updatedAt: '2026-11-20T09:00:00.000Z',
};

describe('overlay registrations', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('registers the overlay on each organisation host and each permitted rule, rules never on a built-in site', () => {
    const scripts = overlayScriptsFor(['tandemdemo.zendesk.com'], [rule]);
    expect(scripts.map((s) => [s.id, s.matches])).toEqual([
      ['tandem-org-tandemdemo.zendesk.com', ['https://tandemdemo.zendesk.com/*']],
      ['tandem-rule-crm', ['https://crm.example.net/*']],
    ]);
    expect(scripts[1]!.excludeMatches).toEqual(expect.arrayContaining(['https://*.zendesk.com/*', 'https://x.com/*']));
  });

  it('follows the stored list: a host added is registered, a host removed or a sign-out unregisters it', async () => {
    const other = { id: 'someone-else', matches: ['https://other.example/*'] };
    const { scripting, registered } = fakeScripting([other]);
    Object.assign(fakeBrowser.scripting, scripting);
    const orgIds = () => [...registered.keys()].filter((id) => id.startsWith(ORG_HOST_SCRIPT_PREFIX)).sort();

    await saveOrgHosts(['tandemdemo.zendesk.com', 'tandemdemo.freshdesk.com']);
    await syncOverlayScripts([]);
    expect(orgIds()).toEqual(['tandem-org-tandemdemo.freshdesk.com', 'tandem-org-tandemdemo.zendesk.com']);

    await saveOrgHosts(['tandemdemo.freshdesk.com', 'acme.zendesk.com']);
    await syncOverlayScripts([]);
    expect(orgIds()).toEqual(['tandem-org-acme.zendesk.com', 'tandem-org-tandemdemo.freshdesk.com']);

    await saveOrgHosts([]);
    await syncOverlayScripts([]);
    expect(orgIds()).toEqual([]);
    // Registrations that are not Tandem's overlay are left alone.
    expect(registered.has('someone-else')).toBe(true);
  });

  it('replaces registrations idempotently: the same list twice registers each host once', async () => {
    const { scripting, registered } = fakeScripting();
    const wanted = overlayScriptsFor(['a.zendesk.com'], []);
    await registerOverlayScripts(scripting, wanted);
    await registerOverlayScripts(scripting, wanted);
    expect([...registered.keys()]).toEqual(['tandem-org-a.zendesk.com']);
  });
});
