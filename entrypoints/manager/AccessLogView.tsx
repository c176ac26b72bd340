import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/browser';
import { AccessAction, type AccessLogEntry, type AccessLogQuery } from '../../lib/schema/privacy';
import { showError } from './controls';

const ACTION_LABELS: Record<AccessAction, string> = {
  card_opened: 'Opened the card',
  revealed: 'Revealed',
  exported: 'Exported',
  erased: 'Erased',
  retention_run: 'Retention run',
};
const SURFACE_LABELS: Record<string, string> = { page: 'on a page', sidepanel: 'in the side panel', queue: 'from the queue' };
const PAGE = 100;

interface Filters {
  customerId: string;
  userId: string;
  action: AccessAction | '';
  from: string;
  to: string;
}

/** A day picked in the form, as the instant it starts (UTC); `to` is exclusive, so the end day counts whole. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const at = new Date(`${day}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + plusDays);
  return at.toISOString();
}

function toQuery(f: Filters, before?: number): AccessLogQuery {
  return {
    customerId: f.customerId.trim() || undefined,
    userId: f.userId.trim() || undefined,
    action: f.action || undefined,
    from: dayStart(f.from),
    to: dayStart(f.to, 1),
    before,
    limit: PAGE,
  };
}

/** Managers and admins: who opened which customer's card, revealed a value, exported or erased, newest first. */
export function AccessLogView() {
  const [filters, setFilters] = useState<Filters>({ customerId: '', userId: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [retentionDays, setRetentionDays] = useState<number | null>(null);
  const [more, setMore] = useState(false);

  const load = async (append: boolean) => {
    try {
      const before = append && entries?.length ? Number(entries[entries.length - 1]?.id) : undefined;
      const answer = await send('manager.accessLog', toQuery(filters, before));
      setEntries(append ? [...(entries ?? []), ...answer.entries] : answer.entries);
      setRetentionDays(answer.retentionDays);
      setMore(answer.entries.length === PAGE);
    } catch (e) {
      showError(e);
    }
  };
  useEffect(() => {
    void load(false);
  }, []);
  const input = (key: keyof Filters) => ({
    'data-testid': `access-log-${key}`,
    value: filters[key],
    onInput: (e: { currentTarget: HTMLInputElement }) => setFilters({ ...filters, [key]: e.currentTarget.value }),
  });

  return (
    <section class="mgr-panel" aria-label="Access log" data-testid="manager-access-log">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load(false);
        }}
      >
        <label>
          Customer id <input type="text" {...input('customerId')} />
        </label>{' '}
        <label>
          User id <input type="text" {...input('userId')} />
        </label>{' '}
        <label>
          Action{' '}
          <select
            data-testid="access-log-action"
            value={filters.action}
            onChange={(e) => setFilters({ ...filters, action: e.currentTarget.value as Filters['action'] })}
          >
            <option value="">Any</option>
            {AccessAction.options.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          From <input type="date" {...input('from')} />
        </label>{' '}
        <label>
          To <input type="date" {...input('to')} />
        </label>{' '}
        <button type="submit">Filter</button>
      </form>
      {retentionDays !== null && <p class="tdm-muted">Entries are kept {retentionDays} days and cannot be changed or deleted.</p>}
      {entries === null ? (
        <p class="tdm-muted">Loading the access log…</p>
      ) : entries.length === 0 ? (
        <p class="tdm-muted">No entry matches.</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Customer</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="access-log-entry" data-action={e.action}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td title={e.userId}>{e.userName ?? e.userId}</td>
                <td>
                  {ACTION_LABELS[e.action]}
                  {e.field ? ` ${e.field}` : ''}
                  {e.surface ? ` ${SURFACE_LABELS[e.surface] ?? e.surface}` : ''}
                </td>
                <td>{e.customerId ?? `team ${e.teamId}`}</td>
                <td data-testid="access-log-reason">{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" onClick={() => void load(true)}>
          Older entries
        </button>
      )}
    </section>
  );
}
