'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import { todayVN } from '@/components/readings/format';
import { DialogFooter, formErrors, GeneralError } from './dialog-parts';
import { BASIS_LABELS, dmy, PRORATION_LABELS, TIER_UNIT } from './tariff-labels';
import {
  CreateTariffVersionMutation,
  TARIFF_TYPENAMES,
  UpdateTariffVersionMutation,
  type TariffServiceType,
  type TariffVersion,
} from './tariffs.documents';
import { versionDefaults, versionFormSchema, type VersionFormOutput, type VersionFormValues } from './version-form';

const FIELDS = new Set<string>([
  'effectiveFrom',
  'basis',
  'pricesIncludeVat',
  'vat',
  'prorationMethod',
  'minConsumption',
  'meterSubscription',
  'envFee',
  'drainage',
  'drainageVat',
  'note',
  'tiers',
]);

/** Adds a version (copied from the selected one: new prices from a date) or edits the selected version. */
export function VersionDialog({
  serviceType,
  initial,
  copyFrom,
  onClose,
  onSaved,
}: {
  serviceType: TariffServiceType;
  /** Editing this version (tiers are edited on the tier grid), or null to add one. */
  initial: TariffVersion | null;
  /** Adding: start from this version's fields and tiers (new prices from a date). */
  copyFrom: TariffVersion | null;
  onClose: () => void;
  /** The version saved; `effectiveFrom` for the toast of a new one. */
  onSaved: (version: { id: number; effectiveFrom: string }) => void;
}) {
  const defaultValues = useMemo(() => {
    const base = versionDefaults(
      initial ?? copyFrom,
      serviceType.isDomestic,
      copyFrom?.tiers ?? [{ upTo: null, unitPrice: 0 }],
    );
    return initial ? base : { ...base, effectiveFrom: todayVN(), note: '' };
  }, [initial, copyFrom, serviceType.isDomestic]);
  const resolver = useMemo(
    () =>
      zodResolver(
        versionFormSchema({
          serviceTypeCode: serviceType.code,
          edited: initial,
          takenDates: serviceType.versions.map((v) => v.effectiveFrom),
        }),
      ),
    [serviceType, initial],
  );
  const { control, register, handleSubmit, setError, watch, formState } = useForm<
    VersionFormValues,
    unknown,
    VersionFormOutput
  >({ resolver, defaultValues });
  const tierRows = useFieldArray({ control, name: 'tiers' });
  const errors = formState.errors;
  const [creation, create] = useMutation(CreateTariffVersionMutation);
  const [update, executeUpdate] = useMutation(UpdateTariffVersionMutation);
  const busy = creation.fetching || update.fetching;
  const basis = watch('basis');
  const unit = TIER_UNIT[basis];
  const field = (name: Exclude<keyof VersionFormValues, 'tiers' | 'pricesIncludeVat'>) => ({
    ...register(name),
    error: errors[name]?.message,
  });

  const refused = (error: unknown) => {
    for (const [name, message] of Object.entries(formErrors(error, 'Không lưu được bảng giá.')))
      setError(FIELDS.has(name) ? (name as keyof VersionFormValues) : 'root', { message });
  };
  const save = async ({ fields, tiers }: VersionFormOutput) => {
    if (initial) {
      const result = await executeUpdate({ id: initial.id, input: fields }, TARIFF_TYPENAMES);
      if (!result.data) return refused(result.error);
      onSaved({ id: initial.id, effectiveFrom: fields.effectiveFrom });
    } else {
      const result = await create(
        { input: { serviceTypeId: serviceType.id, ...fields, tiers: tiers ?? [] } },
        TARIFF_TYPENAMES,
      );
      if (!result.data) return refused(result.error);
      onSaved(result.data.createTariffVersion);
    }
  };
  const submit = () => {
    if (!busy && !formState.isSubmitting) void handleSubmit(save)();
  };
  const tiersError = errors.tiers?.message ?? errors.tiers?.root?.message;

  return (
    <Dialog
      open
      size="lg"
      title={
        initial
          ? `Sửa bảng giá ${serviceType.code} từ ${dmy(initial.effectiveFrom)}`
          : `Thêm bảng giá cho ${serviceType.code}`
      }
      description={serviceType.name}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={submit}
      data-testid="version-dialog"
      footer={<DialogFooter busy={busy} onCancel={onClose} formId="version-form" label="Lưu bảng giá" />}
    >
      <EnterForm onSubmit={submit} id="version-form" className="space-y-3">
        {initial?.isInUse && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Bảng giá đã dùng cho hóa đơn. Hóa đơn nháp sẽ được tính lại theo giá mới; nếu đã có hóa đơn phát hành thì
            không sửa được — hãy thêm bảng giá mới có hiệu lực từ ngày khác.
          </p>
        )}
        <div className="grid grid-cols-3 gap-3">
          <TextField label="Hiệu lực từ ngày" {...field('effectiveFrom')} type="date" required />
          <SelectField
            label="Cách tính định mức"
            {...field('basis')}
            options={Object.entries(BASIS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            label="Đổi giá trong kỳ"
            {...field('prorationMethod')}
            options={Object.entries(PRORATION_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <TextField label="Thuế GTGT (%)" {...field('vat')} inputMode="decimal" />
          <TextField
            label="Phí BVMT nước thải (%)"
            {...field('envFee')}
            inputMode="decimal"
            hint="Trên tiền nước trước thuế; 0 nếu thu giá thoát nước"
          />
          <CheckboxField label="Đơn giá đã gồm thuế GTGT" {...register('pricesIncludeVat')} className="self-center" />
          <TextField label="Giá dịch vụ thoát nước (%)" {...field('drainage')} inputMode="decimal" />
          <TextField label="Thuế GTGT thoát nước (%)" {...field('drainageVat')} inputMode="decimal" />
          <div />
          <TextField
            label="Tiêu thụ tối thiểu (m3/kỳ)"
            {...field('minConsumption')}
            inputMode="numeric"
            hint="Để trống: không áp dụng"
          />
          <TextField
            label="Phí thuê bao đồng hồ (đồng/kỳ)"
            {...field('meterSubscription')}
            inputMode="numeric"
            hint="Để trống: không áp dụng"
          />
          <div />
          <TextAreaField label="Ghi chú (căn cứ quyết định giá…)" {...field('note')} rows={2} className="col-span-3" />
        </div>

        {!initial && (
          <section aria-label="Bậc giá" className="rounded-md border border-slate-200">
            <div className="flex items-center justify-between border-b border-slate-200 bg-slate-50 px-3 py-1.5">
              <h3 className="text-sm font-semibold text-slate-700">
                Bậc giá {copyFrom ? '(chép từ bảng giá đang chọn)' : ''}
              </h3>
              <Button
                size="sm"
                // A new tier goes before the last one, which stays the unlimited tier.
                onClick={() => tierRows.insert(Math.max(0, tierRows.fields.length - 1), { upTo: '', unitPrice: '' })}
                disabled={basis === 'flat' || tierRows.fields.length >= 20}
                data-testid="version-add-tier"
              >
                + Thêm bậc
              </Button>
            </div>
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="px-3 py-1">Bậc</th>
                  <th className="px-3 py-1">Đến ({unit})</th>
                  <th className="px-3 py-1">Đơn giá (đồng/m3)</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tierRows.fields.map((x, i) => {
                  const last = i === tierRows.fields.length - 1;
                  return (
                    <tr key={x.id} className="border-t border-slate-100">
                      <td className="px-3 py-1 tabular-nums">{i + 1}</td>
                      <td className="px-3 py-1">
                        {last ? (
                          <span className="text-slate-500">không giới hạn</span>
                        ) : (
                          <input
                            inputMode="numeric"
                            aria-label={`Giới hạn bậc ${i + 1}`}
                            {...register(`tiers.${i}.upTo`)}
                            className="w-28 rounded border border-slate-300 px-2 py-1 text-right tabular-nums"
                          />
                        )}
                      </td>
                      <td className="px-3 py-1">
                        <input
                          inputMode="numeric"
                          aria-label={`Đơn giá bậc ${i + 1}`}
                          {...register(`tiers.${i}.unitPrice`)}
                          className="w-32 rounded border border-slate-300 px-2 py-1 text-right tabular-nums"
                        />
                      </td>
                      <td className="px-3 py-1 text-right">
                        {tierRows.fields.length > 1 && !last && (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => tierRows.remove(i)}
                            aria-label={`Xóa bậc ${i + 1}`}
                          >
                            Xóa
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {tiersError && (
              <p
                role="alert"
                className="border-t border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800"
                data-testid="tiers-error"
              >
                {tiersError}
              </p>
            )}
          </section>
        )}
        <GeneralError errors={errors.root?.message ? { _: errors.root.message } : {}} />
      </EnterForm>
    </Dialog>
  );
}
