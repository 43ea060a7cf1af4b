'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EnterForm, SelectField, TextField } from '@/components/ui/form-field';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { apiError, type ApiError } from '@/lib/graphql/errors';
import type { CatalogColumn, CatalogRow, CatalogValue, RefOption } from './catalog-columns';
import { catalogTypenames, type CatalogDocuments, type CatalogInfo } from './catalog-documents';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export interface CatalogFormProps {
  info: CatalogInfo;
  /** Writable columns only. */
  columns: readonly CatalogColumn[];
  /** The row being edited; `null` adds a new one. */
  row: CatalogRow | null;
  documents: Pick<CatalogDocuments, 'create' | 'update'>;
  refOptions: ReadonlyMap<string, readonly RefOption[]>;
  /** Referenced catalog → why its select is empty or incomplete. */
  refProblems: ReadonlyMap<string, string>;
  onSaved: (id: number) => void;
  onCancel: () => void;
}

type Values = Record<string, string>;
type Errors = Record<string, string>;

const initialValues = (columns: readonly CatalogColumn[], row: CatalogRow | null): Values =>
  Object.fromEntries(
    columns.map((c) => [c.name, row?.[c.name] === null || row?.[c.name] === undefined ? '' : String(row[c.name])]),
  );

/**
 * The form's schema, built from the catalog's column descriptions: it checks the typed text like the server
 * would (required, integers in range, real dates) and gives the mutation input; issues carry the column names.
 */
function catalogFormSchema(columns: readonly CatalogColumn[]) {
  return z.object(Object.fromEntries(columns.map((c) => [c.name, z.string()]))).transform((values, ctx) => {
    const input: Record<string, CatalogValue> = {};
    const refuse = (c: CatalogColumn, message: string) => ctx.addIssue({ code: 'custom', path: [c.name], message });
    for (const c of columns) {
      const raw = (values[c.name] ?? '').trim();
      const isSelect = c.kind === 'ref' || c.options.length > 0;
      if (!raw) {
        if (c.required) refuse(c, isSelect ? `Chưa chọn ${c.label.toLowerCase()}.` : `${c.label} là bắt buộc.`);
        input[c.name] = null;
        continue;
      }
      if (c.kind === 'int' || c.kind === 'ref') {
        if (!/^-?\d+$/.test(raw)) {
          refuse(c, `${c.label} phải là số nguyên.`);
          continue;
        }
        const n = Number(raw);
        if (n < INT_MIN || n > INT_MAX) {
          refuse(c, `${c.label} quá lớn.`);
          continue;
        }
        input[c.name] = n;
      } else if (c.kind === 'date') {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
        const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
        if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
          refuse(c, `${c.label} không phải là ngày hợp lệ.`);
          continue;
        }
        input[c.name] = raw;
      } else {
        input[c.name] = raw;
      }
    }
    return input;
  });
}

/** Which field a server error points at: `field` of an AppError, or the path of a validation issue. */
function serverFieldErrors(error: ApiError, names: ReadonlySet<string>): Errors {
  const out: Errors = {};
  const strip = (p: string) => p.replace(/^input\./, '').split('.')[0] ?? '';
  if (error.field && names.has(strip(error.field))) out[strip(error.field)] = error.message;
  for (const issue of error.issues ?? []) {
    const f = strip(issue.path);
    if (names.has(f) && !out[f]) out[f] = issue.message;
  }
  return out;
}

/** The add / edit form of a catalog row, generated from the catalog's columns. Alt+S saves; Escape or F3 cancels. */
export function CatalogForm({
  info,
  columns,
  row,
  documents,
  refOptions,
  refProblems,
  onSaved,
  onCancel,
}: CatalogFormProps) {
  const resolver = useMemo(() => zodResolver(catalogFormSchema(columns)), [columns]);
  const { register, handleSubmit, setError, formState } = useForm<Values, unknown, Record<string, CatalogValue>>({
    resolver,
    defaultValues: initialValues(columns, row),
  });
  const errors = formState.errors;
  const formError = errors.root?.server?.message ?? null;
  const [creation, create] = useMutation(documents.create);
  const [update, executeUpdate] = useMutation(documents.update);
  // Not `isSubmitting`: the fields would be disabled while the resolver looks for the first wrong one to focus.
  const busy = creation.fetching || update.fetching;
  const isEdit = row !== null;

  const cancel = () => {
    if (!busy) onCancel();
  };

  // The resolver marks the wrong fields and puts the cursor in the first, so the clerk can fix it at once.
  const save = handleSubmit(async (input) => {
    // An empty list holds no row whose type a mutation could name, so the page type is invalidated as well.
    const context = { additionalTypenames: catalogTypenames(info) };
    const result = isEdit ? await executeUpdate({ id: row.id, input }, context) : await create({ input }, context);
    if (result.data) {
      onSaved(result.data.row.id);
      return;
    }
    const error = apiError(result.error, 'Không lưu được, vui lòng thử lại.');
    const byField = serverFieldErrors(error, new Set(columns.map((c) => c.name)));
    for (const [name, message] of Object.entries(byField)) setError(name, { message });
    if (Object.keys(byField).length === 0) setError('root.server', { message: error.message });
  });
  const submit = () => {
    if (!busy && !formState.isSubmitting) void save();
  };

  // F3 cancels while editing (the screen's F3 = delete is paused under the dialog).
  useHotkeys({ F3: cancel }, true, { whenModalOpen: true });

  return (
    <Dialog
      open
      title={`${isEdit ? 'Sửa' : 'Thêm'} ${info.label.toLowerCase()}`}
      description={isEdit ? `Mã ${String(row.code ?? row.id)}` : undefined}
      onClose={cancel}
      onSave={submit}
      closeOnBackdrop={false}
      size="md"
      data-testid="catalog-form"
      footer={
        <>
          <Button onClick={cancel} disabled={busy} shortcut="Esc" data-testid="form-cancel">
            Hủy
          </Button>
          <Button variant="primary" onClick={submit} disabled={busy} shortcut="Alt+S" data-testid="form-save">
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <EnterForm onSubmit={submit} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {formError && (
          <p
            role="alert"
            data-testid="form-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2"
          >
            {formError}
          </p>
        )}
        {columns.map((c) => {
          const common = {
            ...register(c.name),
            label: c.label,
            required: c.required,
            error: errors[c.name]?.message || null,
            disabled: busy,
          };
          if (c.kind === 'ref' || c.options.length > 0) {
            const refList = c.ref ? refOptions.get(c.ref) : undefined;
            const options =
              c.options.length > 0
                ? c.options
                : (refList ?? []).map((r) => ({ value: String(r.id), label: `${r.code} – ${r.name}` }));
            const problem = c.ref ? refProblems.get(c.ref) : undefined;
            const loading = c.kind === 'ref' && !refList && !problem;
            const placeholder = loading
              ? 'Đang tải…'
              : c.required
                ? '— Chọn —'
                : c.nullable
                  ? '(để trống)'
                  : '(mặc định)';
            return <SelectField key={c.name} {...common} options={options} placeholder={placeholder} hint={problem} />;
          }
          return (
            <TextField
              key={c.name}
              {...common}
              type={c.kind === 'date' ? 'date' : 'text'}
              inputMode={c.kind === 'int' ? 'numeric' : undefined}
              autoComplete="off"
              hint={!c.required && !c.nullable && c.kind === 'int' ? 'Để trống: giữ giá trị mặc định.' : undefined}
            />
          );
        })}
      </EnterForm>
    </Dialog>
  );
}
