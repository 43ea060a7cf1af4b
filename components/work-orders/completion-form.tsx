'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { EnterForm, SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import type { ApiError } from '@/lib/graphql/errors';
import {
  nameChangeFormSchema,
  relocationFormSchema,
  replacementFormSchema,
  resolutionFormSchema,
} from '@/schemas/work-order-forms';
import { ROOT_ERROR_CLASS, showApiError } from './form-errors';
import { EMPTY_METER, MeterFields, type MeterTypeOption } from './step-forms';
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

const altS = (submit: () => void) => (e: React.KeyboardEvent) => {
  if (e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS')) {
    e.preventDefault();
    submit();
  }
};

function Submit({ busy }: { busy: boolean }) {
  return (
    <div className="col-span-full flex justify-end">
      <Button type="submit" variant="primary" disabled={busy} shortcut="Alt+S" data-testid="complete-save">
        {busy ? 'Đang lưu…' : 'Hoàn thành'}
      </Button>
    </div>
  );
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
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof relocationFormSchema>,
    unknown,
    z.output<typeof relocationFormSchema>
  >({
    resolver: zodResolver(relocationFormSchema),
    defaultValues: {
      address: str(details.newAddress),
      wardId: str(details.newWardId),
      latitude: str(details.newLatitude),
      longitude: str(details.newLongitude),
      resolution: '',
    },
  });
  const e = formState.errors;
  const submit = () =>
    void handleSubmit(async (values) => {
      const failed = await onSave({ kind: 'relocation', values });
      if (failed) showApiError(setError, failed, ['address', 'wardId', 'latitude', 'longitude', 'resolution']);
    })();
  return (
    <EnterForm onSubmit={submit} onKeyDownCapture={altS(submit)} className="grid grid-cols-2 gap-3">
      {e.root?.message && (
        <p role="alert" className={`col-span-2 ${ROOT_ERROR_CLASS}`}>
          {e.root.message}
        </p>
      )}
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
      <TextAreaField
        label="Kết quả xử lý"
        required
        className="col-span-2"
        rows={2}
        {...register('resolution')}
        error={e.resolution?.message}
      />
      <Submit busy={formState.isSubmitting} />
    </EnterForm>
  );
}

function ReplacementForm({ meterTypes, onSave }: CompletionFormProps) {
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof replacementFormSchema>,
    unknown,
    z.output<typeof replacementFormSchema>
  >({
    resolver: zodResolver(replacementFormSchema),
    defaultValues: {
      finalIndex: '',
      removedOn: todayVN(),
      meter: { ...EMPTY_METER, installedOn: todayVN() },
      resolution: '',
    },
  });
  const e = formState.errors;
  const submit = () =>
    void handleSubmit(async (values) => {
      const failed = await onSave({ kind: 'replacement', values });
      if (failed)
        showApiError(setError, failed, [
          'finalIndex',
          'removedOn',
          'meter.serial',
          'meter.meterTypeId',
          'meter.initialIndex',
          'meter.installedOn',
          'meter.sealNo',
          'resolution',
        ]);
    })();
  return (
    <EnterForm onSubmit={submit} onKeyDownCapture={altS(submit)} className="grid grid-cols-3 gap-3">
      {e.root?.message && (
        <p role="alert" className={`col-span-3 ${ROOT_ERROR_CLASS}`}>
          {e.root.message}
        </p>
      )}
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
      <TextAreaField
        label="Kết quả xử lý"
        required
        className="col-span-3"
        rows={2}
        {...register('resolution')}
        error={e.resolution?.message}
      />
      <Submit busy={formState.isSubmitting} />
    </EnterForm>
  );
}

function NameChangeForm({ details, onSave }: CompletionFormProps) {
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof nameChangeFormSchema>,
    unknown,
    z.output<typeof nameChangeFormSchema>
  >({
    resolver: zodResolver(nameChangeFormSchema),
    defaultValues: { newName: str(details.newName), signedOn: todayVN(), resolution: '' },
  });
  const e = formState.errors;
  const submit = () =>
    void handleSubmit(async (values) => {
      const failed = await onSave({ kind: 'nameChange', values });
      if (failed) showApiError(setError, failed, ['newName', 'signedOn', 'resolution']);
    })();
  return (
    <EnterForm onSubmit={submit} onKeyDownCapture={altS(submit)} className="grid grid-cols-2 gap-3">
      {e.root?.message && (
        <p role="alert" className={`col-span-2 ${ROOT_ERROR_CLASS}`}>
          {e.root.message}
        </p>
      )}
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
      <TextAreaField
        label="Kết quả xử lý"
        required
        className="col-span-2"
        rows={2}
        {...register('resolution')}
        error={e.resolution?.message}
      />
      <Submit busy={formState.isSubmitting} />
    </EnterForm>
  );
}

function ResolutionForm({ onSave }: CompletionFormProps) {
  const { register, handleSubmit, setError, formState } = useForm<
    z.input<typeof resolutionFormSchema>,
    unknown,
    z.output<typeof resolutionFormSchema>
  >({ resolver: zodResolver(resolutionFormSchema), defaultValues: { resolution: '' } });
  const e = formState.errors;
  const submit = () =>
    void handleSubmit(async (values) => {
      const failed = await onSave({ kind: 'resolution', values });
      if (failed) showApiError(setError, failed, ['resolution']);
    })();
  return (
    <EnterForm onSubmit={submit} onKeyDownCapture={altS(submit)} className="grid gap-3">
      {e.root?.message && (
        <p role="alert" className={ROOT_ERROR_CLASS}>
          {e.root.message}
        </p>
      )}
      <TextAreaField
        label="Kết quả xử lý"
        required
        rows={3}
        {...register('resolution')}
        error={e.resolution?.message}
        maxLength={4000}
      />
      <Submit busy={formState.isSubmitting} />
    </EnterForm>
  );
}
