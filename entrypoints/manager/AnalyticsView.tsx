import { useEffect, useState } from 'preact/hooks';
import { BarChart, type Datum } from '../../components/charts/BarChart';
import { analytics, analyticsLoading, loadAnalytics, teams } from '../../lib/manager/state';
import type { UsageCounts } from '../../lib/schema/manager';
import { MyTeamSelect } from './controls';
import { EffortAnalyticsView } from './EffortAnalyticsView';

const USE_SERIES = [
  { key: 'suggested', label: 'Suggested', color: '#8fa9e8' },
  { key: 'opened', label: 'Opened', color: '#2557d6' },
  { key: 'inserted', label: 'Inserted', color: '#1f7a3f' },
];

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
  const teamName = (id: string) => teams.value.find((t) => t.id === id)?.name ?? id;
  const items: Datum[] = (a?.items ?? []).slice(0, 12).map((i) => ({ label: `${i.title ?? i.id} (${i.kind})`, values: { ...i.counts } }));
  const byTeam: Datum[] = a
    ? [
        ...sumBy(
          a.byTeam,
          (r) => r.teamId,
          (r) => r.counts,
        ),
      ].map(([t, c]) => ({ label: teamName(t), values: { ...c } }))
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
        .map(([d, c]) => ({ label: d, values: { ...c } }))
    : [];
  const channels: Datum[] = (a?.capturesByChannel ?? []).map((c) => ({ label: c.channel, values: { count: c.count } }));
  const sla: Datum[] = a
    ? [
        {
          label: `First response (${a.sla.firstResponse.met} met, ${a.sla.firstResponse.breached} breached, ${a.sla.firstResponse.pending} pending)`,
          values: { attainment: a.sla.firstResponse.attainment ?? 0 },
        },
        {
          label: `Resolution (${a.sla.resolution.met} met, ${a.sla.resolution.breached} breached, ${a.sla.resolution.pending} pending)`,
          values: { attainment: a.sla.resolution.attainment ?? 0 },
        },
      ]
    : [];
  const notHelpful: Datum[] = (a?.notHelpful ?? []).slice(0, 12).map((n) => ({ label: `${n.title ?? n.id} (${n.kind})`, values: { count: n.count } }));
  return (
    <section class="mgr-panel" aria-label="Analytics" data-testid="manager-analytics" aria-busy={analyticsLoading.value}>
      <form
        class="mgr-filters"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          From
          <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          To (exclusive)
          <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <MyTeamSelect value={teamId} onChange={setTeamId} anyLabel="All my teams" />
        <button type="submit">Show</button>
      </form>
      {analyticsLoading.value && <p class="tdm-muted">Loading…</p>}
      {a && (
        <div class="mgr-charts">
          <BarChart title="Most used articles and snippets" series={USE_SERIES} data={items} testId="chart-items" />
          <BarChart title="Use by team" series={USE_SERIES} data={byTeam} testId="chart-teams" />
          <BarChart title="Use over time (per day, UTC)" series={USE_SERIES} data={byDay} testId="chart-days" />
          <BarChart
            title="Captured cases per channel"
            series={[{ key: 'count', label: 'Captures', color: '#6b3fa0' }]}
            data={channels}
            testId="chart-channels"
          />
          <BarChart
            title="SLA attainment (cases due in this period)"
            series={[{ key: 'attainment', label: 'Met', color: '#1f7a3f' }]}
            data={sla}
            percent
            testId="chart-sla"
          />
          <BarChart
            title='Marked "not helpful" by agents'
            series={[{ key: 'count', label: 'Not helpful', color: '#b42318' }]}
            data={notHelpful}
            empty="No not-helpful marks in this period."
            testId="chart-not-helpful"
          />
          <section aria-label="Never used" data-testid="analytics-unused">
            <strong>Published but never opened or inserted ({a.unused.length})</strong>
            {a.unused.length === 0 ? (
              <p class="tdm-muted">Everything published was used.</p>
            ) : (
              // No scrolling box (a scroll region needs keyboard focus): the first 50, then how many more.
              <>
                <ul style={{ listStyle: 'disc', paddingLeft: '18px' }}>
                  {a.unused.slice(0, UNUSED_SHOWN).map((u) => (
                    <li key={`${u.kind}:${u.id}`}>
                      {u.title} <span class="tdm-muted">({u.kind})</span>
                    </li>
                  ))}
                </ul>
                {a.unused.length > UNUSED_SHOWN && <p class="tdm-muted">and {a.unused.length - UNUSED_SHOWN} more</p>}
              </>
            )}
          </section>
        </div>
      )}
      <EffortAnalyticsView />
    </section>
  );
}
