'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { seriesNumber } from './invoice-format';
import {
  AdjustInvoiceMutation,
  CancelInvoiceMutation,
  INVOICE_TYPENAMES,
  InvoiceDetailFragment,
  ReplaceInvoiceMutation,
  type InvoiceStatus,
} from './invoices.documents';

export type ReasonAction = 'cancel' | 'replace' | 'adjust';

/** The same bounds as the server's CorrectInvoiceInput (graphql/modules/invoices/invoices.type.ts). */
const reasonSchema = z.object({
  reason: z.string().trim().min(3, 'Nhập lý do (ít nhất 3 ký tự).').max(500, 'Lý do dài quá 500 ký tự.'),
});
type ReasonForm = z.input<typeof reasonSchema>;
type ReasonOutput = z.output<typeof reasonSchema>;

const TEXT: Record<ReasonAction, { title: string; label: string; confirm: string; busy: string; explain: string }> = {
  cancel: {
    title: 'Hủy hóa đơn',
    label: 'Lý do hủy',
    confirm: 'Hủy hóa đơn',
    busy: 'Đang hủy…',
    explain: 'Hóa đơn đã hủy vẫn giữ số; khách hàng không còn phải trả số tiền của hóa đơn này.',
  },
  replace: {
    title: 'Lập hóa đơn thay thế',
    label: 'Lý do thay thế',
    confirm: 'Phát hành hóa đơn thay thế',
    busy: 'Đang phát hành…',
    explain:
      'Hóa đơn thay thế được tính lại theo dữ liệu hiện tại và nhận số mới; hóa đơn gốc chuyển sang “Đã bị thay thế”.',
  },
  adjust: {
    title: 'Lập hóa đơn điều chỉnh',
    label: 'Lý do điều chỉnh',
    confirm: 'Phát hành hóa đơn điều chỉnh',
    busy: 'Đang phát hành…',
    explain:
      'Hóa đơn điều chỉnh mang phần chênh lệch giữa kết quả tính lại hôm nay và số đã lập; hóa đơn gốc chuyển sang “Đã điều chỉnh”.',
  },
};

/** What the dialog needs of the invoice it acts on. */
export interface ReasonTarget {
  id: number;
  series: string | null;
  number: number | null;
  customerCode: string;
  customerName: string;
  status: InvoiceStatus;
}

/** Cancel, replace or adjust an issued invoice: a reason of at least 3 characters, then the mutation. */
export function ReasonDialog({
  action,
  invoice,
  onClose,
  onDone,
}: {
  action: ReasonAction;
  invoice: ReasonTarget;
  onClose: () => void;
  /** Called with the id of the invoice the mutation answered (the cancelled one, or the new correction). */
  onDone: (invoiceId: number) => void;
}) {
  const toast = useToast();
  const text = TEXT[action];
  const { register, handleSubmit, setError, formState } = useForm<ReasonForm, unknown, ReasonOutput>({
    resolver: zodResolver(reasonSchema),
    defaultValues: { reason: '' },
  });
  const [cancelState, cancel] = useMutation(CancelInvoiceMutation);
  const [replaceState, replace] = useMutation(ReplaceInvoiceMutation);
  const [adjustState, adjust] = useMutation(AdjustInvoiceMutation);
  const busy = cancelState.fetching || replaceState.fetching || adjustState.fetching || formState.isSubmitting;
  const number = seriesNumber(invoice) || 'nháp';

  async function save({ reason }: ReasonOutput) {
    const input = { id: invoice.id, reason };
    const result =
      action === 'cancel'
        ? await cancel(input, INVOICE_TYPENAMES)
        : action === 'replace'
          ? await replace({ input }, INVOICE_TYPENAMES)
          : await adjust({ input }, INVOICE_TYPENAMES);
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không thực hiện được, vui lòng thử lại.');
      const issue = e.issues?.find((i) => i.path.endsWith('reason'));
      if (issue || e.field === 'reason') setError('reason', { message: issue?.message ?? e.message });
      else setError('root', { message: e.message });
      return;
    }
    const masked =
      'cancelInvoice' in result.data
        ? result.data.cancelInvoice
        : 'replaceInvoice' in result.data
          ? result.data.replaceInvoice
          : result.data.adjustInvoice;
    const answered = readFragment(InvoiceDetailFragment, masked);
    toast.success(
      action === 'cancel'
        ? `Đã hủy hóa đơn ${number} của ${invoice.customerCode}.`
        : `Đã phát hành hóa đơn ${action === 'replace' ? 'thay thế' : 'điều chỉnh'} ${seriesNumber(answered)} cho ${invoice.customerCode}.`,
    );
    onDone(answered.id);
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const reasonError = formState.errors.reason?.message;
  const formError = formState.errors.root?.message;

  return (
    <Dialog
      open
      title={text.title}
      description={`Hóa đơn ${number} · ${invoice.customerCode} – ${invoice.customerName}`}
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid={`${action}-invoice-dialog`}
      footer={
        <>
          <Button onClick={onClose} disabled={busy} data-testid="reason-close">
            Đóng
          </Button>
          <Button
            variant={action === 'cancel' ? 'danger' : 'primary'}
            onClick={submit}
            disabled={busy}
            shortcut="Alt+S"
            data-testid="reason-save"
          >
            {busy ? text.busy : text.confirm}
          </Button>
        </>
      }
    >
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="text-sm text-slate-600">{text.explain}</p>
        {formError && (
          <p
            role="alert"
            data-testid="reason-form-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          >
            {formError}
          </p>
        )}
        <FormField label={text.label} required error={reasonError} name="reason">
          {(ids) => (
            <textarea
              {...ids}
              {...register('reason')}
              rows={3}
              maxLength={500}
              data-autofocus=""
              data-testid="field-reason"
              className={`w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 ${reasonError ? 'border-red-500 bg-red-50/40' : 'border-slate-300 focus:border-brand-500'}`}
            />
          )}
        </FormField>
      </form>
    </Dialog>
  );
}
