'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { ComponentProps } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import type { ApiError } from '@/lib/graphql/errors';
import {
  nameChangeFormSchema,
  relocationFormSchema,
  replacementFormSchema,
  resolutionFormSchema,
} from '@/schemas/work-order-forms';
import { saveAndShowErrors } from './form-errors';
import { StepFormFrame } from './step-form-frame';
import { EMPTY_METER, METER_PATHS, MeterFields, type MeterTypeOption } from './step-forms';
import { todayVN } from './work-order-format';

/** What "Hoàn thành" sends, by the kind of request. */
export type Completion =
  | { kind: 'relocation'; values: z.output<typeof relocationFormSchema> }
  | { kind: 'replacement'; values: z.output<typeof replacementFormSchema> }
  | { kind: 'nameChange'; values: z.output<typeof nameChangeFormSchema> }
  | { kind: 'resolution'; values: z.output<typeof resolutionFormSchema> };

export type CompletionKind = Completion['kind'];

/** Which completion a kind asks for: its changes go through the same services as the customer screen. */
function completionKindOf(kind: string): CompletionKind {
  if (kind === 'RELOCATION') return 'relocation';
  if (kind === 'METER_REPLACEMENT' || kind === 'UPGRADE') return 'replacement';
  if (kind === 'NAME_CHANGE') return 'nameChange';
  return 'resolution';
}

type Save = (c: Completion) => Promise<ApiError | null>;

/** Every completion saves with the same "Hoàn thành". */
function CompletionFrame(props: Omit<ComponentProps<typeof StepFormFrame>, 'saveLabel' | 'saveTestId'>) {
  return <StepFormFrame {...props} saveLabel="Hoàn thành" saveTestId="complete-save" />;
}

/** The outcome every completion records. */
function ResolutionField(props: Omit<ComponentProps<typeof TextAreaField>, 'label'>) {
  return <TextAreaField label="Kết quả xử lý" required rows={2} {...props} />;
}

export interface CompletionFormProps {
  kind: string;
  /** What the applicant asked for (the intake's details), to start from. */
  details: Record<string, unknown>;
  wards: readonly { id: number; name: string; district: string }[];
  meterTypes: readonly MeterTypeOption[];
  onSave: Save;
}

/** The form that closes a request, per kind (relocation, replacement or upgrade, name change, any other). */
export function CompletionForm(p: CompletionFormProps) {
  const which = completionKindOf(p.kind);
  return (
    <div data-testid="completion-form" data-completion={which}>
      {which === 'relocation' && <RelocationForm {...p} />}
      {which === 'replacement' && <ReplacementForm {...p} />}
      {which === 'nameChange' && <NameChangeForm {...p} />}
      {which === 'resolution' && <ResolutionForm {...p} />}
    </div>
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function RelocationForm({ details, wards, onSave }: CompletionFormProps) {
  const form = useForm<z.input<typeof relocationFormSchema>, unknown, z.output<typeof relocationFormSchema>>({
    resolver: zodResolver(relocationFormSchema),
    defaultValues: {
      address: str(details.newAddress),
      wardId: str(details.newWardId),
      latitude: str(details.newLatitude),
      longitude: str(details.newLongitude),
      resolution: '',
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, (values) => onSave({ kind: 'relocation', values }), [
    'address',
    'wardId',
    'latitude',
    'longitude',
    'resolution',
  ]);
  return (
    <CompletionFrame columns={2} onSubmit={submit} rootError={e.root?.message} busy={formState.isSubmitting}>
      <TextField
        label="Địa chỉ mới"
        required
        className="col-span-2"
        {...register('address')}
        error={e.address?.message}
        maxLength={300}
      />
      <SelectField
        label="Phường – xã mới"
        required
        {...register('wardId')}
        error={e.wardId?.message}
        placeholder="— Chọn phường – xã —"
        options={wards.map((w) => ({ value: String(w.id), label: `${w.name} (${w.district})` }))}
      />
      <span />
      <TextField label="Vĩ độ mới" {...register('latitude')} error={e.latitude?.message} inputMode="decimal" />
      <TextField label="Kinh độ mới" {...register('longitude')} error={e.longitude?.message} inputMode="decimal" />
      <ResolutionField className="col-span-2" {...register('resolution')} error={e.resolution?.message} />
    </CompletionFrame>
  );
}

function ReplacementForm({ meterTypes, onSave }: CompletionFormProps) {
  const form = useForm<z.input<typeof replacementFormSchema>, unknown, z.output<typeof replacementFormSchema>>({
    resolver: zodResolver(replacementFormSchema),
    defaultValues: {
      finalIndex: '',
      removedOn: todayVN(),
      meter: { ...EMPTY_METER, installedOn: todayVN() },
      resolution: '',
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, (values) => onSave({ kind: 'replacement', values }), [
    'finalIndex',
    'removedOn',
    ...METER_PATHS,
    'resolution',
  ]);
  return (
    <CompletionFrame columns={3} onSubmit={submit} rootError={e.root?.message} busy={formState.isSubmitting}>
      <TextField
        label="Chỉ số cuối đồng hồ cũ"
        required
        {...register('finalIndex')}
        error={e.finalIndex?.message}
        inputMode="numeric"
      />
      <TextField label="Ngày tháo" required type="date" {...register('removedOn')} error={e.removedOn?.message} />
      <span />
      <MeterFields register={register} errors={e.meter} meterTypes={meterTypes} />
      <ResolutionField className="col-span-3" {...register('resolution')} error={e.resolution?.message} />
    </CompletionFrame>
  );
}

function NameChangeForm({ details, onSave }: CompletionFormProps) {
  const form = useForm<z.input<typeof nameChangeFormSchema>, unknown, z.output<typeof nameChangeFormSchema>>({
    resolver: zodResolver(nameChangeFormSchema),
    defaultValues: { newName: str(details.newName), signedOn: todayVN(), resolution: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, (values) => onSave({ kind: 'nameChange', values }), [
    'newName',
    'signedOn',
    'resolution',
  ]);
  return (
    <CompletionFrame columns={2} onSubmit={submit} rootError={e.root?.message} busy={formState.isSubmitting}>
      <TextField
        label="Tên mới trên hợp đồng"
        required
        {...register('newName')}
        error={e.newName?.message}
        maxLength={200}
      />
      <TextField
        label="Ngày ký hợp đồng mới"
        required
        type="date"
        {...register('signedOn')}
        error={e.signedOn?.message}
      />
      <ResolutionField className="col-span-2" {...register('resolution')} error={e.resolution?.message} />
    </CompletionFrame>
  );
}

function ResolutionForm({ onSave }: CompletionFormProps) {
  const form = useForm<z.input<typeof resolutionFormSchema>, unknown, z.output<typeof resolutionFormSchema>>({
    resolver: zodResolver(resolutionFormSchema),
    defaultValues: { resolution: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = saveAndShowErrors(form, (values) => onSave({ kind: 'resolution', values }), ['resolution']);
  return (
    <CompletionFrame columns={1} onSubmit={submit} rootError={e.root?.message} busy={formState.isSubmitting}>
      <ResolutionField rows={3} {...register('resolution')} error={e.resolution?.message} maxLength={4000} />
    </CompletionFrame>
  );
}
