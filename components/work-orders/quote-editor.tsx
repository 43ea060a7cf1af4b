'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { quoteDraftTotal, quoteFormSchema, type QuoteFormInput } from '@/schemas/work-order-forms';
import { fmtMoney } from './work-order-format';

export type QuoteLines = z.output<typeof quoteFormSchema>['lines'];

const CELL = 'w-full rounded border px-1.5 py-1 text-sm';
const EMPTY_LINE = { name: '', unit: '', quantity: '1', unitPrice: '' };

/**
 * The quote of a new connection: one row per material or labour (name, unit, quantity, unit price), the amounts and
 * the total computed as the clerk types; integer đồng only. Pure: the lines go out through `onSave`.
 */
export function QuoteEditor({
  initial,
  busy,
  error,
  onSave,
  pdfHref,
}: {
  initial: readonly { name: string; unit: string; quantity: number; unitPrice: number }[] | null;
  busy: boolean;
  error: string | null;
  onSave: (lines: QuoteLines) => void;
  /** The quote PDF of the saved quote ("In báo giá"); absent until a quote is saved. */
  pdfHref?: string | null;
}) {
  const { register, control, handleSubmit, formState } = useForm<
    QuoteFormInput,
    unknown,
    z.output<typeof quoteFormSchema>
  >({
    resolver: zodResolver(quoteFormSchema),
    defaultValues: {
      lines: initial?.length
        ? initial.map((l) => ({
            name: l.name,
            unit: l.unit,
            quantity: String(l.quantity),
            unitPrice: fmtMoney(l.unitPrice),
          }))
        : [EMPTY_LINE],
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const lines = useWatch({ control, name: 'lines' }) ?? [];
  const total = quoteDraftTotal(lines);
  const submit = () => {
    if (!busy) void handleSubmit((v) => onSave(v.lines))();
  };
  const errors = formState.errors.lines;

  return (
    <form
      noValidate
      data-testid="quote-editor"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS')) {
          e.preventDefault();
          submit();
        }
      }}
      className="space-y-2"
    >
      <table className="w-full text-sm">
        <thead className="text-xs text-slate-500">
          <tr className="text-left">
            <th className="w-8 py-1 font-medium">#</th>
            <th className="py-1 font-medium">Vật tư, công việc</th>
            <th className="w-24 py-1 font-medium">Đơn vị</th>
            <th className="w-24 py-1 text-right font-medium">Số lượng</th>
            <th className="w-36 py-1 text-right font-medium">Đơn giá</th>
            <th className="w-36 py-1 text-right font-medium">Thành tiền</th>
            <th className="w-10 py-1">
              <span className="sr-only">Xóa dòng</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => {
            const e = errors?.[i];
            const line = lines[i];
            const amount = line ? quoteDraftTotal([line]) : 0;
            return (
              <tr key={f.id} data-testid="quote-line" className="align-top">
                <td className="py-1 text-slate-500">{i + 1}</td>
                <td className="py-1 pr-1">
                  <input
                    {...register(`lines.${i}.name`)}
                    aria-label={`Tên dòng ${i + 1}`}
                    aria-invalid={e?.name ? true : undefined}
                    data-testid={`quote-name-${i}`}
                    className={`${CELL} ${e?.name ? 'border-red-500' : 'border-slate-300'}`}
                  />
                  {e?.name && <p className="text-xs text-red-600">{e.name.message}</p>}
                </td>
                <td className="py-1 pr-1">
                  <input
                    {...register(`lines.${i}.unit`)}
                    aria-label={`Đơn vị dòng ${i + 1}`}
                    aria-invalid={e?.unit ? true : undefined}
                    data-testid={`quote-unit-${i}`}
                    className={`${CELL} ${e?.unit ? 'border-red-500' : 'border-slate-300'}`}
                  />
                  {e?.unit && <p className="text-xs text-red-600">{e.unit.message}</p>}
                </td>
                <td className="py-1 pr-1">
                  <input
                    {...register(`lines.${i}.quantity`)}
                    inputMode="numeric"
                    aria-label={`Số lượng dòng ${i + 1}`}
                    aria-invalid={e?.quantity ? true : undefined}
                    data-testid={`quote-quantity-${i}`}
                    className={`${CELL} text-right tabular-nums ${e?.quantity ? 'border-red-500' : 'border-slate-300'}`}
                  />
                  {e?.quantity && <p className="text-xs text-red-600">{e.quantity.message}</p>}
                </td>
                <td className="py-1 pr-1">
                  <input
                    {...register(`lines.${i}.unitPrice`)}
                    inputMode="numeric"
                    aria-label={`Đơn giá dòng ${i + 1}`}
                    aria-invalid={e?.unitPrice ? true : undefined}
                    data-testid={`quote-price-${i}`}
                    className={`${CELL} text-right tabular-nums ${e?.unitPrice ? 'border-red-500' : 'border-slate-300'}`}
                  />
                  {e?.unitPrice && <p className="text-xs text-red-600">{e.unitPrice.message}</p>}
                </td>
                <td className="py-1 pr-1 text-right tabular-nums" data-testid={`quote-amount-${i}`}>
                  {fmtMoney(amount)}
                </td>
                <td className="py-1 text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => remove(i)}
                    disabled={fields.length === 1}
                    aria-label={`Xóa dòng ${i + 1}`}
                    data-testid={`quote-remove-${i}`}
                  >
                    ×
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200">
            <td colSpan={5} className="py-1 text-right font-semibold">
              Tổng cộng
            </td>
            <td className="py-1 pr-1 text-right font-semibold tabular-nums" data-testid="quote-total">
              {fmtMoney(total)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {errors?.root?.message && (
        <p role="alert" className="text-sm text-red-600">
          {errors.root.message}
        </p>
      )}
      {errors?.message && (
        <p role="alert" className="text-sm text-red-600">
          {errors.message}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="quote-error">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => append(EMPTY_LINE)} data-testid="quote-add-line">
          + Thêm dòng
        </Button>
        <span className="flex-1" />
        {pdfHref && (
          <a
            href={pdfHref}
            target="_blank"
            rel="noopener"
            data-testid="quote-pdf"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            In báo giá
          </a>
        )}
        <Button type="submit" variant="primary" disabled={busy} shortcut="Alt+S" data-testid="quote-save">
          {busy ? 'Đang lưu…' : 'Lưu báo giá'}
        </Button>
      </div>
    </form>
  );
}
