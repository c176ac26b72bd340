// npm run bench:incidents — the incident detector (server/incidents/detect.ts) replayed over the seeded scenario
// (server/incidents/scenario.ts): a week of history that primes the baseline, a measured normal week of a carrier's
// mixed traffic (~240 contacts a day on four channels, quiet nights, repeat contacts), and on its last day an outage
// burst (tweets, emails and posts about no signal in one city, 0.5 → 1.5 a minute over the first half hour).
// Method: contacts are fed in time order, as pushes would; the detection delay is the simulated time from the burst's
// first contact to the first incident opened whose terms name the outage city; a false alarm is any other incident
// opened in the measured week. The named scenario (seed 22) first, then SEEDS more seeds for the spread.
// Targets (issue 22): delay ≤ 10 simulated minutes, 0 false alarms.
import { loadavg } from 'node:os';
import { DEFAULT_PARAMS, IncidentDetector } from '../../server/incidents/detect';
import { buildScenario } from '../../server/incidents/scenario';
import { latencies, time } from '../stats';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 30);
const TARGET_DELAY_MIN = 10;

interface Run {
  seed: number;
  city: string;
  contacts: number;
  delayMin: number | null;
  falseAlarms: string[];
  ms: number;
}

function replay(seed: number): Run {
  const scenario = buildScenario({ seed });
  const detector = new IncidentDetector();
  const falseAlarms: string[] = [];
  let delayMin: number | null = null;
  const { ms } = time(() => {
    for (const contact of scenario.contacts) {
      for (const event of detector.observe(contact)) {
        if (event.type !== 'opened' || contact.at < scenario.measuredFrom) continue;
        const aboutOutage = contact.at >= scenario.burstAt && event.incident.terms.includes(scenario.outageCity.toLowerCase());
        if (aboutOutage) delayMin ??= (contact.at - scenario.burstAt) / 60_000;
        else
          falseAlarms.push(
            `${event.incident.detectedAt} "${event.incident.terms.join(' ')}" (${event.incident.contacts} people, ${event.incident.expected} expected)`,
          );
      }
    }
  });
  return { seed, city: scenario.outageCity, contacts: scenario.contacts.length, delayMin, falseAlarms, ms };
}

const fmt = (n: number | null) => (n === null ? 'missed' : `${n.toFixed(1)} min`);
console.log(
  `incident detector: load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`parameters: ${JSON.stringify(DEFAULT_PARAMS)}`);
const named = replay(22);
console.log(
  `\nscenario (seed 22, outage in ${named.city}, ${named.contacts} contacts over 14 days): detection delay ${fmt(named.delayMin)} (target ≤ ${TARGET_DELAY_MIN}), ` +
    `false alarms over the normal week ${named.falseAlarms.length} (target 0); replay ${named.ms.toFixed(0)} ms`,
);
for (const alarm of named.falseAlarms) console.log(`  false alarm: ${alarm}`);
const runs = Array.from({ length: SEEDS }, (_, i) => replay(1000 + i));
const detected = runs.flatMap((r) => (r.delayMin === null ? [] : [r.delayMin]));
const { p50, p95 } = latencies(detected);
const falseAlarms = runs.reduce((n, r) => n + r.falseAlarms.length, 0);
console.log(
  `\n${SEEDS} more seeds: detected ${detected.length}/${SEEDS}; delay median ${p50.toFixed(1)} min, p95 ${p95.toFixed(1)} min, worst ${Math.max(...detected).toFixed(1)} min; ` +
    `within ${TARGET_DELAY_MIN} min: ${detected.filter((d) => d <= TARGET_DELAY_MIN).length}/${SEEDS}; false alarms ${falseAlarms} over ${SEEDS} normal weeks`,
);
for (const r of runs) for (const alarm of r.falseAlarms) console.log(`  seed ${r.seed} false alarm: ${alarm}`);
console.log(`replay cost: median ${latencies(runs.map((r) => r.ms)).p50.toFixed(0)} ms per 14-day scenario`);
