import { channelName } from '../lib/effort/effort';
import { journey } from '../lib/effort/journey';
import { formatWhen } from '../lib/i18n/format';
import { directionLabel, visibilityLabel } from '../lib/i18n/labels';
import { t, tCount } from '../lib/i18n/t';
import type { Case, Interaction } from '../lib/schema';

/**
 * The side panel's journey: the customer's interactions grouped by issue (case), each with the path of channels it
 * took ("email → X → Zendesk") and every step marked public or private, a hop where the customer changed channel.
 * Text is rendered as text.
 */
export function Journey({ items, cases }: { items: Interaction[]; cases: Case[] }) {
  const issues = journey(items, cases);
  if (issues.length === 0) return null;
  return (
    <section class="tdm-section" aria-label={t('journey')} data-testid="tandem-journey">
      <h3>{t('journey')}</h3>
      {issues.map((issue) => (
        <details key={issue.caseId ?? 'none'} open={issue === issues[0]} data-testid="tandem-journey-issue" data-case-id={issue.caseId ?? ''}>
          <summary>
            <strong>{issue.subject ?? (issue.caseId ? t('journey_earlier_case') : t('journey_no_case'))}</strong>{' '}
            <span class="tdm-muted" data-testid="tandem-journey-path">
              {issue.path.map(channelName).join(' → ')}
              {issue.hops > 0 ? ` · ${tCount('journey_hops', issue.hops)}` : ''}
            </span>
          </summary>
          <ol class="tdm-timeline">
            {issue.steps.map(({ item, hop }) => (
              <li key={item.id} class={`tdm-event tdm-event--${item.visibility}`} data-testid="tandem-journey-step" data-hop={hop}>
                <div class="tdm-event__meta">
                  {hop && <span>↪ {t('journey_changed_channel')}</span>}
                  <span>{channelName(item.channel)}</span>
                  <span class={`tdm-visibility tdm-visibility--${item.visibility}`}>{visibilityLabel(item.visibility)}</span>
                  <span>{directionLabel(item.direction)}</span>
                  <time dateTime={item.occurredAt}>{formatWhen(item.occurredAt)}</time>
                </div>
              </li>
            ))}
          </ol>
        </details>
      ))}
    </section>
  );
}
