'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { fmtDateTime, fmtVnd } from '@/components/readings/format';
import { ReasonDialog } from '@/components/ui/reason-dialog';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { ignoreBankFormSchema } from '@/schemas/bank-transfers';
import { BANK_TYPENAMES, IgnoreBankTransactionMutation, type BankTransactionRow } from './bank.documents';

type FormInput = z.input<typeof ignoreBankFormSchema>;
type FormOutput = z.output<typeof ignoreBankFormSchema>;

/** Bỏ qua a suspense line (a refund, a transfer between the company's accounts) with the reason why. */
export function BankIgnoreDialog({
  row,
  onClose,
  onDone,
}: {
  row: BankTransactionRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const { register, handleSubmit, setError, formState } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(ignoreBankFormSchema),
    defaultValues: { note: '' },
  });
  const [state, ignore] = useMutation(IgnoreBankTransactionMutation);
  const busy = state.fetching || formState.isSubmitting;

  async function save({ note }: FormOutput) {
    const result = await ignore({ id: row.id, note }, BANK_TYPENAMES);
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không thực hiện được, vui lòng thử lại.');
      if (e.field === 'note') setError('note', { message: e.message });
      else setError('root', { message: e.message });
      return;
    }
    toast.success(`Đã bỏ qua giao dịch ${row.externalId} (${fmtVnd(row.amount)}).`);
    onDone();
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const noteError = formState.errors.note?.message;
  const formError = formState.errors.root?.message;

  return (
    <ReasonDialog
      title="Bỏ qua giao dịch"
      description={`${fmtVnd(row.amount)} · ${fmtDateTime(row.receivedAt)} · số tham chiếu ${row.externalId}`}
      label="Lý do bỏ qua"
      field={register('note')}
      fieldError={noteError}
      formError={formError}
      saveLabel="Bỏ qua giao dịch"
      variant="danger"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      testIds={{
        dialog: 'bank-ignore-dialog',
        save: 'bank-ignore-save',
        field: 'field-note',
        formError: 'bank-form-error',
      }}
    >
      <p className="text-sm text-slate-600">
        Giao dịch bị bỏ qua không được ghi thu cho khách hàng nào và rời danh sách chờ xử lý. Ghi rõ lý do để kế toán
        đối chiếu.
      </p>
      <p className="break-words rounded-md bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800">
        {row.description || '—'}
      </p>
    </ReasonDialog>
  );
}
