import { and, eq, sql } from 'drizzle-orm';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { billingRuns } from '@/db/schema/billing';
import { userPermissions, users } from '@/db/schema/users';
import { loadActor, type Actor } from '@/services/auth/actor';
import { hashPassword, verifyPassword } from '@/services/auth/password';
import { actorForSession, nextSessionToken, signRenewal, type SessionClaims } from '@/services/auth/session';
import { checkCredentials, SIGN_IN_LIMITS } from '@/services/auth/sign-in.service';
import { pgErrorCode } from '@/services/errors';
import { listUsers } from '@/services/users/user.service';
import { schema } from '@/graphql/schema';
import { createTestDatabase } from '../helpers/db';
import { gql } from '../helpers/graphql';
import { createOrgTree } from '../helpers/org-tree';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let admin: Actor;
let adminId: number;
const ids = { b1: 0, b2: 0, r1: 0, r2: 0, s1: 0, s2: 0, s3: 0 };

async function actorOf(userId: number): Promise<Actor> {
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error('no actor');
  return actor;
}

async function ok<T = Record<string, any>>(
  actor: Actor | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const r = await gql<T>(db, actor, query, variables);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

const countUsers = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  Object.assign(ids, await createOrgTree(db, [{ name: 'Sổ 1' }, { name: 'Sổ 2' }, { name: 'Sổ 3' }]));
  const [a] = await db
    .insert(users)
    .values({
      login: 'admin',
      fullName: 'Quản trị viên',
      passwordHash: await hashPassword('admin-secret'),
      isAdmin: true,
    })
    .returning();
  adminId = a!.id;
  admin = await actorOf(adminId);
});
afterAll(async () => database?.close());

const USER_FIELDS = 'id login fullName email phone isAdmin isActive bookIds routeIds';
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const newUser = (overrides: Record<string, unknown> = {}) => ({
  login: 'thuongnv',
  fullName: 'Nguyễn Văn Thường',
  password: 'mat-khau-1',
  confirmPassword: 'mat-khau-1',
  ...overrides,
});

async function createUserOk(overrides: Record<string, unknown> = {}) {
  return (await ok(admin, CREATE_USER, { input: newUser(overrides) })).createUser;
}

describe('users', () => {
  it('creates a user, hashing the password, which never leaves the server', async () => {
    const u = await createUserOk({
      login: 'lan01',
      fullName: '  Trần Thị Lan ',
      email: 'lan@capnuoc.vn',
      phone: '0912 345 678',
    });
    expect(u).toMatchObject({
      login: 'lan01',
      fullName: 'Trần Thị Lan',
      email: 'lan@capnuoc.vn',
      isAdmin: false,
      isActive: true,
      bookIds: [],
    });
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('mat-khau-1', row!.passwordHash)).toBe(true);
    const userType = schema.getType('User') as GraphQLObjectType;
    expect(Object.keys(userType.getFields()).filter((f) => /password|hash/i.test(f))).toEqual([]);
    expect((await listUsers(db, admin)).every((x) => !('passwordHash' in x))).toBe(true);
    const list = await ok(admin, `{ users { login } }`);
    expect(list.users.map((x: { login: string }) => x.login)).toEqual(['admin', 'lan01']);
  });

  it('refuses bad logins, missing names, short or mismatched passwords and duplicates, writing nothing', async () => {
    const before = await countUsers();
    for (const login of ['Nguyen', 'nguyen van', 'abcdefghijklmnopq', 'thường', '']) {
      const r = await gql(db, admin, CREATE_USER, { input: newUser({ login }) });
      expect(r.code, login).toBe('INVALID_LOGIN');
    }
    const name = await gql(db, admin, CREATE_USER, { input: newUser({ fullName: '   ' }) });
    expect(name.code).toBe('FULL_NAME_REQUIRED');
    expect(name.errors[0]!.message).toBe('Họ tên là bắt buộc.');
    const mismatch = await gql(db, admin, CREATE_USER, { input: newUser({ confirmPassword: 'mat-khau-2' }) });
    expect(mismatch.code).toBe('PASSWORD_MISMATCH');
    expect(mismatch.errors[0]!.message).toBe('Hai lần nhập mật khẩu không khớp nhau.');
    const short = await gql(db, admin, CREATE_USER, {
      input: newUser({ password: '1234567', confirmPassword: '1234567' }),
    });
    expect(short.code).toBe('PASSWORD_TOO_SHORT');
    const email = await gql(db, admin, CREATE_USER, { input: newUser({ email: 'không-phải-email' }) });
    expect(email.code).toBe('INVALID_EMAIL');
    const dup = await gql(db, admin, CREATE_USER, { input: newUser({ login: 'lan01' }) });
    expect(dup.code).toBe('DUPLICATE_LOGIN');
    expect(dup.errors[0]!.message).toBe('Tên đăng nhập «lan01» đã được dùng.');
    expect(await countUsers()).toBe(before);
  });

  it('keeps user management to admins', async () => {
    const staff = await actorOf((await createUserOk({ login: 'staff1' })).id);
    expect((await gql(db, staff, `{ users { id } }`)).code).toBe('FORBIDDEN');
    expect((await gql(db, staff, `{ user(id: ${adminId}) { id } }`)).code).toBe('FORBIDDEN');
    expect((await gql(db, staff, CREATE_USER, { input: newUser({ login: 'hacker' }) })).code).toBe('FORBIDDEN');
    expect((await gql(db, staff, `mutation { deleteUser(id: ${adminId}) }`)).code).toBe('FORBIDDEN');
    expect(
      (await gql(db, staff, `{ permissionMatrix(userId: ${staff.userId}, branchId: ${ids.b1}) { object } }`)).code,
    ).toBe('FORBIDDEN');
    expect((await gql(db, null, `{ me { id } }`)).code).toBe('UNAUTHENTICATED');
    const me = await ok(
      staff,
      `{ me { login bookIds routeIds } permissionObjects { group label objects { key label } } }`,
    );
    expect(me.me).toEqual({ login: 'staff1', bookIds: [], routeIds: [] });
    expect(me.permissionObjects.map((g: { label: string }) => g.label)).toEqual(['Chứng từ', 'Danh mục', 'Báo cáo']);
    expect(me.permissionObjects[1].objects).toContainEqual({ key: 'wards', label: 'Phường – xã' });
  });

  it('deletes a user, but not oneself', async () => {
    const u = await createUserOk({ login: 'tam01' });
    expect((await ok(admin, `mutation { deleteUser(id: ${u.id}) }`)).deleteUser).toBe(true);
    expect(await db.select().from(users).where(eq(users.id, u.id))).toEqual([]);
    const self = await gql(db, admin, `mutation { deleteUser(id: ${adminId}) }`);
    expect(self.code).toBe('CANNOT_DELETE_SELF');
    expect((await gql(db, admin, `mutation { deleteUser(id: 999999) }`)).code).toBe('NOT_FOUND');
  });

  it('deactivates instead of deleting a user who authored records, so they keep their author', async () => {
    const u = await createUserOk({ login: 'runner' });
    await db.insert(billingRuns).values({ period: '2026-01', scope: { kind: 'all' }, startedBy: u.id });
    expect((await ok(admin, `mutation { deleteUser(id: ${u.id}) }`)).deleteUser).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(row!.isActive).toBe(false);
    expect(await loadActor(db, u.id)).toBeNull();
  });

  it('never removes the last admin', async () => {
    const demoteSelf = await gql(
      db,
      admin,
      `mutation { updateUser(id: ${adminId}, input: { fullName: "Quản trị viên", isAdmin: false }) { id } }`,
    );
    expect(demoteSelf.code).toBe('LAST_ADMIN');
    expect(demoteSelf.errors[0]!.message).toContain('ít nhất một quản trị viên');

    // A second admin is demoted while their session still says admin: they cannot delete the last real one.
    const second = await createUserOk({ login: 'admin2', isAdmin: true });
    const staleSecond = await actorOf(second.id);
    const demoted = await ok(
      admin,
      `mutation { updateUser(id: ${second.id}, input: { fullName: "Phó phòng", isAdmin: false }) { isAdmin fullName } }`,
    );
    expect(demoted.updateUser).toEqual({ isAdmin: false, fullName: 'Phó phòng' });
    const del = await gql(db, staleSecond, `mutation { deleteUser(id: ${adminId}) }`);
    expect(del.code).toBe('LAST_ADMIN');
    const [still] = await db.select().from(users).where(eq(users.id, adminId));
    expect(still!.isAdmin).toBe(true);
    const deactivate = await gql(
      db,
      staleSecond,
      `mutation { updateUser(id: ${adminId}, input: { fullName: "Quản trị viên", isActive: false }) { id } }`,
    );
    expect(deactivate.code).toBe('LAST_ADMIN');
    expect(await loadActor(db, adminId)).not.toBeNull();
  });
});

describe('permissions', () => {
  const SET = `mutation($input: SetPermissionsInput!) { setPermissions(input: $input) { group object label access add edit delete print export } }`;
  const none = { access: false, add: false, edit: false, delete: false, print: false, export: false };
  let clerk: { id: number };

  beforeAll(async () => {
    clerk = await createUserOk({ login: 'clerk', fullName: 'Lê Thị Thu' });
  });

  it('normalises rights (any right grants access) and replaces the branch rows', async () => {
    const matrix = await ok(admin, SET, {
      input: {
        userId: clerk.id,
        branchId: ids.b1,
        rows: [
          { group: 'catalog', object: 'wards', ...none, add: true, print: true },
          { group: 'document', object: 'customers', ...none, access: true },
          { group: 'report', object: 'customerList', ...none },
        ],
      },
    });
    const wards = matrix.setPermissions.find((r: { object: string }) => r.object === 'wards');
    expect(wards).toEqual({
      group: 'catalog',
      object: 'wards',
      label: 'Phường – xã',
      access: true,
      add: true,
      edit: false,
      delete: false,
      print: true,
      export: false,
    });
    expect(matrix.setPermissions).toHaveLength(8 + 11 + 6);
    const stored = await db.select().from(userPermissions).where(eq(userPermissions.userId, clerk.id));
    expect(stored.map((p) => `${p.group}/${p.object}`).sort()).toEqual(['catalog/wards', 'document/customers']);

    await ok(admin, SET, {
      input: {
        userId: clerk.id,
        branchId: ids.b2,
        rows: [{ group: 'catalog', object: 'routes', ...none, edit: true }],
      },
    });
    await ok(admin, SET, {
      input: {
        userId: clerk.id,
        branchId: ids.b1,
        rows: [{ group: 'catalog', object: 'wards', ...none, access: true }],
      },
    });
    const after = await db.select().from(userPermissions).where(eq(userPermissions.userId, clerk.id));
    expect(after.map((p) => [p.branchId, p.object, p.canAccess, p.canAdd]).sort()).toEqual(
      [
        [ids.b1, 'wards', true, false],
        [ids.b2, 'routes', true, false],
      ].sort(),
    );
    const read = await ok(
      admin,
      `{ permissionMatrix(userId: ${clerk.id}, branchId: ${ids.b2}) { object access edit } }`,
    );
    expect(read.permissionMatrix.find((r: { object: string }) => r.object === 'routes')).toEqual({
      object: 'routes',
      access: true,
      edit: true,
    });
  });

  it('refuses unknown objects and writes nothing; the CHECK refuses a right without access', async () => {
    const before = await db.select().from(userPermissions).where(eq(userPermissions.userId, clerk.id));
    for (const row of [
      { group: 'catalog', object: 'spaceships' },
      { group: 'secrets', object: 'wards' },
      { group: 'catalog', object: 'toString' },
    ]) {
      const r = await gql(db, admin, SET, {
        input: {
          userId: clerk.id,
          branchId: ids.b1,
          rows: [
            { group: 'catalog', object: 'meterTypes', ...none, add: true },
            { ...row, ...none, access: true },
          ],
        },
      });
      expect(r.code, row.object).toBe('UNKNOWN_PERMISSION_OBJECT');
    }
    expect(await db.select().from(userPermissions).where(eq(userPermissions.userId, clerk.id))).toEqual(before);

    let caught: unknown;
    try {
      await db.insert(userPermissions).values({
        userId: clerk.id,
        branchId: ids.b1,
        group: 'catalog',
        object: 'meterTypes',
        canAccess: false,
        canEdit: true,
      });
    } catch (e) {
      caught = e;
    }
    expect(pgErrorCode(caught)).toMatchObject({ code: '23514' });
  });

  it('takes effect for a freshly loaded actor', async () => {
    const ADD = `mutation { createComplaintKind(input: { code: "NUOCDUC", name: "Nước đục" }) { id } }`;
    const stale = await actorOf(clerk.id);
    expect((await gql(db, stale, ADD)).code).toBe('FORBIDDEN');
    await ok(admin, SET, {
      input: {
        userId: clerk.id,
        branchId: ids.b1,
        rows: [{ group: 'catalog', object: 'complaintKinds', ...none, add: true }],
      },
    });
    const fresh = await actorOf(clerk.id);
    expect((await gql(db, fresh, ADD)).code).toBeUndefined();
    await ok(admin, SET, { input: { userId: clerk.id, branchId: ids.b1, rows: [] } });
    expect((await gql(db, await actorOf(clerk.id), ADD.replace('NUOCDUC', 'KHAC'))).code).toBe('FORBIDDEN');
  });

  it('assigns books and routes, replacing both sets at once', async () => {
    const SET_BOOKS = `mutation($input: SetUserBooksInput!) { setUserBooks(input: $input) { bookIds routeIds } }`;
    const r = await ok(admin, SET_BOOKS, {
      input: { userId: clerk.id, bookIds: [ids.s1, ids.s1], routeIds: [ids.r2] },
    });
    expect(r.setUserBooks).toEqual({ bookIds: [ids.s1], routeIds: [ids.r2] });
    const actor = await actorOf(clerk.id);
    expect([...actor.books!.keys()].sort()).toEqual([ids.s1, ids.s3].sort());
    const books = await ok(actor, `{ readingBooks { rows { code } } me { bookIds routeIds } }`);
    expect(books.readingBooks.rows).toEqual([{ code: 'S01' }, { code: 'S03' }]);
    expect(books.me).toEqual({ bookIds: [ids.s1], routeIds: [ids.r2] });

    const bad = await gql(db, admin, SET_BOOKS, {
      input: { userId: clerk.id, bookIds: [ids.s2, 999999], routeIds: [] },
    });
    expect(bad.code).toBe('INVALID_REFERENCE');
    expect(bad.errors[0]!.message).toBe('Sổ đọc không tồn tại: 999999.');
    expect((await ok(admin, `{ user(id: ${clerk.id}) { bookIds routeIds } }`)).user).toEqual({
      bookIds: [ids.s1],
      routeIds: [ids.r2],
    });

    await ok(admin, SET_BOOKS, { input: { userId: clerk.id, bookIds: [], routeIds: [] } });
    expect((await actorOf(clerk.id)).books!.size).toBe(0);
  });
});

describe('own profile and password', () => {
  let me: Actor;
  beforeAll(async () => {
    me = await actorOf(
      (
        await createUserOk({
          login: 'binh',
          fullName: 'Phạm Văn Bình',
          password: 'cu-12345678',
          confirmPassword: 'cu-12345678',
        })
      ).id,
    );
  });

  it('edits one’s own profile', async () => {
    const r = await ok(
      me,
      `mutation { updateProfile(input: { fullName: "Phạm Thanh Bình", email: "binh@capnuoc.vn", phone: "028 3822 1234" }) { login fullName email phone isAdmin } }`,
    );
    expect(r.updateProfile).toEqual({
      login: 'binh',
      fullName: 'Phạm Thanh Bình',
      email: 'binh@capnuoc.vn',
      phone: '028 3822 1234',
      isAdmin: false,
    });
    const empty = await gql(db, me, `mutation { updateProfile(input: { fullName: " " }) { id } }`);
    expect(empty.code).toBe('FULL_NAME_REQUIRED');
  });

  it('changes one’s own password only with the current one, typed twice', async () => {
    const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;
    const wrong = await gql(db, me, CHANGE, {
      input: { currentPassword: 'sai-mat-khau', newPassword: 'moi-12345678', confirmPassword: 'moi-12345678' },
    });
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(wrong.errors[0]!.message).toBe('Mật khẩu hiện tại không đúng.');
    const mismatch = await gql(db, me, CHANGE, {
      input: { currentPassword: 'cu-12345678', newPassword: 'moi-12345678', confirmPassword: 'moi-1234567' },
    });
    expect(mismatch.code).toBe('PASSWORD_MISMATCH');
    const short = await gql(db, me, CHANGE, {
      input: { currentPassword: 'cu-12345678', newPassword: 'ngan', confirmPassword: 'ngan' },
    });
    expect(short.code).toBe('PASSWORD_TOO_SHORT');
    const [before] = await db.select().from(users).where(eq(users.id, me.userId));
    expect(await verifyPassword('cu-12345678', before!.passwordHash)).toBe(true);

    expect(
      (
        await ok(me, CHANGE, {
          input: { currentPassword: 'cu-12345678', newPassword: 'moi-12345678', confirmPassword: 'moi-12345678' },
        })
      ).changePassword,
    ).toBe(true);
    const [after] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, me.userId)));
    expect(await verifyPassword('moi-12345678', after!.passwordHash)).toBe(true);
    expect(await verifyPassword('cu-12345678', after!.passwordHash)).toBe(false);
    expect(after!.version).toBe(before!.version + 1);
  });
});

describe('sessions after a password change', () => {
  const SECRET = 'test-session-secret';
  const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;
  const RESET = `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) }`;

  /** A session as next-auth signs it after a sign-in through the real credentials check. */
  async function signedIn(login: string, password: string): Promise<SessionClaims> {
    const result = await checkCredentials(db, login, password, '10.20.0.1');
    if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
    return nextSessionToken(
      SECRET,
      {},
      { user: { id: String(result.user.id), credentialVersion: result.user.credentialVersion } },
    );
  }

  /** What auth.ts does for the request that changed the password: next-auth's update, through the jwt callback. */
  const renewing = (session: { token: SessionClaims }, uid: number) => ({
    renewSession: async (credentialVersion: number) => {
      session.token = nextSessionToken(SECRET, session.token, {
        trigger: 'update',
        session: { renewal: signRenewal(SECRET, uid, credentialVersion) },
      });
    },
  });

  it('refuses the other sessions after changePassword; the session that changed it stays signed in', async () => {
    const user = await createUserOk({
      login: 'phien',
      fullName: 'Lê Thị Phiên',
      password: 'phien-cu-123',
      confirmPassword: 'phien-cu-123',
    });
    const changing = { token: await signedIn('phien', 'phien-cu-123') };
    const other = await signedIn('phien', 'phien-cu-123');
    const actor = (await actorForSession(db, changing.token))!;
    expect(actor).not.toBeNull();
    expect(await actorForSession(db, other)).not.toBeNull();

    const input = { currentPassword: 'phien-cu-123', newPassword: 'phien-moi-123', confirmPassword: 'phien-moi-123' };
    const r = await gql(db, actor, CHANGE, { input }, renewing(changing, user.id));
    expect(r.errors).toEqual([]);

    expect(await actorForSession(db, other)).toBeNull();
    expect(await actorForSession(db, changing.token)).toMatchObject({ userId: user.id });
    expect(await actorForSession(db, await signedIn('phien', 'phien-moi-123'))).toMatchObject({ userId: user.id });
  });

  it('refuses every session of a user after an admin resets their password; the admin stays signed in, also after resetting their own', async () => {
    const user = await createUserOk({
      login: 'datlai',
      fullName: 'Võ Văn Đặt',
      password: 'dat-lai-123',
      confirmPassword: 'dat-lai-123',
    });
    const session = await signedIn('datlai', 'dat-lai-123');
    const adminSession = { token: await signedIn('admin', 'admin-secret') };
    const r = await gql(
      db,
      admin,
      RESET,
      { input: { userId: user.id, newPassword: 'dat-lai-456', confirmPassword: 'dat-lai-456' } },
      renewing(adminSession, adminId),
    );
    expect(r.errors).toEqual([]);
    expect(await actorForSession(db, session)).toBeNull();
    expect(await actorForSession(db, adminSession.token)).toMatchObject({ userId: adminId });
    expect(await actorForSession(db, await signedIn('datlai', 'dat-lai-456'))).toMatchObject({ userId: user.id });

    const adminElsewhere = await signedIn('admin', 'admin-secret');
    const own = await gql(
      db,
      admin,
      RESET,
      { input: { userId: adminId, newPassword: 'admin-secret-2', confirmPassword: 'admin-secret-2' } },
      renewing(adminSession, adminId),
    );
    expect(own.errors).toEqual([]);
    expect(await actorForSession(db, adminElsewhere)).toBeNull();
    expect(await actorForSession(db, adminSession.token)).toMatchObject({ userId: adminId });
  });

  it('moves a session to a new version only with a renewal the server signed for that user', async () => {
    await createUserOk({
      login: 'giamao',
      fullName: 'Giả Mạo',
      password: 'gia-mao-123',
      confirmPassword: 'gia-mao-123',
    });
    const stale = await signedIn('giamao', 'gia-mao-123');
    const uid = stale.uid as number;
    const me = (await actorForSession(db, stale))!;
    await ok(me, CHANGE, {
      input: { currentPassword: 'gia-mao-123', newPassword: 'gia-mao-456', confirmPassword: 'gia-mao-456' },
    });
    expect(await actorForSession(db, stale)).toBeNull();
    // What a browser holding the stale cookie could send to next-auth's session update endpoint:
    const attempts: unknown[] = [
      { cv: 2 },
      { renewal: `${uid}.2.${Date.now()}.AAAA` },
      { renewal: signRenewal('another-secret', uid, 2) },
      { renewal: signRenewal(SECRET, adminId, 2) },
      { renewal: signRenewal(SECRET, uid, 2, Date.now() - 10 * 60_000) },
    ];
    for (const data of attempts) {
      expect(
        await actorForSession(db, nextSessionToken(SECRET, stale, { trigger: 'update', session: data })),
      ).toBeNull();
    }
    expect(await actorForSession(db, { uid })).toBeNull();
  });

  it('counts wrong current passwords in changePassword like failed sign-ins', async () => {
    const user = await createUserOk({
      login: 'doimk',
      fullName: 'Đỗ Minh Khải',
      password: 'doi-mk-1234',
      confirmPassword: 'doi-mk-1234',
    });
    const me = await actorOf(user.id);
    const from = { ip: '10.30.0.1' };
    for (let i = 0; i < SIGN_IN_LIMITS.pair; i++) {
      const wrong = await gql(
        db,
        me,
        CHANGE,
        { input: { currentPassword: `sai-${i}`, newPassword: 'doi-mk-5678', confirmPassword: 'doi-mk-5678' } },
        from,
      );
      expect(wrong.code).toBe('WRONG_PASSWORD');
    }
    expect(await checkCredentials(db, 'doimk', 'doi-mk-1234', from.ip)).toEqual({ ok: false, reason: 'locked' });
    const locked = await gql(
      db,
      me,
      CHANGE,
      { input: { currentPassword: 'doi-mk-1234', newPassword: 'doi-mk-5678', confirmPassword: 'doi-mk-5678' } },
      from,
    );
    expect(locked.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.errors[0]!.message).toBe('Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword('doi-mk-1234', row!.passwordHash)).toBe(true);
    // Another address is not locked.
    expect(await checkCredentials(db, 'doimk', 'doi-mk-1234', '10.30.0.2')).toMatchObject({ ok: true });
  });
});
