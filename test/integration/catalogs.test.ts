import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { complaintKinds } from '@/db/schema/catalogs';
import { customers } from '@/db/schema/customers';
import { masterMeters, readingBooks, wards } from '@/db/schema/org';
import { userBooks, userPermissions, userRoutes, users } from '@/db/schema/users';
import { loadActor, type Actor } from '@/services/auth/actor';
import { catalogToSheet } from '@/services/catalogs/catalog.service';
import { AppError } from '@/services/errors';
import { createTestDatabase } from '../helpers/db';
import { gql } from '../helpers/graphql';
import { createOrgTree } from '../helpers/org-tree';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let admin: Actor;
/** Holds book S01 only; no catalog rights. */
let reader: Actor;
/** Holds route R02 (book S03); rights on wards everywhere-ish (branch 1) and reading books on branch 2. */
let clerk: Actor;
const ids = { b1: 0, b2: 0, r1: 0, r2: 0, s1: 0, s2: 0, s3: 0 };

async function insertUser(login: string, isAdmin = false): Promise<number> {
  const [u] = await db
    .insert(users)
    .values({ login, fullName: `Người dùng ${login}`, passwordHash: 'x', isAdmin })
    .returning();
  return u!.id;
}

async function actorOf(userId: number): Promise<Actor> {
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error('no actor');
  return actor;
}

const rights = { canAccess: true, canAdd: true, canEdit: true, canDelete: true, canPrint: false, canExport: false };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  Object.assign(ids, await createOrgTree(db));

  admin = await actorOf(await insertUser('admin', true));
  const readerId = await insertUser('reader');
  await db.insert(userBooks).values({ userId: readerId, bookId: ids.s1 });
  reader = await actorOf(readerId);
  const clerkId = await insertUser('clerk');
  await db.insert(userRoutes).values({ userId: clerkId, routeId: ids.r2 });
  await db.insert(userPermissions).values([
    { userId: clerkId, branchId: ids.b1, group: 'catalog', object: 'wards', ...rights },
    { userId: clerkId, branchId: ids.b2, group: 'catalog', object: 'readingBooks', ...rights },
  ]);
  clerk = await actorOf(clerkId);
});
afterAll(async () => database?.close());

const WARD_FIELDS = 'id code name district province kind';
const LIST_WARDS = `query($filter: CatalogQuery) { wards(filter: $filter) { total rows { ${WARD_FIELDS} } } }`;
const CREATE_WARD = `mutation($input: WardInput!) { createWard(input: $input) { ${WARD_FIELDS} } }`;
const UPDATE_WARD = `mutation($id: Int!, $input: WardInput!) { updateWard(id: $id, input: $input) { ${WARD_FIELDS} } }`;
const DELETE_WARD = `mutation($id: Int!) { deleteWard(id: $id) }`;

async function ok<T = Record<string, any>>(
  actor: Actor | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const r = await gql<T>(db, actor, query, variables);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

async function wardCodes(filter: Record<string, unknown>): Promise<string[]> {
  const data = await ok(admin, LIST_WARDS, { filter });
  return data.wards.rows.map((w: { code: string }) => w.code);
}

const countWards = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(wards))[0]!.n;

describe('catalog CRUD, filters and search', () => {
  const created: Record<string, number> = {};

  it('adds, lists, edits and deletes wards', async () => {
    for (const input of [
      { code: 'P-BN', name: 'Phường Bến Nghé', district: 'Quận 1', province: 'TP. Hồ Chí Minh' },
      { code: 'P-DK', name: 'Phường Đa Kao', district: 'Quận 1', province: 'TP. Hồ Chí Minh' },
      { code: 'X-TN', name: 'Xã Tân Nhựt', district: 'Huyện Bình Chánh', province: 'TP. Hồ Chí Minh', kind: 'commune' },
      { code: 'P-LT', name: '  Phường Linh Trung ', district: 'TP. Thủ Đức', province: 'TP. Hồ Chí Minh' },
    ]) {
      const data = await ok(admin, CREATE_WARD, { input });
      created[input.code] = data.createWard.id;
    }
    const all = await ok(admin, LIST_WARDS, { filter: {} });
    expect(all.wards.total).toBe(4);
    const linhTrung = all.wards.rows.find((w: { code: string }) => w.code === 'P-LT');
    expect(linhTrung).toMatchObject({ name: 'Phường Linh Trung', kind: 'ward' });
    expect(all.wards.rows.find((w: { code: string }) => w.code === 'X-TN').kind).toBe('commune');

    const updated = await ok(admin, UPDATE_WARD, {
      id: created['P-LT'],
      input: {
        code: 'P-LT',
        name: 'Phường Linh Trung',
        district: 'Thành phố Thủ Đức',
        province: 'TP. Hồ Chí Minh',
        kind: 'ward',
      },
    });
    expect(updated.updateWard.district).toBe('Thành phố Thủ Đức');

    const tmp = await ok(admin, CREATE_WARD, { input: { code: 'TMP', name: 'Tạm', district: 'Tạm', province: 'Tạm' } });
    expect((await ok(admin, DELETE_WARD, { id: tmp.createWard.id })).deleteWard).toBe(true);
    expect(await countWards()).toBe(4);
    const gone = await gql(db, admin, DELETE_WARD, { id: tmp.createWard.id });
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('filters text columns with every operator', async () => {
    expect(await wardCodes({ filters: [{ column: 'code', op: 'eq', value: 'P-BN' }] })).toEqual(['P-BN']);
    expect(await wardCodes({ filters: [{ column: 'kind', op: 'ne', value: 'ward' }] })).toEqual(['X-TN']);
    expect(await wardCodes({ filters: [{ column: 'name', op: 'contains', value: 'tan nhut' }] })).toEqual(['X-TN']);
    expect(await wardCodes({ filters: [{ column: 'name', op: 'startsWith', value: 'PHƯỜNG' }] })).toEqual([
      'P-BN',
      'P-DK',
      'P-LT',
    ]);
    expect(await wardCodes({ filters: [{ column: 'code', op: 'lt', value: 'P-DK' }] })).toEqual(['P-BN']);
    expect(await wardCodes({ filters: [{ column: 'code', op: 'lte', value: 'P-DK' }] })).toEqual(['P-BN', 'P-DK']);
    expect(await wardCodes({ filters: [{ column: 'code', op: 'gt', value: 'P-LT' }] })).toEqual(['X-TN']);
    expect(await wardCodes({ filters: [{ column: 'code', op: 'gte', value: 'P-LT' }] })).toEqual(['P-LT', 'X-TN']);
    expect(await wardCodes({ filters: [{ column: 'code', op: 'between', value: 'P-C', value2: 'P-Z' }] })).toEqual([
      'P-DK',
      'P-LT',
    ]);
    expect(
      await wardCodes({
        filters: [
          { column: 'district', op: 'eq', value: 'Quận 1' },
          { column: 'name', op: 'contains', value: 'kao' },
        ],
      }),
    ).toEqual(['P-DK']);
  });

  it('filters int and date columns, casting the typed value', async () => {
    await db.insert(complaintKinds).values([
      { code: 'K1', name: 'Nước đục', resolutionDays: 2 },
      { code: 'K2', name: 'Mất nước', resolutionDays: 1 },
      { code: 'K3', name: 'Đồng hồ chạy sai', resolutionDays: 10 },
      { code: 'K4', name: 'Hóa đơn sai', resolutionDays: 15 },
    ]);
    const kinds = async (filters: unknown[]) =>
      (
        await ok(admin, `query($f: CatalogQuery) { complaintKinds(filter: $f) { rows { code resolutionDays } } }`, {
          f: { filters },
        })
      ).complaintKinds.rows.map((r: { code: string }) => r.code);
    expect(await kinds([{ column: 'resolutionDays', op: 'eq', value: '2' }])).toEqual(['K1']);
    expect(await kinds([{ column: 'resolutionDays', op: 'ne', value: '2' }])).toEqual(['K2', 'K3', 'K4']);
    expect(await kinds([{ column: 'resolutionDays', op: 'lt', value: '10' }])).toEqual(['K1', 'K2']);
    expect(await kinds([{ column: 'resolutionDays', op: 'lte', value: '10' }])).toEqual(['K1', 'K2', 'K3']);
    expect(await kinds([{ column: 'resolutionDays', op: 'gt', value: '10' }])).toEqual(['K4']);
    expect(await kinds([{ column: 'resolutionDays', op: 'gte', value: '10' }])).toEqual(['K3', 'K4']);
    expect(await kinds([{ column: 'resolutionDays', op: 'between', value: '2', value2: '10' }])).toEqual(['K1', 'K3']);
    const bad = await gql(
      db,
      admin,
      `{ complaintKinds(filter: { filters: [{ column: "resolutionDays", op: gt, value: "mười" }] }) { total } }`,
    );
    expect(bad.code).toBe('INVALID_FILTER');
    expect(bad.errors[0]!.message).toContain('Số ngày giải quyết');

    await db.insert(masterMeters).values([
      { code: 'DHT1', name: 'Đồng hồ tổng Bến Nghé', wardId: created['P-BN'], installedOn: '2024-05-10' },
      { code: 'DHT2', name: 'Đồng hồ tổng Đa Kao', installedOn: '2025-01-20' },
      { code: 'DHT3', name: 'Đồng hồ tổng dự phòng' },
    ]);
    const meters = async (filters: unknown[]) =>
      (
        await ok(admin, `query($f: CatalogQuery) { masterMeters(filter: $f) { rows { code wardName installedOn } } }`, {
          f: { filters },
        })
      ).masterMeters.rows;
    expect(
      (await meters([{ column: 'installedOn', op: 'gte', value: '01/01/2025' }])).map((m: { code: string }) => m.code),
    ).toEqual(['DHT2']);
    expect(
      (await meters([{ column: 'installedOn', op: 'between', value: '2024-01-01', value2: '2024-12-31' }])).map(
        (m: { code: string }) => m.code,
      ),
    ).toEqual(['DHT1']);
    expect(
      (await meters([{ column: 'installedOn', op: 'eq', value: null }])).map((m: { code: string }) => m.code),
    ).toEqual(['DHT3']);
    expect((await meters([{ column: 'wardId', op: 'eq', value: String(created['P-BN']) }]))[0]).toEqual({
      code: 'DHT1',
      wardName: 'Phường Bến Nghé',
      installedOn: '2024-05-10',
    });
  });

  it('searches text columns ignoring accents and case, and pages', async () => {
    expect(
      (await ok(admin, LIST_WARDS, { filter: { search: 'ĐA KAO' } })).wards.rows.map((w: { code: string }) => w.code),
    ).toEqual(['P-DK']);
    expect(
      (await ok(admin, LIST_WARDS, { filter: { search: 'thu duc' } })).wards.rows.map((w: { code: string }) => w.code),
    ).toEqual(['P-LT']);
    expect((await ok(admin, LIST_WARDS, { filter: { search: 'binh chanh' } })).wards.total).toBe(1);
    expect((await ok(admin, LIST_WARDS, { filter: { search: '100%' } })).wards.total).toBe(0);
    const page = await ok(admin, LIST_WARDS, { filter: { offset: 1, limit: 2 } });
    expect(page.wards.total).toBe(4);
    expect(page.wards.rows.map((w: { code: string }) => w.code)).toEqual(['P-DK', 'P-LT']);
    const desc = await ok(admin, LIST_WARDS, { filter: { orderBy: [{ column: 'name', desc: true }], limit: 1 } });
    expect(desc.wards.rows[0].code).toBe('X-TN');
    const tooMany = await gql(db, admin, LIST_WARDS, { filter: { limit: 501 } });
    expect(tooMany.code).toBe('VALIDATION_FAILED');
    expect(tooMany.errors[0]!.message).toContain('500');
    const unknown = await gql(db, admin, LIST_WARDS, {
      filter: { filters: [{ column: 'passwordHash', op: 'eq', value: 'x' }] },
    });
    expect(unknown.code).toBe('INVALID_FILTER');
  });

  it('refuses a duplicate code, on add and on edit, writing nothing', async () => {
    const dup = await gql(db, admin, CREATE_WARD, {
      input: { code: 'P-BN', name: 'Khác', district: 'Khác', province: 'Khác' },
    });
    expect(dup.code).toBe('DUPLICATE_CODE');
    expect(dup.errors[0]!.message).toBe('Mã «P-BN» đã có trong danh mục phường – xã.');
    const rename = await gql(db, admin, UPDATE_WARD, {
      id: created['P-DK'],
      input: { code: 'P-BN', name: 'Phường Đa Kao', district: 'Quận 1', province: 'TP. Hồ Chí Minh' },
    });
    expect(rename.code).toBe('DUPLICATE_CODE');
    expect(await wardCodes({ filters: [{ column: 'code', op: 'eq', value: 'P-BN' }] })).toEqual(['P-BN']);
    expect(await countWards()).toBe(4);
  });

  it('validates input with Vietnamese messages', async () => {
    const empty = await gql(db, admin, CREATE_WARD, {
      input: { code: 'P-X', name: '   ', district: 'Quận 1', province: 'TP. Hồ Chí Minh' },
    });
    expect(empty.code).toBe('VALIDATION_FAILED');
    expect(empty.errors[0]!.message).toContain('Tên phường – xã không được để trống');
    const kind = await gql(db, admin, CREATE_WARD, {
      input: { code: 'P-X', name: 'X', district: 'X', province: 'X', kind: 'city' },
    });
    expect(kind.code).toBe('VALIDATION_FAILED');
    const day = await gql(
      db,
      admin,
      `mutation { createReadingBook(input: { code: "S09", name: "Sổ 9", routeId: ${ids.r1}, readingDay: 32 }) { id } }`,
    );
    expect(day.code).toBe('VALIDATION_FAILED');
    expect(day.errors[0]!.message).toContain('Ngày ghi không được lớn hơn 31');
    const route = await gql(
      db,
      admin,
      `mutation { createReadingBook(input: { code: "S09", name: "Sổ 9", routeId: 999999 }) { id } }`,
    );
    expect(route.code).toBe('INVALID_REFERENCE');
    expect(route.errors[0]!.message).toBe('Tuyến đã chọn không tồn tại.');
    expect(await countWards()).toBe(4);
  });

  it('refuses to delete a row in use, naming what uses it', async () => {
    const route = await gql(db, admin, `mutation { deleteRoute(id: ${ids.r1}) }`);
    expect(route.code).toBe('IN_USE');
    expect(route.errors[0]!.message).toBe('Không thể xóa tuyến «R01» vì đang được sử dụng bởi 2 sổ đọc.');

    await db.insert(customers).values({
      code: 'KH0000001',
      bookId: ids.s1,
      sequenceNo: 10,
      name: 'Nguyễn Văn An',
      address: '1 Lê Lợi',
      wardId: created['P-BN'],
    });
    const ward = await gql(db, admin, DELETE_WARD, { id: created['P-BN'] });
    expect(ward.code).toBe('IN_USE');
    expect(ward.errors[0]!.message).toContain('1 khách hàng');
    expect(ward.errors[0]!.message).toContain('1 đồng hồ tổng');
    const book = await gql(db, admin, `mutation { deleteReadingBook(id: ${ids.s1}) }`);
    expect(book.code).toBe('IN_USE');
    expect(book.errors[0]!.message).toContain('khách hàng');
    expect(await wardCodes({ filters: [{ column: 'code', op: 'eq', value: 'P-BN' }] })).toEqual(['P-BN']);
  });

  it('shows the route, branch and customer count on reading books, and the branch on routes', async () => {
    const data = await ok(
      admin,
      `{ readingBooks(filter: { filters: [{ column: "code", op: eq, value: "S01" }] }) { rows { code routeId routeName branchId branchName customersCount readingDay } }
         routes(filter: { search: "vo van ngan" }) { rows { code branchId branchName } } }`,
    );
    expect(data.readingBooks.rows).toEqual([
      {
        code: 'S01',
        routeId: ids.r1,
        routeName: 'Tuyến Lê Lợi',
        branchId: ids.b1,
        branchName: 'Chi nhánh Quận 1',
        customersCount: 1,
        readingDay: 5,
      },
    ]);
    expect(data.routes.rows).toEqual([{ code: 'R02', branchId: ids.b2, branchName: 'Chi nhánh Thủ Đức' }]);
    const byBranch = await ok(
      admin,
      `{ readingBooks(filter: { filters: [{ column: "branchName", op: contains, value: "thu duc" }] }) { rows { code } } }`,
    );
    expect(byBranch.readingBooks.rows).toEqual([{ code: 'S03' }]);
  });

  it('describes columns for the generic screen', async () => {
    const data = await ok(
      reader,
      `{ catalogColumns(catalog: readingBooks) { name label kind ref required readOnly } catalogs { name label canAdd } }`,
    );
    const cols = data.catalogColumns as { name: string; kind: string; ref: string | null; readOnly: boolean }[];
    expect(cols.map((c) => c.name)).toEqual([
      'code',
      'name',
      'routeId',
      'routeName',
      'branchId',
      'branchName',
      'readerName',
      'readingDay',
      'customersCount',
    ]);
    expect(cols.find((c) => c.name === 'routeId')).toMatchObject({ kind: 'ref', ref: 'routes', readOnly: false });
    expect(cols.find((c) => c.name === 'routeName')).toMatchObject({ kind: 'string', readOnly: true });
    expect(data.catalogs).toHaveLength(9);
    expect(data.catalogs.every((c: { canAdd: boolean }) => !c.canAdd)).toBe(true);
  });

  it('exports a filtered catalog as a sheet, with coded values by label', async () => {
    const sheet = await catalogToSheet(db, admin, 'wards', [
      { column: 'district', op: 'contains', value: 'binh chanh' },
    ]);
    expect(sheet.title).toBe('Phường – xã');
    expect(sheet.columns.map((c) => c.label)).toEqual([
      'Mã',
      'Tên phường – xã',
      'Quận – huyện',
      'Tỉnh – thành phố',
      'Loại',
    ]);
    expect(sheet.rows).toEqual([
      { code: 'X-TN', name: 'Xã Tân Nhựt', district: 'Huyện Bình Chánh', province: 'TP. Hồ Chí Minh', kind: 'Xã' },
    ]);
    const books = await catalogToSheet(db, admin, 'readingBooks', { search: 'le loi' });
    expect(books.columns.map((c) => c.key)).not.toContain('routeId');
    expect(books.rows.map((r) => r.code)).toEqual(['S01', 'S02']);
    await expect(catalogToSheet(db, clerk, 'wards')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(catalogToSheet(db, reader, 'wards')).rejects.toBeInstanceOf(AppError);
  });
});

describe('catalog rights and book-scoped visibility', () => {
  it('refuses writes without the catalog right (FORBIDDEN) and changes nothing', async () => {
    const before = await countWards();
    const add = await gql(db, reader, CREATE_WARD, {
      input: { code: 'P-NEW', name: 'Mới', district: 'Mới', province: 'Mới' },
    });
    expect(add.code).toBe('FORBIDDEN');
    expect(add.errors[0]!.message).toBe('Bạn không có quyền thực hiện thao tác này.');
    const [ward] = await db.select().from(wards).where(eq(wards.code, 'P-DK'));
    const edit = await gql(db, reader, UPDATE_WARD, {
      id: ward!.id,
      input: { code: 'P-DK', name: 'Đổi tên', district: 'X', province: 'X' },
    });
    expect(edit.code).toBe('FORBIDDEN');
    const del = await gql(db, reader, DELETE_WARD, { id: ward!.id });
    expect(del.code).toBe('FORBIDDEN');
    // The clerk's rights are on wards only.
    const meter = await gql(
      db,
      clerk,
      `mutation { createMeterType(input: { code: "DN15", name: "Đồng hồ DN15" }) { id } }`,
    );
    expect(meter.code).toBe('FORBIDDEN');
    expect(await countWards()).toBe(before);
    const [same] = await db.select().from(wards).where(eq(wards.id, ward!.id));
    expect(same!.name).toBe('Phường Đa Kao');
    expect((await gql(db, null, LIST_WARDS)).code).toBe('UNAUTHENTICATED');
  });

  it('lets a user with the right write', async () => {
    const data = await ok(clerk, CREATE_WARD, {
      input: { code: 'P-TD', name: 'Phường Tân Định', district: 'Quận 1', province: 'TP. Hồ Chí Minh' },
    });
    expect(data.createWard.code).toBe('P-TD');
    expect((await ok(clerk, DELETE_WARD, { id: data.createWard.id })).deleteWard).toBe(true);
  });

  it('shows a non-admin only their books, and the routes and branches holding them', async () => {
    const q = `{ readingBooks { total rows { code } } routes { rows { code } } branches { rows { code } } wards { total } meterTypes { total } }`;
    const r = await ok(reader, q);
    expect(r.readingBooks).toEqual({ total: 1, rows: [{ code: 'S01' }] });
    expect(r.routes.rows).toEqual([{ code: 'R01' }]);
    expect(r.branches.rows).toEqual([{ code: 'CN1' }]);
    expect(r.wards.total).toBe(4); // lookups are company-wide
    const c = await ok(clerk, q);
    expect(c.readingBooks.rows).toEqual([{ code: 'S03' }]);
    expect(c.routes.rows).toEqual([{ code: 'R02' }]);
    expect(c.branches.rows).toEqual([{ code: 'CN2' }]);
    const a = await ok(admin, q);
    expect(a.readingBooks.total).toBe(3);
    expect(a.branches.rows).toHaveLength(2);
    // A filter cannot reach around the scope.
    const around = await ok(
      reader,
      `{ readingBooks(filter: { filters: [{ column: "code", op: eq, value: "S03" }] }) { total } }`,
    );
    expect(around.readingBooks.total).toBe(0);
  });

  it('lets a non-admin edit only books they hold, with the right on that branch', async () => {
    const mine = await ok(
      clerk,
      `mutation { updateReadingBook(id: ${ids.s3}, input: { code: "S03", name: "Sổ Võ Văn Ngân (mới)", routeId: ${ids.r2}, readerName: "Trần Văn Bình" }) { name readerName readingDay } }`,
    );
    expect(mine.updateReadingBook).toEqual({
      name: 'Sổ Võ Văn Ngân (mới)',
      readerName: 'Trần Văn Bình',
      readingDay: null,
    });
    const other = await gql(
      db,
      clerk,
      `mutation { updateReadingBook(id: ${ids.s2}, input: { code: "S02", name: "Chiếm", routeId: ${ids.r1} }) { id } }`,
    );
    expect(other.code).toBe('FORBIDDEN');
    const move = await gql(
      db,
      clerk,
      `mutation { updateReadingBook(id: ${ids.s3}, input: { code: "S03", name: "Chuyển", routeId: ${ids.r1} }) { id } }`,
    );
    // Moving the book to route R01 needs the right on branch CN1 (and a route the clerk holds).
    expect(move.code).toBe('FORBIDDEN');
    const [s2] = await db.select().from(readingBooks).where(eq(readingBooks.id, ids.s2));
    expect(s2!.name).toBe('Sổ Lê Lợi 2');
  });
});

describe('reading book customer counts', () => {
  it('counts the customers of each book, not one', async () => {
    const { createTestDatabase: open } = await import('../helpers/db');
    const { createOrgFixture, customerFields } = await import('../helpers/fixtures');
    const { createCustomer } = await import('@/services/customers/customer.service');
    const { gql: run } = await import('../helpers/graphql');
    const d = await open();
    try {
      const org = await createOrgFixture(d.db);
      for (let i = 0; i < 3; i++) {
        await createCustomer(d.db, org.admin, {
          customer: customerFields(org.bookIds[1], { name: `Khách ${i}` }),
        });
      }
      const r = await run(d.db, org.admin, `{ readingBooks { rows { code customersCount } } }`);
      const counts = Object.fromEntries(r.data!.readingBooks.rows.map((b: any) => [b.code, b.customersCount]));
      expect(counts).toEqual({ S01: 0, S02: 3, S03: 0 });
    } finally {
      await d.close();
    }
  });
});
