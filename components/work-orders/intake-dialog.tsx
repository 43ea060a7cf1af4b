'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormField, SelectField, TextAreaField, TextField, enterMovesFocus } from '@/components/ui/form-field';
import { needsCustomer, isWorkOrderKind } from '@/domain/work-orders/kinds';
import type { ApiError } from '@/lib/graphql/errors';
import {
  EMPTY_INTAKE,
  intakeFormSchema,
  type IntakeFormInput,
  type IntakeFormOutput,
} from '@/schemas/work-order-forms';
import { CustomerPicker, type PickedCustomer } from './customer-picker';
import { WORK_ORDER_KINDS, kindLabel } from './work-order-format';

export interface IntakeCatalogs {
  wards: readonly { id: number; name: string; district: string }[];
  serviceTypes: readonly { id: number; code: string; name: string }[];
  complaintKinds: readonly { id: number; code: string; name: string }[];
}

const DISPUTE_LIKE = new Set(['BILL_DISPUTE', 'LEAK_REPORT', 'PROBLEM_REPORT', 'METER_CHECK']);

/**
 * "Tiếp nhận yêu cầu" (F4 on the list): a request taken on the phone or at the counter. An existing customer is
 * found with the customers' search and fills the applicant; a new connection takes the applicant, the address and
 * the ward instead. Each kind asks for its own details (a new address, a new name, dates). The form's schema pipes
 * into the API's (schemas/work-order-input.ts), so the clerk sees the API's refusals beside the fields.
 */
export function IntakeDialog({
  catalogs,
  kinds = WORK_ORDER_KINDS,
  onClose,
  onSubmit,
}: {
  catalogs: IntakeCatalogs | null;
  /** The kinds the user may take (installations and complaints are separate rights). */
  kinds?: readonly string[];
  onClose: () => void;
  /** Sends the request; answers null when it was taken, else the API's error. */
  onSubmit: (input: IntakeFormOutput) => Promise<ApiError | null>;
}) {
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const { register, handleSubmit, control, setValue, getValues, setError, formState } = useForm<
    IntakeFormInput,
    unknown,
    IntakeFormOutput
  >({
    resolver: zodResolver(intakeFormSchema),
    defaultValues: { ...EMPTY_INTAKE, kind: kinds.length === 1 ? (kinds[0] ?? '') : '' },
  });
  const kind = useWatch({ control, name: 'kind' });
  const isInstallation = kind === 'INSTALLATION';
  const wantsCustomer = isWorkOrderKind(kind) && needsCustomer(kind);
  const e = formState.errors;
  const busy = formState.isSubmitting;

  const pickCustomer = (c: PickedCustomer | null) => {
    setCustomer(c);
    setValue('customerId', c?.id ?? null, { shouldValidate: formState.isSubmitted });
    if (!c) return;
    // The customer on file is who usually calls: the clerk corrects it when someone else does.
    if (!getValues('applicantName')) setValue('applicantName', c.name);
    if (!getValues('applicantPhone') && c.phone) setValue('applicantPhone', c.phone);
    if (!getValues('address') && c.address) setValue('address', c.address);
  };

  const save = async (input: IntakeFormOutput) => {
    const failed = await onSubmit(input);
    if (!failed) return;
    const field = failed.field ?? failed.issues?.[0]?.path;
    const known = field && field in EMPTY_INTAKE ? field : field?.startsWith('details.') ? field : null;
    if (known) setError(known as keyof IntakeFormInput, { message: failed.message });
    else setError('root', { message: failed.message });
  };
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };

  const detailError = (name: keyof IntakeFormInput['details']) => e.details?.[name]?.message;

  return (
    <Dialog
      open
      title="Tiếp nhận yêu cầu"
      description="Yêu cầu nhận qua điện thoại hoặc tại quầy."
      size="lg"
      onClose={busy ? () => {} : onClose}
      onSave={submit}
      closeOnBackdrop={false}
      data-testid="intake-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy} data-testid="intake-close">
            Đóng
          </Button>
          <Button variant="primary" onClick={submit} disabled={busy} shortcut="Alt+S" data-testid="intake-save">
            {busy ? 'Đang lưu…' : 'Tiếp nhận'}
          </Button>
        </>
      }
    >
      <form
        noValidate
        onKeyDown={enterMovesFocus}
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
        className="grid grid-cols-2 gap-3"
      >
        {e.root?.message && (
          <p
            role="alert"
            data-testid="intake-error"
            className="col-span-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          >
            {e.root.message}
          </p>
        )}
        <SelectField
          label="Loại yêu cầu"
          required
          {...register('kind')}
          error={e.kind?.message}
          placeholder="— Chọn loại —"
          options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
          data-autofocus=""
        />
        <SelectField
          label="Tiếp nhận qua"
          required
          {...register('source')}
          error={e.source?.message}
          options={[
            { value: 'PHONE', label: 'Điện thoại' },
            { value: 'COUNTER', label: 'Tại quầy' },
          ]}
        />
        {!isInstallation && (
          <FormField
            label={wantsCustomer ? 'Khách hàng' : 'Khách hàng (nếu có)'}
            required={wantsCustomer}
            className="col-span-2"
          >
            <Controller
              control={control}
              name="customerId"
              render={() => (
                <CustomerPicker
                  value={customer}
                  onChange={pickCustomer}
                  error={e.customerId?.message}
                  invalid={!!e.customerId}
                />
              )}
            />
          </FormField>
        )}
        <TextField
          label={isInstallation ? 'Họ tên người đề nghị' : 'Người yêu cầu'}
          required
          {...register('applicantName')}
          error={e.applicantName?.message}
          maxLength={200}
        />
        <TextField
          label="Điện thoại"
          required
          {...register('applicantPhone')}
          error={e.applicantPhone?.message}
          inputMode="tel"
          maxLength={20}
        />
        {isInstallation && (
          <>
            <TextField
              label="Email"
              {...register('applicantEmail')}
              error={e.applicantEmail?.message}
              maxLength={200}
            />
            <TextField
              label="Số CCCD"
              {...register('citizenId')}
              error={e.citizenId?.message}
              inputMode="numeric"
              maxLength={12}
            />
          </>
        )}
        <TextField
          label={isInstallation ? 'Địa chỉ lắp đặt' : 'Địa chỉ'}
          required={isInstallation || (!wantsCustomer && !customer)}
          className="col-span-2"
          {...register('address')}
          error={e.address?.message}
          maxLength={300}
        />
        {(isInstallation || (!wantsCustomer && !customer)) && (
          <SelectField
            label="Phường – xã"
            {...register('wardId')}
            error={e.wardId?.message}
            placeholder="— Chọn phường – xã —"
            options={(catalogs?.wards ?? []).map((w) => ({ value: String(w.id), label: `${w.name} (${w.district})` }))}
          />
        )}
        {isInstallation && (
          <>
            <SelectField
              label="Mục đích sử dụng"
              {...register('serviceTypeId')}
              error={e.serviceTypeId?.message}
              placeholder="— Chọn —"
              options={(catalogs?.serviceTypes ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            />
            <TextField
              label="Số hộ"
              required
              {...register('households')}
              error={e.households?.message}
              inputMode="numeric"
            />
            <TextField
              label="Số nhân khẩu"
              required
              {...register('persons')}
              error={e.persons?.message}
              inputMode="numeric"
            />
          </>
        )}
        {kind === 'RELOCATION' && (
          <>
            <TextField
              label="Địa chỉ mới"
              required
              className="col-span-2"
              {...register('details.newAddress')}
              error={detailError('newAddress')}
              maxLength={300}
            />
            <SelectField
              label="Phường – xã mới"
              {...register('details.newWardId')}
              error={detailError('newWardId')}
              placeholder="— Chọn phường – xã —"
              options={(catalogs?.wards ?? []).map((w) => ({
                value: String(w.id),
                label: `${w.name} (${w.district})`,
              }))}
            />
          </>
        )}
        {kind === 'NAME_CHANGE' && (
          <TextField
            label="Tên mới trên hợp đồng"
            required
            className="col-span-2"
            {...register('details.newName')}
            error={detailError('newName')}
            maxLength={200}
          />
        )}
        {kind === 'UPGRADE' && (
          <TextField
            label="Cỡ đồng hồ đề nghị"
            {...register('details.meterSize')}
            error={detailError('meterSize')}
            maxLength={32}
          />
        )}
        {(kind === 'SUSPENSION' || kind === 'RESUMPTION') && (
          <TextField
            label={kind === 'SUSPENSION' ? 'Tạm ngưng từ ngày' : 'Mở lại từ ngày'}
            required={kind === 'SUSPENSION'}
            type="date"
            {...register('details.fromDate')}
            error={detailError('fromDate')}
          />
        )}
        {kind === 'SUSPENSION' && (
          <TextField label="Đến ngày" type="date" {...register('details.toDate')} error={detailError('toDate')} />
        )}
        {DISPUTE_LIKE.has(kind) && (catalogs?.complaintKinds.length ?? 0) > 0 && (
          <SelectField
            label="Loại khiếu nại"
            {...register('complaintKindId')}
            error={e.complaintKindId?.message}
            placeholder="— Theo loại yêu cầu —"
            options={(catalogs?.complaintKinds ?? []).map((k) => ({ value: String(k.id), label: k.name }))}
          />
        )}
        <TextAreaField
          label="Nội dung yêu cầu"
          className="col-span-2"
          rows={3}
          {...register('description')}
          error={e.description?.message}
          maxLength={4000}
        />
      </form>
    </Dialog>
  );
}
