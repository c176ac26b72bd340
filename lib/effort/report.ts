// Effort analytics (issue 22): how hard customers had to work on a team's cases, by topic (the case's tags), by the
// channel the case came in on and by the week it was created. Per case, the effort the queue shows (`effortByCase`:
// the customer's messages on it, switches between channels, a message within 7 days of the previous one on it); per
// group, contacts per case, channel switches per case and the share of cases with a repeat contact. Pure: the server
// reads the cases and interactions (server/effort/report.ts), the console draws and exports it.
import { toCsv } from '../csv/csv';
import type { EffortGroup, EffortReport } from '../schema/effort';
import type { Channel, Interaction } from '../schema/entities';
import { effortByCase } from './effort';

export interface ReportCase {
  id: string;
  channel: Channel;
  tags: readonly string[];
  createdAt: string;
}

type ReportContact = Pick<Interaction, 'channel' | 'direction' | 'occurredAt' | 'caseId'>;

/** Cases without a tag are grouped under this topic. */
export const UNTAGGED = '(no tag)';

/** The Monday (UTC) of the week of an instant, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const day = new Date(iso);
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

interface Tally {
  cases: number;
  contacts: number;
  switches: number;
  repeated: number;
}

function group(key: string, t: Tally): EffortGroup {
  const per = (n: number) => (t.cases === 0 ? 0 : n / t.cases);
  return { key, cases: t.cases, contacts: t.contacts, contactsPerCase: per(t.contacts), switchesPerCase: per(t.switches), repeatShare: per(t.repeated) };
}

export function effortReport(cases: readonly ReportCase[], contacts: readonly ReportContact[]): EffortReport {
  const effort = effortByCase(contacts);
  const totals: Tally = { cases: 0, contacts: 0, switches: 0, repeated: 0 };
  const tallies = { topic: new Map<string, Tally>(), channel: new Map<string, Tally>(), week: new Map<string, Tally>() };
  const add = (into: Map<string, Tally> | null, key: string, e: { contacts: number; switches: number; repeats: number } | undefined) => {
    const t = into ? (into.get(key) ?? { cases: 0, contacts: 0, switches: 0, repeated: 0 }) : totals;
    t.cases++;
    t.contacts += e?.contacts ?? 0;
    t.switches += e?.switches ?? 0;
    t.repeated += e && e.repeats > 0 ? 1 : 0;
    into?.set(key, t);
  };
  for (const c of cases) {
    const e = effort.get(c.id);
    add(null, '', e);
    for (const tag of c.tags.length > 0 ? new Set(c.tags) : [UNTAGGED]) add(tallies.topic, tag, e);
    add(tallies.channel, c.channel, e);
    add(tallies.week, weekOf(c.createdAt), e);
  }
  // Topics and channels with the most cases first; weeks in time order.
  const ranked = (m: Map<string, Tally>) =>
    [...m].map(([k, t]) => group(k, t)).sort((a, b) => b.cases - a.cases || b.contactsPerCase - a.contactsPerCase || a.key.localeCompare(b.key));
  return {
    totals: group('all', totals),
    byTopic: ranked(tallies.topic),
    byChannel: ranked(tallies.channel),
    byWeek: [...tallies.week].map(([k, t]) => group(k, t)).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** Every group of the report, one row each, as CSV (lib/csv). */
export function effortCsv(report: EffortReport): string {
  const rows = (
    [
      ['topic', report.byTopic],
      ['channel', report.byChannel],
      ['week', report.byWeek],
    ] as const
  ).flatMap(([by, groups]) =>
    groups.map((g) => [by, g.key, g.cases, g.contacts, g.contactsPerCase.toFixed(4), g.switchesPerCase.toFixed(4), g.repeatShare.toFixed(4)]),
  );
  return toCsv(['by', 'key', 'cases', 'contacts', 'contacts_per_case', 'switches_per_case', 'repeat_share'], rows);
}
