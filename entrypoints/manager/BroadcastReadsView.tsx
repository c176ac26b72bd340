import { useEffect, useState } from 'preact/hooks';
import { BarChart } from '../../components/charts/BarChart';
import { readRate, readRateOverTime } from '../../lib/broadcasts/read-rate';
import { t } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import type { BroadcastReads } from '../../lib/schema/broadcast-receipts';
import { useBusyAction } from './controls';
import { formatDateTime, formatNumber, formatPercent, formatRelative, severityLabel } from './format';

const rateSeries = () => [{ key: 'rate', label: t('cka_read'), color: '#1f7a3f' }];

/**
 * Managers: per live broadcast, which of their teams' agents have acknowledged it ("Got it" in the overlay or side
 * panel) and which have not, and the read rate over time (a chart with its table of figures).
 */
export function BroadcastReadsView() {
  const [list, setList] = useState<BroadcastReads[] | null>(null);
  const [busy, act] = useBusyAction();
  const load = () => act(async () => setList((await send('broadcasts.reads', {})).broadcasts));
  useEffect(() => void load(), []);

  return (
    <section class="mgr-panel" aria-label={t('console_view_broadcast_reads')} data-testid="manager-broadcast-reads">
      <h2>{t('console_view_broadcast_reads')}</h2>
      <p class="tdm-muted">
        {t('cka_reads_help')}{' '}
        <button type="button" disabled={busy} onClick={() => void load()} data-testid="reads-refresh">
          {t('cka_refresh')}
        </button>
      </p>
      {list === null ? (
        <p class="tdm-muted">{t('loading')}</p>
      ) : list.length === 0 ? (
        <p class="tdm-muted" data-testid="reads-empty">
          {t('cka_no_live_broadcast')}
        </p>
      ) : (
        list.map((b) => <BroadcastReadsCard key={b.id} broadcast={b} />)
      )}
    </section>
  );
}

function BroadcastReadsCard({ broadcast: b }: { broadcast: BroadcastReads }) {
  const now = readRate(b.readers);
  const points = readRateOverTime(b.readers).map((p) => ({ label: formatDateTime(p.at), values: { rate: p.rate } }));
  const seen = b.readers.filter((r) => r.seenAt !== null);
  const unseen = b.readers.filter((r) => r.seenAt === null);
  return (
    <article class="mgr-panel" data-testid="broadcast-reads" data-id={b.id}>
      <h3>
        {b.title} <span class="tdm-muted">· {t('cka_severity_since', severityLabel(b.severity), formatDateTime(b.startsAt))}</span>
      </h3>
      <p data-testid="broadcast-read-rate" data-seen={now.seen} data-total={now.total}>
        {t('cka_read_by', formatNumber(now.seen), formatNumber(now.total), formatPercent(now.rate))}
      </p>
      <div class="mgr-grid2">
        <div>
          <h4>{t('cka_seen')}</h4>
          <ul data-testid="broadcast-seen">
            {seen.length === 0 && <li class="tdm-muted">{t('cka_nobody_yet')}</li>}
            {seen.map((r) => (
              <li key={r.userId} data-user={r.userId}>
                {r.name} <span class="tdm-muted">· {formatRelative(r.seenAt ?? '')}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4>{t('cka_not_seen')}</h4>
          <ul data-testid="broadcast-unseen">
            {unseen.length === 0 && <li class="tdm-muted">{t('cka_everyone_seen')}</li>}
            {unseen.map((r) => (
              <li key={r.userId} data-user={r.userId}>
                {r.name}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <BarChart
        title={t('cka_read_rate_over_time', b.title)}
        series={rateSeries()}
        data={points}
        percent
        empty={t('cka_nobody_acknowledged')}
        testId="broadcast-read-chart"
      />
    </article>
  );
}
