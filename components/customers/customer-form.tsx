'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxField, SelectField, TextField, enterMovesFocus, type SelectOption } from '@/components/ui/form-field';
import { GraphQLRequestError } from '@/components/ui/graphql-client';
import { useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { contractInputSchema, customerFieldsSchema, meterInputSchema } from '@/services/customers/customer-input';
import { createCustomer, updateCustomer, type BookOption, type Catalogs, type CustomerDetail } from './api';
import { todayVN } from './format';

export type FormMode = 'view' | 'add' | 'edit';

interface ExtraRow {
  key: string;
  value: string;
}

interface FormState {
  bookId: string;
  sequenceNo: string;
  name: string;
  customerType: string;
  taxCode: string;
  citizenId: string;
  address: string;
  wardId: string;
  serviceTypeId: string;
  households: string;
  persons: string;
  masterMeterId: string;
  phone: string;
  fax: string;
  email: string;
  bankAccount: string;
  bankName: string;
  wastewaterFeeMode: string;
  wastewaterFeeRate: string;
  status: string;
  isPreferential: boolean;
  preferentialUntil: string;
  latitude: string;
  longitude: string;
  extra: ExtraRow[];
  meterTypeId: string;
  serial: string;
  sealNo: string;
  verifiedOn: string;
  meterInstalledOn: string;
  initialIndex: string;
  contractAddress: string;
  signedOn: string;
  handoverOn: string;
  contractInstalledOn: string;
  installationTeamId: string;
}

type Errors = Record<string, string>;

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function initialState(mode: FormMode, c: CustomerDetail | null, defaultBookId: number | null): FormState {
  const today = todayVN();
  if (mode === 'add' || !c) {
    return {
      bookId: s(defaultBookId),
      sequenceNo: '',
      name: '',
      customerType: '0',
      taxCode: '',
      citizenId: '',
      address: '',
      wardId: '',
      serviceTypeId: '',
      households: '1',
      persons: '1',
      masterMeterId: '',
      phone: '',
      fax: '',
      email: '',
      bankAccount: '',
      bankName: '',
      wastewaterFeeMode: 'standard',
      wastewaterFeeRate: '',
      status: '1',
      isPreferential: false,
      preferentialUntil: '',
      latitude: '',
      longitude: '',
      extra: [],
      meterTypeId: '',
      serial: '',
      sealNo: '',
      verifiedOn: '',
      meterInstalledOn: today,
      initialIndex: '0',
      contractAddress: '',
      signedOn: today,
      handoverOn: '',
      contractInstalledOn: today,
      installationTeamId: '',
    };
  }
  return {
    bookId: s(c.bookId),
    sequenceNo: s(c.sequenceNo),
    name: c.name,
    customerType: s(c.customerType),
    taxCode: s(c.taxCode),
    citizenId: s(c.citizenId),
    address: c.address,
    wardId: s(c.wardId),
    serviceTypeId: s(c.serviceTypeId),
    households: s(c.households),
    persons: s(c.persons),
    masterMeterId: s(c.masterMeterId),
    phone: s(c.phone),
    fax: s(c.fax),
    email: s(c.email),
    bankAccount: s(c.bankAccount),
    bankName: s(c.bankName),
    wastewaterFeeMode: c.wastewaterFeeMode,
    wastewaterFeeRate: c.wastewaterFeeBp === null ? '' : String(c.wastewaterFeeBp / 100).replace('.', ','),
    status: s(c.status),
    isPreferential: c.isPreferential,
    preferentialUntil: s(c.preferentialUntil),
    latitude: s(c.latitude),
    longitude: s(c.longitude),
    extra: Object.entries(c.extra ?? {}).map(([key, value]) => ({ key, value: s(value) })),
    meterTypeId: '',
    serial: '',
    sealNo: '',
    verifiedOn: '',
    meterInstalledOn: '',
    initialIndex: '',
    contractAddress: '',
    signedOn: '',
    handoverOn: '',
    contractInstalledOn: '',
    installationTeamId: '',
  };
}

/** Form field name → the key the API (and zod) uses in its issue paths. */
const API_PATH: Record<string, string> = {
  meterTypeId: 'meter.meterTypeId',
  serial: 'meter.serial',
  sealNo: 'meter.sealNo',
  verifiedOn: 'meter.verifiedOn',
  meterInstalledOn: 'meter.installedOn',
  initialIndex: 'meter.initialIndex',
  contractAddress: 'contract.address',
  signedOn: 'contract.signedOn',
  handoverOn: 'contract.handoverOn',
  contractInstalledOn: 'contract.installedOn',
  installationTeamId: 'contract.installationTeamId',
  wastewaterFeeRate: 'wastewaterFeeBp',
};
const FORM_NAME: Record<string, string> = Object.fromEntries(Object.entries(API_PATH).map(([k, v]) => [v, k]));

/** Turns an API/zod issue path ("input.name", "meter.serial", "name") into a form field name. */
export function formFieldOfPath(path: string): string {
  const p = path.replace(/^input\./, '');
  return FORM_NAME[p] ?? p;
}

function intOrNull(v: string, field: string, label: string, errors: Errors): number | null {
  const t = v.trim().replace(/[.\s]/g, '');
  if (t === '') return null;
  if (!/^-?\d+$/.test(t)) {
    errors[field] = `${label} phải là số nguyên.`;
    return null;
  }
  return Number(t);
}

function decimalOrNull(v: string, field: string, label: string, errors: Errors): number | null {
  const t = v.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n)) {
    errors[field] = `${label} phải là số.`;
    return null;
  }
  return n;
}

function collectIssues(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  prefix: string,
  errors: Errors,
) {
  if (result.success || !result.error) return;
  for (const issue of result.error.issues) {
    const key = formFieldOfPath(prefix + issue.path.map(String).join('.'));
    errors[key] ??= issue.message;
  }
}

/** Builds and validates the API inputs with the server's own zod schemas. */
function buildInputs(f: FormState, mode: FormMode) {
  const errors: Errors = {};
  const rate = decimalOrNull(f.wastewaterFeeRate, 'wastewaterFeeRate', 'Tỷ lệ phí nước thải', errors);
  const extra: Record<string, string> = {};
  f.extra.forEach((row, i) => {
    const key = row.key.trim();
    if (!key && !row.value.trim()) return;
    if (!key) errors[`extra.${i}`] = 'Nhập tên thông tin.';
    else if (key in extra) errors[`extra.${i}`] = `Thông tin «${key}» bị trùng.`;
    else extra[key] = row.value.trim();
  });
  const raw = {
    bookId: intOrNull(f.bookId, 'bookId', 'Sổ đọc', errors) ?? 0,
    sequenceNo: intOrNull(f.sequenceNo, 'sequenceNo', 'Số thứ tự', errors),
    name: f.name,
    customerType: Number(f.customerType),
    taxCode: f.taxCode,
    citizenId: f.citizenId,
    address: f.address,
    wardId: intOrNull(f.wardId, 'wardId', 'Phường – xã', errors),
    serviceTypeId: intOrNull(f.serviceTypeId, 'serviceTypeId', 'Loại dịch vụ', errors),
    households: intOrNull(f.households, 'households', 'Số hộ dùng chung', errors) ?? Number.NaN,
    persons: intOrNull(f.persons, 'persons', 'Số nhân khẩu', errors) ?? 0,
    masterMeterId: intOrNull(f.masterMeterId, 'masterMeterId', 'Đồng hồ tổng', errors),
    phone: f.phone,
    fax: f.fax,
    email: f.email,
    bankAccount: f.bankAccount,
    bankName: f.bankName,
    wastewaterFeeMode: f.wastewaterFeeMode,
    wastewaterFeeBp: f.wastewaterFeeMode === 'custom' && rate !== null ? Math.round(rate * 100) : null,
    status: Number(f.status),
    isPreferential: f.isPreferential,
    preferentialUntil: f.preferentialUntil || null,
    extra,
    latitude: decimalOrNull(f.latitude, 'latitude', 'Vĩ độ', errors),
    longitude: decimalOrNull(f.longitude, 'longitude', 'Kinh độ', errors),
  };
  if (Number.isNaN(raw.households)) errors.households ??= 'Nhập số hộ dùng chung (từ 1 trở lên).';
  const customer = customerFieldsSchema.safeParse(raw);
  collectIssues(customer, '', errors);

  let meter: Record<string, unknown> | null = null;
  let contract: Record<string, unknown> | null = null;
  if (mode === 'add') {
    const anyMeter = f.serial.trim() || f.sealNo.trim() || f.meterTypeId || f.verifiedOn;
    if (anyMeter) {
      const m = meterInputSchema.safeParse({
        meterTypeId: intOrNull(f.meterTypeId, 'meterTypeId', 'Loại đồng hồ', errors),
        serial: f.serial,
        sealNo: f.sealNo,
        verifiedOn: f.verifiedOn || null,
        installedOn: f.meterInstalledOn,
        initialIndex: intOrNull(f.initialIndex, 'initialIndex', 'Chỉ số đầu', errors) ?? 0,
      });
      collectIssues(m, 'meter.', errors);
      if (m.success) meter = m.data;
    }
    if (f.signedOn || f.contractAddress.trim() || f.handoverOn || f.installationTeamId) {
      const c = contractInputSchema.safeParse({
        address: f.contractAddress,
        signedOn: f.signedOn,
        handoverOn: f.handoverOn || null,
        installedOn: f.contractInstalledOn || null,
        installationTeamId: intOrNull(f.installationTeamId, 'installationTeamId', 'Tổ lắp đặt', errors),
      });
      collectIssues(c, 'contract.', errors);
      if (c.success) contract = c.data;
    }
  }
  return { errors, customer: customer.success ? customer.data : null, meter, contract };
}

function options(items: { id: number; code: string; name: string }[]): SelectOption[] {
  return items.map((i) => ({ value: String(i.id), label: `${i.code} – ${i.name}` }));
}

export interface CustomerFormProps {
  /** `id` of the <form>, so the toolbar's Lưu button can submit it with `form=`. */
  formId: string;
  mode: FormMode;
  customer: CustomerDetail | null;
  defaultBookId: number | null;
  books: BookOption[];
  catalogs: Catalogs | null;
  onSaved: (id: number, created: boolean) => void;
  onDirtyChange?: (dirty: boolean) => void;
  /** Reload the customer after a VERSION_CONFLICT. */
  onReload: () => void;
}

/** Every field of SPEC §1; in add mode also the first meter and the first contract. Mount with a `key` to reset. */
export function CustomerForm({ formId, mode, customer, defaultBookId, books, catalogs, onSaved, onDirtyChange, onReload }: CustomerFormProps) {
  const toast = useToast();
  const initial = useMemo(() => initialState(mode, customer, defaultBookId), [mode, customer, defaultBookId]);
  const [f, setF] = useState<FormState>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<{ message: string; conflict?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const readOnly = mode === 'view';
  const ph = (p: string) => (readOnly ? undefined : p);
  /** Selects keep their empty option in view mode (blank label) so an unset value never shows the first choice. */
  const phs = (p: string) => (readOnly ? '' : p);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF((prev) => ({ ...prev, [k]: v }));
    if (errors[k as string]) setErrors((e) => ({ ...e, [k]: '' }));
  };
  const dirty = useMemo(() => JSON.stringify(f) !== JSON.stringify(initial), [f, initial]);
  const onDirtyRef = useRef(onDirtyChange);
  onDirtyRef.current = onDirtyChange;
  useEffect(() => {
    onDirtyRef.current?.(dirty);
  }, [dirty]);
  const text = (k: keyof FormState) => ({
    value: f[k] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(k, e.target.value as never),
    error: errors[k as string],
  });

  useHotkeys({ 'Alt+S': () => formRef.current?.requestSubmit() }, !readOnly);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (readOnly || busy) return;
    const built = buildInputs(f, mode);
    setFormError(null);
    if (Object.values(built.errors).some(Boolean) || !built.customer) {
      setErrors(built.errors);
      setFormError({ message: 'Dữ liệu chưa hợp lệ, hãy sửa các ô được đánh dấu đỏ.' });
      const first = Object.keys(built.errors)[0];
      const name = first && API_PATH[first]?.includes('.') ? API_PATH[first] : first;
      if (name) formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (mode === 'add') {
        const created = await createCustomer(built.customer, built.meter, built.contract);
        toast.success(`Đã thêm khách hàng ${created.code} (Stt ${created.sequenceNo}).`);
        onSaved(created.id, true);
      } else if (customer) {
        await updateCustomer(customer.id, customer.version, built.customer);
        toast.success(`Đã lưu khách hàng ${customer.code}.`);
        onSaved(customer.id, false);
      }
    } catch (err) {
      if (err instanceof GraphQLRequestError) {
        const fieldErrors: Errors = {};
        for (const i of err.issues ?? []) fieldErrors[formFieldOfPath(i.path)] ??= i.message;
        if (err.field) {
          const name = mode === 'add' && err.field === 'serial' ? 'serial' : formFieldOfPath(err.field);
          fieldErrors[name] ??= err.message;
        }
        setErrors(fieldErrors);
        setFormError({ message: err.message, conflict: err.code === 'VERSION_CONFLICT' });
      } else {
        setFormError({ message: err instanceof Error ? err.message : 'Đã có lỗi, vui lòng thử lại.' });
      }
    } finally {
      setBusy(false);
    }
  }

  const bookOptions = books.map((b) => ({ value: String(b.id), label: `${b.code} – ${b.name}` }));
  const current = customer && mode !== 'add' ? customer : null;

  return (
    <form id={formId} ref={formRef} onSubmit={onSubmit} onKeyDown={enterMovesFocus} noValidate data-testid="customer-form" data-mode={mode}>
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
            <SelectField label="Sổ đọc" name="bookId" required options={bookOptions} placeholder={phs('— Chọn sổ —')} {...text('bookId')} />
          ) : (
            <TextField label="Sổ đọc" name="bookId" readOnly value={current ? bookLabel(books, current) : ''} hint={readOnly ? undefined : 'Đổi sổ bằng nút «Chuyển sổ».'} />
          )}
          <TextField
            label="Số thứ tự (Stt)"
            name="sequenceNo"
            inputMode="numeric"
            placeholder={mode === 'add' ? 'Để trống: cuối sổ' : ''}
            hint={mode === 'add' && !readOnly ? 'Nhập theo hàng chục: 10, 20, 21…' : undefined}
            {...text('sequenceNo')}
          />
          <TextField label="Mã khách hàng" name="code" readOnly tabIndex={-1} value={current?.code ?? ''} placeholder="Tự động sinh khi lưu" />
          <SelectField
            label="Loại khách hàng"
            name="customerType"
            required
            options={[
              { value: '0', label: '0 – Cá nhân' },
              { value: '1', label: '1 – Cơ quan, tổ chức' },
            ]}
            {...text('customerType')}
          />
          <TextField label="Tên khách hàng" name="name" required autoFocus={!readOnly} className="col-span-2" maxLength={200} {...text('name')} />
          <TextField label="Mã số thuế" name="taxCode" maxLength={14} required={f.customerType === '1'} placeholder={ph('10 chữ số')} {...text('taxCode')} />
          <TextField label="Số CCCD" name="citizenId" maxLength={12} inputMode="numeric" placeholder={ph('12 chữ số')} {...text('citizenId')} />
          <TextField label="Địa chỉ" name="address" required className="col-span-2" maxLength={300} {...text('address')} />
          <SelectField label="Phường – xã" name="wardId" options={options(catalogs?.wards ?? [])} placeholder={phs('— Không chọn —')} {...text('wardId')} />
          <SelectField
            label="Loại dịch vụ (đối tượng)"
            name="serviceTypeId"
            options={options(catalogs?.serviceTypes ?? [])}
            placeholder={phs('— Chưa chọn (không tính tiền) —')}
            {...text('serviceTypeId')}
          />
          <TextField label="Số hộ dùng chung" name="households" required inputMode="numeric" hint={readOnly ? undefined : 'Mặc định 1; sai sẽ làm sai tiền lũy tiến.'} {...text('households')} />
          <TextField label="Nhân khẩu" name="persons" required inputMode="numeric" {...text('persons')} />
          <SelectField label="Đồng hồ tổng" name="masterMeterId" className="col-span-2" options={options(catalogs?.masterMeters ?? [])} placeholder={phs('— Không chọn —')} {...text('masterMeterId')} />
        </Section>

        <Section title="Liên hệ và thanh toán">
          <TextField label="Điện thoại" name="phone" type="tel" maxLength={20} placeholder={ph('09xx xxx xxx')} {...text('phone')} />
          <TextField label="Fax" name="fax" maxLength={20} {...text('fax')} />
          <TextField label="Email" name="email" type="email" className="col-span-2" maxLength={200} {...text('email')} />
          <TextField label="Số tài khoản" name="bankAccount" maxLength={32} {...text('bankAccount')} />
          <TextField label="Ngân hàng" name="bankName" className="col-span-3" maxLength={200} {...text('bankName')} />
        </Section>

        <Section title="Phí, trạng thái, ưu đãi">
          <SelectField
            label="Phí nước thải"
            name="wastewaterFeeMode"
            required
            options={[
              { value: 'standard', label: 'Theo quy định' },
              { value: 'exempt', label: 'Miễn phí' },
              { value: 'custom', label: 'Tỷ lệ riêng' },
            ]}
            {...text('wastewaterFeeMode')}
          />
          <TextField
            label="Tỷ lệ phí nước thải (%)"
            name="wastewaterFeeRate"
            inputMode="decimal"
            disabled={f.wastewaterFeeMode !== 'custom'}
            placeholder={f.wastewaterFeeMode === 'custom' ? 'VD: 10' : ''}
            {...text('wastewaterFeeRate')}
          />
          <SelectField
            label="Trạng thái"
            name="status"
            required
            options={[
              { value: '1', label: '1 – Đang sử dụng' },
              { value: '0', label: '0 – Cắt nước / hủy hợp đồng' },
            ]}
            {...text('status')}
          />
          <div className="flex flex-col justify-end gap-1">
            <CheckboxField
              label="Khách hàng ưu đãi"
              name="isPreferential"
              checked={f.isPreferential}
              onChange={(e) => set('isPreferential', e.target.checked)}
              error={errors.isPreferential}
            />
          </div>
          <TextField label="Hạn ưu đãi" name="preferentialUntil" type="date" disabled={!f.isPreferential} {...text('preferentialUntil')} />
          <TextField label="Vĩ độ" name="latitude" inputMode="decimal" placeholder={ph('21.0278')} {...text('latitude')} />
          <TextField label="Kinh độ" name="longitude" inputMode="decimal" placeholder={ph('105.8342')} {...text('longitude')} />
        </Section>

        <section aria-labelledby={`${formId}-extra`}>
          <div className="mb-2 flex items-center justify-between">
            <h3 id={`${formId}-extra`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              Thông tin thêm
            </h3>
            {!readOnly && (
              <Button size="sm" onClick={() => set('extra', [...f.extra, { key: '', value: '' }])} data-testid="extra-add">
                + Thêm dòng
              </Button>
            )}
          </div>
          {f.extra.length === 0 ? (
            <p className="text-sm text-slate-400">Chưa có thông tin thêm.</p>
          ) : (
            <div className="space-y-2">
              {f.extra.map((row, i) => (
                <div key={i} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
                  <TextField
                    label="Tên thông tin"
                    name={`extra.${i}.key`}
                    value={row.key}
                    error={errors[`extra.${i}`]}
                    onChange={(e) => set('extra', f.extra.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
                  />
                  <TextField
                    label="Giá trị"
                    name={`extra.${i}.value`}
                    value={row.value}
                    onChange={(e) => set('extra', f.extra.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
                  />
                  {!readOnly && (
                    <Button size="sm" variant="ghost" className="mt-5" aria-label={`Xóa dòng ${row.key || i + 1}`} onClick={() => set('extra', f.extra.filter((_, j) => j !== i))}>
                      ✕
                    </Button>
                  )}
                </div>
              ))}
            </div>
          )}
          {errors.extra && <p className="mt-1 text-xs text-red-600">{errors.extra}</p>}
        </section>

        {mode === 'add' && (
          <>
            <Section title="Đồng hồ" note="Để trống số seri nếu chưa lắp đồng hồ.">
              <SelectField label="Loại đồng hồ" name="meter.meterTypeId" options={options(catalogs?.meterTypes ?? [])} placeholder={phs('— Chọn —')} {...text('meterTypeId')} />
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
                placeholder={f.address ? `Mặc định: ${f.address}` : 'Mặc định: địa chỉ khách hàng'}
                {...text('contractAddress')}
              />
              <TextField label="Ngày ký" name="contract.signedOn" type="date" {...text('signedOn')} />
              <TextField label="Ngày bàn giao" name="contract.handoverOn" type="date" {...text('handoverOn')} />
              <TextField label="Ngày lắp đặt" name="contract.installedOn" type="date" {...text('contractInstalledOn')} />
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
          Enter: sang ô kế tiếp · Alt+S: lưu · Esc hoặc F3: hủy {busy && <span className="ml-2 font-medium text-brand-700">Đang lưu…</span>}
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

function bookLabel(books: BookOption[], c: CustomerDetail): string {
  const b = books.find((x) => x.id === c.bookId);
  return b ? `${b.code} – ${b.name}` : c.bookCode;
}
