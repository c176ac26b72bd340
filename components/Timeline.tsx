import { formatWhen } from '../lib/i18n/format';
import { directionLabel, visibilityLabel } from '../lib/i18n/labels';
import { t } from '../lib/i18n/t';
import type { Interaction } from '../lib/schema';

/** Cross-channel history, newest first; private items are marked so nobody quotes them in public. */
export function Timeline({ items, limit }: { items: Interaction[]; limit?: number }) {
  const shown = limit === undefined ? items : items.slice(0, limit);
  return (
    <section class="tdm-section" aria-label={t('timeline')}>
      <h3>{t('timeline')}</h3>
      {shown.length === 0 ? (
        <p class="tdm-muted">{t('timeline_empty')}</p>
      ) : (
        <ol class="tdm-timeline">
          {shown.map((item) => (
            <li key={item.id} class={`tdm-event tdm-event--${item.visibility}`} data-testid="tandem-interaction">
              <div class="tdm-event__meta">
                <span>{item.channel}</span>
                <span class={`tdm-visibility tdm-visibility--${item.visibility}`}>{visibilityLabel(item.visibility)}</span>
                <span>{directionLabel(item.direction)}</span>
                <time dateTime={item.occurredAt}>{formatWhen(item.occurredAt)}</time>
              </div>
              <p class="tdm-event__text">{item.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
