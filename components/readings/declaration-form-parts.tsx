'use client';

/** The pieces every declaration form is made of: fields' errors, the submit footer, the list under a form. */
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { EnterForm } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { periodBounds } from '@/domain/reading/period';
import { ADJUSTMENT_TYPENAMES, SUSPENSION_TYPENAMES, type SheetRow } from './readings.documents';
import { formErrorsOf } from './use-reading-mutations';
import { todayVN } from './format';

export type Errors = Record<string, string>;

// An empty list holds no row to be found by, so the lists name their type for the cache to refresh them
// after a declaration (constant objects: a new context on every render would re-run the query).
export const SUSPENSION_LIST = { additionalTypenames: SUSPENSION_TYPENAMES };
export const ADJUSTMENT_LIST = { additionalTypenames: ADJUSTMENT_TYPENAMES };

function FormError({ errors }: { errors: Errors }) {
  const general = errors._;
  if (!general) return null;
  return (
    <p
      role="alert"
      data-testid="declare-error"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {general}
    </p>
  );
}

function Submit({ busy, label, disabled }: { busy: boolean; label: string; disabled?: boolean }) {
  return (
    <Button type="submit" variant="primary" disabled={busy || disabled} data-testid="declare-submit">
      {busy ? 'Đang lưu…' : label}
    </Button>
  );
}

/** The error line and the submit button closing every declaration form. */
export function FormFooter({
  errors,
  busy,
  label,
  disabled,
}: {
  errors: Errors;
  busy: boolean;
  label: string;
  disabled: boolean;
}) {
  return (
    <>
      <FormError errors={errors} />
      <div className="flex justify-end">
        <Submit busy={busy} label={label} disabled={disabled} />
      </div>
    </>
  );
}

/**
 * Errors and busy flag of a declaration form. `send` shows the form's own errors; when there are none it
 * runs `save`, and a server error lands under the fields it names (or above the button).
 */
export function useSubmit() {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const send = async (formErrors: Errors, fallback: string, save: () => Promise<void>) => {
    setErrors(formErrors);
    if (Object.keys(formErrors).length) return;
    setBusy(true);
    try {
      await save();
    } catch (e) {
      setErrors(formErrorsOf(e, fallback));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, send };
}

/** A list under a form: its load error, a spinner while loading, `empty` when there is nothing, else the table. */
export function ListSection<T>({
  title,
  error,
  items,
  empty,
  children,
}: {
  title: string;
  error: string | null;
  items: T[] | null;
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <section>
      <h3 className="mb-1 text-sm font-semibold text-slate-700">{title}</h3>
      {error ? (
        <p className="text-sm text-red-700">{error}</p>
      ) : items === null ? (
        <Spinner size="sm" />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        children(items)
      )}
    </section>
  );
}

export interface FormProps {
  row: SheetRow;
  period: string;
  disabled: boolean;
  /** A declaration changed the customer's rows: reload them (and the given rows if the API returned them). */
  onChanged: (rows: SheetRow[] | null, message: string, close: boolean) => void;
}

export function Form({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <EnterForm onSubmit={onSubmit} className="space-y-3">
      {children}
    </EnterForm>
  );
}

export function defaultDateIn(period: string): string {
  const today = todayVN();
  const { start, end } = periodBounds(period);
  return today >= start && today <= end ? today : end;
}
