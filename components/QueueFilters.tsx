import type { EffortFilter } from '../lib/effort/filter';
import { caseStatusLabel } from '../lib/i18n/labels';
import { type MessageKey, t } from '../lib/i18n/t';
import type { Facet, FacetCounts, QueueFilters as Filters } from '../lib/queue/filters';
import type { CaseStatus, ValueBand } from '../lib/schema/entities';
import { valueBandLabel } from './ValueBand';

const LABELS: Record<Facet, MessageKey> = {
  channel: 'filter_channel',
  teamId: 'filter_team',
  status: 'filter_status',
  assignee: 'filter_assignee',
  tag: 'filter_tag',
  value: 'filter_value',
  effort: 'filter_effort',
};
const EFFORT_NAMES: Record<EffortFilter, MessageKey> = {
  repeat: 'filter_effort_repeat',
  'three-plus': 'filter_effort_three_plus',
  switched: 'filter_effort_switched',
};
const ASSIGNEE_NAMES: Record<string, MessageKey> = { anyone: 'filter_anyone', me: 'filter_me', unassigned: 'filter_unassigned', others: 'filter_others' };

/** A facet's value as the agent reads it. */
function valueName(facet: Facet, v: string, teamNames: ReadonlyMap<string, string> | undefined): string {
  switch (facet) {
    case 'assignee': {
      const key = ASSIGNEE_NAMES[v];
      return key ? t(key) : v;
    }
    case 'teamId':
      return teamNames?.get(v) ?? v;
    case 'tag':
      return `#${v}`;
    case 'status':
      return caseStatusLabel(v as CaseStatus);
    case 'value':
      return valueBandLabel(v as ValueBand);
    case 'effort': {
      const key = EFFORT_NAMES[v as EffortFilter];
      return key ? t(key) : v;
    }
    default:
      return v;
  }
}

/** One select per facet; every value shows how many cases it would leave with the other filters as they are. */
export function QueueFilters({
  filters,
  counts,
  teamNames,
  onChange,
}: {
  filters: Filters;
  counts: FacetCounts;
  teamNames?: ReadonlyMap<string, string>;
  onChange(next: Filters): void;
}) {
  const facets: Facet[] = ['channel', 'teamId', 'status', 'assignee', 'tag', 'value', 'effort'];
  return (
    <div class="tdm-queue-filters" data-testid="tandem-queue-filters">
      {facets.map((facet) => {
        const current = (filters[facet] ?? '') as string;
        const values = [...counts[facet].entries()].filter(([v]) => v !== 'anyone').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        const total = facet === 'assignee' ? (counts.assignee.get('anyone') ?? 0) : null;
        const name = (v: string) => valueName(facet, v, teamNames);
        return (
          <label key={facet} class="tdm-queue-filter">
            <span>{t(LABELS[facet])}</span>
            <select
              data-testid={`tandem-queue-filter-${facet}`}
              value={facet === 'assignee' ? filters.assignee : current}
              onChange={(e) => {
                const value = (e.currentTarget as HTMLSelectElement).value;
                onChange({ ...filters, [facet]: facet === 'assignee' ? value || 'anyone' : value || null } as Filters);
              }}
            >
              <option value={facet === 'assignee' ? 'anyone' : ''}>
                {facet === 'assignee' ? `${t('filter_anyone')}${total === null ? '' : ` (${total})`}` : t('filter_all')}
              </option>
              {values.map(([v, n]) => (
                <option key={v} value={v}>
                  {name(v)} ({n})
                </option>
              ))}
              {current && !counts[facet].has(current) && facet !== 'assignee' && <option value={current}>{name(current)} (0)</option>}
            </select>
          </label>
        );
      })}
    </div>
  );
}
