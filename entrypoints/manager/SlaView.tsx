import { useEffect, useState } from 'preact/hooks';
import { priorityLabel } from '../../lib/i18n/labels';
import { type MessageKey, t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { Priority } from '../../lib/schema';
import type { ChannelGroup, SlaPoliciesResponse, SlaPolicy } from '../../lib/schema/sla';
import { showError } from './controls';
import { SlaCalendarEditor } from './SlaCalendarEditor';
import { SlaEscalationEditor } from './SlaEscalationEditor';
import { SlaReportView } from './SlaReportView';

const GROUPS: { id: ChannelGroup; label: MessageKey }[] = [
  { id: 'social', label: 'cka_group_social' },
  { id: 'live', label: 'cka_group_live' },
  { id: 'ticket', label: 'cka_group_ticket' },
];
const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

/** Service-level targets per channel group and priority for one team, in business minutes, and the team's calendar. */
export function SlaView() {
  const [data, setData] = useState<SlaPoliciesResponse | null>(null);
  const [teamId, setTeamId] = useState<string>('');
  const [draft, setDraft] = useState<SlaPolicy | null>(null);
  const [saving, setSaving] = useState(false);

  const load = async () => {
    try {
      const answer = await send('manager.slaPolicies', {});
      setData(answer);
      const team = answer.teams.find((t) => t.teamId === teamId) ?? answer.teams[0];
      if (team) {
        setTeamId(team.teamId);
        setDraft(team.policy);
      }
    } catch (e) {
      showError(e);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  if (!data || !draft) return <p class="tdm-muted">{t('cka_loading_service_levels')}</p>;

  const set = (group: ChannelGroup, priority: Priority, field: 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes', value: number) =>
    setDraft({ ...draft, [group]: { ...draft[group], [priority]: { ...draft[group][priority], [field]: value } } });
  const calendar = data.calendars?.find((c) => c.teamId === teamId)?.calendar ?? null;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    try {
      const saved = await send('manager.setSlaPolicy', { teamId, policy: draft });
      setDraft(saved.policy);
      notice.value = t('cka_service_levels_saved', teamId);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <form class="mgr-panel" aria-label={t('console_view_sla')} data-testid="manager-sla" onSubmit={save}>
        <label>
          {t('filter_team')}{' '}
          <select
            value={teamId}
            onChange={(e) => {
              const team = data.teams.find((t) => t.teamId === e.currentTarget.value);
              setTeamId(e.currentTarget.value);
              if (team) setDraft(team.policy);
            }}
          >
            {data.teams.map((t) => (
              <option key={t.teamId} value={t.teamId}>
                {t.teamId}
              </option>
            ))}
          </select>
        </label>
        <table class="mgr-table">
          <caption>{t('cka_sla_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('filter_channel')}</th>
              {PRIORITIES.map((p) => (
                <th scope="col" key={p}>
                  {priorityLabel(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g.id}>
                <th scope="row">{t(g.label)}</th>
                {PRIORITIES.map((p) => (
                  <td key={p}>
                    <input
                      type="number"
                      min={1}
                      aria-label={t('cka_first_response_minutes', t(g.label), priorityLabel(p))}
                      data-testid={`sla-${g.id}-${p}-first`}
                      value={draft[g.id][p].firstResponseMinutes}
                      onInput={(e) => set(g.id, p, 'firstResponseMinutes', Number(e.currentTarget.value))}
                    />
                    <input
                      type="number"
                      min={1}
                      aria-label={t('cka_next_response_minutes', t(g.label), priorityLabel(p))}
                      value={draft[g.id][p].nextResponseMinutes ?? draft[g.id][p].firstResponseMinutes}
                      onInput={(e) => set(g.id, p, 'nextResponseMinutes', Number(e.currentTarget.value))}
                    />
                    <input
                      type="number"
                      min={1}
                      aria-label={t('cka_resolution_minutes', t(g.label), priorityLabel(p))}
                      value={draft[g.id][p].resolutionMinutes}
                      onInput={(e) => set(g.id, p, 'resolutionMinutes', Number(e.currentTarget.value))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" class="tdm-primary" disabled={saving}>
          {saving ? t('cka_saving') : t('cka_save_service_levels')}
        </button>
      </form>
      <SlaCalendarEditor teamId={teamId} calendar={calendar} onChanged={() => void load()} />
      <SlaEscalationEditor key={`escalation-${teamId}`} teamId={teamId} />
      <SlaReportView key={teamId} teamId={teamId} />
    </>
  );
}
