/**
 * The customer form's values and their zod schema for react-hook-form: the fields as typed (text) are turned
 * into the API inputs through the server's own schemas (schemas/customer-input.ts), so the form and the API
 * refuse the same things with the same words. Issues carry the form's field names.
 */
import { z } from 'zod';
import { contractInputSchema, customerFieldsSchema, meterInputSchema } from '@/schemas/customer-input';
import type { ContractInputVars, CustomerDetail, CustomerInputVars, MeterInputVars } from './customer-documents';
import { todayVN } from './format';

export type FormMode = 'view' | 'add' | 'edit';

export interface CustomerFormValues {
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
  extra: { key: string; value: string }[];
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

/** What a valid form sends: the customer with the API's enum names, and in add mode the first meter and contract. */
export interface CustomerFormOutput {
  customer: CustomerInputVars;
  meter: MeterInputVars | null;
  contract: ContractInputVars | null;
}

type Wire = Pick<CustomerInputVars, 'customerType' | 'status' | 'wastewaterFeeMode'>;

/*
 * The form holds the API's enum names (they are the select values); the shared zod schema validates stored
 * values, so the three enums are translated for the check and the names are what is sent.
 */
const STORED_CUSTOMER_TYPE: Record<Wire['customerType'], number> = { INDIVIDUAL: 0, ORGANISATION: 1 };
const STORED_STATUS: Record<Wire['status'], number> = { IN_SERVICE: 1, CUT_OFF: 0 };
const STORED_WASTEWATER: Record<Wire['wastewaterFeeMode'], string> = {
  STANDARD: 'standard',
  EXEMPT: 'exempt',
  CUSTOM: 'custom',
};

const stored = <K extends string, V>(table: Record<K, V>, name: string): V | undefined =>
  Object.hasOwn(table, name) ? table[name as K] : undefined;

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function initialValues(
  mode: FormMode,
  c: CustomerDetail | null,
  defaultBookId: number | null,
): CustomerFormValues {
  const today = todayVN();
  const blankFirstMeterAndContract = {
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
  if (mode === 'add' || !c) {
    return {
      bookId: s(defaultBookId),
      sequenceNo: '',
      name: '',
      customerType: 'INDIVIDUAL',
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
      wastewaterFeeMode: 'STANDARD',
      wastewaterFeeRate: '',
      status: 'IN_SERVICE',
      isPreferential: false,
      preferentialUntil: '',
      latitude: '',
      longitude: '',
      extra: [],
      ...blankFirstMeterAndContract,
      meterInstalledOn: today,
      initialIndex: '0',
      signedOn: today,
      contractInstalledOn: today,
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
    ...blankFirstMeterAndContract,
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

type Ctx = z.RefinementCtx;

function intOrNull(v: string, field: string, label: string, ctx: Ctx): number | null {
  const t = v.trim().replace(/[.\s]/g, '');
  if (t === '') return null;
  if (!/^-?\d+$/.test(t)) {
    ctx.addIssue({ code: 'custom', path: [field], message: `${label} phải là số nguyên.` });
    return null;
  }
  return Number(t);
}

function decimalOrNull(v: string, field: string, label: string, ctx: Ctx): number | null {
  const t = v.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', path: [field], message: `${label} phải là số.` });
    return null;
  }
  return n;
}

function copyIssues(error: z.ZodError | undefined, prefix: string, ctx: Ctx) {
  for (const issue of error?.issues ?? []) {
    const name = formFieldOfPath(prefix + issue.path.map(String).join('.'));
    ctx.addIssue({ code: 'custom', path: [name], message: issue.message });
  }
}

const text = z.string();
const formShape = {
  bookId: text,
  sequenceNo: text,
  name: text,
  customerType: text,
  taxCode: text,
  citizenId: text,
  address: text,
  wardId: text,
  serviceTypeId: text,
  households: text,
  persons: text,
  masterMeterId: text,
  phone: text,
  fax: text,
  email: text,
  bankAccount: text,
  bankName: text,
  wastewaterFeeMode: text,
  wastewaterFeeRate: text,
  status: text,
  isPreferential: z.boolean(),
  preferentialUntil: text,
  latitude: text,
  longitude: text,
  extra: z.array(z.object({ key: text, value: text })),
  meterTypeId: text,
  serial: text,
  sealNo: text,
  verifiedOn: text,
  meterInstalledOn: text,
  initialIndex: text,
  contractAddress: text,
  signedOn: text,
  handoverOn: text,
  contractInstalledOn: text,
  installationTeamId: text,
} satisfies Record<keyof CustomerFormValues, z.ZodType>;

/** The form's values → the API inputs; in add mode a first meter and contract when any of their fields is filled. */
export function customerFormSchema(mode: FormMode) {
  return z.object(formShape).transform((f, ctx): CustomerFormOutput => {
    const rate = decimalOrNull(f.wastewaterFeeRate, 'wastewaterFeeRate', 'Tỷ lệ phí nước thải', ctx);
    const extra: Record<string, string> = {};
    f.extra.forEach((row, i) => {
      const key = row.key.trim();
      if (!key && !row.value.trim()) return;
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['extra', i, 'key'], message });
      if (!key) issue('Nhập tên thông tin.');
      else if (key in extra) issue(`Thông tin «${key}» bị trùng.`);
      else extra[key] = row.value.trim();
    });
    const households = intOrNull(f.households, 'households', 'Số hộ dùng chung', ctx);
    if (households === null && !f.households.trim())
      ctx.addIssue({ code: 'custom', path: ['households'], message: 'Nhập số hộ dùng chung (từ 1 trở lên).' });
    const customer = customerFieldsSchema.safeParse({
      bookId: intOrNull(f.bookId, 'bookId', 'Sổ đọc', ctx) ?? 0,
      sequenceNo: intOrNull(f.sequenceNo, 'sequenceNo', 'Số thứ tự', ctx),
      name: f.name,
      customerType: stored(STORED_CUSTOMER_TYPE, f.customerType),
      taxCode: f.taxCode,
      citizenId: f.citizenId,
      address: f.address,
      wardId: intOrNull(f.wardId, 'wardId', 'Phường – xã', ctx),
      serviceTypeId: intOrNull(f.serviceTypeId, 'serviceTypeId', 'Loại dịch vụ', ctx),
      households: households ?? 1,
      persons: intOrNull(f.persons, 'persons', 'Số nhân khẩu', ctx) ?? 0,
      masterMeterId: intOrNull(f.masterMeterId, 'masterMeterId', 'Đồng hồ tổng', ctx),
      phone: f.phone,
      fax: f.fax,
      email: f.email,
      bankAccount: f.bankAccount,
      bankName: f.bankName,
      wastewaterFeeMode: stored(STORED_WASTEWATER, f.wastewaterFeeMode),
      wastewaterFeeBp: f.wastewaterFeeMode === 'CUSTOM' && rate !== null ? Math.round(rate * 100) : null,
      status: stored(STORED_STATUS, f.status),
      isPreferential: f.isPreferential,
      preferentialUntil: f.preferentialUntil || null,
      extra,
      latitude: decimalOrNull(f.latitude, 'latitude', 'Vĩ độ', ctx),
      longitude: decimalOrNull(f.longitude, 'longitude', 'Kinh độ', ctx),
    });
    copyIssues(customer.error, '', ctx);

    let meter: MeterInputVars | null = null;
    let contract: ContractInputVars | null = null;
    if (mode === 'add') {
      if (f.serial.trim() || f.sealNo.trim() || f.meterTypeId || f.verifiedOn) {
        const m = meterInputSchema.safeParse({
          meterTypeId: intOrNull(f.meterTypeId, 'meterTypeId', 'Loại đồng hồ', ctx),
          serial: f.serial,
          sealNo: f.sealNo,
          verifiedOn: f.verifiedOn || null,
          installedOn: f.meterInstalledOn,
          initialIndex: intOrNull(f.initialIndex, 'initialIndex', 'Chỉ số đầu', ctx) ?? 0,
        });
        copyIssues(m.error, 'meter.', ctx);
        if (m.success) meter = m.data;
      }
      if (f.signedOn || f.contractAddress.trim() || f.handoverOn || f.installationTeamId) {
        const c = contractInputSchema.safeParse({
          address: f.contractAddress,
          signedOn: f.signedOn,
          handoverOn: f.handoverOn || null,
          installedOn: f.contractInstalledOn || null,
          installationTeamId: intOrNull(f.installationTeamId, 'installationTeamId', 'Tổ lắp đặt', ctx),
        });
        copyIssues(c.error, 'contract.', ctx);
        if (c.success) contract = c.data;
      }
    }
    if (!customer.success) return z.NEVER;
    return {
      customer: {
        ...customer.data,
        customerType: f.customerType as Wire['customerType'],
        status: f.status as Wire['status'],
        wastewaterFeeMode: f.wastewaterFeeMode as Wire['wastewaterFeeMode'],
      } as CustomerInputVars,
      meter,
      contract,
    };
  });
}
