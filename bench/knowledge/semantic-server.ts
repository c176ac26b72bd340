/**
 * The server's embedding job (server/knowledge/embed.ts) on the demo's knowledge base: how many article and snippet
 * versions it embeds a second with USE lite (uint8 weights) on its worker thread, and how long the server's own thread
 * is held meanwhile (event-loop delay: what a request waiting behind the job would wait).
 * Run: npm run bench:knowledge:semantic-server   (PGlite in memory, the demo seed; ~1 min)
 */

import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openPglite } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { EMBED_BATCH, embedDue } from '../../server/knowledge/embed';
import { workerEncoder } from '../../server/knowledge/embed-model';
import { seedDemo } from '../../server/seed/demo';
import { ms, table } from '../stats';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
console.log(`Server embedding job; ${cpus().length} cores, load average ${load()} (1/5/15 min) at the start.`);

const db = await openPglite('memory://');
await migrate(db);
await seedDemo(db);
const { rows } = await db.query<{ n: string | number }>(
  `select (select count(*) from articles where data->>'status' = 'published') + (select count(*) from snippets where data->>'status' = 'published') as n`,
);
const published = Number(rows[0]?.n);

const encoder = workerEncoder();
const loadStart = performance.now();
await encoder.embed(['warm up the model and its kernels']);
const loadMs = performance.now() - loadStart;

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const cpuStart = process.cpuUsage();
const start = performance.now();
const settled = await embedDue(db, async () => encoder);
const wall = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
delay.disable();
await encoder.close();
await db.close();

console.log(
  `\n${table([
    ['what', 'figure'],
    ['versions due (published articles + snippets)', `${published} (${settled} settled, drafts marked done without a vector)`],
    ['encoder thread start (model quantised and loaded, first batch)', ms(loadMs)],
    [`embedding all of them (batches of ${EMBED_BATCH})`, `${ms(wall)} wall: ${(published / (wall / 1000)).toFixed(1)} versions/s`],
    [
      'process CPU meanwhile (both threads: the encoder, and PGlite queries and writes)',
      `${ms((cpu.user + cpu.system) / 1000)}: ${ms((cpu.user + cpu.system) / 1000 / published)} a version`,
    ],
    ['main thread event-loop delay p50 / p99 / max', `${ms(delay.percentile(50) / 1e6)} / ${ms(delay.percentile(99) / 1e6)} / ${ms(delay.max / 1e6)}`],
  ])}`,
);
console.log(`Load average at the end: ${load()}.`);
