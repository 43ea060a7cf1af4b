'use client';

/**
 * A plain SVG bar chart: one bar per category, stacked when there are several series (the age buckets of each book),
 * a single series otherwise (collections per day). It draws what it is given and nothing more: no axes library, no
 * animation. Negative values (a day of reversals) draw below the zero line. Every bar has a <title> for the mouse,
 * and the chart names itself for screen readers; the table beside it carries the figures.
 */

interface BarSeries {
  key: string;
  label: string;
  /** A fill colour (CSS). */
  color: string;
}

export interface BarChartProps {
  /** Short labels under the bars (book codes, days). */
  categories: readonly string[];
  series: readonly BarSeries[];
  /** values[category][series], in the order of `categories` and `series`. */
  values: readonly (readonly number[])[];
  /** The chart's accessible name, e.g. "Công nợ theo sổ và tuổi nợ". */
  label: string;
  formatValue: (n: number) => string;
  /** The axis' figures, shorter than the bars' (e.g. "2 tỷ"); `formatValue` when left out. */
  formatAxis?: (n: number) => string;
  height?: number;
  'data-testid'?: string;
}

const AXIS_WIDTH = 64;
const LABEL_HEIGHT = 22;
const TOP = 8;

/** A round top for the axis: 1, 2 or 5 times a power of ten at or above `n`. */
export function niceCeiling(n: number): number {
  if (n <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

export function BarChart({
  categories,
  series,
  values,
  label,
  formatValue,
  formatAxis = formatValue,
  height = 220,
  ...rest
}: BarChartProps) {
  const totals = values.map((row) => row.reduce((s, v) => s + Math.max(0, v), 0));
  const lows = values.map((row) => row.reduce((s, v) => s + Math.min(0, v), 0));
  const max = niceCeiling(Math.max(0, ...totals));
  const min = -niceCeiling(-Math.min(0, ...lows));
  const span = max - min || 1;
  const plot = height - TOP - LABEL_HEIGHT;
  const y = (v: number) => TOP + ((max - v) / span) * plot;
  const slot = 36;
  const width = AXIS_WIDTH + Math.max(1, categories.length) * slot;
  const barWidth = Math.min(24, slot - 8);
  // Label every category when they fit, else every n-th (a month of days).
  const every = Math.max(1, Math.ceil(categories.length / 16));
  const ticks = min < 0 ? [max, 0, min] : [max, max / 2, 0];

  return (
    <figure className="min-w-0" data-testid={rest['data-testid']}>
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-label={label}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="text-slate-500"
        >
          <title>{label}</title>
          {ticks.map((t) => (
            <g key={t}>
              <line
                x1={AXIS_WIDTH}
                x2={width}
                y1={y(t)}
                y2={y(t)}
                stroke="currentColor"
                strokeOpacity={t === 0 ? 0.6 : 0.15}
              />
              <text x={AXIS_WIDTH - 6} y={y(t) + 4} textAnchor="end" fontSize={10} fill="currentColor">
                {formatAxis(t)}
              </text>
            </g>
          ))}
          {categories.map((category, i) => {
            const x = AXIS_WIDTH + i * slot + (slot - barWidth) / 2;
            let up = 0;
            let down = 0;
            return (
              <g key={`${category}-${i}`}>
                {series.map((s, j) => {
                  const v = values[i]?.[j] ?? 0;
                  if (v === 0) return null;
                  const from = v > 0 ? up : down;
                  const to = from + v;
                  if (v > 0) up = to;
                  else down = to;
                  const top = y(Math.max(from, to));
                  return (
                    <rect
                      key={s.key}
                      x={x}
                      y={top}
                      width={barWidth}
                      height={Math.max(1, y(Math.min(from, to)) - top)}
                      fill={s.color}
                      data-series={s.key}
                    >
                      <title>{`${category} – ${s.label}: ${formatValue(v)}`}</title>
                    </rect>
                  );
                })}
                {i % every === 0 && (
                  <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" fontSize={10} fill="currentColor">
                    {category}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      {series.length > 1 && (
        <figcaption className="mt-1 flex flex-wrap gap-3 text-xs text-slate-600">
          {series.map((s) => (
            <span key={s.key} className="inline-flex items-center gap-1">
              <span
                aria-hidden="true"
                className="inline-block h-2.5 w-2.5 rounded-sm"
                style={{ background: s.color }}
              />
              {s.label}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
