import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { installationTeams, meterTypes, serviceTypes } from '@/db/schema/catalogs';
import { branches, companies, readingBooks, routes, wards } from '@/db/schema/org';
import { userBooks, userPermissions, users } from '@/db/schema/users';
import { type Actor, loadActor } from '@/services/auth/actor';
import type { CustomerFields } from '@/services/customers/customer-input';

export interface OrgFixture {
  branchIds: [number, number];
  bookIds: [number, number, number];
  wardId: number;
  communeId: number;
  serviceTypeId: number;
  meterTypeId: number;
  teamId: number;
  admin: Actor;
  /** Every customers right, on books 0 and 1 (branch 0) only. */
  clerk: Actor;
  /** Access only, on book 0. */
  viewer: Actor;
  /** Holds book 2 of branch 1 with every right: never sees books 0–1. */
  outsider: Actor;
}

async function makeUser(db: Db, login: string, isAdmin = false): Promise<number> {
  const [u] = await db
    .insert(users)
    .values({ login, fullName: `Người dùng ${login}`, passwordHash: 'scrypt$1$1$1$x$x', isAdmin })
    .returning({ id: users.id });
  return u!.id;
}

async function grant(
  db: Db,
  userId: number,
  branchId: number,
  object: string,
  rights: Partial<Record<'add' | 'edit' | 'delete' | 'print' | 'export', boolean>>,
) {
  await db.insert(userPermissions).values({
    userId,
    branchId,
    group: 'document',
    object,
    canAccess: true,
    canAdd: rights.add ?? false,
    canEdit: rights.edit ?? false,
    canDelete: rights.delete ?? false,
    canPrint: rights.print ?? false,
    canExport: rights.export ?? false,
  });
}

/** A small organisation with four users of distinct reach, built by direct inserts (independent of the demo seed). */
export async function createOrgFixture(db: Db): Promise<OrgFixture> {
  await db.insert(companies).values({ name: 'Công ty Cấp nước Thử nghiệm', customerCodePrefix: 'KH' });
  const b = await db
    .insert(branches)
    .values([
      { code: 'CN1', name: 'Chi nhánh Một' },
      { code: 'CN2', name: 'Chi nhánh Hai' },
    ])
    .returning({ id: branches.id });
  const r = await db
    .insert(routes)
    .values([
      { code: 'T1', name: 'Tuyến 1', branchId: b[0]!.id },
      { code: 'T2', name: 'Tuyến 2', branchId: b[1]!.id },
    ])
    .returning({ id: routes.id });
  const books = await db
    .insert(readingBooks)
    .values([
      { code: 'S01', name: 'Sổ 01', routeId: r[0]!.id },
      { code: 'S02', name: 'Sổ 02', routeId: r[0]!.id },
      { code: 'S03', name: 'Sổ 03', routeId: r[1]!.id },
    ])
    .returning({ id: readingBooks.id });
  const w = await db
    .insert(wards)
    .values([
      { code: 'P01', name: 'Phường Phúc Xá', district: 'Ba Đình', province: 'Hà Nội', kind: 'ward' },
      { code: 'X01', name: 'Xã Kim Chung', district: 'Đông Anh', province: 'Hà Nội', kind: 'commune' },
    ])
    .returning({ id: wards.id });
  const [st] = await db
    .insert(serviceTypes)
    .values({ code: 'HN_SH', name: 'Sinh hoạt Hà Nội' })
    .returning({ id: serviceTypes.id });
  const [mt] = await db
    .insert(meterTypes)
    .values({ code: 'DN15', name: 'Actaris DN15', maxIndex: 99999 })
    .returning({ id: meterTypes.id });
  const [team] = await db
    .insert(installationTeams)
    .values({ code: 'D1', name: 'Đội lắp đặt 1' })
    .returning({ id: installationTeams.id });
  const bookIds = books.map((x) => x.id) as [number, number, number];
  const branchIds: [number, number] = [b[0]!.id, b[1]!.id];

  const adminId = await makeUser(db, 'admin', true);
  const clerkId = await makeUser(db, 'clerk');
  const viewerId = await makeUser(db, 'viewer');
  const outsiderId = await makeUser(db, 'outsider');
  await db.insert(userBooks).values([
    { userId: clerkId, bookId: bookIds[0] },
    { userId: clerkId, bookId: bookIds[1] },
    { userId: viewerId, bookId: bookIds[0] },
    { userId: outsiderId, bookId: bookIds[2] },
  ]);
  const all = { add: true, edit: true, delete: true, print: true, export: true };
  for (const object of ['customers', 'readings', 'billing', 'invoices', 'payments']) {
    await grant(db, clerkId, branchIds[0], object, all);
    await grant(db, viewerId, branchIds[0], object, {});
    await grant(db, outsiderId, branchIds[1], object, all);
  }
  await db.execute(sql`select 1`);
  const load = async (id: number) => (await loadActor(db, id))!;
  return {
    branchIds,
    bookIds,
    wardId: w[0]!.id,
    communeId: w[1]!.id,
    serviceTypeId: st!.id,
    meterTypeId: mt!.id,
    teamId: team!.id,
    admin: await load(adminId),
    clerk: await load(clerkId),
    viewer: await load(viewerId),
    outsider: await load(outsiderId),
  };
}

/** Every field of a customer as the services take it: a household of `bookId`, with `overrides` on top. */
export function customerFields(bookId: number, overrides: Partial<CustomerFields> = {}): CustomerFields {
  return {
    bookId,
    sequenceNo: null,
    name: 'Khách hàng thử',
    customerType: 0,
    taxCode: null,
    citizenId: null,
    address: 'Hà Nội',
    wardId: null,
    serviceTypeId: null,
    households: 1,
    persons: 1,
    masterMeterId: null,
    phone: null,
    fax: null,
    email: null,
    bankAccount: null,
    bankName: null,
    wastewaterFeeMode: 'standard',
    wastewaterFeeBp: null,
    status: 1,
    isPreferential: false,
    preferentialUntil: null,
    extra: {},
    latitude: null,
    longitude: null,
    ...overrides,
  };
}
