'use client';

/** The pieces every declaration form is made of: the form shell (react-hook-form + zod), its footer, the list under it. */
import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type SubmitHandler,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import {
  EnterForm,
  TextAreaField,
  TextField,
  type TextAreaFieldProps,
  type TextFieldProps,
} from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { periodBounds } from '@/domain/reading/period';
import { ADJUSTMENT_TYPENAMES, SUSPENSION_TYPENAMES, type SheetRow } from './readings.documents';
import { formErrorsOf } from './use-reading-mutations';
import { todayVN } from './format';

type Errors = Record<string, string>;

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
function FormFooter({
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

/** What a declaration form's fields and its shell are bound to. */
export interface DeclarationForm<V extends FieldValues, O> {
  form: UseFormReturn<V, unknown, O>;
  /** Field name → message; `_` is the line above the button (the server's error about no field). */
  errors: Errors;
  busy: boolean;
  /** Read-only (period locked, no right): every field and the button are disabled. */
  disabled: boolean;
  submit: () => void;
  /** The value binding, ref (the first wrong field gets the cursor), error and disabled state of one field. */
  bind: (name: Path<V>) => ReturnType<UseFormReturn<V>['register']> & { error: string | undefined; disabled: boolean };
}

/**
 * A declaration form: its fields checked by `schema` (text → the API's input) before anything is sent, then
 * `save`; a refusal of the server lands under the field it names, or above the button.
 */
export function useDeclarationForm<V extends FieldValues, O>({
  schema,
  defaultValues,
  fallback,
  disabled,
  save,
}: {
  schema: z.ZodType<O, V>;
  defaultValues: DefaultValues<V>;
  fallback: string;
  disabled: boolean;
  save: (value: O, form: UseFormReturn<V, unknown, O>) => Promise<void>;
}): DeclarationForm<V, O> {
  const form = useForm<V, unknown, O>({ resolver: zodResolver(schema), defaultValues });
  const errors: Errors = {};
  for (const [name, error] of Object.entries(form.formState.errors)) {
    const message = (error as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string' && message) errors[name === 'root' ? '_' : name] = message;
  }
  const onValid: SubmitHandler<O> = async (value) => {
    try {
      await save(value, form);
    } catch (e) {
      for (const [name, message] of Object.entries(formErrorsOf(e, fallback)))
        form.setError(name === '_' ? 'root' : (name as Path<V>), { message });
    }
  };
  return {
    form,
    errors,
    busy: form.formState.isSubmitting,
    disabled,
    submit: () => void form.handleSubmit(onValid)(),
    bind: (name) => ({ ...form.register(name), error: errors[name], disabled }),
  };
}

/** The shell of every declaration form: Enter moves to the next field, then the error line and the submit button. */
export function DeclarationFormShell<V extends FieldValues, O>({
  form,
  label,
  children,
}: {
  form: DeclarationForm<V, O>;
  label: string;
  children: ReactNode;
}) {
  return (
    <EnterForm onSubmit={form.submit} className="space-y-3">
      {children}
      <FormFooter errors={form.errors} busy={form.busy} label={label} disabled={form.disabled} />
    </EnterForm>
  );
}

/** A period typed as month/year. */
export function PeriodField(props: TextFieldProps) {
  return <TextField placeholder="tt/nnnn" {...props} />;
}

/** The reason every declaration asks for. */
export function ReasonField(props: Omit<TextAreaFieldProps, 'label'>) {
  return <TextAreaField label="Lý do" rows={2} required {...props} />;
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

export function defaultDateIn(period: string): string {
  const today = todayVN();
  const { start, end } = periodBounds(period);
  return today >= start && today <= end ? today : end;
}
