import { useEffect, useState } from 'preact/hooks';
import { BarChart, type Datum } from '../../components/charts/BarChart';
import { type MessageKey, t } from '../../lib/i18n/t';
import { analytics, analyticsLoading, loadAnalytics, teams } from '../../lib/manager/state';
import type { UsageCounts } from '../../lib/schema/manager';
import { MyTeamSelect } from './controls';
import { EffortAnalyticsView } from './EffortAnalyticsView';
import { formatDay, formatNumber } from './format';

const usageSeries = () => [
  { key: 'suggested', label: t('cka_suggested'), color: '#8fa9e8' },
  { key: 'opened', label: t('cka_opened'), color: '#2557d6' },
  { key: 'inserted', label: t('cka_inserted'), color: '#1f7a3f' },
];
const KIND_LABEL = { article: 'kind_article', snippet: 'kind_snippet' } as const satisfies Record<string, MessageKey>;
/** "Roaming charges (Article)": an item and its kind. */
const itemLabel = (title: string, kind: keyof typeof KIND_LABEL) => t('cka_item_kind', title, t(KIND_LABEL[kind]));

function add(a: UsageCounts, b: UsageCounts): UsageCounts {
  return {
    suggested: a.suggested + b.suggested,
    opened: a.opened + b.opened,
    inserted: a.inserted + b.inserted,
    helpful: a.helpful + b.helpful,
    notHelpful: a.notHelpful + b.notHelpful,
  };
}
const ZERO: UsageCounts = { suggested: 0, opened: 0, inserted: 0, helpful: 0, notHelpful: 0 };

function sumBy<T>(rows: readonly T[], key: (r: T) => string, counts: (r: T) => UsageCounts): Map<string, UsageCounts> {
  const out = new Map<string, UsageCounts>();
  for (const r of rows) out.set(key(r), add(out.get(key(r)) ?? ZERO, counts(r)));
  return out;
}

/** A target's decided cases for its label: met, breached, pending. */
const slaCounts = (s: { met: number; breached: number; pending: number }) => [s.met, s.breached, s.pending].map(formatNumber);

const day = (d: Date) => d.toISOString().slice(0, 10);

/** What knowledge is used and what is not, captures per channel, SLA attainment: by team and over time. */
/** How many never-used items the list shows. */
const UNUSED_SHOWN = 50;

export function AnalyticsView() {
  const [from, setFrom] = useState(() => day(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(() => day(new Date(Date.now() + 86_400_000)));
  const [teamId, setTeamId] = useState('');
  const run = () => void loadAnalytics({ from, to, teamId: teamId || undefined });
  useEffect(run, []);
  const a = analytics.value;
  const teamName = (id: string) => teams.value.find((team) => team.id === id)?.name ?? id;
  const items: Datum[] = (a?.items ?? []).slice(0, 12).map((i) => ({ label: itemLabel(i.title ?? i.id, i.kind), values: { ...i.counts } }));
  const byTeam: Datum[] = a
    ? [
        ...sumBy(
          a.byTeam,
          (r) => r.teamId,
          (r) => r.counts,
        ),
      ].map(([team, c]) => ({ label: teamName(team), values: { ...c } }))
    : [];
  const byDay: Datum[] = a
    ? [
        ...sumBy(
          a.byDay,
          (r) => r.day,
          (r) => r.counts,
        ),
      ]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([d, c]) => ({ label: formatDay(d), values: { ...c } }))
    : [];
  const channels: Datum[] = (a?.capturesByChannel ?? []).map((c) => ({ label: c.channel, values: { count: c.count } }));
  const sla: Datum[] = a
    ? [
        {
          label: t('cka_sla_first_response', ...slaCounts(a.sla.firstResponse)),
          values: { attainment: a.sla.firstResponse.attainment ?? 0 },
        },
        {
          label: t('cka_sla_resolution', ...slaCounts(a.sla.resolution)),
          values: { attainment: a.sla.resolution.attainment ?? 0 },
        },
      ]
    : [];
  const notHelpful: Datum[] = (a?.notHelpful ?? []).slice(0, 12).map((n) => ({ label: itemLabel(n.title ?? n.id, n.kind), values: { count: n.count } }));
  return (
    <section class="mgr-panel" aria-label={t('console_view_analytics')} data-testid="manager-analytics" aria-busy={analyticsLoading.value}>
      <form
        class="mgr-filters"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          {t('cka_from')}
          <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('cka_to_exclusive')}
          <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <MyTeamSelect value={teamId} onChange={setTeamId} anyLabel={t('cka_all_my_teams')} />
        <button type="submit">{t('cka_show')}</button>
      </form>
      {analyticsLoading.value && <p class="tdm-muted">{t('loading')}</p>}
      {a && (
        <div class="mgr-charts">
          <BarChart title={t('cka_chart_most_used')} series={usageSeries()} data={items} testId="chart-items" />
          <BarChart title={t('cka_chart_use_by_team')} series={usageSeries()} data={byTeam} testId="chart-teams" />
          <BarChart title={t('cka_chart_use_over_time')} series={usageSeries()} data={byDay} testId="chart-days" />
          <BarChart
            title={t('cka_chart_captures')}
            series={[{ key: 'count', label: t('cka_captures'), color: '#6b3fa0' }]}
            data={channels}
            testId="chart-channels"
          />
          <BarChart title={t('cka_chart_sla')} series={[{ key: 'attainment', label: t('cka_met'), color: '#1f7a3f' }]} data={sla} percent testId="chart-sla" />
          <BarChart
            title={t('cka_chart_not_helpful')}
            series={[{ key: 'count', label: t('suggestion_not_helpful'), color: '#b42318' }]}
            data={notHelpful}
            empty={t('cka_no_not_helpful')}
            testId="chart-not-helpful"
          />
          <section aria-label={t('cka_never_used')} data-testid="analytics-unused">
            <strong>{t('cka_unused_title', formatNumber(a.unused.length))}</strong>
            {a.unused.length === 0 ? (
              <p class="tdm-muted">{t('cka_all_used')}</p>
            ) : (
              // No scrolling box (a scroll region needs keyboard focus): the first 50, then how many more.
              <>
                <ul style={{ listStyle: 'disc', paddingLeft: '18px' }}>
                  {a.unused.slice(0, UNUSED_SHOWN).map((u) => (
                    <li key={`${u.kind}:${u.id}`}>
                      {u.title} <span class="tdm-muted">({t(KIND_LABEL[u.kind])})</span>
                    </li>
                  ))}
                </ul>
                {a.unused.length > UNUSED_SHOWN && <p class="tdm-muted">{t('cka_and_more', formatNumber(a.unused.length - UNUSED_SHOWN))}</p>}
              </>
            )}
          </section>
        </div>
      )}
      <EffortAnalyticsView />
    </section>
  );
}
