'use client';

/** Back-billing and spreading owed m3 over periods, with the adjustments declared so far. */
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { addPeriods } from '@/domain/reading/period';
import { spreadOverPeriods } from '@/domain/reading/spread';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { AdjustmentFragment, CustomerAdjustmentsQuery, type Adjustment } from './readings.documents';
import { useReadingMutations } from './use-reading-mutations';
import { fmtInt, fmtVnd, parseWhole, periodLabel } from './format';
import { parsePeriodText, periodToText } from './period-picker';
import {
  ADJUSTMENT_LIST,
  Form,
  FormFooter,
  ListSection,
  useSubmit,
  type Errors,
  type FormProps,
} from './declaration-form-parts';

// ---------- adjustments list (back-billing and spreading)

function AdjustmentsList({
  customerId,
  kinds,
  disabled,
  onChanged,
}: {
  customerId: number;
  kinds: string[];
  disabled: boolean;
  onChanged: () => void;
}) {
  const toast = useToast();
  const api = useReadingMutations();
  const [listResult] = useQuery({
    query: CustomerAdjustmentsQuery,
    variables: { customerId },
    context: ADJUSTMENT_LIST,
  });
  const list: readonly Adjustment[] | null = listResult.data
    ? readFragment(AdjustmentFragment, listResult.data.customerAdjustments)
    : null;
  const error = listResult.error ? errorMessage(listResult.error, 'Không tải được các khoản điều chỉnh.') : null;
  const rows = (list ?? []).filter((a) => kinds.includes(a.kind));
  const remove = async (a: Adjustment) => {
    try {
      const n = await api.deleteAdjustment(a.id, a.kind === 'spread');
      toast.success(n > 1 ? `Đã xóa ${n} kỳ phân bổ.` : 'Đã xóa khoản điều chỉnh.');
      onChanged();
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được.'));
    }
  };
  return (
    <ListSection title="Đã khai báo" error={error} items={list === null ? null : rows} empty="Chưa có.">
      {(rows) => (
        <table className="w-full text-sm" data-testid="adjustments-table">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="py-1">Kỳ tính</th>
              <th className="py-1">Theo giá kỳ</th>
              <th className="py-1 text-right">m3 / tiền</th>
              <th className="py-1 pl-3">Lý do</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-1">{periodLabel(a.billPeriod)}</td>
                <td className="py-1">{periodLabel(a.tariffPeriod)}</td>
                <td className="py-1 text-right tabular-nums">
                  {a.quantity !== null ? `${fmtInt(a.quantity)} m3` : fmtVnd(a.amount)}
                </td>
                <td className="py-1 pl-3">{a.reason}</td>
                <td className="py-1 text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={disabled}
                    onClick={() => void remove(a)}
                    title={a.kind === 'spread' ? 'Xóa cả đợt phân bổ' : 'Xóa'}
                  >
                    Xóa
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListSection>
  );
}

// ---------- back-billing

export function BackBillForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({
    tariffPeriod: periodToText(addPeriods(period, -1)),
    billPeriod: periodToText(period),
    mode: 'm3' as 'm3' | 'amount',
    value: '',
    reason: '',
  });
  const { errors, busy, send } = useSubmit();
  const api = useReadingMutations();

  const submit = async () => {
    const errs: Errors = {};
    const n = parseWhole(v.value);
    const tariffPeriod = parsePeriodText(v.tariffPeriod);
    const billPeriod = parsePeriodText(v.billPeriod);
    if (!tariffPeriod) errs.tariffPeriod = 'Kỳ truy thu không hợp lệ (tháng/năm).';
    if (!billPeriod) errs.billPeriod = 'Kỳ tính hóa đơn không hợp lệ (tháng/năm).';
    else if (tariffPeriod && tariffPeriod > billPeriod) errs.tariffPeriod = 'Kỳ truy thu phải trước kỳ tính hóa đơn.';
    if (n === null || Number.isNaN(n) || n <= 0)
      errs.value =
        v.mode === 'm3'
          ? 'Số m3 truy thu phải là số nguyên dương.'
          : 'Số tiền truy thu phải là số nguyên dương (đồng).';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do truy thu.';
    await send(errs, 'Không khai báo được truy thu.', async () => {
      await api.createBackBill({
        customerId: row.customerId,
        tariffPeriod: tariffPeriod as string,
        billPeriod: billPeriod as string,
        quantity: v.mode === 'm3' ? (n as number) : null,
        amount: v.mode === 'amount' ? (n as number) : null,
        reason: v.reason.trim(),
      });
      setV((s) => ({ ...s, value: '', reason: '' }));
      onChanged(
        null,
        `Đã khai báo truy thu cho ${row.customerCode}: tính vào hóa đơn kỳ ${periodLabel(billPeriod as string)} theo giá kỳ ${periodLabel(tariffPeriod as string)}.`,
        false,
      );
    });
  };

  return (
    <div className="space-y-4">
      <Form onSubmit={() => void submit()}>
        <p className="text-sm text-slate-600">
          Truy thu nước đã dùng nhưng chưa tính tiền: theo m3 (tính theo biểu giá của kỳ truy thu) hoặc theo số tiền
          nước trước thuế; lập thành hóa đơn truy thu riêng.
        </p>
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="Kỳ truy thu (giá áp dụng, tháng/năm)"
            name="tariffPeriod"
            placeholder="tt/nnnn"
            value={v.tariffPeriod}
            onChange={(e) => setV((s) => ({ ...s, tariffPeriod: e.target.value }))}
            error={errors.tariffPeriod}
            required
            disabled={disabled}
          />
          <TextField
            label="Tính vào hóa đơn kỳ (tháng/năm)"
            name="billPeriod"
            placeholder="tt/nnnn"
            value={v.billPeriod}
            onChange={(e) => setV((s) => ({ ...s, billPeriod: e.target.value }))}
            error={errors.billPeriod}
            required
            disabled={disabled}
          />
          <SelectField
            label="Truy thu theo"
            name="mode"
            value={v.mode}
            onChange={(e) => setV((s) => ({ ...s, mode: e.target.value as 'm3' | 'amount' }))}
            options={[
              { value: 'm3', label: 'Số m3' },
              { value: 'amount', label: 'Số tiền (đồng, trước thuế)' },
            ]}
            disabled={disabled}
          />
          <TextField
            label={v.mode === 'm3' ? 'Số m3' : 'Số tiền (đồng)'}
            name="value"
            inputMode="numeric"
            value={v.value}
            onChange={(e) => setV((s) => ({ ...s, value: e.target.value }))}
            error={errors.value ?? errors.quantity ?? errors.amount}
            required
            disabled={disabled}
            hint={v.mode === 'amount' && parseWhole(v.value) ? fmtVnd(parseWhole(v.value)) : undefined}
          />
          <TextAreaField
            label="Lý do"
            name="reason"
            rows={2}
            value={v.reason}
            onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))}
            error={errors.reason}
            required
            disabled={disabled}
            className="col-span-2"
          />
        </div>
        <FormFooter errors={errors} busy={busy} label="Khai báo truy thu" disabled={disabled} />
      </Form>
      <AdjustmentsList
        customerId={row.customerId}
        kinds={['backbill_m3', 'backbill_amount']}
        disabled={disabled}
        onChanged={() => onChanged(null, '', false)}
      />
    </div>
  );
}

// ---------- spreading owed m3

export function SpreadForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({ quantity: '', firstPeriod: periodToText(period), periods: '3', reason: '' });
  const { errors, busy, send } = useSubmit();
  const api = useReadingMutations();
  const qty = parseWhole(v.quantity);
  const n = parseWhole(v.periods);
  const firstPeriod = parsePeriodText(v.firstPeriod);
  const preview = useMemo(() => {
    if (
      qty === null ||
      n === null ||
      Number.isNaN(qty) ||
      Number.isNaN(n) ||
      qty <= 0 ||
      n < 1 ||
      n > 36 ||
      !firstPeriod
    )
      return null;
    return spreadOverPeriods(qty, firstPeriod, n);
  }, [qty, n, firstPeriod]);

  const submit = async () => {
    const errs: Errors = {};
    if (qty === null || Number.isNaN(qty) || qty <= 0) errs.quantity = 'Số m3 cần phân bổ phải là số nguyên dương.';
    if (n === null || Number.isNaN(n) || n < 1 || n > 36) errs.periods = 'Số kỳ phân bổ phải từ 1 đến 36.';
    if (!firstPeriod) errs.firstPeriod = 'Kỳ bắt đầu không hợp lệ (tháng/năm).';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do.';
    await send(errs, 'Không phân bổ được.', async () => {
      const parts = await api.spreadOwedConsumption({
        customerId: row.customerId,
        quantity: qty as number,
        firstPeriod: firstPeriod as string,
        periods: n as number,
        reason: v.reason.trim(),
      });
      setV((s) => ({ ...s, quantity: '', reason: '' }));
      onChanged(
        null,
        `Đã phân bổ ${fmtInt(qty as number)} m3 nợ của ${row.customerCode} vào ${parts.length} kỳ.`,
        false,
      );
    });
  };

  return (
    <div className="space-y-4">
      <Form onSubmit={() => void submit()}>
        <p className="text-sm text-slate-600">
          Lượng m3 còn nợ (ví dụ sau khi đồng hồ kẹt số) được chia đều vào các kỳ tới và cộng vào hóa đơn thường của
          từng kỳ; các kỳ đầu nhận phần dư.
        </p>
        <div className="grid grid-cols-3 gap-3">
          <TextField
            label="Số m3 nợ"
            name="quantity"
            inputMode="numeric"
            value={v.quantity}
            onChange={(e) => setV((s) => ({ ...s, quantity: e.target.value }))}
            error={errors.quantity}
            required
            disabled={disabled}
            data-autofocus=""
          />
          <TextField
            label="Từ kỳ (tháng/năm)"
            name="firstPeriod"
            placeholder="tt/nnnn"
            value={v.firstPeriod}
            onChange={(e) => setV((s) => ({ ...s, firstPeriod: e.target.value }))}
            error={errors.firstPeriod}
            required
            disabled={disabled}
          />
          <TextField
            label="Số kỳ"
            name="periods"
            inputMode="numeric"
            value={v.periods}
            onChange={(e) => setV((s) => ({ ...s, periods: e.target.value }))}
            error={errors.periods}
            required
            disabled={disabled}
          />
          <TextAreaField
            label="Lý do"
            name="reason"
            rows={2}
            value={v.reason}
            onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))}
            error={errors.reason}
            required
            disabled={disabled}
            className="col-span-3"
          />
        </div>
        {preview && (
          <p className="text-xs text-slate-600" data-testid="spread-preview">
            {preview.map((p) => `${periodLabel(p.period)}: ${fmtInt(p.quantity)} m3`).join(' · ')}
          </p>
        )}
        <FormFooter errors={errors} busy={busy} label="Phân bổ" disabled={disabled} />
      </Form>
      <AdjustmentsList
        customerId={row.customerId}
        kinds={['spread']}
        disabled={disabled}
        onChanged={() => onChanged(null, '', false)}
      />
    </div>
  );
}
