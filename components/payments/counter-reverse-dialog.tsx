'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { fmtMoney } from '@/components/invoices/invoice-format';
import { ReasonDialog } from '@/components/ui/reason-dialog';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { reversePaymentFormSchema } from '@/schemas/payments-counter';
import { PAYMENT_TYPENAMES, ReversePaymentMutation } from './payments.documents';

type ReasonForm = z.input<typeof reversePaymentFormSchema>;
type ReasonOutput = z.output<typeof reversePaymentFormSchema>;

/** What the dialog needs of the payment it reverses. */
export interface ReverseTarget {
  id: number;
  receiptNumber: string;
  amount: number;
  customerCode: string;
  customerName: string;
}

/** Hủy khoản thu: a reason of at least 3 characters (the server's rule), then the reversal. */
export function ReversePaymentDialog({
  payment,
  onClose,
  onDone,
}: {
  payment: ReverseTarget;
  onClose: () => void;
  onDone: (paymentId: number) => void;
}) {
  const toast = useToast();
  const { register, handleSubmit, setError, formState } = useForm<ReasonForm, unknown, ReasonOutput>({
    resolver: zodResolver(reversePaymentFormSchema),
    defaultValues: { reason: '' },
  });
  const [state, reverse] = useMutation(ReversePaymentMutation);
  const busy = state.fetching || formState.isSubmitting;

  async function save({ reason }: ReasonOutput) {
    const result = await reverse({ id: payment.id, reason }, PAYMENT_TYPENAMES);
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không hủy được khoản thu, vui lòng thử lại.');
      const issue = e.issues?.find((i) => i.path.endsWith('reason'));
      if (issue || e.field === 'reason') setError('reason', { message: issue?.message ?? e.message });
      else setError('root', { message: e.message });
      return;
    }
    toast.success(`Đã hủy khoản thu ${payment.receiptNumber} của ${payment.customerCode}.`);
    onDone(payment.id);
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const reasonError = formState.errors.reason?.message;
  const formError = formState.errors.root?.message;

  return (
    <ReasonDialog
      title="Hủy khoản thu"
      description={`Phiếu thu ${payment.receiptNumber} · ${payment.customerCode} – ${payment.customerName} · ${fmtMoney(payment.amount)} đồng`}
      label="Lý do hủy"
      field={register('reason')}
      fieldError={reasonError}
      formError={formError}
      saveLabel="Hủy khoản thu"
      busyLabel="Đang hủy…"
      variant="danger"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      testIds={{
        dialog: 'reverse-payment-dialog',
        save: 'reverse-save',
        close: 'reverse-close',
        field: 'field-reason',
        formError: 'reverse-form-error',
      }}
    >
      <p className="text-sm text-slate-600">
        Số tiền của khoản thu không còn trừ vào hóa đơn: khách hàng lại nợ phần này. Phiếu thu được đánh dấu “Đã hủy”.
      </p>
    </ReasonDialog>
  );
}
