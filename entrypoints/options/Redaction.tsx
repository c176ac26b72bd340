import { useEffect, useState } from 'preact/hooks';
import type { RedactionKind, RedactionSettings } from '../../lib/capture/redact';
import { loadRedaction, redactionItem } from '../../lib/capture/settings';
import { type MessageKey, t } from '../../lib/i18n/t';

// The agent's own choices before the team's arrive with a sync; the wider kinds are the team's, set in the console.
const LABELS: Partial<Record<RedactionKind, MessageKey>> = {
  card: 'redaction_card',
  national_id: 'redaction_national_id',
  iban: 'redaction_iban',
};

/** Which sensitive numbers captures remove before anything is stored or synced. */
export function RedactionSection() {
  const [settings, setSettings] = useState<RedactionSettings | null>(null);
  useEffect(() => {
    void loadRedaction().then(setSettings);
  }, []);
  if (!settings) return null;
  const toggle = (kind: RedactionKind, on: boolean) => {
    const next = { ...settings, [kind]: on };
    setSettings(next);
    void redactionItem.setValue(next);
  };
  return (
    <section class="tdm-section" aria-labelledby="redaction">
      <h3 id="redaction">{t('redaction_title')}</h3>
      <fieldset>
        <legend>{t('redaction_legend')}</legend>
        {(Object.entries(LABELS) as [RedactionKind, MessageKey][]).map(([kind, label]) => (
          <label key={kind}>
            <input type="checkbox" checked={settings[kind]} onChange={(e) => toggle(kind, e.currentTarget.checked)} /> {t(label)}
          </label>
        ))}
      </fieldset>
      <p class="tdm-muted">{t('redaction_help')}</p>
    </section>
  );
}
