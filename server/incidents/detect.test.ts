import { describe, expect, it } from 'vitest';
import { type Contact, DEFAULT_PARAMS, type DetectorEvent, IncidentDetector, poissonTail } from './detect';
import { buildScenario } from './scenario';

const HOUR = 3_600_000;

function replay(contacts: readonly Contact[], detector = new IncidentDetector()): { contact: Contact; event: DetectorEvent }[] {
  return contacts.flatMap((contact) => detector.observe(contact).map((event) => ({ contact, event })));
}

describe('incident detector on the seeded scenario', () => {
  const scenario = buildScenario({ seed: 22 });
  const events = replay(scenario.contacts);
  const opened = events.filter((e) => e.event.type === 'opened' && e.contact.at >= scenario.measuredFrom);

  it('opens one incident for the outage within ten simulated minutes, naming the city and the signal', () => {
    const outage = opened.filter((e) => e.contact.at >= scenario.burstAt);
    expect(outage).toHaveLength(1);
    const [first] = outage;
    expect((first?.contact.at ?? Number.POSITIVE_INFINITY) - scenario.burstAt).toBeLessThanOrEqual(10 * 60_000);
    expect(first?.event.incident.terms).toEqual(expect.arrayContaining([scenario.outageCity.toLowerCase(), 'signal']));
    expect(first?.event.incident.contacts).toBeGreaterThanOrEqual(DEFAULT_PARAMS.minContacts);
  });

  it('raises no alarm over the normal week', () => {
    expect(opened.filter((e) => e.contact.at < scenario.burstAt)).toEqual([]);
  });

  it('keeps extending the same incident with the cases that keep coming, and links only outage cases', () => {
    const burstCases = new Set(scenario.contacts.filter((c) => c.outage).map((c) => c.caseId));
    const last = events.filter((e) => e.contact.at >= scenario.burstAt).at(-1)?.event.incident;
    expect(last?.caseIds.length).toBeGreaterThan(20);
    expect(last?.caseIds.every((id) => burstCases.has(id))).toBe(true);
  });

  it('puts no customer identity into the signal: no names, handles, emails or numbers', () => {
    const signals = JSON.stringify(events.map((e) => e.event.incident)).toLowerCase();
    for (const c of scenario.contacts.filter((c) => c.outage)) {
      for (const part of [...c.customerName.toLowerCase().split(' '), c.handle.toLowerCase().slice(1), c.customerId]) {
        expect(signals).not.toContain(part);
      }
    }
    for (const term of events.flatMap((e) => e.event.incident.terms)) expect(term).toMatch(/^\p{L}+$/u);
  });
});

describe('incident detector', () => {
  const t0 = Date.parse('2026-11-20T09:00:00Z');
  const contact = (i: number, at: number, text: string, extra: Partial<Contact> = {}): Contact => ({
    teamId: 'team-care',
    customerId: `c${i}`,
    caseId: `case-${i}`,
    at,
    text,
    ...extra,
  });
  /** A day of everyday traffic so the team is past its warm-up. */
  const everyday = Array.from({ length: 100 }, (_, i) =>
    contact(1000 + i, t0 + i * 15 * 60_000, i % 2 ? 'invoice question about my bill' : 'router wifi slow'),
  );
  const afterWarmup = t0 + 26 * HOUR;

  it('counts people, not messages: one customer writing five times is no burst', () => {
    const burst = Array.from({ length: 5 }, (_, i) => contact(1, afterWarmup + i * 60_000, 'No signal in Leeds'));
    expect(replay([...everyday, ...burst])).toEqual([]);
  });

  it('needs a pair of shared terms: a rare word alone in unrelated contacts is no incident', () => {
    const texts = ['Leeds store opening hours', 'moving to Leeds next month', 'Leeds parcel depot delay', 'Leeds invoice address'];
    expect(replay([...everyday, ...texts.map((t, i) => contact(i, afterWarmup + i * 60_000, t))])).toEqual([]);
  });

  it('stays quiet while the team is warming up, and fires on the same burst after it', () => {
    const burstAt = (at: number) =>
      ['No signal in Leeds', 'Leeds no signal at all', 'signal gone Leeds', 'zero signal in Leeds', 'Leeds signal dead'].map((t, i) =>
        contact(i, at + i * 60_000, t),
      );
    expect(replay(burstAt(t0))).toEqual([]);
    expect(replay([...everyday, ...burstAt(afterWarmup)]).map((e) => e.event.type)).toEqual(['opened']);
  });

  it('never makes a term of what names the customer, even a word the text repeats', () => {
    const texts = [
      'No signal in Leeds, Priya here',
      'Priya again: Leeds no signal',
      'Leeds signal down says Priya',
      'signal lost Leeds, Priya',
      'Priya: Leeds signal',
    ];
    const events = replay([...everyday, ...texts.map((t, i) => contact(i, afterWarmup + i * 60_000, t, { personal: ['Priya Shah', '@priya'] }))]);
    expect(events.map((e) => e.event.incident.terms)).toEqual([['leeds', 'signal']]);
  });

  it('finds a burst in a small team too: the burst does not become its own baseline while it lasts', () => {
    // A quiet team: a contact every hour for two days, then six people within six minutes.
    const quiet = Array.from({ length: 48 }, (_, i) => contact(2000 + i, t0 + i * HOUR, i % 2 ? 'invoice question about my bill' : 'router wifi slow'));
    const burst = [
      'No signal in Leeds',
      'Leeds no signal at all',
      'signal gone Leeds',
      'zero signal in Leeds',
      'Leeds signal dead',
      'Leeds: still no signal',
    ].map((t, i) => contact(i, t0 + 48 * HOUR + i * 60_000, t));
    expect(replay([...quiet, ...burst]).map((e) => e.event.type)).toContain('opened');
  });

  it('keeps every person and case of a long burst in its one incident', () => {
    // 600 contacts from 150 people in 25 minutes: each one after the opening extends the incident with what is new.
    const burst = Array.from({ length: 600 }, (_, i) =>
      contact(i % 150, afterWarmup + i * 2_500, i % 2 ? 'Leeds no signal since the update' : 'No signal in Leeds after the update', {
        caseId: i % 4 === 0 ? `case-burst-${i}` : null,
      }),
    );
    const events = replay([...everyday, ...burst]);
    expect(events.filter((e) => e.event.type === 'opened')).toHaveLength(1);
    const last = events.at(-1)?.event.incident;
    expect(last?.contacts).toBe(150);
    expect(new Set(last?.caseIds)).toEqual(new Set(burst.flatMap((c) => (c.caseId ? [c.caseId] : []))));
    expect(last?.caseIds).toHaveLength(150);
  });

  it('takes its parameters per team', () => {
    const strict = new IncidentDetector((teamId) => (teamId === 'team-care' ? { ...DEFAULT_PARAMS, minContacts: 10 } : DEFAULT_PARAMS));
    const burst = ['No signal in Leeds', 'Leeds no signal at all', 'signal gone Leeds', 'zero signal in Leeds', 'Leeds signal dead'].map((t, i) =>
      contact(i, afterWarmup + i * 60_000, t),
    );
    expect(replay([...everyday, ...burst], strict)).toEqual([]);
  });

  it('computes the Poisson tail', () => {
    expect(poissonTail(0, 1)).toBe(1);
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 10);
    expect(poissonTail(4, 0.2)).toBeCloseTo(5.684e-5, 7);
  });
});
