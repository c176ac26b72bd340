import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { Priority } from '../../lib/schema';
import type { ChannelGroup, SlaPoliciesResponse, SlaPolicy } from '../../lib/schema/sla';
import { showError } from './controls';
import { SlaCalendarEditor } from './SlaCalendarEditor';
import { SlaEscalationEditor } from './SlaEscalationEditor';
import { SlaReportView } from './SlaReportView';

const GROUPS: { id: ChannelGroup; label: string }[] = [
  { id: 'social', label: 'Social (X, Facebook)' },
  { id: 'live', label: 'Live (phone, chat)' },
  { id: 'ticket', label: 'Tickets and email' },
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

  if (!data || !draft) return <p class="tdm-muted">Loading service levels…</p>;

  const set = (group: ChannelGroup, priority: Priority, field: 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes', value: number) =>
    setDraft({ ...draft, [group]: { ...draft[group], [priority]: { ...draft[group][priority], [field]: value } } });
  const calendar = data.calendars?.find((c) => c.teamId === teamId)?.calendar ?? null;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    try {
      const saved = await send('manager.setSlaPolicy', { teamId, policy: draft });
      setDraft(saved.policy);
      notice.value = `Service levels saved for ${teamId}. New cases, and cases whose priority changes, use them.`;
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <form class="mgr-panel" aria-label="Service levels" data-testid="manager-sla" onSubmit={save}>
        <label>
          Team{' '}
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
          <caption>First response, next response and resolution targets, in business minutes (the team's calendar below)</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              {PRIORITIES.map((p) => (
                <th scope="col" key={p}>
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g.id}>
                <th scope="row">{g.label}</th>
                {PRIORITIES.map((p) => (
                  <td key={p}>
                    <input
                      type="number"
                      min={1}
                      aria-label={`${g.label} ${p} first response minutes`}
                      data-testid={`sla-${g.id}-${p}-first`}
                      value={draft[g.id][p].firstResponseMinutes}
                      onInput={(e) => set(g.id, p, 'firstResponseMinutes', Number(e.currentTarget.value))}
                    />
                    <input
                      type="number"
                      min={1}
                      aria-label={`${g.label} ${p} next response minutes`}
                      value={draft[g.id][p].nextResponseMinutes ?? draft[g.id][p].firstResponseMinutes}
                      onInput={(e) => set(g.id, p, 'nextResponseMinutes', Number(e.currentTarget.value))}
                    />
                    <input
                      type="number"
                      min={1}
                      aria-label={`${g.label} ${p} resolution minutes`}
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
          {saving ? 'Saving…' : 'Save service levels'}
        </button>
      </form>
      <SlaCalendarEditor teamId={teamId} calendar={calendar} onChanged={() => void load()} />
      <SlaEscalationEditor key={`escalation-${teamId}`} teamId={teamId} />
      <SlaReportView key={teamId} teamId={teamId} />
    </>
  );
}
