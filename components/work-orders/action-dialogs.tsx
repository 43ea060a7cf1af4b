'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import type { ApiError } from '@/lib/graphql/errors';
import { assignFormSchema, noteFormSchema, reasonFormSchema, statusFormSchema } from '@/schemas/work-order-forms';
import { ROOT_ERROR_CLASS, showApiError } from './form-errors';
import { statusLabel } from './work-order-format';

type Save<T> = (values: T) => Promise<ApiError | null>;

function Footer({
  busy,
  onClose,
  label,
  testId,
  danger,
}: {
  busy: boolean;
  onClose: () => void;
  label: string;
  testId: string;
  danger?: boolean;
}) {
  return (
    <>
      <Button onClick={onClose} disabled={busy}>
        Đóng
      </Button>
      <Button
        type="submit"
        form={`${testId}-form`}
        variant={danger ? 'danger' : 'primary'}
        disabled={busy}
        shortcut="Alt+S"
        data-testid={testId}
      >
        {busy ? 'Đang lưu…' : label}
      </Button>
    </>
  );
}

export type AssignValues = z.output<typeof assignFormSchema>;

/** Giao đội: the installation team that will do the work, with a note for them. */
export function AssignDialog({
  teams,
  currentTeamId,
  onClose,
  onSave,
}: {
  teams: readonly { id: number; code: string; name: string }[];
  currentTeamId: number | null;
  onClose: () => void;
  onSave: Save<AssignValues>;
}) {
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof assignFormSchema>,
    unknown,
    AssignValues
  >({
    resolver: zodResolver(assignFormSchema),
    defaultValues: { teamId: currentTeamId ? String(currentTeamId) : '', note: '' },
  });
  const e = formState.errors;
  const busy = formState.isSubmitting;
  const submit = () =>
    void handleSubmit(async (v) => {
      const failed = await onSave(v);
      if (failed) showApiError(setError, failed, ['teamId', 'note']);
    })();
  return (
    <Dialog
      open
      title="Giao đội thi công"
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid="assign-dialog"
      footer={<Footer busy={busy} onClose={onClose} label="Giao việc" testId="assign-save" />}
    >
      <form id="assign-save-form" noValidate onSubmit={(ev) => (ev.preventDefault(), submit())} className="space-y-3">
        {e.root?.message && (
          <p role="alert" className={ROOT_ERROR_CLASS}>
            {e.root.message}
          </p>
        )}
        <SelectField
          label="Đội thi công"
          required
          {...register('teamId')}
          error={e.teamId?.message}
          placeholder="— Chọn đội —"
          options={teams.map((t) => ({ value: String(t.id), label: `${t.code} – ${t.name}` }))}
        />
        <TextField label="Ghi chú cho đội" {...register('note')} error={e.note?.message} maxLength={500} />
      </form>
    </Dialog>
  );
}

export type StatusValues = z.output<typeof statusFormSchema>;

/** Chuyển trạng thái: the plain moves the graph offers (start work …); steps with data have their own forms. */
export function StatusDialog({
  statuses,
  onClose,
  onSave,
}: {
  statuses: readonly string[];
  onClose: () => void;
  onSave: Save<StatusValues>;
}) {
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof statusFormSchema>,
    unknown,
    StatusValues
  >({
    resolver: zodResolver(statusFormSchema),
    defaultValues: { status: statuses.length === 1 ? (statuses[0] ?? '') : '', note: '' },
  });
  const e = formState.errors;
  const busy = formState.isSubmitting;
  const submit = () =>
    void handleSubmit(async (v) => {
      const failed = await onSave(v);
      if (failed) showApiError(setError, failed, ['status', 'note']);
    })();
  return (
    <Dialog
      open
      title="Chuyển trạng thái"
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid="status-dialog"
      footer={<Footer busy={busy} onClose={onClose} label="Chuyển" testId="status-save" />}
    >
      <form id="status-save-form" noValidate onSubmit={(ev) => (ev.preventDefault(), submit())} className="space-y-3">
        {e.root?.message && (
          <p role="alert" className={ROOT_ERROR_CLASS}>
            {e.root.message}
          </p>
        )}
        <SelectField
          label="Trạng thái mới"
          required
          {...register('status')}
          error={e.status?.message}
          placeholder="— Chọn —"
          options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <TextField label="Ghi chú" {...register('note')} error={e.note?.message} maxLength={500} />
      </form>
    </Dialog>
  );
}

export type CloseAction = 'reject' | 'cancel';

/** Từ chối / Hủy phiếu: closes the request for good, with the reason the applicant will be told. */
export function CloseDialog({
  action,
  onClose,
  onSave,
}: {
  action: CloseAction;
  onClose: () => void;
  onSave: Save<z.output<typeof reasonFormSchema>>;
}) {
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof reasonFormSchema>,
    unknown,
    z.output<typeof reasonFormSchema>
  >({ resolver: zodResolver(reasonFormSchema), defaultValues: { reason: '' } });
  const e = formState.errors;
  const busy = formState.isSubmitting;
  const submit = () =>
    void handleSubmit(async (v) => {
      const failed = await onSave(v);
      if (failed) showApiError(setError, failed, ['reason']);
    })();
  const title = action === 'reject' ? 'Từ chối yêu cầu' : 'Hủy phiếu yêu cầu';
  return (
    <Dialog
      open
      title={title}
      description="Phiếu đã đóng không xử lý tiếp được; lý do được báo cho người yêu cầu."
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid={`${action}-dialog`}
      footer={<Footer busy={busy} onClose={onClose} label={title} testId="close-save" danger />}
    >
      <form id="close-save-form" noValidate onSubmit={(ev) => (ev.preventDefault(), submit())} className="space-y-3">
        {e.root?.message && (
          <p role="alert" className={ROOT_ERROR_CLASS}>
            {e.root.message}
          </p>
        )}
        <TextAreaField
          label={action === 'reject' ? 'Lý do từ chối' : 'Lý do hủy'}
          required
          rows={3}
          {...register('reason')}
          error={e.reason?.message}
          maxLength={500}
          data-autofocus=""
        />
      </form>
    </Dialog>
  );
}

/** A note on the timeline (a call back, a letter sent): the status stays. */
export function NoteForm({ onSave }: { onSave: Save<z.output<typeof noteFormSchema>> }) {
  const { register, handleSubmit, setError, reset, formState } = useForm<
    z.input<typeof noteFormSchema>,
    unknown,
    z.output<typeof noteFormSchema>
  >({ resolver: zodResolver(noteFormSchema), defaultValues: { note: '' } });
  const e = formState.errors;
  const submit = () =>
    void handleSubmit(async (v) => {
      const failed = await onSave(v);
      if (failed) showApiError(setError, failed, ['note']);
      else reset({ note: '' });
    })();
  return (
    <form
      noValidate
      onSubmit={(ev) => (ev.preventDefault(), submit())}
      className="flex items-start gap-2"
      data-testid="note-form"
    >
      <TextAreaField
        label="Thêm ghi chú"
        className="flex-1"
        rows={2}
        {...register('note')}
        error={e.note?.message ?? e.root?.message}
        maxLength={1000}
      />
      <Button type="submit" className="mt-5" disabled={formState.isSubmitting} data-testid="note-save">
        {formState.isSubmitting ? 'Đang lưu…' : 'Ghi chú'}
      </Button>
    </form>
  );
}
