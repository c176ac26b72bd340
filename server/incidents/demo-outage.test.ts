import { afterAll, describe, expect, it } from 'vitest';
import { Incident } from '../../lib/schema/incidents';
import { DEMO_CLOCK } from '../seed/demo';
import { seededDb } from '../testing';
import { buildDemoOutage, seedDemoOutage } from './demo-outage';

describe("npm start's demo outage", async () => {
  const db = await seededDb();
  afterAll(() => db.close());

  it('is found by the detector on top of the demo’s history: an open possible incident about no signal in Bristol, with all its cases', async () => {
    expect(await seedDemoOutage(db, DEMO_CLOCK)).toBe(true);
    const { rows } = await db.query<{ terms: string[]; case_ids: string[]; contacts: number; status: string; detected_at: Date | string }>(
      'select terms, case_ids, contacts, status, detected_at from incidents',
    );
    expect(rows).toHaveLength(1);
    const [found] = rows;
    expect(found?.status).toBe('open');
    expect(found?.terms.slice(0, 2).sort()).toEqual(['bristol', 'signal']);
    const outage = buildDemoOutage(DEMO_CLOCK);
    // Found before the burst is over, and growing with it: the last cases join the incident the first ones opened.
    expect(Date.parse(String(found?.detected_at))).toBeLessThan(DEMO_CLOCK.getTime());
    expect([...(found?.case_ids ?? [])].sort()).toEqual(outage.cases.map((c) => c.id).sort());
    // No identity of the people who wrote, as anywhere else.
    const shown = JSON.stringify(Incident.shape.terms.parse(found?.terms));
    for (const c of outage.customers)
      for (const word of [c.name, ...c.identities.map((i) => i.value)]) expect(shown.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it('is written once', async () => {
    expect(await seedDemoOutage(db, DEMO_CLOCK)).toBe(false);
    const { rows } = await db.query('select id from cases where id like $1', ['case-outage-bristol-%']);
    expect(rows).toHaveLength(buildDemoOutage(DEMO_CLOCK).cases.length);
  });
});
