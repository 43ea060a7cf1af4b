'use client';

import { Button } from '@/components/ui/button';
import { apiError } from '@/lib/graphql/errors';

/** Field name → message; `_` is the dialog's own line for what belongs to no field. */
export type Errors = Record<string, string>;

/** A refused mutation as the dialog shows it: per field where the server names one, else on the dialog's line. */
export function formErrors(error: unknown, fallback: string): Errors {
  const e = apiError(error, fallback);
  const out: Errors = {};
  for (const i of e.issues ?? []) out[i.path.split('.').pop() ?? '_'] = i.message;
  if (e.field) out[e.field.split('.').pop() ?? '_'] = e.message;
  if (Object.keys(out).length === 0) out._ = e.message;
  return out;
}

export function GeneralError({ errors }: { errors: Errors }) {
  return errors._ ? (
    <p
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid="dialog-error"
    >
      {errors._}
    </p>
  ) : null;
}

export function DialogFooter({
  busy,
  onCancel,
  formId,
  label,
}: {
  busy: boolean;
  onCancel: () => void;
  formId: string;
  label: string;
}) {
  return (
    <>
      <Button onClick={onCancel} disabled={busy}>
        Hủy
      </Button>
      <Button type="submit" form={formId} variant="primary" disabled={busy} data-testid="dialog-save">
        {busy ? 'Đang lưu…' : label} <span className="opacity-70">(Alt+S)</span>
      </Button>
    </>
  );
}
