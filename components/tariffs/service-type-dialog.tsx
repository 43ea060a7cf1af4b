'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, SelectField, TextField } from '@/components/ui/form-field';
import { serviceTypeFormSchema, type ServiceTypeFormValues } from '@/schemas/tariff-input';
import { DialogFooter, formErrors, GeneralError } from './dialog-parts';
import { UTILITY_LABELS } from './tariff-labels';
import {
  CreateServiceTypeMutation,
  TARIFF_TYPENAMES,
  UpdateServiceTypeMutation,
  type ServiceTypeInput,
  type TariffServiceType,
} from './tariffs.documents';

const FIELDS = new Set<string>(['code', 'name', 'utility', 'isDomestic']);

/** Adds (F4) or edits (F2) a service type. */
export function ServiceTypeDialog({
  initial,
  onClose,
  onSaved,
}: {
  initial: TariffServiceType | null;
  onClose: () => void;
  onSaved: (id: number, input: ServiceTypeInput) => void;
}) {
  const { control, register, handleSubmit, setError, formState } = useForm<
    ServiceTypeFormValues,
    unknown,
    z.output<typeof serviceTypeFormSchema>
  >({
    resolver: zodResolver(serviceTypeFormSchema),
    defaultValues: {
      code: initial?.code ?? '',
      name: initial?.name ?? '',
      utility: initial?.utility ?? 'water',
      isDomestic: initial ? initial.isDomestic : true,
    },
  });
  const errors = formState.errors;
  const [creation, create] = useMutation(CreateServiceTypeMutation);
  const [update, executeUpdate] = useMutation(UpdateServiceTypeMutation);
  const busy = creation.fetching || update.fetching;

  const save = async (input: ServiceTypeInput) => {
    const result = initial
      ? await executeUpdate({ id: initial.id, input }, TARIFF_TYPENAMES)
      : await create({ input }, TARIFF_TYPENAMES);
    const id =
      result.data &&
      ('createServiceType' in result.data ? result.data.createServiceType.id : result.data.updateServiceType.id);
    if (id === undefined) {
      for (const [field, message] of Object.entries(formErrors(result.error, 'Không lưu được loại dịch vụ.')))
        setError(FIELDS.has(field) ? (field as keyof ServiceTypeFormValues) : 'root', { message });
      return;
    }
    onSaved(id, input);
  };
  const submit = () => {
    if (!busy && !formState.isSubmitting) void handleSubmit(save)();
  };

  return (
    <Dialog
      open
      title={initial ? `Sửa loại dịch vụ ${initial.code}` : 'Thêm loại dịch vụ'}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={submit}
      data-testid="service-type-dialog"
      footer={<DialogFooter busy={busy} onCancel={onClose} formId="service-type-form" label="Lưu" />}
    >
      <EnterForm onSubmit={submit} id="service-type-form" className="grid grid-cols-2 gap-3">
        <Controller
          control={control}
          name="code"
          render={({ field }) => (
            <TextField
              label="Mã"
              {...field}
              onChange={(e) => field.onChange(e.target.value.toUpperCase())}
              error={errors.code?.message}
              required
              maxLength={24}
            />
          )}
        />
        <SelectField
          label="Ngành"
          {...register('utility')}
          options={Object.entries(UTILITY_LABELS).map(([value, label]) => ({ value, label }))}
          error={errors.utility?.message}
        />
        <TextField
          label="Tên loại dịch vụ"
          {...register('name')}
          error={errors.name?.message}
          required
          className="col-span-2"
        />
        <CheckboxField
          label="Sinh hoạt (hộ gia đình: được miễn phí BVMT ở xã nông thôn, bậc thang theo hộ hoặc nhân khẩu)"
          {...register('isDomestic')}
          className="col-span-2"
        />
        <div className="col-span-2">
          <GeneralError errors={errors.root?.message ? { _: errors.root.message } : {}} />
        </div>
      </EnterForm>
    </Dialog>
  );
}
