'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import type { ApiError } from '@/lib/graphql/errors';
import {
  contractFormSchema,
  handoverFormSchema,
  installFormSchema,
  surveyFormSchema,
} from '@/schemas/work-order-forms';
import { saveAndShowErrors } from './form-errors';
import { StepFormFrame } from './step-form-frame';
import { todayVN } from './work-order-format';

type Save<T> = (values: T) => Promise<ApiError | null>;

export type SurveyValues = z.output<typeof surveyFormSchema>;

/** Step 1: the surveyor's coordinates of the connection point and findings. */
export function SurveyForm({
  initial,
  onSave,
}: {
  initial: { latitude: string | null; longitude: string | null };
  onSave: Save<SurveyValues>;
}) {
  const form = useForm<z.input<typeof surveyFormSchema>, unknown, SurveyValues>({
    resolver: zodResolver(surveyFormSchema),
    defaultValues: { latitude: initial.latitude ?? '', longitude: initial.longitude ?? '', notes: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, onSave, ['latitude', 'longitude', 'notes']);
  return (
    <StepFormFrame
      columns={2}
      onSubmit={submit}
      rootError={e.root?.message}
      busy={formState.isSubmitting}
      saveLabel="Ghi kết quả khảo sát"
      saveTestId="survey-save"
      testId="survey-form"
    >
      <TextField
        label="Vĩ độ"
        {...register('latitude')}
        error={e.latitude?.message}
        inputMode="decimal"
        placeholder="10.776889"
      />
      <TextField
        label="Kinh độ"
        {...register('longitude')}
        error={e.longitude?.message}
        inputMode="decimal"
        placeholder="106.700806"
      />
      <TextAreaField
        label="Kết quả khảo sát"
        required
        className="col-span-2"
        rows={2}
        {...register('notes')}
        error={e.notes?.message}
        maxLength={4000}
      />
    </StepFormFrame>
  );
}

export type ContractValues = z.output<typeof contractFormSchema>;

/** Step 3: the connection contract signed with the applicant. */
export function ContractForm({ onSave }: { onSave: Save<ContractValues> }) {
  const form = useForm<z.input<typeof contractFormSchema>, unknown, ContractValues>({
    resolver: zodResolver(contractFormSchema),
    defaultValues: { contractNumber: '', signedOn: todayVN() },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, onSave, ['contractNumber', 'signedOn']);
  return (
    <StepFormFrame
      columns={2}
      onSubmit={submit}
      rootError={e.root?.message}
      busy={formState.isSubmitting}
      saveLabel="Đã ký hợp đồng"
      saveTestId="contract-save"
      testId="contract-form"
    >
      <TextField
        label="Số hợp đồng"
        required
        {...register('contractNumber')}
        error={e.contractNumber?.message}
        maxLength={40}
      />
      <TextField label="Ngày ký hợp đồng" required type="date" {...register('signedOn')} error={e.signedOn?.message} />
    </StepFormFrame>
  );
}

export type MeterTypeOption = { id: number; code: string; name: string };

/** The new meter's fields, shared by the installation, a replacement and an upgrade. */
export function MeterFields({
  register,
  errors,
  meterTypes,
}: {
  // The parent form's register, typed loosely: the meter lives under `meter.` in every form that uses it.
  register: (name: `meter.${'serial' | 'meterTypeId' | 'initialIndex' | 'installedOn' | 'sealNo'}`) => object;
  errors:
    | Partial<Record<'serial' | 'meterTypeId' | 'initialIndex' | 'installedOn' | 'sealNo', { message?: string }>>
    | undefined;
  meterTypes: readonly MeterTypeOption[];
}) {
  return (
    <>
      <TextField
        label="Số seri đồng hồ"
        required
        {...register('meter.serial')}
        name="meter.serial"
        error={errors?.serial?.message}
        maxLength={32}
      />
      <SelectField
        label="Loại đồng hồ"
        {...register('meter.meterTypeId')}
        name="meter.meterTypeId"
        error={errors?.meterTypeId?.message}
        placeholder="— Chọn —"
        options={meterTypes.map((t) => ({ value: String(t.id), label: `${t.code} – ${t.name}` }))}
      />
      <TextField
        label="Chỉ số đầu"
        required
        {...register('meter.initialIndex')}
        name="meter.initialIndex"
        error={errors?.initialIndex?.message}
        inputMode="numeric"
      />
      <TextField
        label="Ngày lắp"
        required
        type="date"
        {...register('meter.installedOn')}
        name="meter.installedOn"
        error={errors?.installedOn?.message}
      />
      <TextField
        label="Số tem"
        {...register('meter.sealNo')}
        name="meter.sealNo"
        error={errors?.sealNo?.message}
        maxLength={32}
      />
    </>
  );
}

export const EMPTY_METER = { serial: '', meterTypeId: '', initialIndex: '0', installedOn: '', sealNo: '' };

export type InstallValues = z.output<typeof installFormSchema>;

/** Where an API refusal about the new meter lands in a form with MeterFields. */
export const METER_PATHS = [
  'meter.serial',
  'meter.meterTypeId',
  'meter.initialIndex',
  'meter.installedOn',
  'meter.sealNo',
];

/** Step 4: the meter in the ground. */
export function InstallForm({
  meterTypes,
  teams,
  currentTeamId,
  onSave,
}: {
  meterTypes: readonly MeterTypeOption[];
  teams: readonly { id: number; code: string; name: string }[];
  currentTeamId: number | null;
  onSave: Save<InstallValues>;
}) {
  const form = useForm<z.input<typeof installFormSchema>, unknown, InstallValues>({
    resolver: zodResolver(installFormSchema),
    defaultValues: {
      meter: { ...EMPTY_METER, installedOn: todayVN() },
      teamId: currentTeamId ? String(currentTeamId) : '',
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, onSave, [...METER_PATHS, 'teamId']);
  return (
    <StepFormFrame
      columns={3}
      onSubmit={submit}
      rootError={e.root?.message}
      busy={formState.isSubmitting}
      saveLabel="Đã lắp đặt"
      saveTestId="install-save"
      testId="install-form"
    >
      <MeterFields register={register} errors={e.meter} meterTypes={meterTypes} />
      <SelectField
        label="Đội lắp đặt"
        {...register('teamId')}
        error={e.teamId?.message}
        placeholder="— Không đổi —"
        options={teams.map((t) => ({ value: String(t.id), label: `${t.code} – ${t.name}` }))}
      />
    </StepFormFrame>
  );
}

export type HandoverValues = z.output<typeof handoverFormSchema>;

/**
 * Step 5: the handover. The chosen book receives the new customer with the next sequence number; the customer, its
 * meter and contract are created in one transaction by the API.
 */
export function HandoverForm({
  books,
  onSave,
}: {
  books: readonly { id: number; code: string; name: string }[];
  onSave: Save<HandoverValues>;
}) {
  const form = useForm<z.input<typeof handoverFormSchema>, unknown, HandoverValues>({
    resolver: zodResolver(handoverFormSchema),
    defaultValues: { bookId: '', handoverOn: todayVN(), customerType: '0', taxCode: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, onSave, ['bookId', 'handoverOn', 'customerType', 'taxCode']);
  return (
    <StepFormFrame
      columns={2}
      onSubmit={submit}
      rootError={e.root?.message}
      busy={formState.isSubmitting}
      saveLabel="Bàn giao, tạo khách hàng"
      saveTestId="handover-save"
      testId="handover-form"
    >
      <SelectField
        label="Sổ đọc của khách hàng mới"
        required
        {...register('bookId')}
        error={e.bookId?.message}
        placeholder="— Chọn sổ —"
        options={books.map((b) => ({ value: String(b.id), label: `${b.code} – ${b.name}` }))}
      />
      <TextField
        label="Ngày nghiệm thu, bàn giao"
        required
        type="date"
        {...register('handoverOn')}
        error={e.handoverOn?.message}
      />
      <SelectField
        label="Loại khách hàng"
        {...register('customerType')}
        error={e.customerType?.message}
        options={[
          { value: '0', label: 'Cá nhân' },
          { value: '1', label: 'Cơ quan, tổ chức' },
        ]}
      />
      <TextField label="Mã số thuế" {...register('taxCode')} error={e.taxCode?.message} maxLength={14} />
      <p className="col-span-2 text-xs text-slate-500">
        Bàn giao tạo khách hàng, đồng hồ và hợp đồng trong sổ đã chọn, với số thứ tự kế tiếp của sổ.
      </p>
    </StepFormFrame>
  );
}
