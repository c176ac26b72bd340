import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { EscalationSettings } from '../../lib/schema/sla';
import { showError } from './controls';

/** The team's escalation rule: at what share of a target its assignee and managers are warned, and whether priority rises. */
export function SlaEscalationEditor({ teamId }: { teamId: string }) {
  const [settings, setSettings] = useState<EscalationSettings | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    send('manager.slaEscalation', { teamId })
      .then((answer) => setSettings(answer.settings))
      .catch(showError);
  }, [teamId]);
  if (!settings) return null;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    try {
      setSettings((await send('manager.setSlaEscalation', { teamId, settings })).settings);
      notice.value = `Escalation saved for ${teamId}: at ${Math.round(settings.share * 100)}% of a target.`;
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="mgr-panel" aria-label="Escalation" data-testid="manager-sla-escalation" onSubmit={save}>
      <h3>Escalation</h3>
      <label>
        Escalate at{' '}
        <input
          type="number"
          min={1}
          max={100}
          required
          value={Math.round(settings.share * 100)}
          onInput={(e) => setSettings({ ...settings, share: Number(e.currentTarget.value) / 100 })}
        />
        % of a target's business time
      </label>{' '}
      <label>
        <input type="checkbox" checked={settings.raisePriority} onChange={(e) => setSettings({ ...settings, raisePriority: e.currentTarget.checked })} /> and
        raise the case's priority a step
      </label>{' '}
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : 'Save escalation'}
      </button>
      <p class="tdm-muted">The case's assignee and this team's managers get a browser notification; the queue flags the case.</p>
    </form>
  );
}
