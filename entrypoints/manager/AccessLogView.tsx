import { useEffect, useState } from 'preact/hooks';
import { accessReasonText } from '../../lib/i18n/access-details';
import { formatNumber, formatWhen } from '../../lib/i18n/format';
import { type MessageKey, t } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import { AccessAction, type AccessLogEntry, type AccessLogQuery } from '../../lib/schema/privacy';
import { showError } from './controls';

const ACTION_LABELS = {
  card_opened: 'ckb_access_action_card_opened',
  revealed: 'ckb_access_action_revealed',
  exported: 'ckb_access_action_exported',
  erased: 'ckb_access_action_erased',
  retention_run: 'ckb_access_action_retention_run',
} as const satisfies Record<AccessAction, MessageKey>;
const SURFACE_LABELS: Partial<Record<string, MessageKey>> = {
  page: 'ckb_access_surface_page',
  sidepanel: 'ckb_access_surface_sidepanel',
  queue: 'ckb_access_surface_queue',
};
const surfaceLabel = (surface: string) => {
  const key = SURFACE_LABELS[surface];
  return key ? t(key) : surface;
};
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
    <section class="mgr-panel" aria-label={t('console_view_access_log')} data-testid="manager-access-log">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load(false);
        }}
      >
        <label>
          {t('ckb_access_customer_id')} <input type="text" {...input('customerId')} />
        </label>{' '}
        <label>
          {t('ckb_access_user_id')} <input type="text" {...input('userId')} />
        </label>{' '}
        <label>
          {t('ckb_access_action')}{' '}
          <select
            data-testid="access-log-action"
            value={filters.action}
            onChange={(e) => setFilters({ ...filters, action: e.currentTarget.value as Filters['action'] })}
          >
            <option value="">{t('ckb_access_any')}</option>
            {AccessAction.options.map((a) => (
              <option key={a} value={a}>
                {t(ACTION_LABELS[a])}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('ckb_access_from')} <input type="date" {...input('from')} />
        </label>{' '}
        <label>
          {t('ckb_access_to')} <input type="date" {...input('to')} />
        </label>{' '}
        <button type="submit">{t('ckb_access_filter')}</button>
      </form>
      {retentionDays !== null && <p class="tdm-muted">{t('ckb_access_kept', formatNumber(retentionDays))}</p>}
      {entries === null ? (
        <p class="tdm-muted">{t('ckb_access_loading')}</p>
      ) : entries.length === 0 ? (
        <p class="tdm-muted">{t('ckb_access_none')}</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>{t('ckb_access_when')}</th>
              <th>{t('ckb_access_who')}</th>
              <th>{t('ckb_access_what')}</th>
              <th>{t('ckb_access_customer')}</th>
              <th>{t('ckb_access_reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="access-log-entry" data-action={e.action}>
                <td>{formatWhen(e.at)}</td>
                <td title={e.userId}>{e.userName ?? e.userId}</td>
                <td>
                  {t(ACTION_LABELS[e.action])}
                  {e.field ? ` ${e.field}` : ''}
                  {e.surface ? ` ${surfaceLabel(e.surface)}` : ''}
                </td>
                <td>{e.customerId ?? t('ckb_access_team', e.teamId)}</td>
                <td data-testid="access-log-reason">{accessReasonText(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" onClick={() => void load(true)}>
          {t('ckb_access_older')}
        </button>
      )}
    </section>
  );
}
