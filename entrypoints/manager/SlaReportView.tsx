import { useState } from 'preact/hooks';
import { formatDuration } from '../../lib/cases/sla';
import { type MessageKey, t } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import type { SlaReportResponse } from '../../lib/schema/sla';
import { reportCsv } from '../../lib/sla/report';
import { downloadCsv, useBusyAction } from './controls';
import { formatDay, formatNumber, formatShare } from './format';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const TARGET_LABEL = { first: 'cka_target_first_response', next: 'cka_target_next_response', resolution: 'sla_target_resolution' } as const satisfies Record<
  string,
  MessageKey
>;

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
    <section class="mgr-panel" aria-label={t('cka_sla_report')} data-testid="manager-sla-report">
      <form onSubmit={run}>
        <h3>{t('cka_report_for', teamId)}</h3>
        <label>
          {t('cka_created_from')} <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>{' '}
        <label>
          {t('cka_until_not_including')} <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit" disabled={busy}>
          {busy ? t('cka_counting') : t('cka_show_report')}
        </button>{' '}
        {report && (
          <button type="button" onClick={download}>
            {t('cka_export_csv')}
          </button>
        )}
      </form>
      {report && (
        <>
          <p data-testid="sla-report-first-response">
            {t(
              'cka_first_response_summary',
              formatNumber(report.firstResponse.replied),
              minutes(report.firstResponse.medianMinutes),
              minutes(report.firstResponse.p90Minutes),
              report.timeZone,
            )}
          </p>
          <table class="mgr-table">
            <caption>{t('cka_targets_met_caption', report.timeZone)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cka_week')}</th>
                <th scope="col">{t('filter_channel')}</th>
                <th scope="col">{t('cka_target')}</th>
                <th scope="col">{t('cka_decided')}</th>
                <th scope="col">{t('cka_met')}</th>
                <th scope="col">{t('cka_breached')}</th>
                <th scope="col">{t('cka_met_percent')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.week}-${r.channel}-${r.target}`} data-testid="sla-report-row" data-target={r.target}>
                  <td>{formatDay(r.week)}</td>
                  <td>{r.channel}</td>
                  <td>{t(TARGET_LABEL[r.target])}</td>
                  <td>{formatNumber(r.decided)}</td>
                  <td>{formatNumber(r.met)}</td>
                  <td>{formatNumber(r.breached)}</td>
                  <td>
                    <span
                      class="mgr-bar"
                      style={{ display: 'inline-block', width: `${Math.round(r.share * 80)}px`, height: '0.6em', background: '#2557d6' }}
                      aria-hidden="true"
                    />{' '}
                    {formatShare(r.share)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* The chart and its table fallback: the same figures, the table for screen readers and copying. */}
          <figure aria-label={t('cka_breaches_by_hour')} style={{ display: 'flex', alignItems: 'flex-end', gap: '2px', height: '80px' }}>
            {report.breachesByHour.map((n, hour) => (
              <span
                key={hour}
                title={t('cka_hour_breached', `${hour}:00`, formatNumber(n))}
                aria-hidden="true"
                style={{ width: '10px', height: `${(n / mostBreaches) * 100}%`, background: '#d92d20' }}
              />
            ))}
          </figure>
          <table class="mgr-table" data-testid="sla-report-breaches">
            <caption>{t('cka_breaches_caption', report.timeZone)}</caption>
            <tbody>
              {report.breachesByHour.map((n, hour) =>
                n === 0 ? null : (
                  <tr key={hour}>
                    <th scope="row">{String(hour).padStart(2, '0')}:00</th>
                    <td>{formatNumber(n)}</td>
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
