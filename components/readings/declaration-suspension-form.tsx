'use client';

/** Suspending a customer's billing for a run of periods, with the suspensions declared so far. */
import { Button } from '@/components/ui/button';

import { useToast } from '@/components/ui/toast';
import { addPeriods } from '@/domain/reading/period';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { CustomerSuspensionsQuery, SuspensionFragment, type Suspension } from './readings.documents';
import { useReadingMutations } from './use-reading-mutations';
import { periodLabel } from './format';
import { periodToText } from './period-picker';
import {
  DeclarationFormShell,
  PeriodField,
  ReasonField,
  ListSection,
  SUSPENSION_LIST,
  useDeclarationForm,
  type FormProps,
} from './declaration-form-parts';
import { suspensionFormSchema } from './declaration-schemas';

// ---------- suspension

export function SuspendForm({ row, period, disabled, onChanged }: FormProps) {
  const api = useReadingMutations();
  const toast = useToast();
  const [listResult] = useQuery({
    query: CustomerSuspensionsQuery,
    variables: { customerId: row.customerId },
    context: SUSPENSION_LIST,
  });
  const list: Suspension[] | null = listResult.data
    ? readFragment(SuspensionFragment, listResult.data.customerSuspensions).slice()
    : null;
  const listError = listResult.error ? errorMessage(listResult.error, 'Không tải được các đợt tạm dừng.') : null;

  const form = useDeclarationForm({
    disabled,
    schema: suspensionFormSchema(row.customerId),
    defaultValues: { fromPeriod: periodToText(period), toPeriod: '', reason: '' },
    fallback: 'Không khai báo được tạm dừng.',
    save: async (input) => {
      await api.declareSuspension({ ...input, toPeriod: input.toPeriod ?? null });
      onChanged(null, `Đã khai báo tạm dừng cho ${row.customerCode} từ kỳ ${periodLabel(input.fromPeriod)}.`, true);
    },
  });

  const end = async (s: Suspension) => {
    try {
      await api.endSuspension(s.id, addPeriods(period, -1) >= s.fromPeriod ? addPeriods(period, -1) : s.fromPeriod);
      toast.success('Đã kết thúc đợt tạm dừng.');
      onChanged(null, '', false);
    } catch (e) {
      toast.error(errorMessage(e, 'Không kết thúc được đợt tạm dừng.'));
    }
  };
  const remove = async (s: Suspension) => {
    try {
      await api.deleteSuspension(s.id);
      toast.success('Đã xóa đợt tạm dừng.');
      onChanged(null, '', false);
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được đợt tạm dừng.'));
    }
  };

  return (
    <div className="space-y-4">
      <DeclarationFormShell form={form} label="Khai báo tạm dừng">
        <p className="text-sm text-slate-600">
          Khách hàng tạm dừng sử dụng nước không bị tính hóa đơn trong các kỳ tạm dừng; hợp đồng vẫn giữ nguyên.
        </p>
        <div className="grid grid-cols-2 gap-3">
          <PeriodField label="Từ kỳ (tháng/năm)" {...form.bind('fromPeriod')} required />
          <PeriodField label="Đến kỳ (để trống: chưa xác định)" {...form.bind('toPeriod')} />
          <ReasonField {...form.bind('reason')} className="col-span-2" />
        </div>
      </DeclarationFormShell>
      <ListSection title="Các đợt tạm dừng" error={listError} items={list} empty="Chưa có đợt tạm dừng nào.">
        {(list) => (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="py-1">Từ kỳ</th>
                <th className="py-1">Đến kỳ</th>
                <th className="py-1">Lý do</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-1">{periodLabel(s.fromPeriod)}</td>
                  <td className="py-1">{s.toPeriod ? periodLabel(s.toPeriod) : 'chưa xác định'}</td>
                  <td className="py-1">{s.reason}</td>
                  <td className="py-1 text-right">
                    {!s.toPeriod && (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={disabled}
                        onClick={() => void end(s)}
                        title="Dùng nước lại từ kỳ đang nhập"
                      >
                        Kết thúc
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" disabled={disabled} onClick={() => void remove(s)}>
                      Xóa
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListSection>
    </div>
  );
}
