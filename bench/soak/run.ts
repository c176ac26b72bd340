// npm run soak:outbox — SOAK_ITEMS outbox items (default 10,000) through the built extension to a real server under
// random faults (bench/soak/outbox.ts); prints the figures and fails on any lost or doubled write. SOAK_SEED replays.
import { loadavg } from 'node:os';
import { startHarness } from '../../e2e/harness';
import { runOutboxSoak } from './outbox';

const items = Number(process.env.SOAK_ITEMS ?? 10_000);
const seed = Number(process.env.SOAK_SEED ?? 17);

console.log(
  `outbox soak: ${items} items, seed ${seed}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const h = await startHarness();
try {
  await h.signIn();
  const report = await runOutboxSoak(h, { items, seed, log: console.log });
  console.log(JSON.stringify(report, null, 1));
  console.log(
    `${report.captures} captures (${report.answered} acknowledged), ${report.outboxItems} outbox items on the server; ` +
      `written in ${(report.writeMs / 1000).toFixed(1)} s, drained ${(report.drainMs / 1000).toFixed(1)} s after; ` +
      `lost ${report.lost.length}, duplicated ${report.duplicated.length}; load ${report.load.map((l) => l.toFixed(1)).join(' ')}`,
  );
  if (report.lost.length > 0 || report.duplicated.length > 0) process.exitCode = 1;
} finally {
  await h.close();
}
