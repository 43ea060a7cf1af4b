import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { isCalendarDate } from '@/domain/time/calendar';
import { complaintKinds, installationTeams, meterTypes, serviceTypes } from '@/db/schema/catalogs';
import { branches, masterMeters, readingBooks, routes, wards } from '@/db/schema/org';
import type { ColumnKind } from './filter';

/**
 * The catalogs (danh mục) of SPEC §4, described once: the GraphQL types, the list/filter/search/export services
 * and the generic catalog screen are all generated from this registry.
 */
export const CATALOG_NAMES = [
  'wards',
  'branches',
  'routes',
  'readingBooks',
  'serviceTypes',
  'meterTypes',
  'installationTeams',
  'complaintKinds',
  'masterMeters',
] as const;
export type CatalogName = (typeof CATALOG_NAMES)[number];

interface CatalogOption {
  value: string | number;
  label: string;
}

interface CatalogColumnDef {
  /** Field name in GraphQL and in service rows (camelCase, as in the Drizzle table). */
  name: string;
  /** Vietnamese column header. */
  label: string;
  kind: ColumnKind;
  /** For `ref` columns: the catalog the id points at. */
  ref?: CatalogName;
  /** Must be given when adding or editing a row. */
  required?: boolean;
  /** The value may be null (optional columns without a default). */
  nullable?: boolean;
  /** Computed for display (joined names, counts): never written; `expr` says how to read it. */
  readOnly?: boolean;
  expr?: SQL;
  /** The allowed values of a coded column, with their Vietnamese labels. */
  options?: readonly CatalogOption[];
  /** Left out of the Excel export (a raw id next to its name column). */
  hideInExport?: boolean;
}

/**
 * Who sees which rows. Reading books are the unit of permissions (SPEC §11): a non-admin sees only the books
 * they hold, and the routes and branches that contain one of them. Other catalogs are company-wide.
 */
type CatalogVisibility = 'company' | 'book' | 'route' | 'branch';

export interface CatalogDef {
  name: CatalogName;
  /** GraphQL object type name; the input is `${typeName}Input`, the page `${typeName}Page`. */
  typeName: string;
  /** Screen and sheet title. */
  label: string;
  /** One row, lower-case, for messages ("Không tìm thấy sổ đọc."). */
  entity: string;
  table: PgTable;
  /** Object key in PERMISSION_OBJECTS.catalog. */
  permissionObject: string;
  visibility: CatalogVisibility;
  columns: readonly CatalogColumnDef[];
  /** Validates and normalises a row being added or edited. Keys left `undefined` keep the database default / current value. */
  input: z.ZodType<Record<string, unknown>>;
}

// ---- input helpers: trimmed, NFC-normalised text, Vietnamese messages ----

const nfcTrim = (s: string) => s.normalize('NFC').trim();

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} là bắt buộc.` })
    .transform(nfcTrim)
    .pipe(z.string().min(1, `${label} không được để trống.`).max(max, `${label} dài tối đa ${max} ký tự.`));

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .nullish()
    .transform((s) => (s == null ? null : nfcTrim(s) || null))
    .pipe(z.string().max(max, `${label} dài tối đa ${max} ký tự.`).nullable());

const code = (max: number) =>
  requiredText('Mã', max).pipe(
    z.string().regex(/^[A-Za-z0-9._\-/]+$/, 'Mã chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - /.'),
  );

const phone = () =>
  optionalText('Số điện thoại', 20).pipe(
    z
      .string()
      .regex(/^[0-9+() .-]+$/, 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . -')
      .nullable(),
  );

const intBetween = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} phải là số.` })
    .int(`${label} phải là số nguyên.`)
    .min(min, `${label} không được nhỏ hơn ${min}.`)
    .max(max, `${label} không được lớn hơn ${max}.`);

/** Optional and nullable: null clears it. */
const optionalInt = (label: string, min: number, max: number) =>
  intBetween(label, min, max)
    .nullish()
    .transform((v) => v ?? null);

/** NOT NULL with a database default: omitted or null means "the default" on add and "unchanged" on edit. */
const defaultedInt = (label: string, min: number, max: number) =>
  intBetween(label, min, max)
    .nullish()
    .transform((v) => v ?? undefined);

const defaultedEnum = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z
    .enum(values, { error: `${label} phải là một trong: ${values.join(', ')}.` })
    .nullish()
    .transform((v) => v ?? undefined);

const requiredRef = (label: string) =>
  z
    .number({ error: `Chưa chọn ${label}.` })
    .int(`Chưa chọn ${label}.`)
    .positive(`Chưa chọn ${label}.`);

const optionalRef = (label: string) =>
  requiredRef(label)
    .nullish()
    .transform((v) => v ?? null);

const optionalDate = (label: string) =>
  z
    .string()
    // Date.parse rolls 2026-02-30 over to 2 March and takes year 0, which PostgreSQL then refuses.
    .refine(isCalendarDate, `${label} không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.`)
    .nullish()
    .transform((v) => v ?? null);

// ---- columns shared by every catalog ----
const codeCol = (): CatalogColumnDef => ({ name: 'code', label: 'Mã', kind: 'string', required: true });
const nameCol = (label = 'Tên'): CatalogColumnDef => ({ name: 'name', label, kind: 'string', required: true });

const WARD_KINDS = ['ward', 'commune', 'town'] as const;
const UTILITIES = ['water', 'electricity', 'sanitation'] as const;

// Correlated columns are qualified by hand: drizzle renders a lone table's columns unqualified, and inside a subquery
// an unqualified name binds to the inner table first (`id` would become customers.id).
const routeBranchName = sql<string>`(select b.name from branches b where b.id = routes.branch_id)`;
const bookRouteName = sql<string>`(select r.name from routes r where r.id = reading_books.route_id)`;
const bookBranchId = sql<number>`(select r.branch_id from routes r where r.id = reading_books.route_id)`.mapWith(
  Number,
);
const bookBranchName = sql<string>`(select b.name from routes r join branches b on b.id = r.branch_id where r.id = reading_books.route_id)`;
const bookCustomersCount =
  sql<number>`(select count(*)::int from customers c where c.book_id = reading_books.id)`.mapWith(Number);
const meterWardName = sql<string | null>`(select w.name from wards w where w.id = master_meters.ward_id)`;

export const CATALOGS: Readonly<Record<CatalogName, CatalogDef>> = {
  wards: {
    name: 'wards',
    typeName: 'Ward',
    label: 'Phường – xã',
    entity: 'phường – xã',
    table: wards,
    permissionObject: 'wards',
    visibility: 'company',
    columns: [
      codeCol(),
      nameCol('Tên phường – xã'),
      { name: 'district', label: 'Quận – huyện', kind: 'string', required: true },
      { name: 'province', label: 'Tỉnh – thành phố', kind: 'string', required: true },
      {
        name: 'kind',
        label: 'Loại',
        kind: 'string',
        options: [
          { value: 'ward', label: 'Phường' },
          { value: 'commune', label: 'Xã' },
          { value: 'town', label: 'Thị trấn' },
        ],
      },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên phường – xã', 200),
      district: requiredText('Quận – huyện', 200),
      province: requiredText('Tỉnh – thành phố', 200),
      kind: defaultedEnum('Loại', WARD_KINDS),
    }),
  },
  branches: {
    name: 'branches',
    typeName: 'Branch',
    label: 'Đơn vị cơ sở',
    entity: 'đơn vị cơ sở',
    table: branches,
    permissionObject: 'branches',
    visibility: 'branch',
    columns: [
      codeCol(),
      nameCol('Tên đơn vị'),
      { name: 'address', label: 'Địa chỉ', kind: 'string', nullable: true },
      { name: 'phone', label: 'Điện thoại', kind: 'string', nullable: true },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên đơn vị', 200),
      address: optionalText('Địa chỉ', 300),
      phone: phone(),
    }),
  },
  routes: {
    name: 'routes',
    typeName: 'Route',
    label: 'Tuyến',
    entity: 'tuyến',
    table: routes,
    permissionObject: 'routes',
    visibility: 'route',
    columns: [
      codeCol(),
      nameCol('Tên tuyến'),
      { name: 'branchId', label: 'Đơn vị cơ sở', kind: 'ref', ref: 'branches', required: true, hideInExport: true },
      { name: 'branchName', label: 'Đơn vị cơ sở', kind: 'string', readOnly: true, expr: routeBranchName },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên tuyến', 200),
      branchId: requiredRef('đơn vị cơ sở'),
    }),
  },
  readingBooks: {
    name: 'readingBooks',
    typeName: 'ReadingBook',
    label: 'Sổ đọc',
    entity: 'sổ đọc',
    table: readingBooks,
    permissionObject: 'readingBooks',
    visibility: 'book',
    columns: [
      codeCol(),
      nameCol('Tên sổ'),
      { name: 'routeId', label: 'Tuyến', kind: 'ref', ref: 'routes', required: true, hideInExport: true },
      { name: 'routeName', label: 'Tuyến', kind: 'string', readOnly: true, expr: bookRouteName },
      {
        name: 'branchId',
        label: 'Mã đơn vị cơ sở',
        kind: 'ref',
        ref: 'branches',
        readOnly: true,
        expr: bookBranchId,
        hideInExport: true,
      },
      { name: 'branchName', label: 'Đơn vị cơ sở', kind: 'string', readOnly: true, expr: bookBranchName },
      { name: 'readerName', label: 'Người ghi chỉ số', kind: 'string', nullable: true },
      { name: 'readingDay', label: 'Ngày ghi', kind: 'int', nullable: true },
      { name: 'customersCount', label: 'Số khách hàng', kind: 'int', readOnly: true, expr: bookCustomersCount },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên sổ', 200),
      routeId: requiredRef('tuyến'),
      readerName: optionalText('Người ghi chỉ số', 200),
      readingDay: optionalInt('Ngày ghi', 1, 31),
    }),
  },
  serviceTypes: {
    name: 'serviceTypes',
    typeName: 'ServiceType',
    label: 'Loại dịch vụ',
    entity: 'loại dịch vụ',
    table: serviceTypes,
    permissionObject: 'serviceTypes',
    visibility: 'company',
    columns: [
      codeCol(),
      nameCol('Tên loại dịch vụ'),
      {
        name: 'utility',
        label: 'Ngành',
        kind: 'string',
        options: [
          { value: 'water', label: 'Nước' },
          { value: 'electricity', label: 'Điện' },
          { value: 'sanitation', label: 'Vệ sinh môi trường' },
        ],
      },
      {
        name: 'isDomestic',
        label: 'Sinh hoạt',
        kind: 'int',
        options: [
          { value: 1, label: 'Sinh hoạt' },
          { value: 0, label: 'Ngoài sinh hoạt' },
        ],
      },
    ],
    input: z.object({
      code: code(24),
      name: requiredText('Tên loại dịch vụ', 200),
      utility: defaultedEnum('Ngành', UTILITIES),
      isDomestic: defaultedInt('Sinh hoạt', 0, 1),
    }),
  },
  meterTypes: {
    name: 'meterTypes',
    typeName: 'MeterType',
    label: 'Loại đồng hồ',
    entity: 'loại đồng hồ',
    table: meterTypes,
    permissionObject: 'meterTypes',
    visibility: 'company',
    columns: [
      codeCol(),
      nameCol('Tên loại đồng hồ'),
      { name: 'manufacturer', label: 'Hãng sản xuất', kind: 'string', nullable: true },
      { name: 'diameterMm', label: 'Cỡ (mm)', kind: 'int', nullable: true },
      { name: 'maxIndex', label: 'Chỉ số tối đa', kind: 'int' },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên loại đồng hồ', 200),
      manufacturer: optionalText('Hãng sản xuất', 200),
      diameterMm: optionalInt('Cỡ (mm)', 1, 2000),
      maxIndex: defaultedInt('Chỉ số tối đa', 9, 2_000_000_000),
    }),
  },
  installationTeams: {
    name: 'installationTeams',
    typeName: 'InstallationTeam',
    label: 'Đội thi công',
    entity: 'đội thi công',
    table: installationTeams,
    permissionObject: 'installationTeams',
    visibility: 'company',
    columns: [
      codeCol(),
      nameCol('Tên đội'),
      { name: 'leader', label: 'Đội trưởng', kind: 'string', nullable: true },
      { name: 'phone', label: 'Điện thoại', kind: 'string', nullable: true },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên đội', 200),
      leader: optionalText('Đội trưởng', 200),
      phone: phone(),
    }),
  },
  complaintKinds: {
    name: 'complaintKinds',
    typeName: 'ComplaintKind',
    label: 'Loại khiếu nại',
    entity: 'loại khiếu nại',
    table: complaintKinds,
    permissionObject: 'complaintKinds',
    visibility: 'company',
    columns: [
      codeCol(),
      nameCol('Tên loại khiếu nại'),
      { name: 'resolutionDays', label: 'Số ngày giải quyết', kind: 'int' },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên loại khiếu nại', 200),
      resolutionDays: defaultedInt('Số ngày giải quyết', 1, 365),
    }),
  },
  masterMeters: {
    name: 'masterMeters',
    typeName: 'MasterMeter',
    label: 'Đồng hồ tổng',
    entity: 'đồng hồ tổng',
    table: masterMeters,
    permissionObject: 'masterMeters',
    visibility: 'company',
    columns: [
      codeCol(),
      nameCol('Tên đồng hồ tổng'),
      { name: 'wardId', label: 'Phường – xã', kind: 'ref', ref: 'wards', nullable: true, hideInExport: true },
      { name: 'wardName', label: 'Phường – xã', kind: 'string', nullable: true, readOnly: true, expr: meterWardName },
      { name: 'installedOn', label: 'Ngày lắp đặt', kind: 'date', nullable: true },
    ],
    input: z.object({
      code: code(16),
      name: requiredText('Tên đồng hồ tổng', 200),
      wardId: optionalRef('phường – xã'),
      installedOn: optionalDate('Ngày lắp đặt'),
    }),
  },
};

export function isCatalogName(name: string): name is CatalogName {
  return (CATALOG_NAMES as readonly string[]).includes(name);
}

/** Columns an add/edit form writes. */
export const writableColumns = (def: CatalogDef) => def.columns.filter((c) => !c.readOnly);

/**
 * Vietnamese names of what can reference a catalog row, for the "in use" message. Tables not listed still block a
 * delete; they are named by their table name.
 */
export const USAGE_LABELS: Readonly<Record<string, string>> = {
  customers: 'khách hàng',
  customer_usage_splits: 'tỷ lệ sử dụng của khách hàng',
  meters: 'đồng hồ',
  contracts: 'hợp đồng',
  invoices: 'hóa đơn',
  invoice_lines: 'dòng hóa đơn',
  readings: 'chỉ số',
  reading_books: 'sổ đọc',
  routes: 'tuyến',
  master_meters: 'đồng hồ tổng',
  tariff_versions: 'biểu giá',
  complaints: 'khiếu nại',
  installation_requests: 'đăng ký lắp đặt',
};

/** Assignments of users to books, routes and branches: they follow the row (cascade) and never block a delete. */
export const NON_BLOCKING_REFERENCES: ReadonlySet<string> = new Set(['user_books', 'user_routes', 'user_permissions']);
