import { describe, expect, it } from 'vitest';
import { Channel, IdentityKind } from './entities';
import { isSiteMatchPattern } from './match-pattern';
import { BUILT_IN_SITES, GENERAL_CHANNELS, GENERAL_IDENTITY_KINDS, GROUP_OF_CHANNEL, identityForm, SITE_MATCHES, siteChannel } from './site-catalog';

describe('site catalog', () => {
  it('names each site, channel and identity kind once', () => {
    const names = BUILT_IN_SITES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(Channel.options).size).toBe(Channel.options.length);
    expect(new Set(IdentityKind.options).size).toBe(IdentityKind.options.length);
    expect(new Set(SITE_MATCHES).size).toBe(SITE_MATCHES.length);
  });

  it('derives the enums from the general members and the sites’ own', () => {
    expect(Channel.options).toEqual(expect.arrayContaining([...Object.keys(GENERAL_CHANNELS), 'twitter', 'zendesk', 'dynamics']));
    expect(Channel.options).not.toContain('gmail'); // Gmail's captures are emails
    expect(IdentityKind.options).toEqual(expect.arrayContaining([...GENERAL_IDENTITY_KINDS, 'twitter', 'salesforce', 'dynamics']));
    for (const channel of Channel.options) expect(GROUP_OF_CHANNEL[channel]).toBeDefined();
    for (const kind of IdentityKind.options) expect(identityForm(kind)).not.toBeNull();
  });

  it('gives a capture the site’s channel, and none to pages that are not a built-in site', () => {
    expect(siteChannel('gmail')).toBe('email');
    expect(siteChannel('zendesk')).toBe('zendesk');
    expect(siteChannel('generic')).toBeNull();
    expect(siteChannel('rule:northwind-crm')).toBeNull();
    expect(siteChannel('constructor')).toBeNull();
  });

  it('asks only for the sites it names', () => {
    for (const pattern of SITE_MATCHES) expect(isSiteMatchPattern(pattern)).toBe(true);
  });
});
