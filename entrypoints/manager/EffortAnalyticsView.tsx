import { useState } from 'preact/hooks';
import { BarChart, type Datum } from '../../components/charts/BarChart';
import { channelName } from '../../lib/effort/effort';
import { effortCsv } from '../../lib/effort/report';
import { type MessageKey, t, tCount } from '../../lib/i18n/t';
import { teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { EffortGroup, EffortReportResponse } from '../../lib/schema/effort';
import type { Channel } from '../../lib/schema/entities';
import { downloadCsv, useBusyAction } from './controls';
import { formatDay, formatDecimal, formatNumber, formatPercent } from './format';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const perCaseSeries = () => [
  { key: 'contactsPerCase', label: t('cka_contacts_per_case'), color: '#2557d6' },
  { key: 'switchesPerCase', label: t('cka_switches_per_case'), color: '#b54708' },
];
const repeatSeries = () => [{ key: 'repeatShare', label: t('cka_wrote_again'), color: '#b42318' }];

/** Each dimension's two chart titles: one message each, so German words them whole. */
const DIMENSION = {
  topic: { perCase: 'cka_effort_by_topic', repeat: 'cka_repeat_by_topic' },
  channel: { perCase: 'cka_effort_by_channel', repeat: 'cka_repeat_by_channel' },
  week: { perCase: 'cka_effort_by_week', repeat: 'cka_repeat_by_week' },
} as const satisfies Record<string, { perCase: MessageKey; repeat: MessageKey }>;

const datum = (label: string, g: EffortGroup): Datum => ({
  label: tCount('cka_group_cases', g.cases, label),
  values: { contactsPerCase: g.contactsPerCase, switchesPerCase: g.switchesPerCase, repeatShare: g.repeatShare },
});

/** One dimension of the report: contacts and switches per case, and the share of repeat contacts, each with its table. */
function EffortCharts({
  by,
  groups,
  label,
  testId,
}: {
  by: keyof typeof DIMENSION;
  groups: readonly EffortGroup[];
  label(key: string): string;
  testId: string;
}) {
  const data = groups.map((g) => datum(label(g.key), g));
  return (
    <>
      <BarChart title={t(DIMENSION[by].perCase)} series={perCaseSeries()} data={data} testId={`${testId}-per-case`} />
      <BarChart title={t(DIMENSION[by].repeat)} series={repeatSeries()} data={data} percent testId={`${testId}-repeat`} />
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

  const totals = report?.totals;
  return (
    <section class="mgr-panel" aria-label={t('cka_customer_effort')} data-testid="manager-effort" aria-busy={busy}>
      <h3>{t('cka_customer_effort')}</h3>
      <form class="mgr-filters" onSubmit={run}>
        <label>
          {t('filter_team')}
          <select value={team} onChange={(e) => setTeamId(e.currentTarget.value)}>
            {mine.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cka_created_from')} <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('cka_until_not_including')} <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || !team} data-testid="effort-show">
          {busy ? t('cka_counting') : t('cka_show_effort')}
        </button>
        {report && (
          <button
            type="button"
            data-testid="effort-export"
            onClick={() => downloadCsv(`effort-${report.teamId}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`, effortCsv(report))}
          >
            {t('cka_export_csv')}
          </button>
        )}
      </form>
      {totals && report && (
        <div class="mgr-charts">
          <p data-testid="effort-totals">
            {tCount(
              'cka_effort_totals',
              totals.cases,
              formatNumber(totals.contacts),
              formatDecimal(totals.contactsPerCase, 2),
              formatDecimal(totals.switchesPerCase, 2),
              formatPercent(totals.repeatShare),
            )}
          </p>
          <EffortCharts by="topic" groups={report.byTopic.slice(0, 12)} label={(k) => k} testId="chart-effort-topic" />
          <EffortCharts by="channel" groups={report.byChannel} label={(k) => channelName(k as Channel)} testId="chart-effort-channel" />
          <EffortCharts by="week" groups={report.byWeek} label={(k) => t('cka_week_of', formatDay(k))} testId="chart-effort-week" />
        </div>
      )}
    </section>
  );
}
