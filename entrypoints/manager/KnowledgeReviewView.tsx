import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { OpenFlag, TeamVerifyInterval, ToVerifyItem } from '../../lib/schema/knowledge-review';
import { RecordsTable, useBusyAction } from './controls';
import { formatDate, formatNumber, formatRelative } from './format';

const KIND_LABEL = { articles: 'kind_article', snippets: 'kind_snippet' } as const satisfies Record<ToVerifyItem['kind'], MessageKey>;
// The reasons in the overlay's own words for them.
const REASON_LABEL = { outdated: 'flag_outdated', wrong: 'flag_wrong', missing: 'flag_missing' } as const satisfies Record<OpenFlag['reason'], MessageKey>;

/**
 * Managers: each team's verify interval, and the articles and snippets past their verify-by date with their owner and
 * last verification. "Verified" makes one current for its team's interval; agents' badges go with their next sync.
 */
export function KnowledgeReviewView() {
  const [teams, setTeams] = useState<TeamVerifyInterval[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [items, setItems] = useState<ToVerifyItem[] | null>(null);
  const [flags, setFlags] = useState<OpenFlag[] | null>(null);
  const [busy, act] = useBusyAction();

  const showTeams = (list: TeamVerifyInterval[]) => {
    setTeams(list);
    setDrafts(Object.fromEntries(list.map((team) => [team.teamId, String(team.days)])));
  };
  useEffect(() => {
    void act(async () => {
      const [intervals, stale, open] = await Promise.all([
        send('knowledgeReview.intervals', {}),
        send('knowledgeReview.toVerify', {}),
        send('knowledgeReview.flags', {}),
      ]);
      showTeams(intervals.teams);
      setItems(stale.items);
      setFlags(open.flags);
    });
  }, []);

  const saveInterval = (team: TeamVerifyInterval) =>
    act(async () => {
      const days = Number((drafts[team.teamId] ?? '').trim());
      showTeams((await send('knowledgeReview.setInterval', { teamId: team.teamId, days })).teams);
      notice.value = t('cka_interval_saved', team.teamName, formatNumber(days));
    });
  const verify = (item: ToVerifyItem) =>
    act(async () => {
      setItems((await send('knowledgeReview.verify', { kind: item.kind, id: item.id, baseVersion: item.version })).items);
      notice.value = t('cka_item_verified', item.title);
    });

  const resolve = (flag: OpenFlag) =>
    act(async () => {
      setFlags((await send('knowledgeReview.resolveFlag', { id: flag.id })).flags);
      notice.value = t('cka_flag_resolved', flag.title ?? flag.itemId);
    });

  return (
    <section class="mgr-panel" aria-label={t('cka_knowledge_review')} data-testid="manager-review">
      <h2>{t('cka_flags_from_agents')}</h2>
      <p class="tdm-muted">{t('cka_flags_help')}</p>
      <RecordsTable
        rows={flags}
        headers={[t('chart_item'), t('flag'), t('cka_page'), t('cka_by'), '']}
        empty={t('cka_no_open_flags')}
        emptyTestId="flags-empty"
        row={(flag) => (
          <tr key={flag.id} data-testid="review-flag" data-item={flag.itemId}>
            <td>
              {flag.title ?? flag.itemId} <span class="tdm-muted">· {t(KIND_LABEL[flag.kind])}</span>
            </td>
            <td data-testid="review-flag-reason">
              <strong>{t(REASON_LABEL[flag.reason])}</strong>
              {flag.note && <span>: {flag.note}</span>}
            </td>
            <td class="tdm-muted">
              {flag.site ?? '—'}
              {flag.terms.length > 0 && ` · ${flag.terms.join(', ')}`}
            </td>
            <td>
              {flag.flaggedBy ?? '—'}, {formatRelative(flag.flaggedAt)}
            </td>
            <td>
              <button type="button" disabled={busy} onClick={() => void resolve(flag)} data-testid="review-flag-resolve">
                {t('cka_resolve')}
              </button>
            </td>
          </tr>
        )}
      />
      <h2>{t('console_view_knowledge_review')}</h2>
      <p class="tdm-muted">{t('cka_to_verify_help')}</p>
      <RecordsTable
        rows={items}
        headers={[t('cka_field_title'), t('cka_owner'), t('cka_verify_by'), t('cka_last_verified'), '']}
        empty={t('cka_nothing_to_verify')}
        emptyTestId="review-empty"
        row={(item) => (
          <tr key={`${item.kind}:${item.id}`} data-testid="review-item" data-id={item.id}>
            <td>
              {item.title} <span class="tdm-muted">· {t(KIND_LABEL[item.kind])}</span>
            </td>
            <td data-testid="review-owner">{item.owner ? (item.owner.name ?? item.owner.id) : t('cka_nobody')}</td>
            <td>{formatDate(item.verifyBy)}</td>
            <td>{item.verifiedAt ? formatRelative(item.verifiedAt) : t('cka_never')}</td>
            <td>
              <button
                type="button"
                disabled={busy}
                onClick={() => void verify(item)}
                data-testid="review-verify"
                aria-label={t('cka_mark_verified', item.title)}
              >
                {t('cka_verified')}
              </button>
            </td>
          </tr>
        )}
      />
      <h2>{t('cka_verify_interval')}</h2>
      <p class="tdm-muted">{t('cka_verify_interval_help')}</p>
      {teams === null ? (
        <p class="tdm-muted">{t('loading')}</p>
      ) : (
        <table class="mgr-table">
          <tbody>
            {teams.map((team) => (
              <tr key={team.teamId} data-testid="review-interval" data-team={team.teamId}>
                <td>{team.teamName}</td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={3650}
                    aria-label={t('cka_interval_days_for', team.teamName)}
                    data-testid="review-interval-days"
                    value={drafts[team.teamId] ?? ''}
                    onInput={(e) => setDrafts({ ...drafts, [team.teamId]: e.currentTarget.value })}
                  />{' '}
                  {team.isDefault ? t('cka_days_default') : t('cka_days')}{' '}
                  <button type="button" disabled={busy} onClick={() => void saveInterval(team)} data-testid="review-interval-save">
                    {t('cka_save')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
