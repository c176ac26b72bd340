import { channelName } from '../lib/effort/effort';
import { journey } from '../lib/effort/journey';
import type { Case, Interaction } from '../lib/schema';
import { formatWhen } from '../lib/ui/format';

/**
 * The side panel's journey: the customer's interactions grouped by issue (case), each with the path of channels it
 * took ("email → X → Zendesk") and every step marked public or private, a hop where the customer changed channel.
 * Text is rendered as text.
 */
export function Journey({ items, cases }: { items: Interaction[]; cases: Case[] }) {
  const issues = journey(items, cases);
  if (issues.length === 0) return null;
  return (
    <section class="tdm-section" aria-label="Journey" data-testid="tandem-journey">
      <h3>Journey</h3>
      {issues.map((issue) => (
        <details key={issue.caseId ?? 'none'} open={issue === issues[0]} data-testid="tandem-journey-issue" data-case-id={issue.caseId ?? ''}>
          <summary>
            <strong>{issue.subject ?? (issue.caseId ? 'Earlier case' : 'Not filed under a case')}</strong>{' '}
            <span class="tdm-muted" data-testid="tandem-journey-path">
              {issue.path.map(channelName).join(' → ')}
              {issue.hops > 0 ? ` · ${issue.hops} ${issue.hops === 1 ? 'hop' : 'hops'}` : ''}
            </span>
          </summary>
          <ol class="tdm-timeline">
            {issue.steps.map(({ item, hop }) => (
              <li key={item.id} class={`tdm-event tdm-event--${item.visibility}`} data-testid="tandem-journey-step" data-hop={hop}>
                <div class="tdm-event__meta">
                  {hop && <span>↪ changed channel</span>}
                  <span>{channelName(item.channel)}</span>
                  <span class={`tdm-visibility tdm-visibility--${item.visibility}`}>{item.visibility}</span>
                  <span>{item.direction === 'inbound' ? 'from customer' : 'from us'}</span>
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
