'use client';

import { createContext, memo, useContext, type ReactNode } from 'react';
import type { ReadingCodeInfo } from './reading-codes';
import type { ReadingNotice, SheetRow } from './readings.documents';
import { fmtInt } from './format';
import { ANOMALY_SHORT, anomalyLabel, useRowState, type ReadingStore } from './reading-store';

/** What the cells of the entry grid need; kept referentially stable so typing never re-renders the grid. */
export interface GridCellContext {
  store: ReadingStore;
  codes: readonly ReadingCodeInfo[];
  /** Why the row cannot be edited (period locked, no right), or null. */
  readOnlyReason: (row: SheetRow) => string | null;
  registerInput: (key: string, el: HTMLInputElement | null) => void;
  onInputKey: (key: string, e: React.KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => void;
  onFocusRow: (key: string) => void;
  onBlurRow: (key: string) => void;
}

export const GridCtx = createContext<GridCellContext | null>(null);

function useGridCtx(): GridCellContext {
  const ctx = useContext(GridCtx);
  if (!ctx) throw new Error('GridCtx missing');
  return ctx;
}

/** Test id suffix of a row: the customer code, plus "-old" for the outgoing meter of a replacement. */
function rowTestKey(row: SheetRow): string {
  return row.isOutgoingMeter ? `${row.customerCode}-old` : row.customerCode;
}

const stop = (e: React.SyntheticEvent) => e.stopPropagation();

/** Why the index of the outgoing meter of a replacement cannot be typed (the server refuses any other value too). */
function fixedIndexReason(row: SheetRow): string | null {
  if (row.fixedCurrentIndex === null) return null;
  return `Chỉ số cuối ${row.fixedCurrentIndex} đã khai báo khi thay đồng hồ ${row.meterSerial} nên không sửa ở đây; nếu khai báo sai, hãy sửa chỉ số cuối trong Khai báo › Thay đồng hồ (F8).`;
}

export const IndexInput = memo(function IndexInput({ row }: { row: SheetRow }) {
  const ctx = useGridCtx();
  const s = useRowState(ctx.store, row.key);
  if (!s) return null;
  const reason = ctx.readOnlyReason(s.row) ?? fixedIndexReason(s.row);
  const bad = s.preview.invalid !== null && s.preview.changed;
  return (
    <input
      ref={(el) => ctx.registerInput(row.key, el)}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      value={s.text}
      readOnly={reason !== null}
      title={reason ?? (bad ? (s.preview.invalid ?? undefined) : `Chỉ số mới (Enter: lưu và sang dòng sau)`)}
      aria-label={`Chỉ số mới của ${row.customerCode}`}
      aria-invalid={bad || undefined}
      data-testid={`reading-input-${rowTestKey(row)}`}
      data-row-key={row.key}
      onChange={(e) => ctx.store.setText(row.key, e.target.value)}
      onKeyDown={(e) => ctx.onInputKey(row.key, e)}
      onFocus={(e) => {
        e.currentTarget.select();
        ctx.onFocusRow(row.key);
      }}
      onBlur={() => ctx.onBlurRow(row.key)}
      onClick={stop}
      onMouseDown={stop}
      className={`h-[24px] w-full rounded border px-1.5 text-right font-medium tabular-nums outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200 ${
        reason !== null
          ? 'border-slate-200 bg-slate-50 text-slate-500'
          : bad
            ? 'border-red-500 bg-red-50 text-red-800'
            : s.save === 'dirty'
              ? 'border-amber-400 bg-amber-50/60'
              : 'border-slate-300 bg-white'
      }`}
    />
  );
});

export const CodeSelect = memo(function CodeSelect({ row }: { row: SheetRow }) {
  const ctx = useGridCtx();
  const s = useRowState(ctx.store, row.key);
  if (!s) return null;
  const reason = ctx.readOnlyReason(s.row) ?? fixedIndexReason(s.row);
  return (
    <select
      value={s.code}
      disabled={reason !== null}
      title={reason ?? undefined}
      aria-label={`Mã ghi chỉ số của ${row.customerCode}`}
      data-testid={`reading-code-${rowTestKey(row)}`}
      tabIndex={-1}
      onChange={(e) => ctx.store.setCode(row.key, e.target.value)}
      onKeyDown={(e) => ctx.onInputKey(row.key, e)}
      onFocus={() => ctx.onFocusRow(row.key)}
      onClick={stop}
      onMouseDown={stop}
      className={`h-[24px] w-full rounded border px-1 text-xs disabled:bg-slate-50 disabled:text-slate-500 ${
        s.code !== 'normal' ? 'border-amber-400 bg-amber-50 text-amber-900' : 'border-slate-200 bg-white text-slate-600'
      }`}
    >
      {ctx.codes.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
    </select>
  );
});

export const ConsumptionCell = memo(function ConsumptionCell({ row }: { row: SheetRow }) {
  const ctx = useGridCtx();
  const s = useRowState(ctx.store, row.key);
  if (!s) return null;
  const p = s.preview;
  const status =
    s.save === 'saving' ? (
      <span className="text-slate-400" title="Đang lưu…" aria-label="Đang lưu">
        ⋯
      </span>
    ) : s.save === 'error' ? (
      <span className="font-bold text-red-600" title={s.error ?? 'Lỗi'} aria-label={`Lỗi: ${s.error ?? ''}`}>
        !
      </span>
    ) : s.save === 'dirty' ? (
      <span className="text-amber-500" title="Chưa lưu (Enter để lưu)" aria-label="Chưa lưu">
        ●
      </span>
    ) : s.save === 'saved' ? (
      <span className="text-emerald-600" title="Đã lưu" aria-label="Đã lưu">
        ✓
      </span>
    ) : null;
  return (
    <span
      className="flex items-center justify-end gap-1.5"
      data-testid={`row-status-${rowTestKey(row)}`}
      data-state={s.save}
    >
      <span
        data-testid={`consumption-${rowTestKey(row)}`}
        title={p.estimated ? 'Tính theo bình quân 3 kỳ trước' : undefined}
        className={`tabular-nums ${p.consumption === null ? 'text-slate-300' : p.anomalies.length ? 'font-semibold text-red-700' : p.local ? 'text-slate-900' : 'text-slate-700'} ${p.local ? 'italic' : ''}`}
      >
        {p.consumption === null ? '—' : `${p.estimated ? '~' : ''}${fmtInt(p.consumption)}`}
      </span>
      <span className="inline-block w-3 text-center text-xs">{status}</span>
    </span>
  );
});

export function AnomalyBadgeList({
  kinds,
  local,
  status,
  testId,
}: {
  kinds: readonly string[];
  local: boolean;
  status: 'NONE' | 'OPEN' | 'CLEARED';
  testId?: string;
}) {
  if (kinds.length === 0) return testId ? <span data-testid={testId} data-count="0" /> : null;
  const cleared = !local && status === 'CLEARED';
  return (
    <span
      className="flex min-w-0 items-center gap-1 overflow-hidden"
      data-testid={testId}
      data-count={kinds.length}
      data-source={local ? 'local' : 'server'}
      data-status={local ? 'preview' : status}
      title={`${kinds.map(anomalyLabel).join('; ')}${local ? ' (kiểm tra khi nhập, chưa lưu)' : cleared ? ' (đã duyệt)' : ''}`}
    >
      {kinds.map((k) => (
        <span
          key={k}
          className={`shrink-0 rounded px-1 text-[11px] font-semibold leading-[18px] ${
            cleared
              ? 'bg-slate-100 text-slate-500 line-through decoration-slate-400'
              : local
                ? 'border border-dashed border-red-400 bg-red-50 text-red-700'
                : 'bg-red-600 text-white'
          }`}
        >
          {ANOMALY_SHORT[k] ?? k}
        </span>
      ))}
    </span>
  );
}

export const AnomalyCell = memo(function AnomalyCell({ row }: { row: SheetRow }) {
  const ctx = useGridCtx();
  const s = useRowState(ctx.store, row.key);
  if (!s) return null;
  return (
    <AnomalyBadgeList
      kinds={s.preview.anomalies}
      local={s.preview.local}
      status={s.row.anomalyStatus}
      testId={`anomaly-${rowTestKey(row)}`}
    />
  );
});

const NOTICE_STYLE: Record<string, { short: string; cls: string }> = {
  meter_replaced: { short: 'Thay ĐH', cls: 'bg-sky-100 text-sky-800' },
  suspended: { short: 'Tạm dừng', cls: 'bg-slate-700 text-white' },
  preferential: { short: 'Ưu đãi', cls: 'bg-amber-100 text-amber-800' },
  estimate_pending: { short: 'Đã tạm tính', cls: 'bg-violet-100 text-violet-800' },
  cut_off: { short: 'Ngừng cấp', cls: 'bg-red-100 text-red-800' },
};

export function noticeShort(n: ReadingNotice): { short: string; cls: string } {
  if (n.kind === 'preferential' && n.message.startsWith('Ưu đãi đã hết hạn'))
    return { short: 'Hết ưu đãi', cls: 'bg-slate-100 text-slate-500' };
  return NOTICE_STYLE[n.kind] ?? { short: n.kind, cls: 'bg-slate-100 text-slate-700' };
}

export function NoticeChips({ row }: { row: SheetRow }): ReactNode {
  if (row.notices.length === 0 && !row.isOutgoingMeter) return null;
  return (
    <>
      {row.isOutgoingMeter && (
        <span
          className="ml-1 shrink-0 rounded bg-sky-600 px-1 text-[10px] font-semibold leading-4 text-white"
          title={`Đồng hồ cũ ${row.meterSerial} (thay trong kỳ)`}
        >
          ĐH cũ
        </span>
      )}
      {row.notices.map((n) => {
        const st = noticeShort(n);
        return (
          <span
            key={n.kind}
            data-testid={`notice-${rowTestKey(row)}-${n.kind}`}
            title={n.message}
            className={`ml-1 shrink-0 rounded px-1 text-[10px] font-semibold leading-4 ${st.cls}`}
          >
            {st.short}
          </span>
        );
      })}
    </>
  );
}
