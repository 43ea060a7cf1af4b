/**
 * The demo database: one water company in Hanoi with two branches, four routes, eight reading books,
 * the published tariffs, ~5,000 customers with meters, contracts and 12 months of readings, and three users.
 * Runs only on a database without a company row, inside one transaction.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { complaintKinds, installationTeams, meterTypes, serviceTypes } from '@/db/schema/catalogs';
import { branches, companies, masterMeters, readingBooks, routes, wards } from '@/db/schema/org';
import { invoiceSeries } from '@/db/schema/billing';
import { partners } from '@/db/schema/payments';
import { tariffTiers, tariffVersions } from '@/db/schema/tariffs';
import { userBooks, userPermissions, userRoutes, users } from '@/db/schema/users';
import { ALL_RIGHTS, PERMISSION_OBJECTS, type PermissionGroup, type Rights } from '@/domain/auth/permissions';
import { SEED_SERVICE_TYPES } from '@/domain/tariff/seed-tariffs';
import { hashPassword } from '@/services/auth/password';
import { encryptPartnerSecret } from '@/services/payments/partner-secrets';
import { drizzleRunner, type Runner } from './bulk';
import {
  buildCustomerDraft,
  closedPeriods,
  drawCustomerNumbers,
  todayInVietnam,
  writeCustomers,
  type CatalogRefs,
  type MeterTypeRef,
  type Placement,
  type WardRef,
  type WriteCounts,
} from './customers';
import { VietnameseFaker } from './names';

const DEMO_COMPANY_NAME = 'Công ty Cổ phần Cấp nước Sông Hồng';
export const DEMO_CUSTOMER_COUNT = 5000;
/** Book S01 holds 40 % of the demo customers: exactly 2,000 of the default 5,000. */
const DEMO_S01_SHARE = 0.4;
const DEMO_READING_PERIODS = 12;

export interface DemoUser {
  login: string;
  password: string;
  fullName: string;
  /** What the account may do, in Vietnamese, for the login page and the README. */
  role: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    login: 'admin',
    password: 'admin-demo-2026',
    fullName: 'Quản trị hệ thống',
    role: 'Quản trị viên: toàn quyền, quản lý người dùng và phân quyền',
  },
  {
    login: 'nv01',
    password: 'nv01-demo-2026',
    fullName: 'Nguyễn Thị Lan',
    role: 'Nhân viên Chi nhánh Ba Đình: toàn quyền chứng từ trên sổ S01, S02; xem và xuất danh mục',
  },
  {
    login: 'xem01',
    password: 'xem01-demo-2026',
    fullName: 'Trần Văn Minh',
    role: 'Chỉ xem: truy cập, in, xuất chứng từ, danh mục, báo cáo của Chi nhánh Ba Đình (tuyến T01, T02)',
  },
];

/**
 * The demo partner of the partner API (README "Partner API"): a bank that may call only from this machine, so the
 * published demo secret is of no use from anywhere else.
 */
export const DEMO_PARTNER = {
  code: 'DEMO_BANK',
  name: 'Ngân hàng thử nghiệm (demo)',
  secret: 'demo-partner-secret-2026',
  allowList: ['127.0.0.1/32', '::1/128', '::ffff:127.0.0.1'],
} as const;

export interface SeedDemoOptions {
  /** Customers to create (default 5,000; book S01 gets 40 %). */
  customers?: number;
  withUsers?: boolean;
  /** PRNG seed: the same seed gives the same names, addresses and readings. */
  seed?: number;
  /** Civil date taken as today (YYYY-MM-DD); readings end with the month before it. Default: today in Vietnam. */
  today?: string;
  /** Reading periods to create per customer (default 12). */
  readingPeriods?: number;
}

export interface SeedDemoResult {
  skipped: boolean;
  companyId: number | null;
  branches: number;
  routes: number;
  books: number;
  wards: number;
  users: string[];
  /** Partner codes of the partner API (DEMO_BANK), seeded with the users. */
  partners: string[];
  customers: number;
  meters: number;
  contracts: number;
  readings: number;
  /** First and last seeded reading period. */
  periods: { from: string; to: string } | null;
  ms: number;
}

interface WardSeed {
  code: string;
  name: string;
  district: string;
  kind: 'ward' | 'commune';
  streets: readonly string[];
}

const HANOI = 'Thành phố Hà Nội';

/** Twelve wards of Ba Đình and Đống Đa (pre-2025 boundaries, when districts still existed) and two rural communes. */
const WARDS: readonly WardSeed[] = [
  {
    code: 'BD-KM',
    name: 'Phường Kim Mã',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Kim Mã', 'Nguyễn Thái Học', 'Núi Trúc', 'Đào Tấn', 'Linh Lang'],
  },
  {
    code: 'BD-GV',
    name: 'Phường Giảng Võ',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Giảng Võ', 'Cát Linh', 'Văn Cao', 'Trần Huy Liệu'],
  },
  {
    code: 'BD-NK',
    name: 'Phường Ngọc Khánh',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Ngọc Khánh', 'Nguyễn Chí Thanh', 'Vạn Bảo', 'Phạm Huy Thông'],
  },
  {
    code: 'BD-TC',
    name: 'Phường Thành Công',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Thành Công', 'Huỳnh Thúc Kháng', 'Nguyễn Công Hoan', 'Láng Hạ'],
  },
  {
    code: 'BD-DC',
    name: 'Phường Đội Cấn',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Đội Cấn', 'Đốc Ngữ', 'Vạn Phúc', 'Liễu Giai'],
  },
  {
    code: 'BD-NH',
    name: 'Phường Ngọc Hà',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Ngọc Hà', 'Hoàng Hoa Thám', 'Hoàng Văn Thụ', 'Đội Nhân'],
  },
  {
    code: 'BD-QT',
    name: 'Phường Quán Thánh',
    district: 'Quận Ba Đình',
    kind: 'ward',
    streets: ['Quán Thánh', 'Phan Đình Phùng', 'Hàng Bún', 'Châu Long'],
  },
  {
    code: 'DD-LH',
    name: 'Phường Láng Hạ',
    district: 'Quận Đống Đa',
    kind: 'ward',
    streets: ['Láng Hạ', 'Thái Hà', 'Thái Thịnh', 'Vũ Ngọc Phan'],
  },
  {
    code: 'DD-OCD',
    name: 'Phường Ô Chợ Dừa',
    district: 'Quận Đống Đa',
    kind: 'ward',
    streets: ['Xã Đàn', 'Đê La Thành', 'Hoàng Cầu', 'Ô Chợ Dừa'],
  },
  {
    code: 'DD-KT',
    name: 'Phường Khâm Thiên',
    district: 'Quận Đống Đa',
    kind: 'ward',
    streets: ['Khâm Thiên', 'Lê Duẩn', 'Nguyễn Lương Bằng'],
  },
  {
    code: 'DD-VC',
    name: 'Phường Văn Chương',
    district: 'Quận Đống Đa',
    kind: 'ward',
    streets: ['Văn Chương', 'Tôn Đức Thắng', 'Hồ Giám'],
  },
  {
    code: 'DD-KL',
    name: 'Phường Kim Liên',
    district: 'Quận Đống Đa',
    kind: 'ward',
    streets: ['Phạm Ngọc Thạch', 'Đào Duy Anh', 'Lương Định Của', 'Kim Liên'],
  },
  { code: 'DA-UN', name: 'Xã Uy Nỗ', district: 'Huyện Đông Anh', kind: 'commune', streets: [] },
  { code: 'GL-BT', name: 'Xã Bát Tràng', district: 'Huyện Gia Lâm', kind: 'commune', streets: [] },
];

/** Streets of the demo wards by ward code (the generator reuses them for its books). */
export const DEMO_WARD_STREETS: ReadonlyMap<string, readonly string[]> = new Map(WARDS.map((w) => [w.code, w.streets]));

const BRANCHES = [
  {
    code: 'CN1',
    name: 'Chi nhánh Ba Đình',
    address: 'Số 18 Đội Cấn, phường Đội Cấn, quận Ba Đình, Hà Nội',
    phone: '02437331234',
  },
  {
    code: 'CN2',
    name: 'Chi nhánh Đống Đa',
    address: 'Số 125 Tôn Đức Thắng, phường Văn Chương, quận Đống Đa, Hà Nội',
    phone: '02438511234',
  },
] as const;

const ROUTES = [
  { code: 'T01', branch: 'CN1', name: 'Tuyến Kim Mã – Ngọc Khánh' },
  { code: 'T02', branch: 'CN1', name: 'Tuyến Đội Cấn – Quán Thánh – Uy Nỗ' },
  { code: 'T03', branch: 'CN2', name: 'Tuyến Láng Hạ – Ô Chợ Dừa' },
  { code: 'T04', branch: 'CN2', name: 'Tuyến Khâm Thiên – Kim Liên – Bát Tràng' },
] as const;

interface BookSeed {
  code: string;
  route: string;
  name: string;
  readerName: string;
  readingDay: number;
  /** Wards of the book with weights. */
  wards: readonly (readonly [string, number])[];
  masterMeter: string | null;
}

const BOOKS: readonly BookSeed[] = [
  {
    code: 'S01',
    route: 'T01',
    name: 'Sổ 01 – Kim Mã, Giảng Võ',
    readerName: 'Nguyễn Văn Hùng',
    readingDay: 5,
    wards: [
      ['BD-KM', 3],
      ['BD-GV', 2],
    ],
    masterMeter: 'DHT01',
  },
  {
    code: 'S02',
    route: 'T01',
    name: 'Sổ 02 – Ngọc Khánh, Thành Công',
    readerName: 'Lê Thị Hoa',
    readingDay: 8,
    wards: [
      ['BD-NK', 3],
      ['BD-TC', 2],
    ],
    masterMeter: 'DHT01',
  },
  {
    code: 'S03',
    route: 'T02',
    name: 'Sổ 03 – Đội Cấn, Ngọc Hà',
    readerName: 'Phạm Quang Huy',
    readingDay: 11,
    wards: [
      ['BD-DC', 1],
      ['BD-NH', 1],
    ],
    masterMeter: 'DHT02',
  },
  {
    code: 'S04',
    route: 'T02',
    name: 'Sổ 04 – Quán Thánh, xã Uy Nỗ',
    readerName: 'Hoàng Đức Long',
    readingDay: 14,
    wards: [
      ['BD-QT', 2],
      ['DA-UN', 1],
    ],
    masterMeter: null,
  },
  {
    code: 'S05',
    route: 'T03',
    name: 'Sổ 05 – Láng Hạ',
    readerName: 'Vũ Thị Thu Trang',
    readingDay: 17,
    wards: [['DD-LH', 1]],
    masterMeter: 'DHT03',
  },
  {
    code: 'S06',
    route: 'T03',
    name: 'Sổ 06 – Ô Chợ Dừa',
    readerName: 'Đặng Văn Sơn',
    readingDay: 20,
    wards: [['DD-OCD', 1]],
    masterMeter: 'DHT03',
  },
  {
    code: 'S07',
    route: 'T04',
    name: 'Sổ 07 – Khâm Thiên, Văn Chương',
    readerName: 'Bùi Minh Tuấn',
    readingDay: 23,
    wards: [
      ['DD-KT', 1],
      ['DD-VC', 1],
    ],
    masterMeter: null,
  },
  {
    code: 'S08',
    route: 'T04',
    name: 'Sổ 08 – Kim Liên, xã Bát Tràng',
    readerName: 'Đỗ Thị Ngọc Anh',
    readingDay: 26,
    wards: [
      ['DD-KL', 2],
      ['GL-BT', 1],
    ],
    masterMeter: null,
  },
];

const MASTER_METERS = [
  { code: 'DHT01', name: 'Đồng hồ tổng Kim Mã – Ngọc Khánh (DN200)', ward: 'BD-KM', installedOn: '2012-06-15' },
  { code: 'DHT02', name: 'Đồng hồ tổng Đội Cấn (DN150)', ward: 'BD-DC', installedOn: '2014-03-20' },
  { code: 'DHT03', name: 'Đồng hồ tổng Láng Hạ – Ô Chợ Dừa (DN250)', ward: 'DD-LH', installedOn: '2016-09-05' },
] as const;

const DEMO_METER_TYPES = [
  {
    code: 'ACT15',
    name: 'Actaris DN15',
    manufacturer: 'Actaris',
    diameterMm: 15,
    maxIndex: 99_999,
    serialPrefix: 'AC',
  },
  { code: 'ASA15', name: 'Asahi DN15', manufacturer: 'Asahi', diameterMm: 15, maxIndex: 99_999, serialPrefix: 'AS' },
  { code: 'ZEN20', name: 'Zenner DN20', manufacturer: 'Zenner', diameterMm: 20, maxIndex: 99_999, serialPrefix: 'ZN' },
  { code: 'ITR25', name: 'Itron DN25', manufacturer: 'Itron', diameterMm: 25, maxIndex: 999_999, serialPrefix: 'IT' },
  { code: 'SEN50', name: 'Sensus DN50', manufacturer: 'Sensus', diameterMm: 50, maxIndex: 999_999, serialPrefix: 'SN' },
] as const;

const TEAMS = [
  { code: 'DTC01', name: 'Đội thi công số 1 (Ba Đình)', leader: 'Trần Văn Thắng', phone: '0912345601' },
  { code: 'DTC02', name: 'Đội thi công số 2 (Đống Đa)', leader: 'Ngô Quang Vinh', phone: '0983456702' },
  { code: 'DTC03', name: 'Đội sửa chữa – lắp đặt đồng hồ', leader: 'Lương Văn Toàn', phone: '0904567803' },
] as const;

const COMPLAINT_KINDS = [
  { code: 'NUOC_YEU', name: 'Nước yếu', resolutionDays: 3 },
  { code: 'MAT_NUOC', name: 'Mất nước', resolutionDays: 1 },
  { code: 'RO_RI_SAU', name: 'Rò rỉ sau đồng hồ', resolutionDays: 5 },
  { code: 'RO_RI_TRUOC', name: 'Rò rỉ trước đồng hồ, vỡ ống', resolutionDays: 1 },
  { code: 'HD_SAI', name: 'Hóa đơn sai', resolutionDays: 15 },
  { code: 'CHI_SO_SAI', name: 'Ghi sai chỉ số', resolutionDays: 5 },
  { code: 'DH_HONG', name: 'Đồng hồ hỏng, chạy sai', resolutionDays: 5 },
  { code: 'KIEM_DINH', name: 'Đề nghị kiểm định đồng hồ', resolutionDays: 5 },
  { code: 'NUOC_DUC', name: 'Nước đục, có mùi', resolutionDays: 2 },
  { code: 'THAI_DO', name: 'Thái độ phục vụ của nhân viên', resolutionDays: 10 },
] as const;

/** Customers per book: S01 gets 40 % (2,000 of 5,000), the other seven books share the rest evenly. */
export function demoBookCounts(total: number): number[] {
  const s01 = Math.round(total * DEMO_S01_SHARE);
  const rest = total - s01;
  const others = BOOKS.length - 1;
  return [s01, ...Array.from({ length: others }, (_, i) => Math.floor(rest / others) + (i < rest % others ? 1 : 0))];
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Locality text of a ward row: "phường Kim Mã, quận Ba Đình, Hà Nội". */
export function wardRef(
  row: { id: number; name: string; district: string; kind: string },
  streets: readonly string[] = [],
): WardRef {
  const label = lowerFirst(row.name);
  return {
    id: row.id,
    label,
    locality: `${label}, ${lowerFirst(row.district)}, Hà Nội`,
    rural: row.kind === 'commune',
    streets,
  };
}

function serialPrefixOf(code: string): string {
  return DEMO_METER_TYPES.find((m) => m.code === code)?.serialPrefix ?? code.slice(0, 2).toUpperCase();
}

/** Meter types of the database as the customer factory wants them (shared with the generator). */
export async function loadCatalogRefs(db: DbOrTx): Promise<CatalogRefs> {
  const [company] = await db.select({ prefix: companies.customerCodePrefix }).from(companies).limit(1);
  const types = await db.select({ id: serviceTypes.id, code: serviceTypes.code }).from(serviceTypes);
  const meters = await db
    .select({ id: meterTypes.id, code: meterTypes.code, maxIndex: meterTypes.maxIndex })
    .from(meterTypes);
  const teams = await db.select({ id: installationTeams.id }).from(installationTeams);
  const ref = (code: string): MeterTypeRef | undefined => {
    const m = meters.find((x) => x.code === code);
    return m && { id: m.id, code: m.code, maxIndex: m.maxIndex, serialPrefix: serialPrefixOf(m.code) };
  };
  const weightedRefs = (items: readonly (readonly [string, number])[]) =>
    items.flatMap(([code, w]) => {
      const r = ref(code);
      return r ? [[r, w] as const] : [];
    });
  let householdMeters = weightedRefs([
    ['ACT15', 60],
    ['ASA15', 35],
    ['ZEN20', 5],
  ]);
  let organisationMeters = weightedRefs([
    ['ZEN20', 50],
    ['ITR25', 40],
    ['SEN50', 10],
  ]);
  const anyMeter = meters[0];
  if (!anyMeter) throw new Error('no meter type: seed the catalogs first');
  const fallback = [
    [
      {
        id: anyMeter.id,
        code: anyMeter.code,
        maxIndex: anyMeter.maxIndex,
        serialPrefix: serialPrefixOf(anyMeter.code),
      },
      1,
    ] as const,
  ];
  if (householdMeters.length === 0) householdMeters = fallback;
  if (organisationMeters.length === 0) organisationMeters = householdMeters;
  return {
    codePrefix: company?.prefix ?? 'KH',
    serviceTypeIds: Object.fromEntries(types.map((t) => [t.code, t.id])),
    householdMeters,
    organisationMeters,
    teamIds: teams.map((t) => t.id),
  };
}

async function seedTariffs(tx: DbOrTx): Promise<void> {
  await tx
    .insert(serviceTypes)
    .values(
      SEED_SERVICE_TYPES.map((s) => ({
        code: s.code,
        name: s.name,
        utility: s.utility,
        isDomestic: s.versions.some((v) => v.domestic ?? v.basis !== 'flat') ? 1 : 0,
      })),
    )
    .onConflictDoNothing();
  const typeRows = await tx.select({ id: serviceTypes.id, code: serviceTypes.code }).from(serviceTypes);
  const typeId = new Map(typeRows.map((t) => [t.code, t.id]));
  for (const seed of SEED_SERVICE_TYPES) {
    const serviceTypeId = typeId.get(seed.code);
    if (serviceTypeId === undefined) continue;
    for (const v of seed.versions) {
      // The seed's version ids are kept (bills and tests refer to them); the identity moves past them below.
      const inserted = await tx
        .insert(tariffVersions)
        .overridingSystemValue()
        .values({
          id: v.id,
          serviceTypeId,
          effectiveFrom: v.effectiveFrom,
          basis: v.basis,
          pricesIncludeVat: v.pricesIncludeVat,
          vatRateBp: v.vatRateBp,
          prorationMethod: v.prorationMethod,
          minConsumption: v.minConsumption ?? null,
          meterSubscription: v.meterSubscription ?? null,
          environmentFeeBp: v.environmentFeeBp,
          drainageBp: v.drainageBp,
          drainageVatBp: v.drainageVatBp,
          note: 'Biểu giá công bố (dữ liệu mẫu)',
        })
        .onConflictDoNothing()
        .returning({ id: tariffVersions.id });
      const versionId = inserted[0]?.id;
      if (versionId === undefined) continue;
      await tx
        .insert(tariffTiers)
        .values(v.tiers.map((t, i) => ({ versionId, ordinal: i + 1, upTo: t.upTo, unitPrice: t.unitPrice })));
    }
  }
  await tx.execute(
    sql`select setval(pg_get_serial_sequence('tariff_versions', 'id'), greatest((select max(id) from tariff_versions), 1))`,
  );
}

function grantRows(
  userId: number,
  branchIds: readonly number[],
  groups: readonly PermissionGroup[],
  rights: Rights,
): (typeof userPermissions.$inferInsert)[] {
  const rows: (typeof userPermissions.$inferInsert)[] = [];
  for (const branchId of branchIds) {
    for (const group of groups) {
      for (const object of Object.keys(PERMISSION_OBJECTS[group])) {
        rows.push({
          userId,
          branchId,
          group,
          object,
          canAccess: rights.access,
          canAdd: rights.add,
          canEdit: rights.edit,
          canDelete: rights.delete,
          canPrint: rights.print,
          canExport: rights.export,
        });
      }
    }
  }
  return rows;
}

const VIEW_RIGHTS: Rights = { access: true, add: false, edit: false, delete: false, print: true, export: true };
const CATALOG_VIEW_EXPORT: Rights = {
  access: true,
  add: false,
  edit: false,
  delete: false,
  print: false,
  export: true,
};

async function seedUsers(tx: DbOrTx, hashes: ReadonlyMap<string, string>): Promise<string[]> {
  const userRows = await tx
    .insert(users)
    .values(
      DEMO_USERS.map((u) => ({
        login: u.login,
        fullName: u.fullName,
        passwordHash: hashes.get(u.login) ?? '',
        isAdmin: u.login === 'admin',
        email: `${u.login}@capnuocsonghong.vn`,
      })),
    )
    .returning({ id: users.id, login: users.login });
  const idOf = (login: string): number => {
    const row = userRows.find((u) => u.login === login);
    if (!row) throw new Error(`user ${login} missing`);
    return row.id;
  };

  // nv01: the books S01 and S02, every document right on their branch(es), catalogs to look up and export.
  const nvBooks = await tx
    .select({ bookId: readingBooks.id, branchId: routes.branchId })
    .from(readingBooks)
    .innerJoin(routes, eq(routes.id, readingBooks.routeId))
    .where(inArray(readingBooks.code, ['S01', 'S02']));
  const nvBranches = [...new Set(nvBooks.map((b) => b.branchId))];
  const nv01 = idOf('nv01');
  await tx
    .insert(userPermissions)
    .values([
      ...grantRows(nv01, nvBranches, ['document'], ALL_RIGHTS),
      ...grantRows(nv01, nvBranches, ['catalog'], CATALOG_VIEW_EXPORT),
    ]);
  await tx.insert(userBooks).values(nvBooks.map((b) => ({ userId: nv01, bookId: b.bookId })));

  // xem01: read-only on branch CN1, its routes.
  const [cn1] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.code, 'CN1'));
  if (!cn1) throw new Error('branch CN1 missing');
  const xem01 = idOf('xem01');
  await tx.insert(userPermissions).values(grantRows(xem01, [cn1.id], ['document', 'catalog', 'report'], VIEW_RIGHTS));
  const cn1Routes = await tx.select({ id: routes.id }).from(routes).where(eq(routes.branchId, cn1.id));
  await tx.insert(userRoutes).values(cn1Routes.map((r) => ({ userId: xem01, routeId: r.id })));
  return userRows.map((u) => u.login);
}

/** Seeds the demo company. Does nothing (skipped: true) when the database already has a company. */
export async function seedDemo(db: DbOrTx, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const total = options.customers ?? DEMO_CUSTOMER_COUNT;
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`customers must be a whole number ≥ 0, got ${total}`);
  const withUsers = options.withUsers ?? true;
  const today = options.today ?? todayInVietnam();
  const periods = closedPeriods(today, options.readingPeriods ?? DEMO_READING_PERIODS);
  const faker = new VietnameseFaker(options.seed ?? 20_260_101);

  const empty: SeedDemoResult = {
    skipped: true,
    companyId: null,
    branches: 0,
    routes: 0,
    books: 0,
    wards: 0,
    users: [],
    partners: [],
    customers: 0,
    meters: 0,
    contracts: 0,
    readings: 0,
    periods: null,
    ms: 0,
  };
  const hasCompany = async (q: DbOrTx) => (await q.select({ id: companies.id }).from(companies).limit(1)).length > 0;
  if (await hasCompany(db)) return { ...empty, ms: performance.now() - started };

  // scrypt is slow on purpose: hash before the transaction opens.
  const hashes = new Map<string, string>();
  if (withUsers) for (const u of DEMO_USERS) hashes.set(u.login, await hashPassword(u.password));

  const result = await db.transaction(async (tx) => {
    // Two seeders started together: the second waits here, then sees the company and stops.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('capnuoc:seed'))`);
    if (await hasCompany(tx)) return null;

    const [company] = await tx
      .insert(companies)
      .values({
        name: DEMO_COMPANY_NAME,
        taxCode: '0108123456',
        address: 'Số 18 Đường Thanh Niên, phường Trúc Bạch, quận Ba Đình, Hà Nội',
        phone: '02438291234',
        customerCodePrefix: 'KH',
        email: 'cskh@capnuochanoi.example.vn',
        hotline: '1900545433',
        // VietinBank's NAPAS BIN: the demo's VietQR codes scan in any banking app (the account is fictitious).
        bankBin: '970415',
        bankAccount: '113000123456',
        bankName: 'VietinBank – Chi nhánh Ba Đình',
        officeHours: 'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nThứ Bảy: 7:30 – 11:30',
      })
      .returning({ id: companies.id });
    if (!company) throw new Error('company not inserted');
    // The year's default invoice series, so the demo can issue at once (1 = VAT invoice, C = coded, T = enterprise).
    const issueYear = Number(today.slice(0, 4));
    await tx.insert(invoiceSeries).values({
      templateSymbol: '1',
      invoiceSymbol: `C${String(issueYear % 100).padStart(2, '0')}TAA`,
      year: issueYear,
      isDefault: true,
      note: 'Hóa đơn GTGT tiền nước (ký hiệu mẫu)',
    });

    const branchRows = await tx
      .insert(branches)
      .values([...BRANCHES])
      .returning({ id: branches.id, code: branches.code });
    const branchId = new Map(branchRows.map((b) => [b.code, b.id]));
    const routeRows = await tx
      .insert(routes)
      .values(ROUTES.map((r) => ({ code: r.code, name: r.name, branchId: branchId.get(r.branch) as number })))
      .returning({ id: routes.id, code: routes.code });
    const routeId = new Map(routeRows.map((r) => [r.code, r.id]));
    const bookRows = await tx
      .insert(readingBooks)
      .values(
        BOOKS.map((b) => ({
          code: b.code,
          name: b.name,
          routeId: routeId.get(b.route) as number,
          readerName: b.readerName,
          readingDay: b.readingDay,
        })),
      )
      .returning({ id: readingBooks.id, code: readingBooks.code });
    const bookId = new Map(bookRows.map((b) => [b.code, b.id]));

    const wardRows = await tx
      .insert(wards)
      .values(WARDS.map((w) => ({ code: w.code, name: w.name, district: w.district, province: HANOI, kind: w.kind })))
      .returning({ id: wards.id, code: wards.code, name: wards.name, district: wards.district, kind: wards.kind });
    const wardByCode = new Map(
      wardRows.map((w) => [w.code, wardRef(w, WARDS.find((s) => s.code === w.code)?.streets ?? [])]),
    );
    // A request for an address not yet in a book belongs to the branch of its ward: the branch whose books read the
    // ward (the first branch for a ward no book reads yet).
    for (const w of wardRows) {
      const route = BOOKS.find((b) => b.wards.some(([code]) => code === w.code))?.route;
      const branch = ROUTES.find((r) => r.code === route)?.branch ?? BRANCHES[0]?.code;
      const id = branch === undefined ? undefined : branchId.get(branch);
      if (id !== undefined) await tx.update(wards).set({ branchId: id }).where(eq(wards.id, w.id));
    }

    const masterRows = await tx
      .insert(masterMeters)
      .values(
        MASTER_METERS.map((m) => ({
          code: m.code,
          name: m.name,
          installedOn: m.installedOn,
          wardId: wardByCode.get(m.ward)?.id ?? null,
        })),
      )
      .returning({ id: masterMeters.id, code: masterMeters.code });
    const masterId = new Map(masterRows.map((m) => [m.code, m.id]));

    await tx.insert(meterTypes).values(DEMO_METER_TYPES.map(({ serialPrefix: _prefix, ...m }) => m));
    await tx.insert(installationTeams).values([...TEAMS]);
    await tx.insert(complaintKinds).values([...COMPLAINT_KINDS]);
    await seedTariffs(tx);

    const userLogins = withUsers ? await seedUsers(tx, hashes) : [];
    const partnerCodes: string[] = [];
    if (withUsers) {
      await tx.insert(partners).values({
        code: DEMO_PARTNER.code,
        name: DEMO_PARTNER.name,
        secretCiphertext: encryptPartnerSecret(DEMO_PARTNER.secret, DEMO_PARTNER.code),
        allowList: [...DEMO_PARTNER.allowList],
        // The demo bank also posts transfer notifications for the company's account (VietQR payments).
        notifiesBank: true,
      });
      partnerCodes.push(DEMO_PARTNER.code);
    }

    const catalogs = await loadCatalogRefs(tx);
    const runner: Runner = drizzleRunner(tx);
    const counts = demoBookCounts(total);
    const numbers = await drawCustomerNumbers(runner, total);
    const firstPeriod = periods[0] ?? today.slice(0, 7);
    const cutOffCandidates = periods.slice(-6);
    const totals: WriteCounts = { customers: 0, meters: 0, contracts: 0, readings: 0 };
    let next = 0;
    for (const [i, book] of BOOKS.entries()) {
      const count = counts[i] ?? 0;
      const id = bookId.get(book.code) as number;
      const wardChoices = book.wards.map(([code, w]) => [wardByCode.get(code) as WardRef, w] as const);
      const drafts = [];
      for (let k = 0; k < count; k++) {
        const placement: Placement = {
          bookId: id,
          sequenceNo: (k + 1) * 10,
          readingDay: book.readingDay,
          ward: faker.weighted(wardChoices),
          masterMeterId: book.masterMeter ? (masterId.get(book.masterMeter) ?? null) : null,
        };
        drafts.push(
          buildCustomerDraft(faker, {
            catalogs,
            placement,
            codeNumber: numbers[next++] as number,
            today,
            firstPeriod,
            cutOffCandidates,
          }),
        );
      }
      const written = await writeCustomers(runner, drafts, periods, faker);
      totals.customers += written.customers;
      totals.meters += written.meters;
      totals.contracts += written.contracts;
      totals.readings += written.readings;
    }

    return {
      skipped: false,
      companyId: company.id,
      branches: branchRows.length,
      routes: routeRows.length,
      books: bookRows.length,
      wards: wardRows.length,
      users: userLogins,
      partners: partnerCodes,
      ...totals,
      periods: periods.length > 0 ? { from: periods[0] as string, to: periods[periods.length - 1] as string } : null,
      ms: 0,
    } satisfies SeedDemoResult;
  });
  return { ...(result ?? empty), ms: performance.now() - started };
}
