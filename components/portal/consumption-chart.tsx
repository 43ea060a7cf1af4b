import { periodLabel } from '@/domain/billing/periods';

export interface ConsumptionPoint {
  period: string;
  m3: number | null;
}

const WIDTH = 360;
const HEIGHT = 170;
const TOP = 18;
const BOTTOM = 24;

/**
 * 12 months of consumption as inline SVG bars: no chart library, nothing to load, drawn at a fixed aspect ratio so
 * the page does not move when it appears. A month without a reading has no bar and a dash. The figures are in the
 * bars' labels and in a visually hidden list for screen readers.
 */
export function ConsumptionChart({ points }: { points: readonly ConsumptionPoint[] }) {
  const max = Math.max(1, ...points.map((p) => p.m3 ?? 0));
  const slot = WIDTH / Math.max(1, points.length);
  const barWidth = slot * 0.62;
  const plot = HEIGHT - TOP - BOTTOM;
  return (
    <figure data-testid="portal-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-label="Lượng nước tiêu thụ 12 tháng gần nhất (m³)"
      >
        <line x1={0} x2={WIDTH} y1={TOP + plot} y2={TOP + plot} stroke="#cbd5e1" strokeWidth={1} />
        {points.map((p, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          const h = p.m3 === null ? 0 : Math.max(p.m3 > 0 ? 2 : 0, (p.m3 / max) * plot);
          const y = TOP + plot - h;
          const label = `${p.period.slice(5, 7)}/${p.period.slice(2, 4)}`;
          return (
            <g key={p.period}>
              {p.m3 !== null && (
                <rect x={x} y={y} width={barWidth} height={h} rx={2} fill="#0a6bb8">
                  <title>{`Kỳ ${periodLabel(p.period)}: ${p.m3} m³`}</title>
                </rect>
              )}
              <text x={x + barWidth / 2} y={y - 4} textAnchor="middle" fontSize={9} fill="#334155">
                {p.m3 === null ? '–' : p.m3}
              </text>
              <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" fontSize={9} fill="#64748b">
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">Đơn vị: m³ mỗi kỳ ghi chỉ số (tháng/năm).</figcaption>
      <ul className="sr-only">
        {points.map((p) => (
          <li key={p.period}>
            Kỳ {periodLabel(p.period)}: {p.m3 === null ? 'chưa có chỉ số' : `${p.m3} m³`}
          </li>
        ))}
      </ul>
    </figure>
  );
}
