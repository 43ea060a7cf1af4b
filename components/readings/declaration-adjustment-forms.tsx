'use client';

/** Back-billing and spreading owed m3 over periods, with the adjustments declared so far. */
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
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
  DeclarationFormShell,
  PeriodField,
  ReasonField,
  ListSection,
  useDeclarationForm,
  type FormProps,
} from './declaration-form-parts';
import { backBillFormSchema, spreadFormSchema } from './declaration-schemas';

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
  const api = useReadingMutations();
  const form = useDeclarationForm({
    disabled,
    schema: backBillFormSchema(row.customerId),
    defaultValues: {
      tariffPeriod: periodToText(addPeriods(period, -1)),
      billPeriod: periodToText(period),
      mode: 'm3',
      value: '',
      reason: '',
    },
    fallback: 'Không khai báo được truy thu.',
    save: async (input, { setValue }) => {
      await api.createBackBill({ ...input, quantity: input.quantity ?? null, amount: input.amount ?? null });
      setValue('value', '');
      setValue('reason', '');
      onChanged(
        null,
        `Đã khai báo truy thu cho ${row.customerCode}: tính vào hóa đơn kỳ ${periodLabel(input.billPeriod)} theo giá kỳ ${periodLabel(input.tariffPeriod)}.`,
        false,
      );
    },
  });
  const { errors } = form;
  const mode = form.form.watch('mode');
  const typed = parseWhole(form.form.watch('value'));

  return (
    <div className="space-y-4">
      <DeclarationFormShell form={form} label="Khai báo truy thu">
        <p className="text-sm text-slate-600">
          Truy thu nước đã dùng nhưng chưa tính tiền: theo m3 (tính theo biểu giá của kỳ truy thu) hoặc theo số tiền
          nước trước thuế; lập thành hóa đơn truy thu riêng.
        </p>
        <div className="grid grid-cols-2 gap-3">
          <PeriodField label="Kỳ truy thu (giá áp dụng, tháng/năm)" {...form.bind('tariffPeriod')} required />
          <PeriodField label="Tính vào hóa đơn kỳ (tháng/năm)" {...form.bind('billPeriod')} required />
          <SelectField
            label="Truy thu theo"
            {...form.bind('mode')}
            options={[
              { value: 'm3', label: 'Số m3' },
              { value: 'amount', label: 'Số tiền (đồng, trước thuế)' },
            ]}
          />
          <TextField
            label={mode === 'm3' ? 'Số m3' : 'Số tiền (đồng)'}
            {...form.bind('value')}
            inputMode="numeric"
            error={errors.value ?? errors.quantity ?? errors.amount}
            required
            hint={mode === 'amount' && typed ? fmtVnd(typed) : undefined}
          />
          <ReasonField {...form.bind('reason')} className="col-span-2" />
        </div>
      </DeclarationFormShell>
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
  const api = useReadingMutations();
  const form = useDeclarationForm({
    disabled,
    schema: spreadFormSchema(row.customerId),
    defaultValues: { quantity: '', firstPeriod: periodToText(period), periods: '3', reason: '' },
    fallback: 'Không phân bổ được.',
    save: async (input, { setValue }) => {
      const parts = await api.spreadOwedConsumption(input);
      setValue('quantity', '');
      setValue('reason', '');
      onChanged(
        null,
        `Đã phân bổ ${fmtInt(input.quantity)} m3 nợ của ${row.customerCode} vào ${parts.length} kỳ.`,
        false,
      );
    },
  });
  const qty = parseWhole(form.form.watch('quantity'));
  const n = parseWhole(form.form.watch('periods'));
  const firstPeriod = parsePeriodText(form.form.watch('firstPeriod'));
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

  return (
    <div className="space-y-4">
      <DeclarationFormShell form={form} label="Phân bổ">
        <p className="text-sm text-slate-600">
          Lượng m3 còn nợ (ví dụ sau khi đồng hồ kẹt số) được chia đều vào các kỳ tới và cộng vào hóa đơn thường của
          từng kỳ; các kỳ đầu nhận phần dư.
        </p>
        <div className="grid grid-cols-3 gap-3">
          <TextField label="Số m3 nợ" {...form.bind('quantity')} inputMode="numeric" required data-autofocus="" />
          <PeriodField label="Từ kỳ (tháng/năm)" {...form.bind('firstPeriod')} required />
          <TextField label="Số kỳ" {...form.bind('periods')} inputMode="numeric" required />
          <ReasonField {...form.bind('reason')} className="col-span-3" />
        </div>
        {preview && (
          <p className="text-xs text-slate-600" data-testid="spread-preview">
            {preview.map((p) => `${periodLabel(p.period)}: ${fmtInt(p.quantity)} m3`).join(' · ')}
          </p>
        )}
      </DeclarationFormShell>
      <AdjustmentsList
        customerId={row.customerId}
        kinds={['spread']}
        disabled={disabled}
        onChanged={() => onChanged(null, '', false)}
      />
    </div>
  );
}
