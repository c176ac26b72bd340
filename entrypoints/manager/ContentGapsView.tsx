import { useEffect, useState } from 'preact/hooks';
import { draftFromGap } from '../../lib/knowledge/gaps-draft';
import { openNewArticle } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { GapGroupsResponse } from '../../lib/schema/knowledge-gaps';
import { useBusyAction } from './controls';
import { formatRelative } from './format';

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
    <section class="mgr-panel" aria-label="Content gaps" data-testid="manager-gaps">
      <h2>Content gaps</h2>
      <p class="tdm-muted">
        Questions with no article: pages where agents were shown no confident suggestion, and searches that found nothing, as their words only (never the
        customer){answer ? `, over the last ${answer.days} days` : ''}.{' '}
        <button type="button" disabled={busy} onClick={() => void load()} data-testid="gaps-refresh">
          Refresh
        </button>
      </p>
      {answer === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : answer.groups.length === 0 ? (
        <p class="tdm-muted" data-testid="gaps-empty">
          No gaps: every question agents met lately had a confident suggestion.
        </p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Agents' words</th>
              <th>Times</th>
              <th>Where</th>
              <th>Last</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {answer.groups.map((g) => (
              <tr key={g.terms.join(' ')} data-testid="gap-group" data-terms={g.terms.join(' ')}>
                <td>{g.terms.join(', ')}</td>
                <td data-testid="gap-count">
                  {g.count}{' '}
                  <span class="tdm-muted">
                    ({g.pages} pages, {g.searches} searches)
                  </span>
                </td>
                <td>{g.sites.join(', ') || '—'}</td>
                <td>{formatRelative(g.lastSeenAt)}</td>
                <td>
                  <button
                    type="button"
                    data-testid="gap-draft"
                    aria-label={`Draft an article about ${g.terms.join(', ')}`}
                    onClick={() => openNewArticle(draftFromGap(g, answer.days))}
                  >
                    Draft an article
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
