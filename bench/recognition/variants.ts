// The recognition variants: for every supported site, several arrangements of its markup (fixture pages
// in e2e/sites/<folder>/, each built from the public evidence docs/sites.md records), the address each
// is served at, and who the overlay must show there. The customers the new variants show are stored in
// the non-canonical forms CRMs and spreadsheets hold ("@Handle", "Mixed@Case.com", national phones),
// and under names the pages do not spell the same way: the walk checks the stored name.
import type { Identity } from '../../lib/schema';
import type { SiteName } from '../../lib/schema/site-catalog';

export interface Variant {
  site: SiteName;
  /** The fixture folder in e2e/sites/ and the page in it. */
  folder: string;
  file: string;
  /** Where the page is served (the real site's address). */
  url: string;
  /** What the arrangement is, in a few words (printed by the bench). */
  arrangement: string;
  /** The stored customer's name the overlay must show, or the page's name for a person Tandem does not know. */
  expect: { customer: string } | { unknown: string };
}

/** A customer the variants need, as a CRM export would hold them: created through the server's push. */
export interface VariantCustomer {
  id: string;
  name: string;
  /** The language sets the country national phone numbers are read in. */
  language: string;
  identities: Identity[];
}

export const VARIANT_CUSTOMERS: VariantCustomer[] = [
  { id: 'cust-var-olivia', name: 'Olivia Hartmann', language: 'en-US', identities: [{ kind: 'email', value: 'Olivia.Hartmann@Example.org' }] },
  { id: 'cust-var-ravi', name: 'Ravi Patel', language: 'en-US', identities: [{ kind: 'phone', value: '(415) 555-0199' }] },
  { id: 'cust-var-grace', name: 'Grace Okafor', language: 'en-US', identities: [{ kind: 'email', value: 'Grace.Okafor@Contoso.com' }] },
  { id: 'cust-var-henrik', name: 'Henrik Larsen', language: 'en-US', identities: [{ kind: 'email', value: ' HENRIK@Larsen.example ' }] },
  { id: 'cust-var-amara', name: 'Amara Nwosu', language: 'en', identities: [{ kind: 'facebook', value: 'https://www.facebook.com/Amara.Nwosu.77' }] },
  {
    id: 'cust-var-diego',
    name: 'Diego Ramos',
    language: 'en',
    identities: [{ kind: 'facebook', value: 'https://www.facebook.com/profile.php?id=100012345678901' }],
  },
  { id: 'cust-var-tessa', name: 'Tessa Quinn', language: 'en', identities: [{ kind: 'twitter', value: '@TestUser123' }] },
  { id: 'cust-var-bram', name: 'Bram de Vries', language: 'nl-NL', identities: [{ kind: 'twitter', value: 'https://x.com/BramDV' }] },
  { id: 'cust-var-mei', name: 'Mei Lin', language: 'en-US', identities: [{ kind: 'email', value: 'MEI.LIN@Fabrikam.com' }] },
  { id: 'cust-var-samuel', name: 'Samuel Osei', language: 'en-GB', identities: [{ kind: 'phone', value: '020 7946 0456' }] },
  { id: 'cust-var-nadia', name: 'Nadia Benali', language: 'fr-FR', identities: [{ kind: 'email', value: 'Nadia.Benali@Example.net' }] },
  { id: 'cust-var-felix', name: 'Felix Wagner', language: 'de-DE', identities: [{ kind: 'email', value: 'Felix.Wagner@Example.de' }] },
  { id: 'cust-var-chloe', name: 'Chloé Dubois', language: 'fr-FR', identities: [{ kind: 'email', value: 'Chloe.Dubois@Example.fr' }] },
  { id: 'cust-var-kwame', name: 'Kwame Mensah', language: 'en-GB', identities: [{ kind: 'phone', value: '07700 900123' }] },
  { id: 'cust-var-lucia', name: 'Lucía Romero', language: 'es-ES', identities: [{ kind: 'phone', value: '612 34 56 78' }] },
  { id: 'cust-var-yusuf', name: 'Yusuf Demir', language: 'en-US', identities: [{ kind: 'email', value: 'Yusuf.Demir@Example.com' }] },
];

type Row = [site: SiteName, folder: string, file: string, url: string, arrangement: string, expect: Variant['expect']];

const ORIGINAL = 'the original fixture';

// One row per variant page: site, fixture folder and file, the address it is served at, the arrangement, who it shows.
// biome-ignore format: a table reads best one row per line
const ROWS: Row[] = [
  ['twitter', 'x', 'index.html', 'https://x.com/jane_doe/status/1861234567890123456', ORIGINAL, { customer: 'Jane Doe' }],
  ['twitter', 'x', 'variant-quote.html', 'https://x.com/TestUser123/status/1862000000000000001', 'focal tweet quoting a known customer, handle in mixed case', { customer: 'Tessa Quinn' }],
  ['twitter', 'x', 'variant-reply.html', 'https://x.com/BramDV/status/1862000000000000002', 'reply below a known customer’s tweet in a thread', { customer: 'Bram de Vries' }],
  ['facebook', 'facebook', 'index.html', 'https://www.facebook.com/NorthwindMobile/posts/pfbid02Xk7a', ORIGINAL, { customer: 'Tom Becker' }],
  ['facebook', 'facebook', 'variant-avatar-first.html', 'https://www.facebook.com/NorthwindMobile/posts/pfbid03Var1', 'comment whose first link is the avatar, name in the second', { customer: 'Amara Nwosu' }],
  ['facebook', 'facebook', 'variant-avatar-first.html', 'https://www.facebook.com/NorthwindMobile/posts/pfbid03Var1?comment_id=8801', 'unknown commenter linked from the address', { unknown: 'Kofi Asante' }],
  ['facebook', 'facebook', 'variant-reply.html', 'https://www.facebook.com/groups/northwindusers/posts/7720?comment_id=9901&reply_comment_id=9902', 'group post, reply by a profile.php?id= person', { customer: 'Diego Ramos' }],
  ['salesforce', 'salesforce', 'index.html', 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00001AbCdEIAZ/view', ORIGINAL, { customer: 'Marcus Chen' }],
  ['salesforce', 'salesforce', 'variant-highlights.html', 'https://tandemdemo.lightning.force.com/lightning/r/Contact/003Hs00009GrAcEIAZ/view', 'email and phone in the highlights panel (shadow DOM), mobile in the layout', { customer: 'Grace Okafor' }],
  ['salesforce', 'salesforce', 'variant-web-case.html', 'https://tandemdemo.lightning.force.com/lightning/r/Case/500Hs00000WbEm1AAB/view', 'Web-to-Case case: Web Name / Web Email fields, no contact', { customer: 'Henrik Larsen' }],
  ['zendesk', 'zendesk', 'index.html', 'https://tandemdemo.zendesk.com/agent/tickets/4521', ORIGINAL, { customer: 'Jane Doe' }],
  ['zendesk', 'zendesk', 'variant-sidebar.html', 'https://tandemdemo.zendesk.com/agent/tickets/4600', 'requester in the ticket-fields sidebar, mailto in the context panel, sender beside the message', { customer: 'Olivia Hartmann' }],
  ['zendesk', 'zendesk', 'variant-context-phone.html', 'https://tandemdemo.zendesk.com/agent/tickets/4601', 'older pane, name-only requester, tel: in the context panel, quoted mail from another customer', { customer: 'Ravi Patel' }],
  ['hubspot', 'hubspot', 'index.html', 'https://app.hubspot.com/contacts/4242/record/0-1/51234', ORIGINAL, { customer: 'Priya Raman' }],
  ['hubspot', 'hubspot', 'variant-sidebar.html', 'https://app.hubspot.com/contacts/4242/record/0-1/60001', 'labelled properties in the highlighted-property sidebar only', { customer: 'Mei Lin' }],
  ['hubspot', 'hubspot', 'variant-about.html', 'https://app.hubspot.com/contacts/4242/contact/60002', 'older contact URL, national phone as a tel: link in the about section', { customer: 'Samuel Osei' }],
  ['gmail', 'gmail', 'index.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvPqRvGzz', ORIGINAL, { customer: 'Lena Vogel' }],
  ['gmail', 'gmail', 'variant-agent-last.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsVarAgentLast', 'agent’s reply last, account only in the account chrome (not the title)', { customer: 'Nadia Benali' }],
  ['gmail', 'gmail', 'variant-quoted.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsVarQuoted01', 'one message quoting a known customer’s earlier mail', { customer: 'Felix Wagner' }],
  ['freshdesk', 'freshdesk', 'index.html', 'https://tandemdemo.freshdesk.com/a/tickets/77', ORIGINAL, { customer: 'Tom Becker' }],
  ['freshdesk', 'freshdesk', 'variant-legacy.html', 'https://tandemdemo.freshdesk.com/a/tickets/78', 'legacy ticket page, requester widget with labelled email, no contact link', { customer: 'Chloé Dubois' }],
  ['freshdesk', 'freshdesk', 'variant-phone.html', 'https://tandemdemo.freshdesk.com/a/tickets/79', 'contact card with a national phone number only', { customer: 'Kwame Mensah' }],
  ['dynamics', 'dynamics', 'variant-lead.html', 'https://tandemdemo.crm.dynamics.com/main.aspx?appid=5f1c0e2a-0000-4000-8000-000000000001&pagetype=entityrecord&etn=lead&id=%7B9a0e1c22-3b4d-4e5f-8a6b-7c8d9e0f1a2b%7D', 'lead form, national mobile number, GUID in braces', { customer: 'Lucía Romero' }],
  ['dynamics', 'dynamics', 'variant-read-only.html', 'https://tandemdemo.crm.dynamics.com/main.aspx?appid=5f1c0e2a-0000-4000-8000-000000000001&pagetype=entityrecord&etn=contact&id=4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 'read-only form: field containers with mailto links, no inputs', { customer: 'Yusuf Demir' }],
  ['dynamics', 'dynamics', 'variant-hash.html', 'https://tandemdemo.crm.dynamics.com/main.aspx#pagetype=entityrecord&etn=contact&id=4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 'record parameters after the hash, email in a header field', { customer: 'Yusuf Demir' }],
];

export const VARIANTS: Variant[] = ROWS.map(([site, folder, file, url, arrangement, expect]) => ({ site, folder, file, url, arrangement, expect }));

/**
 * A deliberately broken page (e2e/sites/zendesk/variant-broken.html): a layout with none of the hooks the
 * adapter knows. Not in VARIANTS: it must show nobody until an admin publishes a selector override for
 * zendesk, and then the customer (e2e/recognition-health.test.ts, e2e/site-rules-override.test.ts).
 */
export const BROKEN_VARIANT: Variant = {
  site: 'zendesk',
  folder: 'zendesk',
  file: 'variant-broken.html',
  url: 'https://tandemdemo.zendesk.com/agent/tickets/4603',
  arrangement: 'a layout with none of the hooks the adapter knows',
  expect: { customer: 'Ines Duarte' },
};
