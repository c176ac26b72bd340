import { useState } from 'preact/hooks';
import { BarChart, type Datum } from '../../components/charts/BarChart';
import { channelName } from '../../lib/effort/effort';
import { effortCsv } from '../../lib/effort/report';
import { teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { EffortGroup, EffortReportResponse } from '../../lib/schema/effort';
import type { Channel } from '../../lib/schema/entities';
import { downloadCsv, useBusyAction } from './controls';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const PER_CASE = [
  { key: 'contactsPerCase', label: 'Contacts per case', color: '#2557d6' },
  { key: 'switchesPerCase', label: 'Channel switches per case', color: '#b54708' },
];
const REPEAT = [{ key: 'repeatShare', label: 'Wrote again within 7 days', color: '#b42318' }];

const datum = (label: string, g: EffortGroup): Datum => ({
  label: `${label} (${g.cases} cases)`,
  values: { contactsPerCase: g.contactsPerCase, switchesPerCase: g.switchesPerCase, repeatShare: g.repeatShare },
});

/** One dimension of the report: contacts and switches per case, and the share of repeat contacts, each with its table. */
function EffortCharts({ by, groups, label, testId }: { by: string; groups: readonly EffortGroup[]; label(key: string): string; testId: string }) {
  const data = groups.map((g) => datum(label(g.key), g));
  return (
    <>
      <BarChart title={`Effort per case by ${by}`} series={PER_CASE} data={data} testId={`${testId}-per-case`} />
      <BarChart title={`Repeat contacts by ${by}`} series={REPEAT} data={data} percent testId={`${testId}-repeat`} />
    </>
  );
}

/** Customer effort behind a team's cases (issue 22): by topic (tag), channel and week, with CSV export. */
export function EffortAnalyticsView() {
  const mine = teams.value.filter((t) => t.member);
  const [teamId, setTeamId] = useState(mine[0]?.id ?? '');
  const [from, setFrom] = useState(isoDay(Date.now() - 28 * DAY_MS));
  const [to, setTo] = useState(isoDay(Date.now() + DAY_MS));
  const [report, setReport] = useState<EffortReportResponse | null>(null);
  const [busy, act] = useBusyAction();
  const team = teamId || mine[0]?.id || '';

  const run = (e: Event) => {
    e.preventDefault();
    if (!team) return;
    return act(async () => {
      setReport(await send('manager.effortReport', { teamId: team, from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` }));
    });
  };

  const t = report?.totals;
  return (
    <section class="mgr-panel" aria-label="Customer effort" data-testid="manager-effort" aria-busy={busy}>
      <h3>Customer effort</h3>
      <form class="mgr-filters" onSubmit={run}>
        <label>
          Team
          <select value={team} onChange={(e) => setTeamId(e.currentTarget.value)}>
            {mine.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Created from <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          until (not including) <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || !team} data-testid="effort-show">
          {busy ? 'Counting…' : 'Show effort'}
        </button>
        {report && (
          <button
            type="button"
            data-testid="effort-export"
            onClick={() => downloadCsv(`effort-${report.teamId}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`, effortCsv(report))}
          >
            Export CSV
          </button>
        )}
      </form>
      {t && report && (
        <div class="mgr-charts">
          <p data-testid="effort-totals">
            {t.cases} cases, {t.contacts} customer messages: {t.contactsPerCase.toFixed(2)} contacts and {t.switchesPerCase.toFixed(2)} channel switches per
            case; on {Math.round(t.repeatShare * 100)}% the customer wrote again within 7 days.
          </p>
          <EffortCharts by="topic" groups={report.byTopic.slice(0, 12)} label={(k) => k} testId="chart-effort-topic" />
          <EffortCharts by="channel" groups={report.byChannel} label={(k) => channelName(k as Channel)} testId="chart-effort-channel" />
          <EffortCharts by="week (from Monday, UTC)" groups={report.byWeek} label={(k) => `Week of ${k}`} testId="chart-effort-week" />
        </div>
      )}
    </section>
  );
}
