'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { fmtVnd } from '@/components/readings/format';
import { ReasonDialog } from '@/components/ui/reason-dialog';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { resolveExceptionFormSchema } from '@/schemas/payments-collectors';
import { exceptionHint, exceptionLabel } from './reconciliation-format';
import {
  RECONCILIATION_TYPENAMES,
  ResolveReconciliationExceptionMutation,
  type ReconciliationExceptionRow,
} from './reconciliation.documents';

type ResolveForm = z.input<typeof resolveExceptionFormSchema>;
type ResolveOutput = z.output<typeof resolveExceptionFormSchema>;

/** Xử lý chênh lệch: what the cashier did, 3–500 characters (the server's rule), once. */
export function ResolveExceptionDialog({
  exception,
  onClose,
  onDone,
}: {
  exception: ReconciliationExceptionRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const { register, handleSubmit, setError, formState } = useForm<ResolveForm, unknown, ResolveOutput>({
    resolver: zodResolver(resolveExceptionFormSchema),
    defaultValues: { resolution: '' },
  });
  const [state, resolve] = useMutation(ResolveReconciliationExceptionMutation);
  const busy = state.fetching || formState.isSubmitting;

  async function save({ resolution }: ResolveOutput) {
    const result = await resolve({ id: exception.id, resolution }, RECONCILIATION_TYPENAMES);
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không lưu được, vui lòng thử lại.');
      const issue = e.issues?.find((i) => i.path.endsWith('resolution'));
      if (issue || e.field === 'resolution') setError('resolution', { message: issue?.message ?? e.message });
      else setError('root', { message: e.message });
      return;
    }
    toast.success(`Đã xử lý chênh lệch giao dịch ${exception.transactionId}.`);
    onDone();
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const error = formState.errors.resolution?.message;

  return (
    <ReasonDialog
      title="Xử lý chênh lệch đối soát"
      description={`${exceptionLabel(exception)} · ${exception.transactionId}${exception.customerCode ? ` · ${exception.customerCode}` : ''}`}
      label="Cách xử lý"
      field={register('resolution')}
      fieldError={error}
      formError={formState.errors.root?.message}
      saveLabel="Đã xử lý"
      variant="primary"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      testIds={{ dialog: 'resolve-exception-dialog', save: 'resolve-save', field: 'field-resolution' }}
    >
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Theo đối tác</dt>
          <dd className="tabular-nums">{exception.partnerAmount === null ? '—' : fmtVnd(exception.partnerAmount)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">
            {exception.isBankCredit ? 'Tiền về tài khoản' : 'Theo sổ thu của ta'}
          </dt>
          <dd className="tabular-nums">{exception.ourAmount === null ? '—' : fmtVnd(exception.ourAmount)}</dd>
        </div>
      </dl>
      <p className="text-sm text-slate-600">{exceptionHint(exception)}</p>
    </ReasonDialog>
  );
}
