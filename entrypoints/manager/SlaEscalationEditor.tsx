import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { EscalationSettings } from '../../lib/schema/sla';
import { showError } from './controls';
import { formatPercent } from './format';

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
      notice.value = t('cka_escalation_saved', teamId, formatPercent(settings.share));
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="mgr-panel" aria-label={t('cka_escalation')} data-testid="manager-sla-escalation" onSubmit={save}>
      <h3>{t('cka_escalation')}</h3>
      <label>
        {t('cka_escalate_at')}{' '}
        <input
          type="number"
          min={1}
          max={100}
          required
          value={Math.round(settings.share * 100)}
          onInput={(e) => setSettings({ ...settings, share: Number(e.currentTarget.value) / 100 })}
        />
        {t('cka_escalate_share')}
      </label>{' '}
      <label>
        <input type="checkbox" checked={settings.raisePriority} onChange={(e) => setSettings({ ...settings, raisePriority: e.currentTarget.checked })} />{' '}
        {t('cka_raise_priority')}
      </label>{' '}
      <button type="submit" disabled={saving}>
        {saving ? t('cka_saving') : t('cka_save_escalation')}
      </button>
      <p class="tdm-muted">{t('cka_escalation_help')}</p>
    </form>
  );
}
