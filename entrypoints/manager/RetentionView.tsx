import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { RemovedCounts, TeamRetention } from '../../lib/schema/privacy';
import { useBusyAction } from './controls';

export function removedSummary(removed: RemovedCounts): string {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return [
    removed.customers > 0 ? plural(removed.customers, 'customer') : null,
    plural(removed.interactions, 'interaction'),
    plural(removed.cases, 'case'),
    plural(removed.screenshots, 'screenshot'),
  ]
    .filter(Boolean)
    .join(', ');
}

/** Admins: per team, how many days interactions, closed cases and screenshots are kept (empty: forever), and "Run now". */
export function RetentionView() {
  const [teams, setTeams] = useState<TeamRetention[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busy, act] = useBusyAction();

  const show = (list: TeamRetention[]) => {
    setTeams(list);
    setDrafts(Object.fromEntries(list.map((t) => [t.teamId, t.days === null ? '' : String(t.days)])));
  };
  useEffect(() => {
    void act(async () => show((await send('privacy.retention', {})).teams));
  }, []);

  const save = (teamId: string) =>
    act(async () => {
      const text = (drafts[teamId] ?? '').trim();
      const days = text === '' ? null : Number(text);
      show((await send('privacy.setRetention', { teamId, days })).teams);
      notice.value = days === null ? `Retention is off for ${teamId}: nothing is deleted by age.` : `${teamId} keeps data ${days} days.`;
    });
  const runNow = () =>
    act(async () => {
      const run = await send('privacy.runRetention', {});
      notice.value =
        run.teams.length === 0
          ? 'No team has a retention period.'
          : `Retention run: ${run.teams.map((t) => `${t.teamId} ${removedSummary(t.removed)}`).join('; ')}.`;
      show((await send('privacy.retention', {})).teams);
    });

  return (
    <section class="mgr-panel" aria-label="Retention" data-testid="manager-retention">
      <p class="tdm-muted">
        Interactions older than a team's period are deleted, except those of a case still open; solved and closed cases go with their screenshots once their
        last change is that old. The server runs this daily; every agent's cache drops what it deletes at their next sync. Each run is in the access log, with
        counts only.
      </p>
      {teams === null ? (
        <p class="tdm-muted">Loading…</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Team</th>
              <th>Keep for (days)</th>
              <th>Last run</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.teamId} data-testid="retention-team" data-team={t.teamId}>
                <td>{t.teamName}</td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={36500}
                    placeholder="off"
                    aria-label={`Days ${t.teamName} keeps data`}
                    data-testid="retention-days"
                    value={drafts[t.teamId] ?? ''}
                    onInput={(e) => setDrafts({ ...drafts, [t.teamId]: e.currentTarget.value })}
                  />{' '}
                  <button type="button" disabled={busy} onClick={() => void save(t.teamId)} data-testid="retention-save">
                    Save
                  </button>
                </td>
                <td data-testid="retention-last-run">{t.lastRun ? `${new Date(t.lastRun.at).toLocaleString()}: ${t.lastRun.summary ?? ''}` : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" disabled={busy} onClick={() => void runNow()} data-testid="retention-run">
        Run now
      </button>
    </section>
  );
}
