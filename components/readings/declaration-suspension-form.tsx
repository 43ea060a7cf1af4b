'use client';

/** Suspending a customer's billing for a run of periods, with the suspensions declared so far. */
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { addPeriods } from '@/domain/reading/period';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { CustomerSuspensionsQuery, SuspensionFragment, type Suspension } from './readings.documents';
import { useReadingMutations } from './use-reading-mutations';
import { periodLabel } from './format';
import { parsePeriodText, periodToText } from './period-picker';
import {
  Form,
  FormFooter,
  ListSection,
  SUSPENSION_LIST,
  useSubmit,
  type Errors,
  type FormProps,
} from './declaration-form-parts';

// ---------- suspension

export function SuspendForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({ fromPeriod: periodToText(period), toPeriod: '', reason: '' });
  const { errors, busy, send } = useSubmit();
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

  const submit = async () => {
    const errs: Errors = {};
    const fromPeriod = parsePeriodText(v.fromPeriod);
    const toPeriod = v.toPeriod.trim() ? parsePeriodText(v.toPeriod) : null;
    if (!fromPeriod) errs.fromPeriod = 'Kỳ bắt đầu không hợp lệ (tháng/năm, ví dụ 11/2026).';
    if (v.toPeriod.trim() && !toPeriod) errs.toPeriod = 'Kỳ kết thúc không hợp lệ (tháng/năm).';
    else if (fromPeriod && toPeriod && toPeriod < fromPeriod) errs.toPeriod = 'Kỳ kết thúc phải sau kỳ bắt đầu.';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do tạm dừng.';
    await send(errs, 'Không khai báo được tạm dừng.', async () => {
      await api.declareSuspension({
        customerId: row.customerId,
        fromPeriod: fromPeriod as string,
        toPeriod,
        reason: v.reason.trim(),
      });
      onChanged(null, `Đã khai báo tạm dừng cho ${row.customerCode} từ kỳ ${periodLabel(fromPeriod as string)}.`, true);
    });
  };

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
      <Form onSubmit={() => void submit()}>
        <p className="text-sm text-slate-600">
          Khách hàng tạm dừng sử dụng nước không bị tính hóa đơn trong các kỳ tạm dừng; hợp đồng vẫn giữ nguyên.
        </p>
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="Từ kỳ (tháng/năm)"
            name="fromPeriod"
            placeholder="tt/nnnn"
            value={v.fromPeriod}
            onChange={(e) => setV((s) => ({ ...s, fromPeriod: e.target.value }))}
            error={errors.fromPeriod}
            required
            disabled={disabled}
          />
          <TextField
            label="Đến kỳ (để trống: chưa xác định)"
            name="toPeriod"
            placeholder="tt/nnnn"
            value={v.toPeriod}
            onChange={(e) => setV((s) => ({ ...s, toPeriod: e.target.value }))}
            error={errors.toPeriod}
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
            className="col-span-2"
          />
        </div>
        <FormFooter errors={errors} busy={busy} label="Khai báo tạm dừng" disabled={disabled} />
      </Form>
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
