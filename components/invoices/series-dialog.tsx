'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { fieldBinder } from '@/components/customers/tab-form';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, TextField, enterMovesFocus } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { invoiceSymbolProblem, templateSymbolProblem } from '@/domain/invoices/series';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import {
  CreateInvoiceSeriesMutation,
  InvoiceSeriesFragment,
  SERIES_TYPENAMES,
  UpdateInvoiceSeriesMutation,
  type InvoiceSeriesRow,
} from './invoices.documents';

/** The symbol rules of domain/invoices/series.ts, checked in the browser with the server's own messages. */
const seriesFormSchema = z
  .object({
    templateSymbol: z.string().trim(),
    invoiceSymbol: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase()),
    isDefault: z.boolean(),
    active: z.boolean(),
    note: z
      .string()
      .trim()
      .max(500, 'Ghi chú dài quá 500 ký tự.')
      .transform((s) => (s === '' ? null : s)),
  })
  .superRefine((v, ctx) => {
    const template = templateSymbolProblem(v.templateSymbol);
    if (template) ctx.addIssue({ code: 'custom', path: ['templateSymbol'], message: template });
    const symbol = invoiceSymbolProblem(v.invoiceSymbol);
    if (symbol) ctx.addIssue({ code: 'custom', path: ['invoiceSymbol'], message: symbol });
  });
type SeriesForm = z.input<typeof seriesFormSchema>;
type SeriesOutput = z.output<typeof seriesFormSchema>;

const FIELDS = new Set(['templateSymbol', 'invoiceSymbol', 'isDefault', 'active', 'note']);

/** Add (F4) or edit (F2) an invoice series. A series with issued numbers keeps its symbols (the server refuses). */
export function SeriesDialog({
  series,
  onClose,
  onSaved,
}: {
  /** null: a new series. */
  series: InvoiceSeriesRow | null;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const toast = useToast();
  const inUse = !!series && series.lastNumber > 0;
  const { register, handleSubmit, setError, formState } = useForm<SeriesForm, unknown, SeriesOutput>({
    resolver: zodResolver(seriesFormSchema),
    defaultValues: {
      templateSymbol: series?.templateSymbol ?? '1',
      invoiceSymbol: series?.invoiceSymbol ?? '',
      isDefault: series?.isDefault ?? true,
      active: series?.active ?? true,
      note: series?.note ?? '',
    },
  });
  const [createState, create] = useMutation(CreateInvoiceSeriesMutation);
  const [updateState, update] = useMutation(UpdateInvoiceSeriesMutation);
  const busy = createState.fetching || updateState.fetching || formState.isSubmitting;
  const field = fieldBinder(register, formState.errors);

  async function save(input: SeriesOutput) {
    const result = series
      ? await update({ id: series.id, input }, SERIES_TYPENAMES)
      : await create({ input }, SERIES_TYPENAMES);
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không lưu được ký hiệu hóa đơn.');
      let placed = false;
      for (const i of e.issues ?? []) {
        const name = i.path.split('.').pop() ?? '';
        if (FIELDS.has(name)) {
          setError(name as keyof SeriesForm, { message: i.message });
          placed = true;
        }
      }
      if (!placed) setError('root', { message: e.message });
      return;
    }
    const saved = readFragment(
      InvoiceSeriesFragment,
      'createInvoiceSeries' in result.data ? result.data.createInvoiceSeries : result.data.updateInvoiceSeries,
    );
    toast.success(`Đã lưu ký hiệu ${saved.series}.`);
    onSaved(saved.id);
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const formError = formState.errors.root?.message;

  return (
    <Dialog
      open
      title={series ? `Sửa ký hiệu ${series.series}` : 'Thêm ký hiệu hóa đơn'}
      onClose={onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid="series-dialog"
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={submit} disabled={busy} shortcut="Alt+S" data-testid="series-save">
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <div onKeyDown={enterMovesFocus} className="space-y-3">
        {formError && (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
            data-testid="series-form-error"
          >
            {formError}
          </p>
        )}
        <div className="grid grid-cols-[8rem_1fr] gap-3">
          <TextField
            label="Mẫu số"
            name="templateSymbol"
            required
            maxLength={1}
            inputMode="numeric"
            readOnly={inUse}
            hint="1: hóa đơn GTGT"
            {...field('templateSymbol')}
          />
          <TextField
            label="Ký hiệu"
            name="invoiceSymbol"
            required
            maxLength={6}
            readOnly={inUse}
            inputClassName="uppercase"
            hint={
              inUse
                ? 'Ký hiệu đã có hóa đơn phát hành nên không đổi được.'
                : 'C/K + 2 số cuối của năm + loại (T) + 2 chữ cái, ví dụ C26TAA.'
            }
            {...field('invoiceSymbol')}
          />
        </div>
        <div className="flex gap-6">
          <CheckboxField label="Mặc định của năm" {...register('isDefault')} />
          <CheckboxField label="Đang dùng" {...register('active')} />
        </div>
        <TextField label="Ghi chú" name="note" maxLength={500} {...field('note')} />
      </div>
    </Dialog>
  );
}
