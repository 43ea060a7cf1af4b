'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { fmtDateTime, fmtVnd } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { parseAmountText } from '@/schemas/payments-counter';
import { settlementFormSchema } from '@/schemas/payments-collectors';
import {
  COLLECTOR_TYPENAMES,
  CollectorDayPaymentFragment,
  SettleCollectorDayMutation,
  type CollectorDayData,
  type CollectorDayPaymentRow,
} from './collectors.documents';

const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <div className="text-xs text-slate-500">{label}</div>
      <div className={`text-lg font-semibold tabular-nums ${tone ?? 'text-slate-900'}`} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function PaymentsTable({ rows, reversed }: { rows: readonly CollectorDayPaymentRow[]; reversed?: boolean }) {
  return (
    <table className="w-full text-sm" data-testid={reversed ? 'collector-reversed' : 'collector-payments'}>
      <thead className="bg-slate-50 text-left text-xs text-slate-500">
        <tr>
          <th className="px-2 py-1 font-medium">Phiếu thu</th>
          <th className="px-2 py-1 font-medium">Khách hàng</th>
          <th className="px-2 py-1 font-medium">Thời điểm</th>
          <th className="px-2 py-1 text-right font-medium">Số tiền</th>
          {reversed && <th className="px-2 py-1 font-medium">Lý do hủy</th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((p) => (
          <tr key={p.id} className={reversed ? 'text-slate-500 line-through decoration-slate-300' : ''}>
            <td className="px-2 py-1 font-mono text-xs">{p.receiptNumber}</td>
            <td className="px-2 py-1">
              <span className="font-mono text-xs">{p.customerCode}</span> {p.customerName}
            </td>
            <td className="px-2 py-1 text-xs">{fmtDateTime(p.paidAt)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{fmtVnd(p.amount)}</td>
            {reversed && <td className="px-2 py-1 text-xs no-underline">{p.reversalReason}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type SettleForm = { handedIn: string; note: string };

/**
 * A collector's day: recorded (the ledger's posted payments), handed in, difference; the payments and the reversed
 * ones apart. Unsettled, a cashier confirms it (Alt+S, then a confirmation: the day is locked afterwards).
 */
export function CollectorDayPanel({
  day,
  fetching,
  error,
  settleReason,
  onSettled,
}: {
  day: CollectorDayData | null;
  fetching: boolean;
  error: string | null;
  /** Why the user may not settle this day, or null. */
  settleReason: string | null;
  onSettled: () => void;
}) {
  if (error) return <EmptyState tone="error" title="Không tải được ngày thu" description={error} />;
  if (!day)
    return fetching ? (
      <div className="p-6">
        <Spinner label="Đang tải ngày thu…" />
      </div>
    ) : (
      <EmptyState title="Chọn một nhân viên thu" description="Dùng ↑/↓ trong danh sách bên trái." icon="🧾" />
    );
  const payments = readFragment(CollectorDayPaymentFragment, day.payments);
  const reversed = readFragment(CollectorDayPaymentFragment, day.reversed);
  const s = day.settlement;
  return (
    <div className="space-y-4 p-4" data-testid="collector-day">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          {day.collectorName} · ngày {dayText(day.day)}
        </h2>
        {day.isSettled ? (
          <span
            className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900"
            data-testid="collector-day-locked"
          >
            🔒 Đã quyết toán – ngày thu đã khóa
          </span>
        ) : (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Chưa quyết toán</span>
        )}
        {fetching && <Spinner label="Đang cập nhật…" />}
      </div>
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
        <Figure label="Đã thu (theo sổ)" value={fmtVnd(s ? s.recorded : day.recorded)} testId="day-recorded" />
        <Figure label="Số khoản thu" value={String(s ? s.paymentCount : day.paymentCount)} testId="day-count" />
        <Figure label="Đã nộp" value={s ? fmtVnd(s.handedIn) : '—'} testId="day-handed-in" />
        <Figure
          label="Chênh lệch (nộp − thu)"
          value={s ? fmtVnd(s.difference) : '—'}
          tone={s && s.difference < 0 ? 'text-red-700' : s && s.difference > 0 ? 'text-amber-700' : undefined}
          testId="day-difference"
        />
      </div>
      {s ? (
        <p className="text-sm text-slate-600" data-testid="settlement-note">
          Thủ quỹ {s.confirmedByName} xác nhận lúc {fmtDateTime(s.confirmedAt)}
          {s.note ? ` — ${s.note}` : ''}. Không thể thêm hay hủy khoản thu của ngày này.
        </p>
      ) : (
        <SettleForm day={day} settleReason={settleReason} onSettled={onSettled} />
      )}
      <section>
        <h3 className="mb-1 text-sm font-medium text-slate-700">Khoản thu ({payments.length})</h3>
        {payments.length ? (
          <PaymentsTable rows={payments} />
        ) : (
          <p className="text-sm text-slate-500">Không có khoản thu nào trong ngày.</p>
        )}
      </section>
      {reversed.length > 0 && (
        <section>
          <h3 className="mb-1 text-sm font-medium text-slate-700">Đã hủy, không tính ({reversed.length})</h3>
          <PaymentsTable rows={reversed} reversed />
        </section>
      )}
    </div>
  );
}

function SettleForm({
  day,
  settleReason,
  onSettled,
}: {
  day: CollectorDayData;
  settleReason: string | null;
  onSettled: () => void;
}) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const schema = useMemo(() => settlementFormSchema(day.recorded), [day.recorded]);
  const { register, handleSubmit, setError, formState, watch } = useForm<
    SettleForm,
    unknown,
    z.output<ReturnType<typeof settlementFormSchema>>
  >({
    resolver: zodResolver(schema),
    defaultValues: { handedIn: String(day.recorded), note: '' },
  });
  const [state, settle] = useMutation(SettleCollectorDayMutation);
  const busy = state.fetching || formState.isSubmitting;
  const typed = parseAmountText(watch('handedIn'));
  const difference = typed.ok ? typed.amount - day.recorded : null;

  async function save(v: { handedIn: number; note: string }) {
    const ok = await confirm({
      title: 'Xác nhận quyết toán',
      message: `Nhân viên ${day.collectorName} nộp ${fmtVnd(v.handedIn)} cho ngày ${dayText(day.day)} (đã thu ${fmtVnd(day.recorded)}). Sau khi xác nhận, ngày thu bị khóa: không thể thêm hay hủy khoản thu của ngày này.`,
      confirmLabel: 'Quyết toán và khóa',
    });
    if (!ok) return;
    const result = await settle(
      { collectorId: day.collectorId, day: day.day, handedIn: v.handedIn, note: v.note || null },
      COLLECTOR_TYPENAMES,
    );
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không quyết toán được, vui lòng thử lại.');
      if (e.field === 'note' || e.field === 'handedIn') setError(e.field, { message: e.message });
      else setError('root', { message: e.message });
      return;
    }
    toast.success(`Đã quyết toán ngày ${dayText(day.day)} của ${day.collectorName}.`);
    onSettled();
  }
  const submit = () => {
    if (!busy && !settleReason) void handleSubmit(save)();
  };

  return (
    <form
      noValidate
      data-testid="settle-form"
      className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 md:grid-cols-[12rem_1fr_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS')) {
          e.preventDefault();
          submit();
        }
      }}
    >
      {confirmElement}
      <FormField label="Số tiền đã nộp" required error={formState.errors.handedIn?.message} name="handedIn">
        {(ids) => (
          <input
            {...ids}
            {...register('handedIn')}
            inputMode="numeric"
            disabled={!!settleReason}
            data-testid="field-handedIn"
            className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-right text-sm tabular-nums"
          />
        )}
      </FormField>
      <FormField
        label="Ghi chú (bắt buộc khi có chênh lệch)"
        error={formState.errors.note?.message}
        name="note"
        hint={
          difference === null ? undefined : difference === 0 ? 'Khớp số đã thu.' : `Chênh lệch ${fmtVnd(difference)}.`
        }
      >
        {(ids) => (
          <input
            {...ids}
            {...register('note')}
            maxLength={500}
            disabled={!!settleReason}
            data-testid="field-note"
            className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm"
          />
        )}
      </FormField>
      <div className="flex items-end">
        <Button
          type="submit"
          variant="primary"
          shortcut="Alt+S"
          disabled={busy}
          disabledReason={settleReason}
          data-testid="btn-settle"
        >
          {busy ? 'Đang lưu…' : 'Xác nhận quyết toán'}
        </Button>
      </div>
      {formState.errors.root?.message && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3" data-testid="settle-error">
          {formState.errors.root.message}
        </p>
      )}
    </form>
  );
}
