import { EFFORT_FILTERS, type EffortFilter } from '../lib/effort/filter';
import type { Facet, FacetCounts, QueueFilters as Filters } from '../lib/queue/filters';
import type { ValueBand } from '../lib/schema/entities';
import { VALUE_BAND_LABELS } from './ValueBand';

const LABELS: Record<Facet, string> = {
  channel: 'Channel',
  teamId: 'Team',
  status: 'Status',
  assignee: 'Assignee',
  tag: 'Tag',
  value: 'Value',
  effort: 'Effort',
};
const ASSIGNEE_NAMES: Record<string, string> = { anyone: 'Anyone', me: 'Me', unassigned: 'Unassigned', others: 'Someone else' };

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
        const name = (v: string) =>
          facet === 'assignee'
            ? (ASSIGNEE_NAMES[v] ?? v)
            : facet === 'teamId'
              ? (teamNames?.get(v) ?? v)
              : facet === 'tag'
                ? `#${v}`
                : facet === 'value'
                  ? (VALUE_BAND_LABELS[v as ValueBand] ?? v)
                  : facet === 'effort'
                    ? (EFFORT_FILTERS[v as EffortFilter] ?? v)
                    : v;
        return (
          <label key={facet} class="tdm-queue-filter">
            <span>{LABELS[facet]}</span>
            <select
              data-testid={`tandem-queue-filter-${facet}`}
              value={facet === 'assignee' ? filters.assignee : current}
              onChange={(e) => {
                const value = (e.currentTarget as HTMLSelectElement).value;
                onChange({ ...filters, [facet]: facet === 'assignee' ? value || 'anyone' : value || null } as Filters);
              }}
            >
              <option value={facet === 'assignee' ? 'anyone' : ''}>{facet === 'assignee' ? `Anyone${total === null ? '' : ` (${total})`}` : 'All'}</option>
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
