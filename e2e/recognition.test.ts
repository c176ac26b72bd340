// Recognition on every variant page (bench/recognition/variants.ts): the built extension in Chromium,
// signed in, with the variant customers created through the server in non-canonical forms ("@Handle",
// "Mixed@Case.com", national phones), shows the right stored customer on every page and never a wrong
// one; an unknown person shows the name the page gives them. The same walk as `npm run bench:recognition`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VARIANTS } from '../bench/recognition/variants';
import { type Outcome, seedVariantCustomers, summarise, walkVariants } from '../bench/recognition/walk';
import { DEMO_AGENT, type Harness, startHarness } from './harness';

let h: Harness;
let outcomes: Outcome[] = [];

beforeAll(async () => {
  h = await startHarness();
  await seedVariantCustomers(h.directServerUrl, DEMO_AGENT);
  await h.signIn(DEMO_AGENT);
  outcomes = await walkVariants(h, VARIANTS);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

describe('recognition on the variant pages', () => {
  it('covers every supported site with at least three arrangements', () => {
    for (const row of summarise(outcomes)) expect(row.pages, row.site).toBeGreaterThanOrEqual(3);
    expect(summarise(outcomes)).toHaveLength(8);
  });

  it.each(VARIANTS.map((v, i) => [`${v.site}: ${v.arrangement}`, i] as const))('%s', (_name, i) => {
    const outcome = outcomes[i]!;
    expect(outcome.shown).toEqual(
      'customer' in outcome.variant.expect
        ? { kind: 'customer', name: outcome.variant.expect.customer }
        : { kind: 'unknown', name: outcome.variant.expect.unknown },
    );
  });

  it('shows nobody wrong anywhere', () => {
    expect(outcomes.filter((o) => o.verdict === 'wrong').map((o) => `${o.variant.file}: ${JSON.stringify(o.shown)}`)).toEqual([]);
  });
});
