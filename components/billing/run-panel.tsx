'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { fmtDateTime, fmtInt, fmtVnd, periodLabel } from '@/components/readings/format';
import type { BillingRun } from './billing.documents';
import { SkippedList, WarningsList } from './run-lists';

export const STATUS_LABELS: Record<BillingRun['status'], string> = {
  QUEUED: 'Đang chờ',
  RUNNING: 'Đang tính',
  DONE: 'Hoàn thành',
  FAILED: 'Lỗi',
};
export const STATUS_STYLES: Record<BillingRun['status'], string> = {
  QUEUED: 'bg-slate-100 text-slate-700',
  RUNNING: 'bg-sky-100 text-sky-800',
  DONE: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-red-100 text-red-800',
};

/** What a run covered, in words: the whole company, its books by code, or the customer recalculated. */
export function scopeText(
  r: BillingRun,
  bookCode: (id: number) => string,
  customerNames: Readonly<Record<number, string>>,
): string {
  if (r.scope.kind === 'all') return 'Toàn công ty';
  if (r.scope.kind === 'customer') {
    return `Khách hàng ${r.scope.customerId !== null && r.scope.customerId !== undefined ? (customerNames[r.scope.customerId] ?? `#${r.scope.customerId}`) : ''}`;
  }
  return r.scope.bookIds.length > 4 ? `${r.scope.bookIds.length} sổ` : `Sổ ${r.scope.bookIds.map(bookCode).join(', ')}`;
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** The run in the panel: progress while it runs, then its summary, the skipped customers and the warnings. */
export function RunPanel({
  run,
  error,
  scopeText,
  onResume,
  resumeReason,
  bookIdOf,
}: {
  run: BillingRun | null;
  error: string | null;
  scopeText: string;
  onResume: () => void;
  /** Why the user cannot resume the run, if they lack the right. */
  resumeReason: string | null;
  bookIdOf: (code: string) => number | undefined;
}) {
  if (!run) {
    return (
      <section className="rounded-md border border-dashed border-slate-300 bg-white" data-testid="run-panel">
        <EmptyState
          title="Chưa chạy lần tính nào"
          description="Chọn kỳ và phạm vi rồi bấm “Tính hóa đơn” (F9). Tiến độ hiện ở đây; có thể xem lại các lần tính trước ở bảng dưới."
        />
      </section>
    );
  }
  const pct = Math.round(Math.min(1, Math.max(0, run.progress)) * 1000) / 10;
  const active = run.status === 'QUEUED' || run.status === 'RUNNING';
  return (
    <section
      className="rounded-md border border-slate-200 bg-white p-4"
      aria-label="Lần tính"
      data-testid="run-panel"
      data-status={run.status}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 className="font-semibold text-slate-900">
          Lần tính #{run.id} – kỳ {periodLabel(run.period)} – {scopeText}
        </h2>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[run.status] ?? ''}`}
          data-testid="run-status"
        >
          {STATUS_LABELS[run.status] ?? run.status}
        </span>
        {active && <Spinner size="sm" hideLabel label="Đang tính…" />}
        <span className="ml-auto text-xs text-slate-500">
          Bắt đầu {fmtDateTime(run.startedAt)}
          {run.finishedAt ? ` · xong ${fmtDateTime(run.finishedAt)}` : ''}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Tiến độ tính hóa đơn"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="progress-bar"
        data-progress={pct}
        className="relative h-4 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${run.status === 'FAILED' ? 'bg-red-500' : run.status === 'DONE' ? 'bg-emerald-500' : 'bg-brand-600'}`}
          style={{ width: `${pct}%` }}
        />
        <span className="absolute inset-0 text-center text-[11px] font-semibold leading-4 text-slate-800">
          {pct.toLocaleString('vi-VN')}%
        </span>
      </div>
      <div className="mt-1 text-xs text-slate-500" data-testid="run-progress-text">
        Đã xử lý {fmtInt(run.processedCustomers)} / {fmtInt(run.totalCustomers)} khách hàng
      </div>
      {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
      {run.status === 'FAILED' && (
        <div
          className="mt-3 flex items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          role="alert"
        >
          <span className="flex-1">
            Lần tính bị dừng: {run.error ?? 'không rõ nguyên nhân'}. Phần đã tính được giữ lại.
          </span>
          <Button size="sm" onClick={onResume} disabledReason={resumeReason} data-testid="btn-resume">
            Tiếp tục tính
          </Button>
        </div>
      )}
      <div className="mt-3 grid grid-cols-2 gap-2 md:grid-cols-4" data-testid="run-summary">
        <Stat label="Khách hàng" value={`${fmtInt(run.processedCustomers)}`} testId="sum-customers" />
        <Stat label="Hóa đơn" value={fmtInt(run.invoiceCount)} testId="sum-invoices" />
        <Stat label="Tổng m3" value={fmtInt(run.consumption)} testId="sum-m3" />
        <Stat label="Tổng tiền" value={fmtVnd(run.amount)} testId="sum-amount" />
      </div>
      {!active && <SkippedList run={run} bookIdOf={bookIdOf} />}
      {!active && <WarningsList run={run} />}
    </section>
  );
}
