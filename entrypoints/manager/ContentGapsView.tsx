import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { draftFromGap } from '../../lib/knowledge/gaps-draft';
import { openNewArticle } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { GapGroupsResponse } from '../../lib/schema/knowledge-gaps';
import { RecordsTable, useBusyAction } from './controls';
import { formatNumber, formatRelative } from './format';

/**
 * Managers: what agents met with no confident suggestion or searched for in vain, grouped by similar terms, the largest
 * groups first; "Draft an article" opens the editor on a new article prefilled from the group.
 */
export function ContentGapsView() {
  const [answer, setAnswer] = useState<GapGroupsResponse | null>(null);
  const [busy, act] = useBusyAction();
  const load = () => act(async () => setAnswer(await send('knowledgeReview.gaps', {})));
  useEffect(() => void load(), []);

  return (
    <section class="mgr-panel" aria-label={t('console_view_content_gaps')} data-testid="manager-gaps">
      <h2>{t('console_view_content_gaps')}</h2>
      <p class="tdm-muted">
        {answer ? t('cka_gaps_help_days', formatNumber(answer.days)) : t('cka_gaps_help')}{' '}
        <button type="button" disabled={busy} onClick={() => void load()} data-testid="gaps-refresh">
          {t('cka_refresh')}
        </button>
      </p>
      <RecordsTable
        rows={answer?.groups ?? null}
        headers={[t('cka_agents_words'), t('cka_times'), t('cka_where'), t('cka_last'), '']}
        empty={t('cka_no_gaps')}
        emptyTestId="gaps-empty"
        row={(g) => (
          <tr key={g.terms.join(' ')} data-testid="gap-group" data-terms={g.terms.join(' ')}>
            <td>{g.terms.join(', ')}</td>
            <td data-testid="gap-count">
              {formatNumber(g.count)} <span class="tdm-muted">{t('cka_gap_pages_searches', formatNumber(g.pages), formatNumber(g.searches))}</span>
            </td>
            <td>{g.sites.join(', ') || '—'}</td>
            <td>{formatRelative(g.lastSeenAt)}</td>
            <td>
              <button
                type="button"
                data-testid="gap-draft"
                aria-label={t('cka_draft_article_about', g.terms.join(', '))}
                onClick={() => answer && openNewArticle(draftFromGap(g, answer.days))}
              >
                {t('cka_draft_article')}
              </button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
