/**
 * The customer form's state and its translation to the API inputs, validated with the same zod schemas the
 * server uses (schemas/customer-input.ts). No React here: the form component only binds fields to this state.
 */
import { contractInputSchema, customerFieldsSchema, meterInputSchema } from '@/schemas/customer-input';
import type { CustomerDetail, CustomerInputVars } from './customer-documents';
import { todayVN } from './format';

export type FormMode = 'view' | 'add' | 'edit';

interface ExtraRow {
  key: string;
  value: string;
}

export interface FormState {
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

export type Errors = Record<string, string>;

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

export function initialState(mode: FormMode, c: CustomerDetail | null, defaultBookId: number | null): FormState {
  const today = todayVN();
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
export const API_PATH: Record<string, string> = {
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
export function buildInputs(f: FormState, mode: FormMode) {
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
    customerType: stored(STORED_CUSTOMER_TYPE, f.customerType),
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
    wastewaterFeeMode: stored(STORED_WASTEWATER, f.wastewaterFeeMode),
    wastewaterFeeBp: f.wastewaterFeeMode === 'CUSTOM' && rate !== null ? Math.round(rate * 100) : null,
    status: stored(STORED_STATUS, f.status),
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
  const wire = customer.success
    ? { ...customer.data, customerType: f.customerType, status: f.status, wastewaterFeeMode: f.wastewaterFeeMode }
    : null;
  return { errors, customer: wire, meter, contract };
}
