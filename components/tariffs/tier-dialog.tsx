'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, TextField } from '@/components/ui/form-field';
import { fmtInt, parseWhole } from '@/components/readings/format';
import { tariffTierFormSchema, type TariffTierFormValues, type TariffTierInput } from '@/schemas/tariff-input';
import { DialogFooter, formErrors, GeneralError } from './dialog-parts';
import { dmy, TIER_UNIT } from './tariff-labels';
import {
  AddTariffTierMutation,
  TARIFF_TYPENAMES,
  UpdateTariffTierMutation,
  type TariffServiceType,
  type TariffTier,
  type TariffVersion,
} from './tariffs.documents';
import { checkVersion, orderTiers } from './validate';

/**
 * Adds (Ctrl+F4) or edits (Ctrl+F2) a price tier of the selected version. The fields are checked with the API's
 * own tier schema (schemas/tariff-input.ts), then the whole tier table with the rate engine's validation.
 */
export function TierDialog({
  serviceType,
  version,
  initial,
  onClose,
  onSaved,
}: {
  serviceType: TariffServiceType;
  version: TariffVersion;
  initial: TariffTier | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { control, handleSubmit, setError, watch, formState } = useForm<TariffTierFormValues, unknown, TariffTierInput>(
    {
      resolver: zodResolver(tariffTierFormSchema),
      defaultValues: {
        upTo: initial?.upTo != null ? String(initial.upTo) : '',
        unlimited: initial ? initial.upTo === null : false,
        unitPrice: initial ? String(initial.unitPrice) : '',
      },
    },
  );
  const [, add] = useMutation(AddTariffTierMutation);
  const [, executeUpdate] = useMutation(UpdateTariffTierMutation);
  const busy = formState.isSubmitting;
  const unit = TIER_UNIT[version.basis];
  const errors = formState.errors;

  const save = async (tier: TariffTierInput) => {
    const others = version.tiers
      .filter((x) => x.id !== initial?.id)
      .map((x) => ({ upTo: x.upTo, unitPrice: x.unitPrice }));
    const check = checkVersion(serviceType.code, version, [...others, tier]);
    if (check) return setError('root', { message: check });
    const result = initial
      ? await executeUpdate({ id: initial.id, input: tier }, TARIFF_TYPENAMES)
      : await add({ versionId: version.id, input: tier }, TARIFF_TYPENAMES);
    if (result.data) return onSaved();
    for (const [field, message] of Object.entries(formErrors(result.error, 'Không lưu được bậc giá.'))) {
      setError(field === 'upTo' || field === 'unitPrice' ? field : 'root', { message });
    }
  };
  const submit = () => void handleSubmit(save)();
  const preview = orderTiers(version.tiers.filter((x) => x.id !== initial?.id));
  const unlimited = watch('unlimited');
  const price = parseWhole(watch('unitPrice'));

  return (
    <Dialog
      open
      size="sm"
      title={initial ? `Sửa bậc ${initial.ordinal}` : 'Thêm bậc giá'}
      description={`${serviceType.code} – bảng giá từ ${dmy(version.effectiveFrom)}`}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={submit}
      data-testid="tier-dialog"
      footer={<DialogFooter busy={busy} onCancel={onClose} formId="tier-form" label="Lưu bậc" />}
    >
      <EnterForm onSubmit={submit} id="tier-form" className="space-y-3">
        <Controller
          control={control}
          name="upTo"
          render={({ field }) => (
            <TextField
              label={`Đến (${unit}, lũy kế)`}
              name={field.name}
              inputMode="numeric"
              value={unlimited ? '' : field.value}
              disabled={unlimited || busy}
              placeholder={unlimited ? 'không giới hạn' : ''}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.upTo?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="unlimited"
          render={({ field }) => (
            <CheckboxField
              label="Không giới hạn (bậc cuối cùng)"
              name={field.name}
              checked={field.value}
              disabled={busy}
              onChange={(e) => field.onChange(e.target.checked)}
              onBlur={field.onBlur}
            />
          )}
        />
        <Controller
          control={control}
          name="unitPrice"
          render={({ field }) => (
            <TextField
              label="Đơn giá (đồng/m3)"
              name={field.name}
              inputMode="numeric"
              value={field.value}
              disabled={busy}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.unitPrice?.message}
              required
              hint={price ? `${fmtInt(price)} đồng/m3` : undefined}
            />
          )}
        />
        {preview.length > 0 && (
          <p className="text-xs text-slate-500">
            Các bậc khác:{' '}
            {preview
              .map((x) => `${x.upTo === null ? 'không giới hạn' : `≤ ${fmtInt(x.upTo)}`}: ${fmtInt(x.unitPrice)}`)
              .join(' · ')}
          </p>
        )}
        <GeneralError errors={errors.root?.message ? { _: errors.root.message } : {}} />
      </EnterForm>
    </Dialog>
  );
}
