'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useMutation, useQuery } from 'urql';
import type { z } from 'zod';
import { fmtDateTime, fmtVnd, periodLabel } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { allocateBankFormSchema } from '@/schemas/bank-transfers';
import {
  AllocateBankTransactionMutation,
  BANK_TYPENAMES,
  BankAllocationPreviewQuery,
  BankTransactionRowFragment,
  type BankTransactionRow,
} from './bank.documents';

type FormInput = z.input<typeof allocateBankFormSchema>;
type FormOutput = z.output<typeof allocateBankFormSchema>;

const PREVIEW_DELAY_MS = 300;
const FIELD =
  'w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-brand-500 border-slate-300';

/**
 * Phân bổ tiền chờ xử lý: the cashier types a customer code (the suggestion is filled in), sees the customer's
 * name, what they owe and what would stay as credit, then confirms with Alt+S. The server checks the right on the
 * customer's book and that the line is still waiting; a second allocation is refused.
 */
export function BankAllocateDialog({
  row,
  onClose,
  onDone,
}: {
  row: BankTransactionRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const { register, handleSubmit, setError, formState, control } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(allocateBankFormSchema),
    defaultValues: { customerCode: row.suggestedCustomer?.code ?? '', note: '' },
  });
  const typed = (useWatch({ control, name: 'customerCode' }) ?? '').trim().toUpperCase();
  // The preview follows the code as typed, a moment after the last key (Enter asks at once).
  const [code, setCode] = useState(typed);
  useEffect(() => {
    if (typed === code) return;
    const timer = setTimeout(() => setCode(typed), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, code]);
  const [preview] = useQuery({
    query: BankAllocationPreviewQuery,
    variables: { id: row.id, customerCode: code },
    pause: code === '',
    requestPolicy: 'network-only',
  });
  const [allocation, allocate] = useMutation(AllocateBankTransactionMutation);
  const busy = allocation.fetching || formState.isSubmitting;
  const shown = code === typed && !preview.fetching ? preview.data?.bankAllocationPreview : undefined;
  const previewError = code === typed && !preview.fetching && preview.error ? apiError(preview.error).message : null;

  async function save(values: FormOutput) {
    if (!shown || shown.customer.code !== values.customerCode) {
      setCode(values.customerCode);
      setError('customerCode', { message: 'Chờ hiện tên khách hàng rồi mới phân bổ.' });
      return;
    }
    const result = await allocate(
      { id: row.id, customerCode: values.customerCode, note: values.note || null },
      BANK_TYPENAMES,
    );
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không phân bổ được, vui lòng thử lại.');
      if (e.field === 'customerCode' || e.code === 'NOT_FOUND') setError('customerCode', { message: e.message });
      else if (e.field === 'note') setError('note', { message: e.message });
      else setError('root', { message: e.message });
      return;
    }
    const done = readFragment(BankTransactionRowFragment, result.data.allocateBankTransaction);
    toast.success(
      `Đã ghi thu ${fmtVnd(row.amount)} cho ${shown.customer.code} – ${shown.customer.name}${done.receiptNumber ? ` (phiếu thu ${done.receiptNumber})` : ''}.`,
    );
    onDone();
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const codeError = formState.errors.customerCode?.message;
  const noteError = formState.errors.note?.message;
  const formError = formState.errors.root?.message;

  return (
    <Dialog
      open
      size="lg"
      title="Phân bổ tiền chuyển khoản cho khách hàng"
      description={`${fmtVnd(row.amount)} · ${fmtDateTime(row.receivedAt)} · số tham chiếu ${row.externalId}`}
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid="bank-allocate-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Đóng
          </Button>
          <Button
            variant="primary"
            onClick={submit}
            disabled={busy || !shown}
            shortcut="Alt+S"
            data-testid="bank-allocate-save"
          >
            {busy ? 'Đang ghi thu…' : 'Ghi thu cho khách hàng'}
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
        <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
          <div className="text-xs text-slate-500">Nội dung chuyển khoản</div>
          <div className="break-words font-mono text-slate-900" data-testid="bank-allocate-description">
            {row.description || '—'}
          </div>
        </div>
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="bank-form-error">
            {formError}
          </p>
        )}
        <div className="grid grid-cols-[12rem_1fr] gap-3">
          <FormField label="Mã khách hàng" required error={codeError} name="customerCode">
            {(ids) => (
              <input
                {...ids}
                {...register('customerCode')}
                autoComplete="off"
                spellCheck={false}
                maxLength={16}
                data-autofocus=""
                data-testid="field-customerCode"
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  setCode(typed);
                }}
                className={`${FIELD} font-mono uppercase`}
              />
            )}
          </FormField>
          <div className="min-h-[4.5rem] rounded-md border border-slate-200 px-3 py-2 text-sm" aria-live="polite">
            {code === '' ? (
              <span className="text-slate-500">Nhập mã khách hàng để xem tên và số tiền còn nợ.</span>
            ) : code !== typed || preview.fetching ? (
              <Spinner size="sm" label="Đang tìm khách hàng…" />
            ) : previewError ? (
              <span className="text-red-700" data-testid="bank-preview-error">
                {previewError}
              </span>
            ) : shown ? (
              <div data-testid="bank-preview">
                <div className="font-semibold text-slate-900">
                  {shown.customer.code} – {shown.customer.name}
                </div>
                <div className="text-xs text-slate-600">{shown.customer.address}</div>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                  <dt className="text-slate-500">Còn nợ</dt>
                  <dd className="font-semibold tabular-nums text-slate-900" data-testid="bank-preview-due">
                    {fmtVnd(shown.customer.totalDue)}
                  </dd>
                  {shown.customer.credit > 0 && (
                    <>
                      <dt className="text-slate-500">Đang trả trước</dt>
                      <dd className="tabular-nums">{fmtVnd(shown.customer.credit)}</dd>
                    </>
                  )}
                  {shown.invoicePeriod && (
                    <>
                      <dt className="text-slate-500">Trả trước hết</dt>
                      <dd>Hóa đơn kỳ {periodLabel(shown.invoicePeriod)}</dd>
                    </>
                  )}
                  {shown.creditAfter > 0 && (
                    <>
                      <dt className="text-slate-500">Thành tiền trả trước</dt>
                      <dd className="tabular-nums text-amber-800">{fmtVnd(shown.creditAfter)}</dd>
                    </>
                  )}
                </dl>
              </div>
            ) : null}
          </div>
        </div>
        <FormField label="Ghi chú" error={noteError} name="note" hint="Ví dụ: khách gọi điện xác nhận.">
          {(ids) => <input {...ids} {...register('note')} maxLength={500} data-testid="field-note" className={FIELD} />}
        </FormField>
      </form>
    </Dialog>
  );
}
