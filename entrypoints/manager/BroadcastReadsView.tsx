import { useEffect, useState } from 'preact/hooks';
import { BarChart } from '../../components/charts/BarChart';
import { readRate, readRateOverTime } from '../../lib/broadcasts/read-rate';
import { send } from '../../lib/messaging/browser';
import type { BroadcastReads } from '../../lib/schema/broadcast-receipts';
import { useBusyAction } from './controls';
import { formatDateTime, formatRelative } from './format';

const RATE_SERIES = [{ key: 'rate', label: 'Read', color: '#1f7a3f' }];

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
    <section class="mgr-panel" aria-label="Broadcast reads" data-testid="manager-broadcast-reads">
      <h2>Broadcast reads</h2>
      <p class="tdm-muted">
        Who has seen each live broadcast: agents acknowledge one with “Got it”; an acknowledgement made offline arrives after their next sync.{' '}
        <button type="button" disabled={busy} onClick={() => void load()} data-testid="reads-refresh">
          Refresh
        </button>
      </p>
      {list === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : list.length === 0 ? (
        <p class="tdm-muted" data-testid="reads-empty">
          No live broadcast reaches your teams.
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
        {b.title}{' '}
        <span class="tdm-muted">
          · {b.severity}, since {formatDateTime(b.startsAt)}
        </span>
      </h3>
      <p data-testid="broadcast-read-rate" data-seen={now.seen} data-total={now.total}>
        Read by <strong>{now.seen}</strong> of {now.total} agents ({Math.round(now.rate * 100)}%)
      </p>
      <div class="mgr-grid2">
        <div>
          <h4>Seen</h4>
          <ul data-testid="broadcast-seen">
            {seen.length === 0 && <li class="tdm-muted">Nobody yet</li>}
            {seen.map((r) => (
              <li key={r.userId} data-user={r.userId}>
                {r.name} <span class="tdm-muted">· {formatRelative(r.seenAt ?? '')}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4>Not seen</h4>
          <ul data-testid="broadcast-unseen">
            {unseen.length === 0 && <li class="tdm-muted">Everyone has seen it</li>}
            {unseen.map((r) => (
              <li key={r.userId} data-user={r.userId}>
                {r.name}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <BarChart
        title={`Read rate over time: ${b.title}`}
        series={RATE_SERIES}
        data={points}
        percent
        empty="Nobody has acknowledged it yet."
        testId="broadcast-read-chart"
      />
    </article>
  );
}
