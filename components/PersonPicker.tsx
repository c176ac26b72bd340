import { t } from '../lib/i18n/t';
import type { OtherMatch } from '../lib/schema';
import { onTrusted } from './trusted';

/**
 * When the page names two plausible people (lib/recognition/rank.ts marks them), lets the agent say who
 * this record is about; the caller sends `context.pick` with the chosen id, remembered for the record.
 * Renders nothing when nobody else is plausible. Only the agent's own click picks: a page script's `.click()` changes nothing.
 */
export function PersonPicker({ shown, others, onPick }: { shown: string; others: readonly OtherMatch[]; onPick(customerId: string): void }) {
  const plausible = others.filter((o) => o.plausible);
  if (plausible.length === 0) return null;
  return (
    <div class="tdm-picker" role="group" aria-label={t('picker_label')} data-testid="tandem-person-picker">
      <p class="tdm-muted">{t('picker_prompt', shown)}</p>
      {plausible.map((o) => (
        <button key={o.id} type="button" class="tdm-button" data-testid="tandem-pick-person" onClick={onTrusted(() => onPick(o.id))}>
          {o.name}
        </button>
      ))}
    </div>
  );
}
