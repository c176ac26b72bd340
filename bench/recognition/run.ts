// npm run bench:recognition — over every variant page (./variants.ts), the share where the overlay shows
// the right person (by the customer's stored name), a wrong person (must be 0) or nobody, per site.
// Method: a real server (in-memory, demo seed plus the variant customers pushed in non-canonical forms),
// the built extension in Chromium signed in as the demo agent, each page opened at its real address and
// polled for up to 10 s. Exits non-zero when any page shows a wrong person.
import { availableParallelism, loadavg } from 'node:os';
import { DEMO_AGENT, startHarness } from '../../e2e/harness';
import { VARIANTS } from './variants';
import { seedVariantCustomers, summarise, walkVariants } from './walk';

const pct = (n: number, of: number) => `${((100 * n) / (of || 1)).toFixed(0)}%`.padStart(5);

const h = await startHarness();
try {
  await seedVariantCustomers(h.directServerUrl, DEMO_AGENT);
  await h.signIn(DEMO_AGENT);
  const before = loadavg()[0]!;
  const outcomes = await walkVariants(h, VARIANTS);
  const after = loadavg()[0]!;
  console.log(
    `Recognition over ${VARIANTS.length} variant pages of ${summarise(outcomes).length} sites (Chromium, built extension, signed in; each page polled up to 10 s)`,
  );
  console.log(`${'site'.padEnd(12)} pages  right  wrong nobody`);
  for (const row of summarise(outcomes)) {
    console.log(
      `${row.site.padEnd(12)} ${String(row.pages).padStart(5)}  ${pct(row.right, row.pages)}  ${pct(row.wrong, row.pages)}  ${pct(row.nobody, row.pages)}`,
    );
  }
  const total = summarise(outcomes).reduce((s, r) => ({ right: s.right + r.right, wrong: s.wrong + r.wrong, nobody: s.nobody + r.nobody }), {
    right: 0,
    wrong: 0,
    nobody: 0,
  });
  console.log(
    `${'all'.padEnd(12)} ${String(outcomes.length).padStart(5)}  ${pct(total.right, outcomes.length)}  ${pct(total.wrong, outcomes.length)}  ${pct(total.nobody, outcomes.length)}`,
  );
  for (const o of outcomes.filter((x) => x.verdict !== 'right'))
    console.log(`  ${o.verdict}: ${o.variant.site} ${o.variant.file} (${o.variant.arrangement}) showed ${JSON.stringify(o.shown)}`);
  const times = outcomes
    .filter((o) => o.verdict === 'right')
    .map((o) => o.ms)
    .sort((a, b) => a - b);
  console.log(`time to the right person: median ${times[Math.floor(times.length / 2)]?.toFixed(0) ?? '-'} ms (from navigation, includes page load)`);
  console.log(`load average (1 min): ${before.toFixed(2)} before, ${after.toFixed(2)} after, on ${availableParallelism()} cores`);
  process.exitCode = total.wrong > 0 ? 1 : 0;
} finally {
  await h.close();
}
