// The built-in sites as data: what the manifest, the settings, the data model (channels, identity
// kinds) and the SLA need to know about each site, in one entry per site. In lib/schema because the
// Channel and IdentityKind enums are derived from it, and lib/schema imports nothing else in lib/;
// without zod, DOM code or imports, so wxt.config.ts and the content script can import it too.
// The adapters that read the sites' pages are in lib/sites/ (registry.ts); docs/sites.md says what
// adding a site touches.

/** How the SLA groups channels: live conversations (phone, chat), public social posts, tickets and email. */
export const CHANNEL_GROUPS = ['live', 'social', 'ticket'] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];

/** Channels that are no one site's, with their SLA group. */
export const GENERAL_CHANNELS = { email: 'ticket', phone: 'live', chat: 'live', web: 'ticket' } as const satisfies Record<string, ChannelGroup>;
type GeneralChannel = keyof typeof GENERAL_CHANNELS;

/** Identity kinds that are no one site's. */
export const GENERAL_IDENTITY_KINDS = ['email', 'phone'] as const;
const GENERAL_IDENTITY_LABELS = { email: 'Email', phone: 'Phone' } as const satisfies Record<(typeof GENERAL_IDENTITY_KINDS)[number], string>;
type GeneralIdentityKind = (typeof GENERAL_IDENTITY_KINDS)[number];

/**
 * How the values of an identity kind are written, each read by its own function in
 * lib/identity/page-identity.ts: email and phone as themselves, a site's own kind in one of the rest.
 * A new site whose ids are numbers or GUIDs needs no new form.
 */
export type IdentityForm = GeneralIdentityKind | 'twitter-handle' | 'facebook-profile' | 'salesforce-id' | 'numeric-id' | 'guid';

interface SiteEntryBase {
  /** The adapter's name (lib/sites/<name>.ts): PageContext.site, an enabledSites value, a case source's site. */
  readonly name: string;
  /** What the options page calls it. */
  readonly label: string;
  /**
   * The site's addresses as match patterns: the manifest's host permissions, and what the adapter
   * recognises. A fixed site's are also the overlay content script's static matches; a tenant
   * site's are the vendor's (every customer's subdomain), so the overlay runs only on the
   * organisation's own hosts among them, registered at run time (lib/org-hosts/).
   */
  readonly matches: readonly string[];
  /** One subdomain per customer of the vendor (anyone can register one): the overlay runs only on the organisation's hosts. */
  readonly tenant?: true;
  /** The general identity kinds the adapter reads off the page, beside its own. */
  readonly identityKinds: readonly GeneralIdentityKind[];
  /** The identity kind of the site's own (a handle, a record id) and the form of its values. */
  readonly ownIdentity?: {
    readonly kind: string;
    readonly form: Exclude<IdentityForm, GeneralIdentityKind> /** How an identity of this kind is labelled ("X: @jane"). */;
    readonly label: string;
  };
}

/**
 * The channel a capture of the page gets: a general one (Gmail: email), or a channel of the site's
 * own, which then names its SLA group.
 */
type SiteEntry = SiteEntryBase &
  ({ readonly channel: GeneralChannel; readonly slaGroup?: never } | { readonly channel: string; readonly slaGroup: ChannelGroup });

/** One entry per built-in site, in the manifest's order. */
export const BUILT_IN_SITES = [
  {
    name: 'twitter',
    label: 'X (Twitter)',
    matches: ['https://x.com/*', 'https://twitter.com/*'],
    channel: 'twitter',
    slaGroup: 'social',
    identityKinds: [],
    ownIdentity: { kind: 'twitter', form: 'twitter-handle', label: 'X' },
  },
  {
    name: 'facebook',
    label: 'Facebook',
    matches: ['https://www.facebook.com/*'],
    channel: 'facebook',
    slaGroup: 'social',
    identityKinds: [],
    ownIdentity: { kind: 'facebook', form: 'facebook-profile', label: 'Facebook' },
  },
  {
    name: 'salesforce',
    tenant: true,
    label: 'Salesforce Lightning',
    matches: ['https://*.lightning.force.com/*'],
    channel: 'salesforce',
    slaGroup: 'ticket',
    identityKinds: ['email', 'phone'],
    ownIdentity: { kind: 'salesforce', form: 'salesforce-id', label: 'Salesforce' },
  },
  {
    name: 'zendesk',
    tenant: true,
    label: 'Zendesk',
    matches: ['https://*.zendesk.com/*'],
    channel: 'zendesk',
    slaGroup: 'ticket',
    identityKinds: ['email'],
    ownIdentity: { kind: 'zendesk', form: 'numeric-id', label: 'Zendesk' },
  },
  {
    name: 'hubspot',
    label: 'HubSpot',
    matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
    channel: 'hubspot',
    slaGroup: 'ticket',
    identityKinds: ['email', 'phone'],
    ownIdentity: { kind: 'hubspot', form: 'numeric-id', label: 'HubSpot' },
  },
  {
    name: 'gmail',
    label: 'Gmail',
    matches: ['https://mail.google.com/*'],
    channel: 'email',
    identityKinds: ['email'],
  },
  {
    name: 'freshdesk',
    tenant: true,
    label: 'Freshdesk',
    matches: ['https://*.freshdesk.com/*'],
    channel: 'freshdesk',
    slaGroup: 'ticket',
    identityKinds: ['email', 'phone'],
    ownIdentity: { kind: 'freshdesk', form: 'numeric-id', label: 'Freshdesk' },
  },
  {
    name: 'dynamics',
    tenant: true,
    label: 'Microsoft Dynamics 365',
    matches: ['https://*.dynamics.com/*'],
    channel: 'dynamics',
    slaGroup: 'ticket',
    identityKinds: ['email', 'phone'],
    ownIdentity: { kind: 'dynamics', form: 'guid', label: 'Dynamics' },
  },
] as const satisfies readonly SiteEntry[];

type BuiltInSite = (typeof BUILT_IN_SITES)[number];
type WithOwnChannel = Extract<BuiltInSite, { slaGroup: ChannelGroup }>;
type WithOwnIdentity = Extract<BuiltInSite, { ownIdentity: object }>;

export type SiteName = BuiltInSite['name'];
export type ChannelName = GeneralChannel | WithOwnChannel['channel'];
export type IdentityKindName = GeneralIdentityKind | WithOwnIdentity['ownIdentity']['kind'];

const withOwnChannel = BUILT_IN_SITES.filter((s): s is WithOwnChannel => 'slaGroup' in s);
const withOwnIdentity = BUILT_IN_SITES.filter((s): s is WithOwnIdentity => 'ownIdentity' in s);

export const SITE_NAMES: readonly SiteName[] = BUILT_IN_SITES.map((s) => s.name);
/** Every built-in site's match patterns: the manifest's host permissions. */
export const SITE_MATCHES: readonly string[] = BUILT_IN_SITES.flatMap((s) => s.matches);
/** The fixed sites' patterns: the overlay content script's static matches. */
export const FIXED_SITE_MATCHES: readonly string[] = BUILT_IN_SITES.flatMap((s) => ('tenant' in s ? [] : s.matches));
/** The tenant sites' vendor patterns: an organisation host must fall under one of them. */
export const TENANT_SITE_MATCHES: readonly string[] = BUILT_IN_SITES.flatMap((s) => ('tenant' in s ? s.matches : []));

/** The members of the Channel enum: the general channels, then the sites' own. */
export const CHANNELS: readonly ChannelName[] = [...(Object.keys(GENERAL_CHANNELS) as GeneralChannel[]), ...withOwnChannel.map((s) => s.channel)];
/** The members of the IdentityKind enum: the general kinds, then the sites' own. */
export const IDENTITY_KINDS: readonly IdentityKindName[] = [...GENERAL_IDENTITY_KINDS, ...withOwnIdentity.map((s) => s.ownIdentity.kind)];

/** Every channel's SLA group. */
export const GROUP_OF_CHANNEL = Object.fromEntries([
  ...Object.entries(GENERAL_CHANNELS),
  ...withOwnChannel.map((s) => [s.channel, s.slaGroup] as const),
]) as Readonly<Record<ChannelName, ChannelGroup>>;

const channelBySite = new Map<string, ChannelName>(BUILT_IN_SITES.map((s) => [s.name, s.channel]));
const formByKind = new Map<string, IdentityForm>([
  ...GENERAL_IDENTITY_KINDS.map((k) => [k, k] as const),
  ...withOwnIdentity.map((s) => [s.ownIdentity.kind, s.ownIdentity.form] as const),
]);

/** The channel a capture on this site gets; null for a site that is not built in (generic, a custom site's rule). */
export function siteChannel(site: string): ChannelName | null {
  return channelBySite.get(site) ?? null;
}

/** How values of this identity kind are written; null for a kind that is not one. */
export function identityForm(kind: string): IdentityForm | null {
  return formByKind.get(kind) ?? null;
}

const labelByKind = new Map<string, string>([
  ...Object.entries(GENERAL_IDENTITY_LABELS),
  ...withOwnIdentity.map((s) => [s.ownIdentity.kind, s.ownIdentity.label] as const),
]);

/** What an identity of this kind is called where it is shown ("Email", "X"); the kind itself for one that is not known. */
export function identityLabel(kind: string): string {
  return labelByKind.get(kind) ?? kind;
}

/** The vendor's domain of each tenant site's pattern ("zendesk.com" for "https://*.zendesk.com/*"). */
const tenantDomains = BUILT_IN_SITES.flatMap((s) =>
  'tenant' in s ? s.matches.map((pattern) => ({ site: s.name, label: s.label, domain: pattern.replace(/^https:\/\/\*\./, '').replace(/\/.*$/, '') })) : [],
);
/** The tenant sites' names and vendor domains, for messages ("Zendesk (.zendesk.com)"). */
export const TENANT_VENDORS: readonly { label: string; domain: string }[] = tenantDomains.map(({ label, domain }) => ({ label, domain }));

/**
 * The tenant site a host is one organisation's tenant of ("acme.zendesk.com" → zendesk), or null:
 * a subdomain of a vendor's domain, never the vendor's own apex.
 */
export function tenantSiteOfHost(host: string): SiteName | null {
  const lower = host.toLowerCase();
  return tenantDomains.find(({ domain }) => lower.endsWith(`.${domain}`) && lower.length > domain.length + 1)?.site ?? null;
}
