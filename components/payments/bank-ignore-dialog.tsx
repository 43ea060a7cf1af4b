'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { fmtDateTime, fmtVnd } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
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
    <Dialog
      open
      title="Bỏ qua giao dịch"
      description={`${fmtVnd(row.amount)} · ${fmtDateTime(row.receivedAt)} · số tham chiếu ${row.externalId}`}
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid="bank-ignore-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Đóng
          </Button>
          <Button variant="danger" onClick={submit} disabled={busy} shortcut="Alt+S" data-testid="bank-ignore-save">
            {busy ? 'Đang lưu…' : 'Bỏ qua giao dịch'}
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
        <p className="text-sm text-slate-600">
          Giao dịch bị bỏ qua không được ghi thu cho khách hàng nào và rời danh sách chờ xử lý. Ghi rõ lý do để kế toán
          đối chiếu.
        </p>
        <p className="break-words rounded-md bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800">
          {row.description || '—'}
        </p>
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="bank-form-error">
            {formError}
          </p>
        )}
        <FormField label="Lý do bỏ qua" required error={noteError} name="note">
          {(ids) => (
            <textarea
              {...ids}
              {...register('note')}
              rows={3}
              maxLength={500}
              data-autofocus=""
              data-testid="field-note"
              className={`w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 ${noteError ? 'border-red-500 bg-red-50/40' : 'border-slate-300 focus:border-brand-500'}`}
            />
          )}
        </FormField>
      </form>
    </Dialog>
  );
}
