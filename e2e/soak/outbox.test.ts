import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutboxSoak } from '../../bench/soak/outbox';
import { type Harness, startHarness } from '../harness';

// The short soak for CI; `npm run soak:outbox` runs 10,000 items.
const ITEMS = Number(process.env.SOAK_ITEMS ?? 500);
const SEED = Number(process.env.SOAK_SEED ?? 17);

describe('the outbox soak (short)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.signIn();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it(`${ITEMS} outbox items under random faults: nothing acknowledged lost, nothing doubled`, async () => {
    const report = await runOutboxSoak(h, { items: ITEMS, seed: SEED });
    console.log(
      `soak: ${report.captures} captures (${report.answered} acknowledged), ${report.outboxItems} outbox items, faults ${JSON.stringify(report.faults)}, ` +
        `write ${report.writeMs} ms, drain ${report.drainMs} ms, load ${report.load[0]?.toFixed(1)}`,
    );
    expect(report.lost).toEqual([]);
    expect(report.duplicated).toEqual([]);
    expect(report.answered).toBeGreaterThan(0);
  }, 600_000);
});
