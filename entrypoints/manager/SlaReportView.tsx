import { useState } from 'preact/hooks';
import { formatDuration } from '../../lib/cases/sla';
import { send } from '../../lib/messaging/browser';
import type { SlaReportResponse } from '../../lib/schema/sla';
import { reportCsv } from '../../lib/sla/report';
import { downloadCsv, useBusyAction } from './controls';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const TARGET_LABEL = { first: 'First response', next: 'Next response', resolution: 'Resolution' } as const;

/** The team's service-level report: each target met per channel and week, first-response times, breaches by hour. */
export function SlaReportView({ teamId }: { teamId: string }) {
  const [from, setFrom] = useState(isoDay(Date.now() - 28 * DAY_MS));
  const [to, setTo] = useState(isoDay(Date.now() + DAY_MS));
  const [report, setReport] = useState<SlaReportResponse | null>(null);
  const [busy, act] = useBusyAction();

  const run = (e: Event) => {
    e.preventDefault();
    return act(async () => {
      setReport(await send('manager.slaReport', { teamId, from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` }));
    });
  };

  const download = () => report && downloadCsv(`sla-report-${teamId}-${from}-${to}.csv`, reportCsv(report));

  const mostBreaches = Math.max(1, ...(report?.breachesByHour ?? []));
  const minutes = (m: number | null) => (m === null ? '–' : formatDuration(m * 60_000));
  return (
    <section class="mgr-panel" aria-label="Service-level report" data-testid="manager-sla-report">
      <form onSubmit={run}>
        <h3>Report for {teamId}</h3>
        <label>
          Created from <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>{' '}
        <label>
          until (not including) <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit" disabled={busy}>
          {busy ? 'Counting…' : 'Show report'}
        </button>{' '}
        {report && (
          <button type="button" onClick={download}>
            Export CSV
          </button>
        )}
      </form>
      {report && (
        <>
          <p data-testid="sla-report-first-response">
            First response over {report.firstResponse.replied} replied cases: median {minutes(report.firstResponse.medianMinutes)}, p90{' '}
            {minutes(report.firstResponse.p90Minutes)} of business time ({report.timeZone}).
          </p>
          <table class="mgr-table">
            <caption>Targets met, by channel, week and target (weeks start on Monday in {report.timeZone})</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Channel</th>
                <th scope="col">Target</th>
                <th scope="col">Decided</th>
                <th scope="col">Met</th>
                <th scope="col">Breached</th>
                <th scope="col">Met %</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.week}-${r.channel}-${r.target}`} data-testid="sla-report-row" data-target={r.target}>
                  <td>{r.week}</td>
                  <td>{r.channel}</td>
                  <td>{TARGET_LABEL[r.target]}</td>
                  <td>{r.decided}</td>
                  <td>{r.met}</td>
                  <td>{r.breached}</td>
                  <td>
                    <span
                      class="mgr-bar"
                      style={{ display: 'inline-block', width: `${Math.round(r.share * 80)}px`, height: '0.6em', background: '#2557d6' }}
                      aria-hidden="true"
                    />{' '}
                    {(r.share * 100).toFixed(1)}%
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* The chart and its table fallback: the same figures, the table for screen readers and copying. */}
          <figure aria-label="Breaches by hour of day" style={{ display: 'flex', alignItems: 'flex-end', gap: '2px', height: '80px' }}>
            {report.breachesByHour.map((n, hour) => (
              <span
                key={hour}
                title={`${hour}:00 – ${n} breached`}
                aria-hidden="true"
                style={{ width: '10px', height: `${(n / mostBreaches) * 100}%`, background: '#d92d20' }}
              />
            ))}
          </figure>
          <table class="mgr-table" data-testid="sla-report-breaches">
            <caption>Breached first-response targets by the hour of the deadline ({report.timeZone})</caption>
            <tbody>
              {report.breachesByHour.map((n, hour) =>
                n === 0 ? null : (
                  <tr key={hour}>
                    <th scope="row">{String(hour).padStart(2, '0')}:00</th>
                    <td>{n}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
