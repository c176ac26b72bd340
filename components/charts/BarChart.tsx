// Accessible bar charts drawn by Observable Plot (a maintained SVG charting library), with a data
// table beside them: the SVG is one labelled image; the table carries the same numbers for screen
// readers, keyboard users and anyone who wants exact figures.
import * as Plot from '@observablehq/plot';
import { useEffect, useId, useRef } from 'preact/hooks';
import { formatNumber, formatPercent } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/t';

export interface Series {
  key: string;
  label: string;
  color: string;
}
export interface Datum {
  label: string;
  values: Record<string, number>;
}

const ROW = 18;
const LABEL_W = 170;
const WIDTH = 560;

function fmt(n: number, percent: boolean): string {
  return percent ? formatPercent(n) : formatNumber(n);
}

/** Horizontal grouped bars: one group per datum, one bar per series. */
export function BarChart({
  title,
  series,
  data,
  percent = false,
  empty = t('chart_empty'),
  testId,
}: {
  title: string;
  series: readonly Series[];
  data: readonly Datum[];
  /** Values are fractions 0–1, shown as percentages on a 0–100% scale. */
  percent?: boolean;
  empty?: string;
  testId?: string;
}) {
  const id = useId();
  const plotRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = plotRef.current;
    if (!host || data.length === 0) return;
    const rows = data.flatMap((d) => series.map((s) => ({ item: d.label, series: s.label, value: d.values[s.key] ?? 0 })));
    const grouped = series.length > 1;
    const short = (t: string) => (t.length > 28 ? `${t.slice(0, 27)}…` : t);
    const chart = Plot.plot({
      width: WIDTH,
      height: Math.max(60, data.length * series.length * ROW + 40),
      marginLeft: LABEL_W,
      ariaLabel: `${title}: bar chart; the table below has the figures.`,
      x: { grid: true, label: null, ...(percent ? { domain: [0, 1], tickFormat: '%' } : {}) },
      color: { domain: series.map((s) => s.label), range: series.map((s) => s.color), legend: grouped },
      // Grouped: one band per item (fy), one bar per series inside it.
      ...(grouped
        ? { y: { axis: null, domain: series.map((s) => s.label) }, fy: { label: null, domain: data.map((d) => d.label), tickFormat: short } }
        : { y: { label: null, domain: data.map((d) => d.label), tickFormat: short } }),
      marks: [Plot.barX(rows, grouped ? { x: 'value', y: 'series', fy: 'item', fill: 'series' } : { x: 'value', y: 'item', fill: 'series' }), Plot.ruleX([0])],
    });
    // One labelled image per chart (Plot's legend swatches are small SVGs of their own).
    const svgs = chart instanceof SVGSVGElement ? [chart] : Array.from(chart.querySelectorAll('svg'));
    const main = svgs[svgs.length - 1];
    main?.setAttribute('role', 'img');
    main?.setAttribute('aria-label', t('chart_label', title));
    // Inside an image the marks' own labels (Plot names its groups "bar", "rule") are not allowed, and say nothing.
    for (const part of main?.querySelectorAll('[aria-label]') ?? []) part.removeAttribute('aria-label');
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [data, series, percent, title]);
  return (
    <figure class="mgr-chart" data-testid={testId} aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>
        <strong>{title}</strong>
      </figcaption>
      {data.length === 0 ? (
        <p class="tdm-muted">{empty}</p>
      ) : (
        <>
          <div ref={plotRef} class="mgr-plot" />
          <details>
            <summary>{t('chart_show_table')}</summary>
            <table class="mgr-table">
              <caption class="mgr-sr">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('chart_item')}</th>
                  {series.map((s) => (
                    <th scope="col" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.label}>
                    <th scope="row">{d.label}</th>
                    {series.map((s) => (
                      <td key={s.key}>{fmt(d.values[s.key] ?? 0, percent)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
