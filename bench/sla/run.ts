// npm run bench:sla — business-time deadlines recomputed for every open case, as the server does when a team's
// calendar or targets change and the extension does to count remaining time down: 50,000 open cases (BENCH_CASES)
// spread over four teams' calendars (Berlin office hours with holidays, New York, Lord Howe's 30-minute DST, a 24/5
// desk in Kolkata), clocks started over the last four days, a tenth of them paused.
// Method: Node, performance.now() around the whole pass; the zone tables are built in a first (cold) pass, then
// RUNS warm passes, of which the median and worst are reported. Budget: a warm pass ≤ 200 ms (issue 20).
// Data is deterministic (seeded PRNG).
import { loadavg } from 'node:os';
import type { BusinessCalendar } from '../../lib/schema/sla';
import { addBusinessMinutes, businessMinutesBetween } from '../../lib/sla/business-time';
import { latencies, rng, time } from '../stats';

const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BUDGET_MS = 200;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const random = rng(20261126);

const nineToFive = (from: string, to: string): BusinessCalendar['hours'] => {
  const day = [{ from, to }];
  return { sun: [], mon: day, tue: day, wed: day, thu: day, fri: day, sat: [] };
};
const CALENDARS: BusinessCalendar[] = [
  {
    timeZone: 'Europe/Berlin',
    hours: {
      ...nineToFive('09:00', '17:00'),
      wed: [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '18:00' },
      ],
    },
    holidays: [
      { date: '2020-12-24', name: 'Christmas Eve', yearly: true },
      { date: '2020-12-25', name: 'Christmas Day', yearly: true },
      { date: '2026-11-18', name: 'Buß- und Bettag', yearly: false },
    ],
  },
  { timeZone: 'America/New_York', hours: nineToFive('08:00', '20:00'), holidays: [{ date: '2026-11-26', name: 'Thanksgiving', yearly: false }] },
  { timeZone: 'Australia/Lord_Howe', hours: nineToFive('08:30', '17:30'), holidays: [] },
  { timeZone: 'Asia/Kolkata', hours: nineToFive('00:00', '24:00'), holidays: [] },
];
const TARGETS = [15, 30, 60, 120, 240, 480, 1440, 2880];

interface OpenClock {
  calendar: BusinessCalendar;
  runningSince: number | null;
  targetMinutes: number;
  usedMinutes: number;
}

const clocks: OpenClock[] = Array.from({ length: CASES }, (_, i) => {
  const targetMinutes = TARGETS[Math.floor(random() * TARGETS.length)] as number;
  return {
    calendar: CALENDARS[i % CALENDARS.length] as BusinessCalendar,
    runningSince: random() < 0.1 ? null : NOW - Math.floor(random() * 4 * 24 * 60) * 60_000,
    targetMinutes,
    usedMinutes: Math.floor(random() * targetMinutes * 0.5),
  };
});

/** One pass: each running clock's deadline and each clock's remaining business minutes now. */
function recomputeAll(): { running: number; breached: number } {
  let running = 0;
  let breached = 0;
  for (const c of clocks) {
    if (c.runningSince === null) continue;
    running += 1;
    const due = addBusinessMinutes(c.calendar, c.runningSince, c.targetMinutes - c.usedMinutes);
    if (due <= NOW) breached += 1;
    else businessMinutesBetween(c.calendar, NOW, due);
  }
  return { running, breached };
}

const cold = time(recomputeAll);
const warm = Array.from({ length: RUNS }, () => time(recomputeAll).ms);
const { p50 } = latencies(warm);
const worst = Math.max(...warm);
const [load1, load5] = loadavg();

console.log(`bench:sla — ${CASES.toLocaleString('en')} open cases over ${CALENDARS.length} calendars (${CALENDARS.map((c) => c.timeZone).join(', ')})`);
console.log(
  `method: Node ${process.version}, performance.now() around a full pass; each running case: deadline (addBusinessMinutes) + remaining business time (businessMinutesBetween)`,
);
console.log(`load average: ${load1?.toFixed(2)} (1 min), ${load5?.toFixed(2)} (5 min)`);
console.log(`running clocks: ${cold.value.running.toLocaleString('en')}, breached: ${cold.value.breached.toLocaleString('en')}`);
console.log(`cold pass (builds each zone's offset table): ${cold.ms.toFixed(1)} ms`);
console.log(
  `warm passes (${RUNS}): median ${p50.toFixed(1)} ms, worst ${worst.toFixed(1)} ms — budget ${BUDGET_MS} ms, ${(p50 / BUDGET_MS).toFixed(2)}× of it`,
);
if (p50 > BUDGET_MS) {
  console.error(`over budget: median ${p50.toFixed(1)} ms > ${BUDGET_MS} ms`);
  process.exitCode = 1;
}
