import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { OpenFlag, TeamVerifyInterval, ToVerifyItem } from '../../lib/schema/knowledge-review';
import { useBusyAction } from './controls';
import { formatRelative } from './format';

const KIND_LABEL = { articles: 'Article', snippets: 'Snippet' } as const;
const REASON_LABEL = { outdated: 'Outdated', wrong: 'Wrong', missing: 'Missing information' } as const;

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
    setDrafts(Object.fromEntries(list.map((t) => [t.teamId, String(t.days)])));
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
      notice.value = `${team.teamName} verifies its knowledge every ${days} days from the next verification.`;
    });
  const verify = (item: ToVerifyItem) =>
    act(async () => {
      setItems((await send('knowledgeReview.verify', { kind: item.kind, id: item.id, baseVersion: item.version })).items);
      notice.value = `“${item.title}” is verified.`;
    });

  const resolve = (flag: OpenFlag) =>
    act(async () => {
      setFlags((await send('knowledgeReview.resolveFlag', { id: flag.id })).flags);
      notice.value = `The flag on “${flag.title ?? flag.itemId}” is resolved.`;
    });

  return (
    <section class="mgr-panel" aria-label="Knowledge review" data-testid="manager-review">
      <h2>Flags from agents</h2>
      <p class="tdm-muted">What agents flagged in the overlay, with the kind of page it was suggested on (site and words, never the customer).</p>
      {flags === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : flags.length === 0 ? (
        <p class="tdm-muted" data-testid="flags-empty">
          No open flags.
        </p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Item</th>
              <th>Flag</th>
              <th>Page</th>
              <th>By</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {flags.map((flag) => (
              <tr key={flag.id} data-testid="review-flag" data-item={flag.itemId}>
                <td>
                  {flag.title ?? flag.itemId} <span class="tdm-muted">· {KIND_LABEL[flag.kind]}</span>
                </td>
                <td data-testid="review-flag-reason">
                  <strong>{REASON_LABEL[flag.reason]}</strong>
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
                    Resolve
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>To verify</h2>
      <p class="tdm-muted">
        Articles and snippets past their verify-by date: agents see them with a “needs verification” badge, ranked lower. Check each one, edit it in “Knowledge
        &amp; broadcasts” if it is wrong, then mark it verified.
      </p>
      {items === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : items.length === 0 ? (
        <p class="tdm-muted" data-testid="review-empty">
          Nothing to verify: every article and snippet of your teams is within its verify-by date.
        </p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Title</th>
              <th>Owner</th>
              <th>Verify by</th>
              <th>Last verified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.kind}:${item.id}`} data-testid="review-item" data-id={item.id}>
                <td>
                  {item.title} <span class="tdm-muted">· {KIND_LABEL[item.kind]}</span>
                </td>
                <td data-testid="review-owner">{item.owner ? (item.owner.name ?? item.owner.id) : 'nobody'}</td>
                <td>{new Date(item.verifyBy).toLocaleDateString()}</td>
                <td>{item.verifiedAt ? formatRelative(item.verifiedAt) : 'never'}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void verify(item)}
                    data-testid="review-verify"
                    aria-label={`Mark “${item.title}” verified`}
                  >
                    Verified
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Verify interval</h2>
      <p class="tdm-muted">How long a verification holds, per team (default 90 days). An item reaching several teams takes the shortest of theirs.</p>
      {teams === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : (
        <table class="mgr-table">
          <tbody>
            {teams.map((t) => (
              <tr key={t.teamId} data-testid="review-interval" data-team={t.teamId}>
                <td>{t.teamName}</td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={3650}
                    aria-label={`Days a verification holds for ${t.teamName}`}
                    data-testid="review-interval-days"
                    value={drafts[t.teamId] ?? ''}
                    onInput={(e) => setDrafts({ ...drafts, [t.teamId]: e.currentTarget.value })}
                  />{' '}
                  days{t.isDefault ? ' (default)' : ''}{' '}
                  <button type="button" disabled={busy} onClick={() => void saveInterval(t)} data-testid="review-interval-save">
                    Save
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
