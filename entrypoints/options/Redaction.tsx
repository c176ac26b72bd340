import { useEffect, useState } from 'preact/hooks';
import type { RedactionKind, RedactionSettings } from '../../lib/capture/redact';
import { loadRedaction, redactionItem } from '../../lib/capture/settings';

// The agent's own choices before the team's arrive with a sync; the wider kinds are the team's, set in the console.
const LABELS: Partial<Record<RedactionKind, string>> = {
  card: 'Card numbers (Luhn-checked, the last four digits kept)',
  national_id: 'National id numbers (US SSN, UK National Insurance)',
  iban: 'Bank account numbers (IBAN)',
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
      <h3 id="redaction">Personal data in captures</h3>
      <fieldset>
        <legend>Remove before saving a capture</legend>
        {(Object.keys(LABELS) as RedactionKind[]).map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={settings[kind]} onChange={(e) => toggle(kind, e.currentTarget.checked)} /> {LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <p class="tdm-muted">The agent sees what was removed when the case is captured.</p>
    </section>
  );
}
