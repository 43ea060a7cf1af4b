'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { CheckboxField, SelectField, TextField, enterMovesFocus, type SelectOption } from '@/components/ui/form-field';
import { useMutation } from 'urql';
import { useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { apiError } from '@/lib/graphql/errors';
import {
  CUSTOMER_TYPENAMES,
  CreateCustomerMutation,
  UpdateCustomerMutation,
  type BookOption,
  type CatalogItem,
  type CustomerDetail,
} from './customer-documents';
import {
  customerFormSchema,
  formFieldOfPath,
  initialValues,
  type CustomerFormOutput,
  type CustomerFormValues,
  type FormMode,
} from './customer-form-schema';
import { fieldBinder } from './tab-form';
import type { Catalogs } from './use-customer-data';

export type { FormMode };

function options(items: readonly CatalogItem[]): SelectOption[] {
  return items.map((i) => ({ value: String(i.id), label: `${i.code} – ${i.name}` }));
}

export interface CustomerFormProps {
  /** `id` of the <form>, so the toolbar's Lưu button can submit it with `form=`. */
  formId: string;
  mode: FormMode;
  customer: CustomerDetail | null;
  defaultBookId: number | null;
  books: readonly BookOption[];
  catalogs: Catalogs | null;
  /** After a save: the customer and the book it is in now (a new customer may go to another book). */
  onSaved: (id: number, bookId: number) => void;
  onDirtyChange?: (dirty: boolean) => void;
  /** Reload the customer after a VERSION_CONFLICT. */
  onReload: () => void;
}

/** Every field of SPEC §1; in add mode also the first meter and the first contract. Mount with a `key` to reset. */
export function CustomerForm({
  formId,
  mode,
  customer,
  defaultBookId,
  books,
  catalogs,
  onSaved,
  onDirtyChange,
  onReload,
}: CustomerFormProps) {
  const toast = useToast();
  const defaultValues = useMemo(() => initialValues(mode, customer, defaultBookId), [mode, customer, defaultBookId]);
  const resolver = useMemo(() => zodResolver(customerFormSchema(mode)), [mode]);
  const { register, control, handleSubmit, setError, watch, formState } = useForm<
    CustomerFormValues,
    unknown,
    CustomerFormOutput
  >({ resolver, defaultValues });
  const extraRows = useFieldArray({ control, name: 'extra' });
  const errors = formState.errors;
  const [formError, setFormError] = useState<{ message: string; conflict?: boolean } | null>(null);
  const [creation, create] = useMutation(CreateCustomerMutation);
  const [updating, update] = useMutation(UpdateCustomerMutation);
  const busy = creation.fetching || updating.fetching;
  const formRef = useRef<HTMLFormElement>(null);
  const readOnly = mode === 'view';
  const ph = (p: string) => (readOnly ? undefined : p);
  /** Selects keep their empty option in view mode (blank label) so an unset value never shows the first choice. */
  const phs = (p: string) => (readOnly ? '' : p);

  const dirty = formState.isDirty;
  const onDirtyRef = useRef(onDirtyChange);
  useEffect(() => {
    onDirtyRef.current = onDirtyChange;
  });
  useEffect(() => {
    onDirtyRef.current?.(dirty);
  }, [dirty]);
  const text = fieldBinder(register, errors);
  const customerType = watch('customerType');
  const wastewaterFeeMode = watch('wastewaterFeeMode');
  const isPreferential = watch('isPreferential');
  const address = watch('address');
  const extra = watch('extra');

  useHotkeys({ 'Alt+S': () => formRef.current?.requestSubmit() }, !readOnly);

  async function save(built: CustomerFormOutput) {
    if (readOnly || busy) return;
    setFormError(null);
    const result =
      mode === 'add'
        ? await create({ input: built.customer, meter: built.meter, contract: built.contract }, CUSTOMER_TYPENAMES)
        : customer
          ? await update({ id: customer.id, version: customer.version, input: built.customer }, CUSTOMER_TYPENAMES)
          : null;
    if (!result) return;
    if (result.error) {
      const err = apiError(result.error, 'Đã có lỗi, vui lòng thử lại.');
      const fieldErrors: Record<string, string> = {};
      for (const i of err.issues ?? []) fieldErrors[formFieldOfPath(i.path)] ??= i.message;
      if (err.field) {
        const name = mode === 'add' && err.field === 'serial' ? 'serial' : formFieldOfPath(err.field);
        fieldErrors[name] ??= err.message;
      }
      for (const [name, message] of Object.entries(fieldErrors))
        setError(name as FieldPath<CustomerFormValues>, { message });
      setFormError({ message: err.message, conflict: err.code === 'VERSION_CONFLICT' });
      return;
    }
    const data = result.data;
    if (data && 'createCustomer' in data) {
      const created = data.createCustomer;
      toast.success(`Đã thêm khách hàng ${created.code} (Stt ${created.sequenceNo}).`);
      onSaved(created.id, created.bookId);
    } else if (customer) {
      toast.success(`Đã lưu khách hàng ${customer.code}.`);
      onSaved(customer.id, customer.bookId);
    }
  }

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (readOnly || busy) {
      e.preventDefault();
      return;
    }
    // The zod resolver marks the fields and focuses the first wrong one; the line above the form says why.
    void handleSubmit(save, () => setFormError({ message: 'Dữ liệu chưa hợp lệ, hãy sửa các ô được đánh dấu đỏ.' }))(e);
  };

  const bookOptions = books.map((b) => ({ value: String(b.id), label: `${b.code} – ${b.name}` }));
  const current = customer && mode !== 'add' ? customer : null;

  return (
    <form
      id={formId}
      ref={formRef}
      onSubmit={onSubmit}
      onKeyDown={enterMovesFocus}
      noValidate
      data-testid="customer-form"
      data-mode={mode}
    >
      {formError && (
        <div
          role="alert"
          data-testid="form-error"
          className={`mb-3 flex items-center justify-between gap-3 rounded-md px-3 py-2 text-sm ${formError.conflict ? 'bg-amber-50 text-amber-800' : 'bg-red-50 text-red-700'}`}
        >
          <span>{formError.message}</span>
          {formError.conflict && (
            <Button size="sm" onClick={onReload} data-testid="reload-customer">
              Tải lại
            </Button>
          )}
        </div>
      )}
      <fieldset disabled={readOnly || busy} className="min-w-0 space-y-4">
        <Section title="Thông tin khách hàng">
          {mode === 'add' ? (
            <SelectField
              label="Sổ đọc"
              name="bookId"
              required
              options={bookOptions}
              placeholder={phs('— Chọn sổ —')}
              {...text('bookId')}
            />
          ) : (
            <TextField
              label="Sổ đọc"
              name="bookId"
              readOnly
              value={current ? bookLabel(books, current) : ''}
              hint={readOnly ? undefined : 'Đổi sổ bằng nút «Chuyển sổ».'}
            />
          )}
          <TextField
            label="Số thứ tự (Stt)"
            name="sequenceNo"
            inputMode="numeric"
            placeholder={mode === 'add' ? 'Để trống: cuối sổ' : ''}
            hint={mode === 'add' && !readOnly ? 'Nhập theo hàng chục: 10, 20, 21…' : undefined}
            {...text('sequenceNo')}
          />
          <TextField
            label="Mã khách hàng"
            name="code"
            readOnly
            tabIndex={-1}
            value={current?.code ?? ''}
            placeholder="Tự động sinh khi lưu"
          />
          <SelectField
            label="Loại khách hàng"
            name="customerType"
            required
            options={[
              { value: 'INDIVIDUAL', label: '0 – Cá nhân' },
              { value: 'ORGANISATION', label: '1 – Cơ quan, tổ chức' },
            ]}
            {...text('customerType')}
          />
          <TextField
            label="Tên khách hàng"
            name="name"
            required
            autoFocus={!readOnly}
            className="col-span-2"
            maxLength={200}
            {...text('name')}
          />
          <TextField
            label="Mã số thuế"
            name="taxCode"
            maxLength={14}
            required={customerType === 'ORGANISATION'}
            placeholder={ph('10 chữ số')}
            {...text('taxCode')}
          />
          <TextField
            label="Số CCCD"
            name="citizenId"
            maxLength={12}
            inputMode="numeric"
            placeholder={ph('12 chữ số')}
            {...text('citizenId')}
          />
          <TextField
            label="Địa chỉ"
            name="address"
            required
            className="col-span-2"
            maxLength={300}
            {...text('address')}
          />
          <SelectField
            label="Phường – xã"
            name="wardId"
            options={options(catalogs?.wards ?? [])}
            placeholder={phs('— Không chọn —')}
            {...text('wardId')}
          />
          <SelectField
            label="Loại dịch vụ (đối tượng)"
            name="serviceTypeId"
            options={options(catalogs?.serviceTypes ?? [])}
            placeholder={phs('— Chưa chọn (không tính tiền) —')}
            {...text('serviceTypeId')}
          />
          <TextField
            label="Số hộ dùng chung"
            name="households"
            required
            inputMode="numeric"
            hint={readOnly ? undefined : 'Mặc định 1; sai sẽ làm sai tiền lũy tiến.'}
            {...text('households')}
          />
          <TextField label="Nhân khẩu" name="persons" required inputMode="numeric" {...text('persons')} />
          <SelectField
            label="Đồng hồ tổng"
            name="masterMeterId"
            className="col-span-2"
            options={options(catalogs?.masterMeters ?? [])}
            placeholder={phs('— Không chọn —')}
            {...text('masterMeterId')}
          />
        </Section>

        <Section title="Liên hệ và thanh toán">
          <TextField
            label="Điện thoại"
            name="phone"
            type="tel"
            maxLength={20}
            placeholder={ph('09xx xxx xxx')}
            {...text('phone')}
          />
          <TextField label="Fax" name="fax" maxLength={20} {...text('fax')} />
          <TextField
            label="Email"
            name="email"
            type="email"
            className="col-span-2"
            maxLength={200}
            {...text('email')}
          />
          <TextField label="Số tài khoản" name="bankAccount" maxLength={32} {...text('bankAccount')} />
          <TextField label="Ngân hàng" name="bankName" className="col-span-3" maxLength={200} {...text('bankName')} />
        </Section>

        <Section title="Phí, trạng thái, ưu đãi">
          <SelectField
            label="Phí nước thải"
            name="wastewaterFeeMode"
            required
            options={[
              { value: 'STANDARD', label: 'Theo quy định' },
              { value: 'EXEMPT', label: 'Miễn phí' },
              { value: 'CUSTOM', label: 'Tỷ lệ riêng' },
            ]}
            {...text('wastewaterFeeMode')}
          />
          <TextField
            label="Tỷ lệ phí nước thải (%)"
            name="wastewaterFeeRate"
            inputMode="decimal"
            disabled={wastewaterFeeMode !== 'CUSTOM'}
            placeholder={wastewaterFeeMode === 'CUSTOM' ? 'VD: 10' : ''}
            {...text('wastewaterFeeRate')}
          />
          <SelectField
            label="Trạng thái"
            name="status"
            required
            options={[
              { value: 'IN_SERVICE', label: '1 – Đang sử dụng' },
              { value: 'CUT_OFF', label: '0 – Cắt nước / hủy hợp đồng' },
            ]}
            {...text('status')}
          />
          <div className="flex flex-col justify-end gap-1">
            <CheckboxField
              label="Khách hàng ưu đãi"
              error={errors.isPreferential?.message}
              {...register('isPreferential')}
            />
          </div>
          <TextField
            label="Hạn ưu đãi"
            name="preferentialUntil"
            type="date"
            disabled={!isPreferential}
            {...text('preferentialUntil')}
          />
          <TextField
            label="Vĩ độ"
            name="latitude"
            inputMode="decimal"
            placeholder={ph('21.0278')}
            {...text('latitude')}
          />
          <TextField
            label="Kinh độ"
            name="longitude"
            inputMode="decimal"
            placeholder={ph('105.8342')}
            {...text('longitude')}
          />
        </Section>

        <section aria-labelledby={`${formId}-extra`}>
          <div className="mb-2 flex items-center justify-between">
            <h3 id={`${formId}-extra`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              Thông tin thêm
            </h3>
            {!readOnly && (
              <Button size="sm" onClick={() => extraRows.append({ key: '', value: '' })} data-testid="extra-add">
                + Thêm dòng
              </Button>
            )}
          </div>
          {extraRows.fields.length === 0 ? (
            <p className="text-sm text-slate-400">Chưa có thông tin thêm.</p>
          ) : (
            <div className="space-y-2">
              {extraRows.fields.map((row, i) => (
                <div key={row.id} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
                  <TextField
                    label="Tên thông tin"
                    error={errors.extra?.[i]?.key?.message}
                    {...register(`extra.${i}.key`)}
                  />
                  <TextField label="Giá trị" {...register(`extra.${i}.value`)} />
                  {!readOnly && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="mt-5"
                      aria-label={`Xóa dòng ${extra[i]?.key || i + 1}`}
                      onClick={() => extraRows.remove(i)}
                    >
                      ✕
                    </Button>
                  )}
                </div>
              ))}
            </div>
          )}
          {(errors.extra?.message ?? errors.extra?.root?.message) && (
            <p className="mt-1 text-xs text-red-600">{errors.extra?.message ?? errors.extra?.root?.message}</p>
          )}
        </section>

        {mode === 'add' && (
          <>
            <Section title="Đồng hồ" note="Để trống số seri nếu chưa lắp đồng hồ.">
              <SelectField
                label="Loại đồng hồ"
                name="meter.meterTypeId"
                options={options(catalogs?.meterTypes ?? [])}
                placeholder={phs('— Chọn —')}
                {...text('meterTypeId')}
              />
              <TextField label="Số seri" name="meter.serial" maxLength={32} {...text('serial')} />
              <TextField label="Số tem" name="meter.sealNo" maxLength={32} {...text('sealNo')} />
              <TextField label="Ngày kiểm định" name="meter.verifiedOn" type="date" {...text('verifiedOn')} />
              <TextField label="Ngày lắp" name="meter.installedOn" type="date" {...text('meterInstalledOn')} />
              <TextField label="Chỉ số đầu" name="meter.initialIndex" inputMode="numeric" {...text('initialIndex')} />
            </Section>
            <Section title="Hợp đồng" note="Số hợp đồng = mã khách hàng + /01, sinh tự động.">
              <TextField
                label="Địa chỉ hợp đồng"
                name="contract.address"
                className="col-span-2"
                placeholder={address ? `Mặc định: ${address}` : 'Mặc định: địa chỉ khách hàng'}
                {...text('contractAddress')}
              />
              <TextField label="Ngày ký" name="contract.signedOn" type="date" {...text('signedOn')} />
              <TextField label="Ngày bàn giao" name="contract.handoverOn" type="date" {...text('handoverOn')} />
              <TextField
                label="Ngày lắp đặt"
                name="contract.installedOn"
                type="date"
                {...text('contractInstalledOn')}
              />
              <SelectField
                label="Tổ lắp đặt"
                name="contract.installationTeamId"
                options={options(catalogs?.installationTeams ?? [])}
                placeholder={phs('— Chọn —')}
                {...text('installationTeamId')}
              />
            </Section>
          </>
        )}
      </fieldset>
      {!readOnly && (
        <p className="mt-4 text-xs text-slate-500">
          Enter: sang ô kế tiếp · Alt+S: lưu · Esc hoặc F3: hủy{' '}
          {busy && <span className="ml-2 font-medium text-brand-700">Đang lưu…</span>}
        </p>
      )}
    </form>
  );
}

function Section({ title, note, children }: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <section>
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {title}
        {note && <span className="ml-2 font-normal normal-case tracking-normal text-slate-400">{note}</span>}
      </h3>
      <div className="grid grid-cols-2 gap-x-3 gap-y-2 lg:grid-cols-4">{children}</div>
    </section>
  );
}

function bookLabel(books: readonly BookOption[], c: CustomerDetail): string {
  const b = books.find((x) => x.id === c.bookId);
  return b ? `${b.code} – ${b.name}` : c.bookCode;
}
