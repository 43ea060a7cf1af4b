'use client';

import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { fmtInt, periodLabel } from './format';
import { AnomalyBadgeList, noticeShort } from './reading-cells';
import { useRowState, type ReadingStore } from './reading-store';
import type { HistoryEntry, SheetRow } from './readings.documents';
import { useCustomerHistory } from './use-customer-history';

export interface Bar {
  period: string;
  m3: number;
  estimated: boolean;
  flagged: boolean;
  current: boolean;
}

/** Whole periods (meters of a replacement added up), oldest first. */
export function periodsOf(history: readonly HistoryEntry[]): Bar[] {
  const byPeriod = new Map<string, Bar>();
  for (const h of history) {
    const b = byPeriod.get(h.period) ?? { period: h.period, m3: 0, estimated: false, flagged: false, current: false };
    b.m3 += Math.max(0, h.consumption);
    b.estimated ||= h.isEstimated;
    b.flagged ||= h.anomalies.length > 0;
    byPeriod.set(h.period, b);
  }
  return [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

/** Bars of the last periods; `width` fits the 240 px side panels (their content is 214 px wide). */
export function UsageChart({ bars, average, width = 212 }: { bars: Bar[]; average: number; width?: number }) {
  const W = width;
  const H = 112;
  const top = 12;
  const bottom = 22;
  const past = bars.filter((b) => !b.current).map((b) => b.m3);
  const usual = Math.max(1, average, ...past);
  // An absurd current value must not flatten the history: the scale stops at 1.6 × the usual and the bar is cut.
  const cap = Math.max(usual * 1.6, usual + 2);
  const max = Math.max(1, ...bars.map((b) => Math.min(b.m3, cap)));
  const slot = W / Math.max(bars.length, 1);
  const bw = Math.max(6, Math.min(14, slot - 5));
  const y = (v: number) => top + (H - top - bottom) * (1 - Math.min(v, cap) / max);
  return (
    <svg
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Biểu đồ tiêu thụ các kỳ gần nhất"
      className="block"
      data-testid="history-chart"
    >
      <line x1={0} x2={W} y1={H - bottom} y2={H - bottom} stroke="#cbd5e1" />
      {average > 0 && <line x1={0} x2={W} y1={y(average)} y2={y(average)} stroke="#0ea5e9" strokeDasharray="3 3" />}
      {bars.map((b, i) => {
        const x = i * slot + (slot - bw) / 2;
        const yy = y(b.m3);
        const cut = b.m3 > cap;
        const fill = b.current
          ? b.flagged
            ? '#dc2626'
            : '#16a34a'
          : b.flagged
            ? '#f87171'
            : b.estimated
              ? '#c4b5fd'
              : '#60a5fa';
        const month = b.period.slice(5, 7);
        return (
          <g key={b.period}>
            <title>{`${periodLabel(b.period)}: ${fmtInt(b.m3)} m3${b.estimated ? ' (tạm tính)' : ''}${b.current ? ' — kỳ đang nhập' : ''}`}</title>
            <rect x={x} y={yy} width={bw} height={Math.max(0, H - bottom - yy)} fill={fill} rx={1.5} />
            {cut && (
              <path
                d={`M${x - 1} ${yy + 8} l${bw + 2} -4 M${x - 1} ${yy + 12} l${bw + 2} -4`}
                stroke="#fff"
                strokeWidth={2}
              />
            )}
            <text
              x={x + bw / 2}
              y={yy - 2}
              textAnchor={b.current && cut ? 'end' : 'middle'}
              fontSize={8}
              fill={b.current ? '#0f172a' : '#475569'}
              fontWeight={b.current ? 700 : 400}
            >
              {fmtInt(b.m3)}
            </text>
            <text
              x={x + bw / 2}
              y={H - bottom + 9}
              textAnchor="middle"
              fontSize={8}
              fill={b.current ? '#0f172a' : '#64748b'}
              fontWeight={b.current ? 700 : 400}
            >
              {month}
            </text>
            {(i === 0 || month === '01') && (
              <text x={x + bw / 2} y={H - 3} textAnchor="middle" fontSize={7.5} fill="#94a3b8">
                {b.period.slice(0, 4)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The focused row's customer: notices, the last 12 periods (chart + numbers) and the typed period beside them. */
export function HistoryPanel({
  store,
  rowKey,
  period,
  onDeclare,
  canDeclare,
}: {
  store: ReadingStore;
  rowKey: string | null;
  period: string;
  onDeclare: () => void;
  canDeclare: boolean;
}) {
  const state = useRowState(store, rowKey ?? '');
  const row: SheetRow | undefined = state?.row;
  const customerId = row?.customerId ?? null;
  const history = useCustomerHistory(customerId, period);

  if (!row || !state) {
    return (
      <aside
        className="flex w-[240px] shrink-0 flex-col rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-500"
        data-testid="history-panel"
      >
        Chọn một dòng để xem lịch sử dùng nước của khách hàng.
      </aside>
    );
  }

  const loaded = history.rows;
  const error = history.error;
  const bars = loaded ? periodsOf(loaded) : [];
  const p = state.preview;
  // The period being typed: this row plus the customer's other meter of the period (replacement), if any.
  const others = rowKey ? store.otherMetersOf(rowKey) : 0;
  if (loaded && p.consumption !== null)
    bars.push({
      period,
      m3: p.consumption + others,
      estimated: p.estimated,
      flagged: p.anomalies.length > 0,
      current: true,
    });
  const newestFirst = loaded ? [...loaded] : [];

  return (
    <aside
      className="flex min-h-0 w-[240px] shrink-0 flex-col overflow-hidden rounded-md border border-slate-200 bg-white"
      aria-label="Khách hàng đang nhập"
      data-testid="history-panel"
      data-customer={row.customerCode}
    >
      <div className="border-b border-slate-200 px-3 py-2">
        <div className="flex items-baseline justify-between gap-2">
          <span className="font-mono text-xs text-slate-500">{row.customerCode}</span>
          <span className="text-xs text-slate-500">Stt {row.sequenceNo}</span>
        </div>
        <div className="truncate font-semibold text-slate-900" title={row.customerName}>
          {row.customerName}
        </div>
        <div className="line-clamp-2 text-xs text-slate-600" title={row.address}>
          {row.address}
        </div>
        <div className="mt-1 text-xs text-slate-500">
          Đồng hồ <span className="font-mono">{row.meterSerial}</span>
          {row.isOutgoingMeter ? ' (đồng hồ cũ)' : ''} · chỉ số cũ{' '}
          <strong className="tabular-nums text-slate-700">{fmtInt(row.previousIndex)}</strong>
        </div>
      </div>

      {(row.notices.length > 0 || p.anomalies.length > 0 || state.error) && (
        <div className="space-y-1 border-b border-slate-200 px-3 py-2 text-xs">
          {row.notices.map((n) => (
            <div
              key={n.kind}
              className={`rounded px-1.5 py-1 ${noticeShort(n).cls}`}
              data-testid={`panel-notice-${n.kind}`}
            >
              {n.message}
            </div>
          ))}
          {p.anomalies.length > 0 && (
            <div className="flex flex-wrap items-center gap-1">
              <AnomalyBadgeList kinds={p.anomalies} local={p.local} status={row.anomalyStatus} />
              <span className="text-slate-500">
                {p.local ? 'kiểm tra khi nhập' : row.anomalyStatus === 'CLEARED' ? 'đã được duyệt' : 'chờ duyệt'}
              </span>
            </div>
          )}
          {state.error && <div className="rounded bg-red-50 px-1.5 py-1 text-red-700">{state.error}</div>}
        </div>
      )}

      <div className="min-h-0 flex-1 overflow-auto px-3 py-2">
        <div className="mb-1 flex items-center justify-between text-xs font-semibold text-slate-600">
          <span>Tiêu thụ 12 kỳ gần nhất</span>
          <span className="font-normal text-slate-500">
            <span
              className="mr-1 inline-block w-3 border-t border-dashed border-sky-500 align-middle"
              aria-hidden="true"
            />
            TB 3 kỳ: {fmtInt(row.average3)} m3
          </span>
        </div>
        {error ? (
          <div className="text-xs text-red-700">
            {error}{' '}
            <button type="button" className="underline" onClick={history.retry}>
              Thử lại
            </button>
          </div>
        ) : !loaded ? (
          <div className="py-6 text-center">
            <Spinner size="sm" label="Đang tải lịch sử…" />
          </div>
        ) : loaded.length === 0 ? (
          <p className="py-4 text-center text-xs text-slate-500">Khách hàng chưa có chỉ số các kỳ trước.</p>
        ) : (
          <>
            <UsageChart bars={bars} average={row.average3} />
            <table className="mt-2 w-full text-xs" data-testid="history-table">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="py-0.5 font-medium">Kỳ</th>
                  <th className="py-0.5 text-right font-medium">Chỉ số</th>
                  <th className="py-0.5 text-right font-medium">m3</th>
                  <th className="py-0.5 pl-2 font-medium">Ghi chú</th>
                </tr>
              </thead>
              <tbody>
                {p.consumption !== null && (
                  <tr className="bg-emerald-50 font-semibold">
                    <td className="py-0.5">{periodLabel(period)}</td>
                    <td className="py-0.5 text-right tabular-nums">{state.text}</td>
                    <td className="py-0.5 text-right tabular-nums">
                      {p.estimated ? '~' : ''}
                      {fmtInt(p.consumption)}
                    </td>
                    <td className="py-0.5 pl-2 font-normal text-slate-500">
                      {p.local ? 'đang nhập' : 'kỳ này'}
                      {others > 0 ? ` (+${fmtInt(others)} ĐH cũ)` : ''}
                    </td>
                  </tr>
                )}
                {newestFirst.map((h) => (
                  <tr key={`${h.period}-${h.meterSerial}`} className="border-t border-slate-100">
                    <td className="py-0.5">{periodLabel(h.period)}</td>
                    <td className="py-0.5 text-right tabular-nums">
                      {h.currentIndex === null ? '—' : fmtInt(h.currentIndex)}
                    </td>
                    <td
                      className={`py-0.5 text-right tabular-nums ${h.anomalies.length ? 'font-semibold text-red-700' : ''}`}
                    >
                      {fmtInt(h.consumption)}
                    </td>
                    <td
                      className="truncate py-0.5 pl-2 text-slate-500"
                      title={[h.codeLabel, ...h.anomalyLabels].join('; ')}
                    >
                      {h.isEstimated
                        ? 'Tạm tính'
                        : h.code !== 'normal'
                          ? h.codeLabel
                          : h.anomalies.length
                            ? h.anomalyLabels[0]
                            : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      <div className="border-t border-slate-200 px-3 py-2">
        <Button
          size="sm"
          onClick={onDeclare}
          disabled={!canDeclare}
          className="w-full"
          shortcut="F8"
          data-testid="btn-declare-panel"
        >
          Khai báo cho khách hàng này…
        </Button>
      </div>
    </aside>
  );
}
