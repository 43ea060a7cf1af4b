'use client';

import {
  useId,
  type FormHTMLAttributes,
  type Ref,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

const CONTROL =
  'w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 disabled:bg-slate-50 disabled:text-slate-700 read-only:bg-slate-50';
const ok = 'border-slate-300 focus:border-brand-500';
const bad = 'border-red-500 bg-red-50/40';

/** Ids handed to a custom control inside `<FormField>` so the label and error text are linked. */
interface FieldIds {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** Props shared by every field: Vietnamese `label`, inline `error` (red, role=alert), `hint`, `required` star. */
interface FieldChrome {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  /** Extra classes for the outer wrapper (e.g. grid column span). */
  className?: string;
}

/** Props of `<FormField>`: generic label + control + error wrapper; `children` may be a function receiving ids. */
export interface FormFieldProps extends FieldChrome {
  /** Used for `data-testid="error-<name>"` on the error text. */
  name?: string;
  children: ReactNode | ((ids: FieldIds) => ReactNode);
}

/** Label + any control + inline error text. */
export function FormField({ label, error, hint, required, className = '', name, children }: FormFieldProps) {
  const id = useId();
  const msgId = `${id}-msg`;
  const ids: FieldIds = {
    id,
    'aria-describedby': error || hint ? msgId : undefined,
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {typeof children === 'function' ? children(ids) : children}
      {error ? (
        <p id={msgId} role="alert" data-testid={name ? `error-${name}` : undefined} className="text-xs text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={msgId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Props of `<TextField>`: a labelled `<input>`; every native input prop passes through; `name` also sets `data-testid="field-<name>"`. */
export interface TextFieldProps extends FieldChrome, Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> {
  name: string;
  inputClassName?: string;
  /** The `<input>` (React 19 passes `ref` as a prop): react-hook-form's `register()` focuses a field with an error through it. */
  ref?: Ref<HTMLInputElement>;
}

/** Labelled text/number/date input with inline error. */
export function TextField({
  label,
  error,
  hint,
  required,
  className,
  inputClassName = '',
  name,
  ...input
}: TextFieldProps) {
  return (
    <FormField label={label} error={error} hint={hint} required={required} className={className} name={name}>
      {(ids) => (
        <input
          {...ids}
          name={name}
          required={required}
          data-testid={`field-${name}`}
          className={`${CONTROL} ${error ? bad : ok} ${inputClassName}`}
          {...input}
        />
      )}
    </FormField>
  );
}

/** Props of `<TextAreaField>`: a labelled `<textarea>`. */
export interface TextAreaFieldProps
  extends FieldChrome, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> {
  name: string;
}

/** Labelled multi-line input with inline error. */
export function TextAreaField({ label, error, hint, required, className, name, ...input }: TextAreaFieldProps) {
  return (
    <FormField label={label} error={error} hint={hint} required={required} className={className} name={name}>
      {(ids) => (
        <textarea
          {...ids}
          name={name}
          data-testid={`field-${name}`}
          className={`${CONTROL} ${error ? bad : ok}`}
          {...input}
        />
      )}
    </FormField>
  );
}

/** One `<option>` of a `<SelectField>`. */
export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** Props of `<SelectField>`: `options` plus an optional empty first choice `placeholder` (value ""). */
export interface SelectFieldProps extends FieldChrome, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> {
  name: string;
  options: readonly SelectOption[];
  placeholder?: string;
}

/** Labelled `<select>` with inline error. */
export function SelectField({
  label,
  error,
  hint,
  required,
  className,
  name,
  options,
  placeholder,
  ...select
}: SelectFieldProps) {
  return (
    <FormField label={label} error={error} hint={hint} required={required} className={className} name={name}>
      {(ids) => (
        <select
          {...ids}
          name={name}
          data-testid={`field-${name}`}
          className={`${CONTROL} ${error ? bad : ok}`}
          {...select}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** Props of `<CheckboxField>`: label to the right of the box. */
export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'type'> {
  name: string;
  /** The checkbox `<input>` (see TextFieldProps.ref). */
  ref?: Ref<HTMLInputElement>;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
}

/** Labelled checkbox with inline error. */
export function CheckboxField({ label, error, hint, className = '', name, ...input }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="inline-flex items-center gap-2 text-sm text-slate-700">
        <input
          id={id}
          type="checkbox"
          name={name}
          aria-invalid={error ? true : undefined}
          data-testid={`field-${name}`}
          className="h-4 w-4 rounded border-slate-300 accent-brand-600"
          {...input}
        />
        {label}
      </label>
      {error ? (
        <p role="alert" data-testid={`error-${name}`} className="text-xs text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

/**
 * `onKeyDown` handler for a form: Enter in an input/select moves focus to the next field (like the desktop
 * product) instead of submitting. Textareas, buttons and Ctrl+Enter keep their normal behaviour.
 */
export function enterMovesFocus(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return;
  const t = e.target as HTMLElement;
  if (!(t instanceof HTMLInputElement || t instanceof HTMLSelectElement)) return;
  if (t instanceof HTMLInputElement && (t.type === 'submit' || t.type === 'button' || t.type === 'file')) return;
  const scope = e.currentTarget;
  const items = Array.from(
    scope.querySelectorAll<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]):not([readonly]), select:not([disabled]), textarea:not([disabled])',
    ),
  ).filter((el) => el.offsetParent !== null);
  const i = items.indexOf(t);
  if (i < 0) return;
  e.preventDefault();
  const next = items[e.shiftKey ? i - 1 : i + 1];
  next?.focus();
  if (next instanceof HTMLInputElement && next.type !== 'checkbox') next.select();
}

export interface EnterFormProps extends Omit<
  FormHTMLAttributes<HTMLFormElement>,
  'onSubmit' | 'onKeyDown' | 'noValidate'
> {
  /** Called on submit (the browser's own submission and validation are off). */
  onSubmit: () => void;
}

/** A form that never posts: Enter moves focus to the next field (`enterMovesFocus`), submitting calls `onSubmit`. */
export function EnterForm({ onSubmit, children, ...form }: EnterFormProps) {
  return (
    <form
      noValidate
      onKeyDown={enterMovesFocus}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      {...form}
    >
      {children}
    </form>
  );
}
