// A replayable week of a carrier's support traffic with a regional outage at its end (issue 22): the detector's tests
// and `npm run bench:incidents` replay it (the demo's own outage is server/incidents/demo-outage.ts). Seeded: the same
// seed gives the same contacts, byte for byte.
// A week of history first (the baseline a running server has), then the measured normal week, then the burst:
// tweets and emails about no signal in one city, arriving faster as word spreads.
import { createRng, type Rng } from '../seed/prng';
import type { Contact } from './detect';

export type ScenarioChannel = 'twitter' | 'email' | 'facebook' | 'chat';

export interface ScenarioContact extends Contact {
  channel: ScenarioChannel;
  /** A new case (its subject and first message) or a later message on the customer's open case. */
  kind: 'case' | 'interaction';
  /** Part of the outage burst: what the bench measures the detection against. */
  outage: boolean;
  subject: string;
  customerName: string;
  handle: string;
}

export interface Scenario {
  contacts: ScenarioContact[];
  /** Epoch ms: history before this primes the baseline; the measured normal week starts here. */
  measuredFrom: number;
  /** Epoch ms of the burst's first contact. */
  burstAt: number;
  outageCity: string;
}

export interface ScenarioOptions {
  seed?: number;
  teamId?: string;
  /** The scenario's start (history begins here). */
  start?: Date;
  historyDays?: number;
  normalDays?: number;
  /** Contacts per day at the daily average. */
  perDay?: number;
  /** Minutes the outage lasts, and how many contacts it brings. */
  burstMinutes?: number;
  burstContacts?: number;
}

const CITIES = ['Leeds', 'Manchester', 'Bristol', 'Glasgow', 'Cardiff', 'Birmingham', 'Liverpool', 'Sheffield', 'Newcastle', 'Norwich'];
const DEVICES = ['iPhone', 'Pixel', 'Galaxy', 'Moto', 'router', 'tablet', 'smartwatch'];
const COUNTRIES = ['Spain', 'France', 'Italy', 'Portugal', 'Greece', 'Turkey', 'Canada'];
const PLANS = ['Unlimited', 'Family', 'Student', 'Business', 'Prepaid'];
const FIRST = ['Priya', 'Tom', 'Aisha', 'Liam', 'Mei', 'Oscar', 'Fatima', 'Jonas', 'Chloe', 'Mateo', 'Nia', 'Ravi', 'Sofia', 'Ewan', 'Zara'];
const LAST = ['Shah', 'Walker', 'Khan', 'Murphy', 'Chen', 'Novak', 'Haddad', 'Berg', 'Dupont', 'Garcia', 'Okafor', 'Patel', 'Rossi', 'Reid', 'Malik'];

type Fill = (r: Rng) => string;
const city: Fill = (r) => r.pick(CITIES);
const device: Fill = (r) => r.pick(DEVICES);

/** Everyday requests of a carrier's care team: [subject, message], with slots. Weak signal at home is everyday too. */
const NORMAL: readonly ((r: Rng) => [string, string])[] = [
  (r) => [`Bill higher this month`, `Why is my bill higher this month? I was charged ${r.int(5, 40)} pounds more than usual.`],
  (r) => [`Port my number`, `How do I port my number to the ${r.pick(PLANS)} plan? My account is ${r.int(100000, 999999)}.`],
  (r) => [`Weak signal at home`, `Weak signal inside my flat in ${city(r)}, calls drop in the kitchen. Any tips?`],
  (r) => [`Roaming not working`, `Roaming is not working in ${r.pick(COUNTRIES)}, my ${device(r)} says no service abroad.`],
  () => [`SIM locked`, `My SIM is locked and asks for a PUK code, where do I find it?`],
  () => [`Wifi drops every evening`, `Broadband router keeps dropping the wifi every evening around eight.`],
  (r) => [`Cancel contract`, `I am moving to ${city(r)} and want to cancel my broadband contract.`],
  (r) => [`Upgrade offer`, `Is there an upgrade offer for the new ${device(r)}? My contract ends soon.`],
  (r) => [`eSIM activation`, `The eSIM activation is stuck on my ${device(r)}, the QR code fails.`],
  (r) => [`Delivery late`, `The parcel with my new ${device(r)} has not arrived, tracking says depot in ${city(r)}.`],
  () => [`Direct debit failed`, `My direct debit failed this month, can I pay the invoice by card instead?`],
  () => [`Voicemail`, `How do I switch off voicemail? It picks up after two rings.`],
  (r) => [`Data allowance`, `My data allowance ran out early, did the ${r.pick(PLANS)} bundle renew?`],
  () => [`Refund`, `You promised a refund for the double charge last month, still nothing on my statement.`],
  (r) => [`Coverage question`, `Is 5G coverage available in ${city(r)} yet? Thinking about switching.`],
  () => [`Password reset`, `The app will not let me reset my password, the email never comes.`],
];

/** The outage, as customers put it: most say signal and the city; some say it another way. */
const OUTAGE: readonly ((r: Rng, where: string) => [ScenarioChannel, string, string])[] = [
  (_r, where) => ['twitter', 'No signal', `@TandemTel no signal at all in ${where} since this afternoon?? what is going on`],
  (r, where) => ['twitter', 'No signal', `@TandemTel is the network down in ${where}? zero signal on my ${device(r)}`],
  (_r, where) => ['twitter', 'No signal', `Anyone else in ${where} with no signal? @TandemTel phone says SOS only`],
  (_r, where) => [
    'email',
    `No mobile signal in ${where}`,
    `Hello, since about five o'clock I have no signal on my phone in ${where} centre. I cannot call or use data.`,
  ],
  (_r, where) => ['email', `Phone not working in ${where}`, `My phone shows no signal at home in ${where}, restarted twice. Is there an outage?`],
  (_r, where) => ['facebook', 'Outage?', `Total outage in ${where}, no signal and no data for an hour now`],
  (_r, where) => ['twitter', 'Still no service', `still no service here in ${where} @TandemTel, signal bars gone. wifi calling works though`],
];

/** Hourly weight of traffic (UTC ≈ local for a UK carrier): quiet nights, busy days, an evening peak. */
const HOURLY = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.5, 1.4, 1.4, 1.4, 1.3, 1.3, 1.4, 1.5, 1.6, 1.6, 1.4, 1.1, 0.7, 0.3];
const HOURLY_MEAN = HOURLY.reduce((s, w) => s + w, 0) / 24;
const CHANNELS: readonly ScenarioChannel[] = ['email', 'email', 'twitter', 'twitter', 'facebook', 'chat'];
const MINUTE = 60_000;

export function buildScenario(options: ScenarioOptions = {}): Scenario {
  const {
    seed = 22,
    teamId = 'team-care',
    start = new Date('2026-11-06T00:00:00.000Z'),
    historyDays = 7,
    normalDays = 7,
    perDay = 240,
    burstMinutes = 120,
    burstContacts = 60,
  } = options;
  const r = createRng(seed);
  const from = start.getTime();
  const measuredFrom = from + historyDays * 24 * 60 * MINUTE;
  const end = measuredFrom + normalDays * 24 * 60 * MINUTE;
  // The outage starts on the last measured day, at a seeded time in the late afternoon.
  const burstAt = end - 24 * 60 * MINUTE + (16 * 60 + r.int(0, 120)) * MINUTE;
  const outageCity = city(r);
  const contacts: ScenarioContact[] = [];
  let people = 0;
  const person = () => {
    people++;
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    return { customerId: `sc-cust-${people}`, customerName: `${first} ${last}`, handle: `@${first.toLowerCase()}_${last.toLowerCase()}${people}` };
  };
  // Normal traffic: a Poisson process whose rate follows the hour of day.
  for (let at = from; at < end; ) {
    const hour = new Date(at).getUTCHours();
    const perMinute = (perDay / (24 * 60)) * ((HOURLY[hour] ?? 1) / HOURLY_MEAN);
    at += (-Math.log(1 - r.next()) / perMinute) * MINUTE;
    if (at >= end) break;
    const who = person();
    const [subject, message] = r.pick(NORMAL)(r);
    const channel = r.pick(CHANNELS);
    const caseId = `sc-case-${contacts.length + 1}`;
    contacts.push(contactOf(teamId, who, caseId, at, channel, 'case', subject, greet(r, who, channel, message), false));
    // A fifth write again later, on another channel sometimes: a repeat contact on the same case.
    if (r.chance(0.2)) {
      const later = at + r.int(30, 24 * 60) * MINUTE;
      if (later < end) contacts.push(contactOf(teamId, who, caseId, later, r.pick(CHANNELS), 'interaction', subject, `Any update on this? ${message}`, false));
    }
  }
  // The burst: contacts speed up over the first half hour (word spreads), then hold.
  for (let i = 0, at = burstAt; i < burstContacts && at < burstAt + burstMinutes * MINUTE; i++) {
    const who = person();
    const [channel, subject, message] = r.pick(OUTAGE)(r, outageCity);
    contacts.push(contactOf(teamId, who, `sc-case-${contacts.length + 1}`, at, channel, 'case', subject, greet(r, who, channel, message), true));
    const perMinute = at - burstAt < 30 * MINUTE ? 0.5 + (at - burstAt) / (30 * MINUTE) : 1;
    at += (-Math.log(1 - r.next()) / perMinute) * MINUTE;
  }
  contacts.sort((a, b) => a.at - b.at);
  return { contacts, measuredFrom, burstAt, outageCity };
}

/** Customers sign emails and mention themselves: the detector must keep all of it out of the signal. */
function greet(r: Rng, who: { customerName: string; handle: string }, channel: ScenarioChannel, message: string): string {
  if (channel === 'email') return `${message}\n\nRegards,\n${who.customerName}\n${who.handle.slice(1)}@mail.example`;
  return r.chance(0.3) ? `${message} (${who.handle})` : message;
}

function contactOf(
  teamId: string,
  who: { customerId: string; customerName: string; handle: string },
  caseId: string,
  at: number,
  channel: ScenarioChannel,
  kind: ScenarioContact['kind'],
  subject: string,
  text: string,
  outage: boolean,
): ScenarioContact {
  return {
    teamId,
    customerId: who.customerId,
    caseId,
    at: Math.round(at),
    text: kind === 'case' ? `${subject}\n${text}` : text,
    personal: [who.customerName, who.handle],
    channel,
    kind,
    outage,
    subject,
    customerName: who.customerName,
    handle: who.handle,
  };
}
