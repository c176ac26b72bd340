import { customerPhoneCountry, storedIdentities } from '../../lib/identity/normalize';
import type { Case, Channel, Customer, Identity, Interaction, Priority, Tier } from '../../lib/schema/entities';
import { createRng, type Rng } from './prng';

export interface CustomerBundle {
  customers: Customer[];
  cases: Case[];
  interactions: Interaction[];
}

/** Timestamps relative to the seed clock, in minutes. */
type At = (minutes: number) => string;

const CARE = 'team-care';
const BILLING = 'team-billing';

interface NamedCase {
  key: string;
  subject: string;
  status: Case['status'];
  priority: Priority;
  channel: Channel;
  /** Minutes from the seed clock; negative = already breached. null = no SLA. */
  slaIn: number | null;
  createdAgo: number;
  tags?: string[];
  assigneeId?: string | null;
  source: { url: string | null; site: string | null; externalId: string | null; pageTitle?: string | null };
}

interface NamedInteraction {
  caseKey?: string;
  channel: Channel;
  visibility: 'public' | 'private';
  direction: 'inbound' | 'outbound';
  text: string;
  ago: number;
  sourceUrl?: string;
  author?: string;
}

interface NamedCustomer {
  id: string;
  name: string;
  teamId: string;
  tier: Tier;
  lifetimeValueCents: number;
  currency?: string;
  language?: string;
  tags?: string[];
  identities: Identity[];
  createdDaysAgo: number;
  cases: NamedCase[];
  interactions: NamedInteraction[];
}

const H = 60;
const D = 24 * H;

/** The customers the fixture pages show; their ids and identities are part of the e2e contract. */
const NAMED: NamedCustomer[] = [
  {
    id: 'cust-jane-doe',
    name: 'Jane Doe',
    teamId: CARE,
    tier: 'gold',
    lifetimeValueCents: 184_250,
    currency: 'USD',
    language: 'en',
    tags: ['vip', 'mobile-app'],
    identities: [
      { kind: 'email', value: 'jane.doe@example.com' },
      { kind: 'twitter', value: 'jane_doe' },
      { kind: 'phone', value: '+14155550123' },
      { kind: 'zendesk', value: '90001' },
    ],
    createdDaysAgo: 1460,
    cases: [
      {
        key: 'tw',
        subject: 'eSIM stopped working after the 14.2 update',
        status: 'open',
        priority: 'high',
        channel: 'twitter',
        slaIn: -45,
        createdAgo: 5 * H,
        tags: ['esim', 'software-update'],
        source: {
          url: 'https://x.com/jane_doe/status/1861234567890123456',
          site: 'twitter',
          externalId: '1861234567890123456',
          pageTitle: 'Jane Doe on X: "My eSIM stopped working…" / X',
        },
      },
      {
        key: 'zd',
        subject: 'Unexpected roaming charge on my November bill',
        status: 'open',
        priority: 'normal',
        channel: 'zendesk',
        slaIn: 90,
        createdAgo: 26 * H,
        tags: ['refunds', 'roaming'],
        assigneeId: 'user-alex',
        source: {
          url: 'https://tandemdemo.zendesk.com/agent/tickets/4521',
          site: 'zendesk',
          externalId: '4521',
          pageTitle: 'Ticket #4521: Unexpected roaming charge on my November bill',
        },
      },
      {
        key: 'old',
        subject: 'eSIM transfer to new iPhone',
        status: 'solved',
        priority: 'normal',
        channel: 'chat',
        slaIn: -30 * D,
        createdAgo: 31 * D,
        tags: ['esim'],
        source: { url: null, site: null, externalId: null },
      },
    ],
    interactions: [
      {
        caseKey: 'old',
        channel: 'chat',
        visibility: 'private',
        direction: 'inbound',
        ago: 31 * D,
        text: 'Hi, I got a new iPhone 16 and my eSIM did not come across. Can you send me a new QR code?',
      },
      {
        caseKey: 'old',
        channel: 'chat',
        visibility: 'private',
        direction: 'outbound',
        ago: 31 * D - 12,
        author: 'Bea Berg',
        text: 'Hi Jane, I have sent a fresh eSIM QR code to jane.doe@example.com. Scan it on Wi-Fi and it should activate within 15 minutes.',
      },
      {
        caseKey: 'zd',
        channel: 'zendesk',
        visibility: 'private',
        direction: 'inbound',
        ago: 26 * H,
        sourceUrl: 'https://tandemdemo.zendesk.com/agent/tickets/4521',
        text: 'Hello, my November bill has a roaming charge of €38.50 from a trip to Lisbon, but I have the EU roaming option. Can you please remove it?',
      },
      {
        caseKey: 'zd',
        channel: 'zendesk',
        visibility: 'private',
        direction: 'outbound',
        ago: 24 * H,
        author: 'Alex Agent',
        sourceUrl: 'https://tandemdemo.zendesk.com/agent/tickets/4521',
        text: 'Hi Jane, thanks for reaching out. Could you tell me the dates of your trip?',
      },
      {
        caseKey: 'tw',
        channel: 'twitter',
        visibility: 'public',
        direction: 'inbound',
        ago: 5 * H,
        sourceUrl: 'https://x.com/jane_doe/status/1861234567890123456',
        text: 'My eSIM stopped working right after the 14.2 update. No signal at all. @NorthwindMobile please help!',
      },
      {
        caseKey: 'tw',
        channel: 'twitter',
        visibility: 'public',
        direction: 'outbound',
        ago: 4 * H,
        author: 'Northwind Mobile',
        sourceUrl: 'https://x.com/NorthwindMobile/status/1861240000000000004',
        text: '@jane_doe Sorry about that, Jane. Could you send us a DM with your phone model? A restart after the update usually brings the eSIM back, and we can resend the profile if not.',
      },
      {
        caseKey: 'tw',
        channel: 'twitter',
        visibility: 'private',
        direction: 'inbound',
        ago: 3 * H,
        text: 'DM: Pixel 8, restarted twice already. Still No service.',
      },
    ],
  },
  {
    id: 'cust-marcus-chen',
    name: 'Marcus Chen',
    teamId: CARE,
    tier: 'platinum',
    lifetimeValueCents: 1_250_000,
    currency: 'GBP',
    tags: ['business', 'multi-line'],
    identities: [
      { kind: 'email', value: 'marcus.chen@example.com' },
      { kind: 'salesforce', value: '003Hs00001AbCdEIAZ' },
      { kind: 'phone', value: '+14155550142' },
      { kind: 'phone', value: '+447700900123' },
      { kind: 'facebook', value: 'marcus.chen.391' },
    ],
    createdDaysAgo: 2200,
    cases: [
      {
        key: 'port',
        subject: 'Bulk port of 12 business numbers delayed',
        status: 'pending',
        priority: 'urgent',
        channel: 'salesforce',
        slaIn: -120,
        createdAgo: 2 * D,
        tags: ['porting', 'business'],
        source: {
          url: 'https://northwind.lightning.force.com/lightning/r/Case/500Hs00001XyZaBIAV/view',
          site: 'salesforce',
          externalId: '500Hs00001XyZaBIAV',
          pageTitle: 'Case 00012873',
        },
      },
      {
        key: 'fb',
        subject: 'Poor indoor coverage at new office',
        status: 'new',
        priority: 'normal',
        channel: 'facebook',
        slaIn: 6 * H,
        createdAgo: 40,
        tags: ['coverage'],
        source: { url: 'https://www.facebook.com/NorthwindMobile/posts/pfbid0x7Marcus', site: 'facebook', externalId: 'pfbid0x7Marcus', pageTitle: null },
      },
    ],
    interactions: [
      {
        caseKey: 'port',
        channel: 'email',
        visibility: 'private',
        direction: 'inbound',
        ago: 2 * D,
        text: 'Our 12 lines from Meridian Mobile were meant to port this morning. Only 4 have moved. Please chase urgently, our sales team cannot take calls.',
      },
      {
        caseKey: 'port',
        channel: 'salesforce',
        visibility: 'private',
        direction: 'outbound',
        ago: 2 * D - 90,
        author: 'Alex Agent',
        text: 'Marcus, I have escalated the remaining 8 numbers to our porting team and Meridian. Temporary numbers are active on all 12 SIMs in the meantime.',
      },
      {
        caseKey: 'port',
        channel: 'phone',
        visibility: 'private',
        direction: 'inbound',
        ago: 20 * H,
        text: 'Call: customer reports 3 more numbers ported overnight, 5 still outstanding. Asked for compensation per day late.',
      },
      {
        caseKey: 'fb',
        channel: 'facebook',
        visibility: 'public',
        direction: 'inbound',
        ago: 40,
        sourceUrl: 'https://www.facebook.com/NorthwindMobile/posts/pfbid0x7Marcus',
        text: 'Moved into our new office on Canal Street and nobody on Northwind gets a signal indoors. Is there a fix?',
      },
    ],
  },
  {
    id: 'cust-priya-raman',
    name: 'Priya Raman',
    teamId: CARE,
    tier: 'silver',
    lifetimeValueCents: 42_000,
    currency: 'GBP',
    tags: ['mobile-app'],
    identities: [
      { kind: 'email', value: 'priya.raman@example.net' },
      { kind: 'hubspot', value: '51234' },
      { kind: 'twitter', value: 'priyabuilds' },
      { kind: 'phone', value: '+442079460958' },
    ],
    createdDaysAgo: 540,
    cases: [
      {
        key: 'login',
        subject: 'Verification codes not arriving',
        status: 'open',
        priority: 'high',
        channel: 'hubspot',
        slaIn: 30,
        createdAgo: 3 * H,
        tags: ['login', '2fa'],
        source: { url: 'https://app.hubspot.com/contacts/4412/ticket/88121', site: 'hubspot', externalId: '88121', pageTitle: 'Ticket 88121' },
      },
    ],
    interactions: [
      {
        caseKey: 'login',
        channel: 'twitter',
        visibility: 'public',
        direction: 'inbound',
        ago: 3 * H,
        sourceUrl: 'https://x.com/priyabuilds/status/1859299988776655443',
        text: '@NorthwindMobile locked out of my account, the sign-in code never arrives. Tried 4 times.',
      },
      {
        caseKey: 'login',
        channel: 'twitter',
        visibility: 'public',
        direction: 'outbound',
        ago: 170,
        author: 'Northwind Mobile',
        text: '@priyabuilds Sorry Priya! Please DM us so we can check the number the codes are sent to.',
      },
      {
        caseKey: 'login',
        channel: 'hubspot',
        visibility: 'private',
        direction: 'inbound',
        ago: 150,
        text: 'Codes should go to my new number ending 4471, I changed it last week but the app still sends them to the old one.',
      },
      {
        channel: 'email',
        visibility: 'private',
        direction: 'outbound',
        ago: 90 * D,
        author: 'Bea Berg',
        text: 'Hi Priya, your upgrade to Go 60GB is complete and your new allowance is available now.',
      },
    ],
  },
  {
    id: 'cust-lena-vogel',
    name: 'Lena Vogel',
    teamId: CARE,
    tier: 'platinum',
    lifetimeValueCents: 560_000,
    currency: 'EUR',
    language: 'de',
    tags: ['berlin'],
    identities: [
      { kind: 'email', value: 'lena.vogel@example.de' },
      { kind: 'phone', value: '+4915112345678' },
    ],
    createdDaysAgo: 980,
    cases: [
      {
        key: 'outage',
        subject: 'Kein Netz in Berlin-Mitte seit heute Morgen',
        status: 'open',
        priority: 'urgent',
        channel: 'email',
        slaIn: -15,
        createdAgo: 4 * H,
        tags: ['outage', 'berlin'],
        source: { url: null, site: 'gmail', externalId: null },
      },
      {
        key: 'bill',
        subject: 'Rechnung für Oktober doppelt',
        status: 'solved',
        priority: 'low',
        channel: 'email',
        slaIn: -20 * D,
        createdAgo: 22 * D,
        tags: ['billing'],
        source: { url: null, site: null, externalId: null },
      },
    ],
    interactions: [
      {
        caseKey: 'outage',
        channel: 'email',
        visibility: 'private',
        direction: 'inbound',
        ago: 4 * H,
        text: 'Seit 7 Uhr habe ich in Berlin-Mitte weder Netz noch mobile Daten. Ich brauche mein Telefon dringend für die Arbeit.',
      },
      {
        caseKey: 'outage',
        channel: 'email',
        visibility: 'private',
        direction: 'outbound',
        ago: 3 * H,
        author: 'Alex Agent',
        text: 'Hallo Frau Vogel, es gibt derzeit eine größere Störung in Berlin. Unsere Techniker sind vor Ort. WLAN-Telefonie funktioniert weiterhin.',
      },
      {
        caseKey: 'bill',
        channel: 'email',
        visibility: 'private',
        direction: 'inbound',
        ago: 22 * D,
        text: 'Meine Oktoberrechnung wurde zweimal abgebucht. Bitte erstatten Sie den doppelten Betrag.',
      },
      {
        caseKey: 'bill',
        channel: 'email',
        visibility: 'private',
        direction: 'outbound',
        ago: 21 * D,
        author: 'Bea Berg',
        text: 'Hallo Frau Vogel, die doppelte Abbuchung wurde erstattet und ist in 3 bis 5 Werktagen auf Ihrem Konto.',
      },
    ],
  },
  {
    id: 'cust-tom-becker',
    name: 'Tom Becker',
    teamId: CARE,
    tier: 'standard',
    lifetimeValueCents: 3_900,
    currency: 'GBP',
    identities: [
      { kind: 'facebook', value: 'tom.becker.77' },
      { kind: 'email', value: 'tom.becker@example.com' },
      { kind: 'freshdesk', value: '3011' },
    ],
    createdDaysAgo: 60,
    cases: [
      {
        key: 'esim',
        subject: 'eSIM QR code says no longer valid',
        status: 'open',
        priority: 'normal',
        channel: 'facebook',
        slaIn: 3 * H,
        createdAgo: 2 * H,
        tags: ['esim'],
        source: {
          url: 'https://www.facebook.com/NorthwindMobile/posts/pfbid0x7TomB/?comment_id=88213',
          site: 'facebook',
          externalId: '88213',
          pageTitle: null,
        },
      },
    ],
    interactions: [
      {
        caseKey: 'esim',
        channel: 'facebook',
        visibility: 'public',
        direction: 'inbound',
        ago: 2 * H,
        sourceUrl: 'https://www.facebook.com/NorthwindMobile/posts/pfbid0x7TomB/?comment_id=88213',
        text: 'Your eSIM QR code says "no longer valid" on my Pixel 9. Been without a phone all weekend. Not impressed.',
      },
      {
        caseKey: 'esim',
        channel: 'facebook',
        visibility: 'public',
        direction: 'outbound',
        ago: 100,
        author: 'Northwind Mobile',
        text: 'Hi Tom, sorry about this. Please send us a private message and we will issue a new code straight away.',
      },
      { caseKey: 'esim', channel: 'facebook', visibility: 'private', direction: 'inbound', ago: 80, text: 'Messaged you. Email is tom.becker77@example.com.' },
    ],
  },
  {
    id: 'cust-olu-ade',
    name: 'Olu Adeyemi',
    teamId: BILLING,
    tier: 'gold',
    lifetimeValueCents: 96_400,
    currency: 'GBP',
    tags: ['payment-plan'],
    identities: [
      { kind: 'email', value: 'olu.adeyemi@example.com' },
      { kind: 'twitter', value: 'oluade' },
      { kind: 'phone', value: '+442079460321' },
      { kind: 'dynamics', value: '7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11' },
    ],
    createdDaysAgo: 1200,
    cases: [
      {
        key: 'arrears',
        subject: 'Payment arrangement after missed Direct Debit',
        status: 'open',
        priority: 'high',
        channel: 'email',
        slaIn: -3 * H,
        createdAgo: 30 * H,
        tags: ['billing', 'financial-support'],
        assigneeId: 'user-cy',
        source: { url: null, site: 'gmail', externalId: null },
      },
      {
        key: 'overcharge',
        subject: 'Premium SMS charges not recognised',
        status: 'solved',
        priority: 'normal',
        channel: 'twitter',
        slaIn: null,
        createdAgo: 45 * D,
        tags: ['refunds', 'premium-sms'],
        source: { url: 'https://x.com/oluade/status/1843300011122233344', site: 'twitter', externalId: '1843300011122233344' },
      },
    ],
    interactions: [
      {
        caseKey: 'arrears',
        channel: 'email',
        visibility: 'private',
        direction: 'inbound',
        ago: 30 * H,
        text: 'My Direct Debit bounced this month because I was between jobs. Can I spread the £96 over a few months?',
      },
      {
        caseKey: 'arrears',
        channel: 'email',
        visibility: 'private',
        direction: 'outbound',
        ago: 28 * H,
        author: 'Cy Cole',
        text: 'Hi Olu, thanks for telling us. I can set up a three-month arrangement with no late fees. Please confirm and I will put it in place.',
      },
      {
        caseKey: 'overcharge',
        channel: 'twitter',
        visibility: 'public',
        direction: 'inbound',
        ago: 45 * D,
        sourceUrl: 'https://x.com/oluade/status/1843300011122233344',
        text: '@NorthwindMobile three charges of £4.50 from a short code I have never heard of. How do I stop this?',
      },
      {
        caseKey: 'overcharge',
        channel: 'twitter',
        visibility: 'public',
        direction: 'outbound',
        ago: 45 * D - 30,
        author: 'Northwind Mobile',
        text: '@oluade Sorry to hear that. Text STOP to the short code and DM us, we will block premium services and look at a refund.',
      },
      {
        caseKey: 'overcharge',
        channel: 'email',
        visibility: 'private',
        direction: 'outbound',
        ago: 44 * D,
        author: 'Cy Cole',
        text: 'Hi Olu, premium services are now blocked on your line and the £13.50 has been refunded as a credit.',
      },
    ],
  },
];

function buildNamed(at: At): CustomerBundle {
  const out: CustomerBundle = { customers: [], cases: [], interactions: [] };
  for (const n of NAMED) {
    const slug = n.id.replace(/^cust-/, '');
    const updatedAt = at(0);
    out.customers.push({
      id: n.id,
      version: 1,
      updatedAt,
      deleted: false,
      teamId: n.teamId,
      name: n.name,
      identities: n.identities,
      tier: n.tier,
      lifetimeValueCents: n.lifetimeValueCents,
      currency: n.currency ?? 'USD',
      language: n.language ?? 'en',
      tags: n.tags ?? [],
      createdAt: at(-n.createdDaysAgo * D),
    });
    for (const c of n.cases) {
      out.cases.push({
        id: `case-${slug}-${c.key}`,
        version: 1,
        updatedAt,
        deleted: false,
        teamId: n.teamId,
        customerId: n.id,
        subject: c.subject,
        status: c.status,
        priority: c.priority,
        channel: c.channel,
        slaDueAt: c.slaIn === null ? null : at(c.slaIn),
        assigneeId: c.assigneeId ?? null,
        tags: c.tags ?? [],
        source: { url: c.source.url, site: c.source.site, externalId: c.source.externalId, pageTitle: c.source.pageTitle ?? null },
        createdAt: at(-c.createdAgo),
      });
    }
    n.interactions.forEach((i, k) => {
      out.interactions.push({
        id: `int-${slug}-${k + 1}`,
        version: 1,
        updatedAt,
        deleted: false,
        teamId: n.teamId,
        customerId: n.id,
        caseId: i.caseKey ? `case-${slug}-${i.caseKey}` : null,
        channel: i.channel,
        visibility: i.visibility,
        direction: i.direction,
        text: i.text,
        sourceUrl: i.sourceUrl ?? null,
        authorName: i.author ?? (i.direction === 'inbound' ? n.name : null),
        occurredAt: at(-i.ago),
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------- generated customers

const FIRST = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Sofia',
  'Leo',
  'Grace',
  'Oscar',
  'Freya',
  'Harry',
  'Lily',
  'Jack',
  'Aisha',
  'Mohammed',
  'Chloe',
  'Ethan',
  'Zara',
  'Samuel',
  'Hannah',
  'Daniel',
  'Yusuf',
  'Evie',
  'Ravi',
  'Niamh',
  'Kofi',
  'Ines',
  'Mateo',
  'Anja',
  'Luca',
  'Maja',
  'Tariq',
  'Elif',
  'Connor',
  'Rosa',
  'Felix',
  'Wen',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Patel',
  'Khan',
  'Evans',
  'Thomas',
  'Walker',
  'Wright',
  'Robinson',
  'Okafor',
  'Hughes',
  'Murphy',
  'Kowalski',
  'Novak',
  'Fischer',
  'Schmidt',
  'Rossi',
  'Silva',
  'Nguyen',
  'Kim',
  'Hassan',
  'Ali',
  "O'Brien",
  'Campbell',
  'Stewart',
  'Morris',
  'Mensah',
  'Costa',
  'Larsen',
  'Yilmaz',
  'Sato',
  'Haddad',
  'Ibrahim',
  'Price',
  'Bennett',
  'Lopez',
];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'example.co.uk'];

interface Scenario {
  subject: string;
  tags: string[];
  priority: Priority;
  channels: Channel[];
  inbound: string[];
  reply: string;
  followUp?: string;
}

const SCENARIOS: Scenario[] = [
  {
    subject: 'No signal since this morning',
    tags: ['outage'],
    priority: 'high',
    channels: ['twitter', 'phone', 'chat'],
    inbound: ['No signal at all since this morning, is there an outage near {city}?', 'Still nothing here, my phone just says SOS only.'],
    reply: 'Sorry about this {first}. There is a fault affecting a mast near {city}; engineers are on it and we expect service back within a few hours.',
    followUp: 'Signal is back, thanks for the update.',
  },
  {
    subject: 'Bill higher than expected',
    tags: ['billing', 'bill-shock'],
    priority: 'normal',
    channels: ['email', 'chat', 'zendesk'],
    inbound: ['My bill this month is £{amount} more than usual and I have not changed anything. Can you explain?'],
    reply: 'Hi {first}, the extra charge is for calls to international numbers on the {day}. I have added the breakdown to your case.',
    followUp: 'OK that makes sense, I forgot about those calls.',
  },
  {
    subject: 'Refund for returned phone not received',
    tags: ['refunds', 'returns'],
    priority: 'normal',
    channels: ['email', 'zendesk'],
    inbound: ['I returned my phone two weeks ago and still have no refund. Tracking says you received it.'],
    reply: 'Hi {first}, your return was checked on the {day} and the refund of £{amount} was sent to your card. Allow up to 5 working days for it to show.',
  },
  {
    subject: 'eSIM will not activate',
    tags: ['esim'],
    priority: 'high',
    channels: ['chat', 'facebook', 'twitter'],
    inbound: ['My new eSIM has been "activating" for three hours. Is something wrong?'],
    reply: 'Hi {first}, I have reset the eSIM profile on our side. Please restart your phone and it should activate within 15 minutes.',
    followUp: 'Restarted and it works now.',
  },
  {
    subject: 'Cannot sign in to the app',
    tags: ['app', 'login'],
    priority: 'normal',
    channels: ['twitter', 'chat', 'hubspot'],
    inbound: ['The Northwind app keeps saying my password is wrong even after I reset it.'],
    reply: 'Hi {first}, your account was locked after several attempts. I have unlocked it; please sign in with the new password you set.',
  },
  {
    subject: 'Roaming not working abroad',
    tags: ['roaming'],
    priority: 'urgent',
    channels: ['twitter', 'phone', 'facebook'],
    inbound: ['Just landed in {country} and I have no data at all. Roaming is switched on.'],
    reply: 'Hi {first}, please choose a partner network manually under your network settings and restart. Roaming is active on your account.',
    followUp: 'Working now, thank you!',
  },
  {
    subject: 'Number transfer delayed',
    tags: ['porting'],
    priority: 'high',
    channels: ['email', 'salesforce', 'chat'],
    inbound: ['My number was supposed to move to Northwind yesterday and I still have the temporary number.'],
    reply: 'Hi {first}, I have chased your transfer with your previous network and it will complete by 18:00 today.',
  },
  {
    subject: 'Screen repair taking too long',
    tags: ['repairs'],
    priority: 'normal',
    channels: ['email', 'facebook', 'zendesk'],
    inbound: ['My phone has been at your repair centre for 9 days. When will I get it back?'],
    reply: 'Hi {first}, the part arrived today and your repair will be finished tomorrow. We will text you the courier details.',
  },
  {
    subject: 'Data very slow in the evenings',
    tags: ['data', 'speed'],
    priority: 'low',
    channels: ['twitter', 'chat'],
    inbound: ['Every evening my data drops to almost nothing around {city}. Daytime is fine.'],
    reply:
      'Hi {first}, thanks for the details. That mast is very busy in the evenings; an upgrade is planned for next month. Wi-Fi Calling will help in the meantime.',
  },
  {
    subject: 'Scam text claiming to be Northwind',
    tags: ['fraud', 'scams'],
    priority: 'normal',
    channels: ['twitter', 'facebook', 'email'],
    inbound: ['Got a text saying my account will be closed unless I click a link. Is this really you?'],
    reply: 'Hi {first}, that message was not from us. Please forward it to 7726 and delete it. We never ask for your password by text.',
  },
  {
    subject: 'Wants to cancel contract',
    tags: ['contracts', 'cancellation'],
    priority: 'normal',
    channels: ['phone', 'chat', 'email'],
    inbound: ['I am moving abroad next month and need to cancel my contract. What do I owe?'],
    reply: 'Hi {first}, as you are moving abroad we can end your airtime plan with no early charges. Please send proof of your move.',
  },
  {
    subject: 'Missed payment and restricted service',
    tags: ['billing', 'late-payment'],
    priority: 'high',
    channels: ['email', 'phone'],
    inbound: ['My outgoing calls have been blocked. I paid my bill this morning, can you turn it back on?'],
    reply: 'Hi {first}, I can see your payment of £{amount}. Your service has been restored; it can take 15 minutes to work.',
  },
  {
    subject: 'Lost phone, needs SIM barred',
    tags: ['security', 'lost-phone'],
    priority: 'urgent',
    channels: ['phone', 'chat'],
    inbound: ['My phone was stolen on the bus in {city}. Please block the SIM.'],
    reply: 'Hi {first}, I have barred your SIM and ordered a replacement with the same number. It will arrive tomorrow.',
  },
  {
    subject: 'Question about Family Share',
    tags: ['plans', 'family'],
    priority: 'low',
    channels: ['chat', 'email', 'facebook'],
    inbound: ['Can I add my son to my Family Share plan and give him a lower data limit?'],
    reply: 'Hi {first}, yes: in the app go to Family > Members > Add member, and you can set his data limit there.',
  },
  {
    subject: 'Calls drop indoors',
    tags: ['coverage', 'wifi-calling'],
    priority: 'normal',
    channels: ['twitter', 'chat', 'zendesk'],
    inbound: ['Calls keep dropping inside my flat in {city}. Outside is fine.'],
    reply: 'Hi {first}, switching on Wi-Fi Calling should fix this indoors. I have sent the steps for your phone by email.',
  },
  {
    subject: 'Accessible bill format request',
    tags: ['accessibility'],
    priority: 'low',
    channels: ['phone', 'email'],
    inbound: ['My father is partially sighted. Can his bills come in large print?'],
    reply: 'Hi {first}, large print bills are free. I have updated the account and the next bill will arrive in large print.',
  },
];

const CITIES = ['Manchester', 'Leeds', 'Bristol', 'Glasgow', 'Cardiff', 'Birmingham', 'Brighton', 'Newcastle', 'Belfast', 'Nottingham', 'Berlin', 'Edinburgh'];
const COUNTRIES = ['Spain', 'Portugal', 'Greece', 'Italy', 'Turkey', 'the United States', 'Japan', 'Thailand'];
const AGENTS = ['Alex Agent', 'Bea Berg', 'Cy Cole'];
const ASSIGNEES = ['user-alex', 'user-bea', null, null];
const TIERS: Tier[] = ['standard', 'standard', 'standard', 'silver', 'silver', 'gold', 'platinum'];

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? k);
}

function handle(first: string, last: string, n: number, rng: Rng): string {
  const base = `${first}${last}`.toLowerCase().replace(/[^a-z]/g, '');
  return rng.chance(0.5) ? `${base}${n}` : `${first.toLowerCase()}_${last.toLowerCase().replace(/[^a-z]/g, '')}${n}`;
}

function buildGenerated(at: At, count: number): CustomerBundle {
  const rng = createRng(20261120);
  const out: CustomerBundle = { customers: [], cases: [], interactions: [] };
  const updatedAt = at(0);
  for (let n = 1; n <= count; n++) {
    const first = FIRST[(n * 7) % FIRST.length] ?? 'Sam';
    const last = LAST[(n * 13 + Math.floor(n / FIRST.length)) % LAST.length] ?? 'Lee';
    const name = `${first} ${last}`;
    const num = String(n).padStart(3, '0');
    const id = `cust-gen-${num}`;
    const teamId = n % 4 === 0 ? BILLING : CARE;
    const emailLocal = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const identities: Identity[] = [{ kind: 'email', value: `${emailLocal}${n}@${rng.pick(DOMAINS)}` }];
    // Fictional ranges: Ofcom's 07700 900xxx drama numbers and the US 555-01xx block.
    if (rng.chance(0.6))
      identities.push({
        kind: 'phone',
        value: rng.chance(0.7)
          ? `+447700900${String(200 + n).padStart(3, '0')}`
          : `+1${rng.pick(['202', '312', '415', '617'])}55501${String(n % 100).padStart(2, '0')}`,
      });
    if (rng.chance(0.35)) identities.push({ kind: 'twitter', value: handle(first, last, n, rng).slice(0, 15) });
    if (rng.chance(0.25)) identities.push({ kind: 'facebook', value: `${emailLocal}.${100 + n}` });
    const tier = rng.pick(TIERS);
    const base = { standard: 2_000, silver: 20_000, gold: 80_000, platinum: 300_000 }[tier];
    out.customers.push({
      id,
      version: 1,
      updatedAt,
      deleted: false,
      teamId,
      name,
      identities,
      tier,
      lifetimeValueCents: base + rng.int(0, base * 2),
      currency: 'GBP',
      language: 'en',
      tags: rng.chance(0.2) ? [rng.pick(['mobile-app', 'business', 'family', 'prepaid', 'student'])] : [],
      createdAt: at(-rng.int(30, 2500) * D),
    });

    const caseCount = rng.int(1, 2);
    let k = 0;
    for (let c = 1; c <= caseCount; c++) {
      const sc = rng.pick(SCENARIOS);
      const channel = rng.pick(sc.channels);
      const isPublic = channel === 'twitter' || channel === 'facebook';
      const createdAgo = rng.int(30, 20 * D);
      const state = rng.next();
      const status: Case['status'] =
        createdAgo > 3 * D ? (state < 0.8 ? 'solved' : 'closed') : state < 0.5 ? 'open' : state < 0.7 ? 'new' : state < 0.85 ? 'pending' : 'solved';
      const slaIn = createdAgo <= 3 * D ? rng.int(-6 * H, 8 * H) : -createdAgo + 8 * H;
      const caseId = `case-gen-${num}-${c}`;
      const vars = {
        first,
        city: rng.pick(CITIES),
        country: rng.pick(COUNTRIES),
        amount: String(rng.int(8, 140)),
        day: `${rng.int(1, 28)}th`,
      };
      const externalId = isPublic ? String(1_850_000_000_000_000_000n + BigInt(n * 1000 + c)) : channel === 'zendesk' ? String(4000 + n * 3 + c) : null;
      out.cases.push({
        id: caseId,
        version: 1,
        updatedAt,
        deleted: false,
        teamId,
        customerId: id,
        subject: sc.subject,
        status,
        priority: sc.priority,
        channel,
        slaDueAt: at(slaIn),
        assigneeId: rng.pick(ASSIGNEES),
        tags: sc.tags,
        source: {
          url:
            channel === 'zendesk'
              ? `https://tandemdemo.zendesk.com/agent/tickets/${externalId}`
              : isPublic && channel === 'twitter'
                ? `https://x.com/NorthwindMobile/status/${externalId}`
                : null,
          site: channel === 'zendesk' || channel === 'twitter' || channel === 'facebook' ? channel : null,
          externalId,
          pageTitle: null,
        },
        createdAt: at(-createdAgo),
      });
      const push = (direction: 'inbound' | 'outbound', text: string, ago: number, visibility: 'public' | 'private') => {
        k += 1;
        out.interactions.push({
          id: `int-gen-${num}-${k}`,
          version: 1,
          updatedAt,
          deleted: false,
          teamId,
          customerId: id,
          caseId,
          channel,
          visibility,
          direction,
          text: fill(text, vars),
          sourceUrl: null,
          authorName: direction === 'inbound' ? name : isPublic && visibility === 'public' ? 'Northwind Mobile' : rng.pick(AGENTS),
          occurredAt: at(-ago),
        });
      };
      const vis = isPublic ? 'public' : 'private';
      for (const [j, t] of sc.inbound.entries()) push('inbound', t, createdAgo - j * 20, vis);
      push('outbound', sc.reply, Math.max(1, createdAgo - 45), vis);
      if (sc.followUp && status !== 'new' && rng.chance(0.7)) push('inbound', sc.followUp, Math.max(0, createdAgo - 120), vis);
    }
  }
  return out;
}

export const GENERATED_CUSTOMER_COUNT = 200;

export function buildCustomers(at: At): CustomerBundle {
  const named = buildNamed(at);
  const gen = buildGenerated(at, GENERATED_CUSTOMER_COUNT);
  return {
    customers: [...named.customers, ...gen.customers].map(withStoredIdentities),
    cases: [...named.cases, ...gen.cases],
    interactions: [...named.interactions, ...gen.interactions],
  };
}

/** The seed stores identities as every server write does (lib/identity/normalize.ts); one it cannot read is a bug here. */
function withStoredIdentities(customer: Customer): Customer {
  const { identities, unreadable } = storedIdentities(customer.identities, { defaultCountry: customerPhoneCountry(customer) });
  if (unreadable.length > 0) throw new Error(`Seed customer ${customer.id} has unreadable identities: ${JSON.stringify(unreadable)}`);
  return { ...customer, identities };
}
