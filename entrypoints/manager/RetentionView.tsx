import { useEffect, useState } from 'preact/hooks';
import { accessReasonText, removedSummary } from '../../lib/i18n/access-details';
import { formatWhen } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { TeamRetention } from '../../lib/schema/privacy';
import { useBusyAction } from './controls';

/** Admins: per team, how many days interactions, closed cases and screenshots are kept (empty: forever), and "Run now". */
export function RetentionView() {
  const [teams, setTeams] = useState<TeamRetention[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busy, act] = useBusyAction();

  const show = (list: TeamRetention[]) => {
    setTeams(list);
    setDrafts(Object.fromEntries(list.map((team) => [team.teamId, team.days === null ? '' : String(team.days)])));
  };
  useEffect(() => {
    void act(async () => show((await send('privacy.retention', {})).teams));
  }, []);

  const save = (teamId: string) =>
    act(async () => {
      const text = (drafts[teamId] ?? '').trim();
      const days = text === '' ? null : Number(text);
      show((await send('privacy.setRetention', { teamId, days })).teams);
      notice.value = days === null ? t('ckb_retention_off', teamId) : t('ckb_retention_days', teamId, days);
    });
  const runNow = () =>
    act(async () => {
      const run = await send('privacy.runRetention', {});
      notice.value =
        run.teams.length === 0
          ? t('ckb_retention_no_team')
          : t('ckb_retention_run', run.teams.map((team) => t('ckb_retention_run_team', team.teamId, removedSummary(team.removed))).join('; '));
      show((await send('privacy.retention', {})).teams);
    });

  return (
    <section class="mgr-panel" aria-label={t('console_view_retention')} data-testid="manager-retention">
      <p class="tdm-muted">{t('ckb_retention_help')}</p>
      {teams === null ? (
        <p class="tdm-muted">{t('loading')}</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>{t('filter_team')}</th>
              <th>{t('ckb_retention_keep_for')}</th>
              <th>{t('ckb_retention_last_run')}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.teamId} data-testid="retention-team" data-team={team.teamId}>
                <td>{team.teamName}</td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={36500}
                    placeholder={t('ckb_retention_off_placeholder')}
                    aria-label={t('ckb_retention_days_label', team.teamName)}
                    data-testid="retention-days"
                    value={drafts[team.teamId] ?? ''}
                    onInput={(e) => setDrafts({ ...drafts, [team.teamId]: e.currentTarget.value })}
                  />{' '}
                  <button type="button" disabled={busy} onClick={() => void save(team.teamId)} data-testid="retention-save">
                    {t('ckb_save')}
                  </button>
                </td>
                <td data-testid="retention-last-run">
                  {team.lastRun ? (
                    <>
                      {formatWhen(team.lastRun.at)}
                      {/* What the run removed, worded from its counts; a run logged before they were data keeps its English sentence. */}
                      {(team.lastRun.details || team.lastRun.summary) && (
                        <>
                          :{' '}
                          <span data-testid="retention-last-summary">{accessReasonText({ reason: team.lastRun.summary, details: team.lastRun.details })}</span>
                        </>
                      )}
                    </>
                  ) : (
                    t('ckb_never')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" disabled={busy} onClick={() => void runNow()} data-testid="retention-run">
        {t('ckb_retention_run_now')}
      </button>
    </section>
  );
}
