import { and, asc, eq, is, ne, sql, Table, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
// Read as a whole to find every table that records a user as an author (see `isReferenced`).
import * as schema from '@/db/schema/index';
import { userBooks, userRoutes, users } from '@/db/schema/users';
import { rowsOf } from '@/db/sql';
import type { Actor } from '@/services/auth/actor';
import { hashPassword, verifyPassword } from '@/services/auth/password';
import { isPasswordLocked, recordWrongPassword, SIGN_IN_LIMITS } from '@/services/auth/sign-in.service';
import { AppError, forbidden, notFound, pgErrorCode } from '@/services/errors';
import { EMAIL_RE, LOGIN_RE, MIN_PASSWORD_LENGTH, PHONE_RE } from '@/schemas/user-input';

/** A user as it leaves the server: never the password hash. */
export interface UserRecord {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  isAdmin: boolean;
  isActive: boolean;
  createdAt: Date | string;
  /** Books assigned one by one, and routes assigned whole (all their books). */
  bookIds: number[];
  routeIds: number[];
}

// The account rules the admin and profile forms check too (one copy: schemas/user-input.ts).
const MAX_PASSWORD_LENGTH = 256;

/** `{1,2,3}`: a Postgres array literal, sent as one parameter. */
const intArrayLiteral = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(id)).join(',')}}`;

const intArray = (v: unknown): number[] => {
  if (Array.isArray(v)) return v.map(Number);
  if (typeof v === 'string') return v.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
  return [];
};

const userSelection = {
  id: users.id,
  login: users.login,
  fullName: users.fullName,
  email: users.email,
  phone: users.phone,
  isAdmin: users.isAdmin,
  isActive: users.isActive,
  createdAt: users.createdAt,
  bookIds: sql<
    number[]
  >`array(select ub.book_id from user_books ub where ub.user_id = ${users.id} order by ub.book_id)`.mapWith(intArray),
  routeIds: sql<
    number[]
  >`array(select ur.route_id from user_routes ur where ur.user_id = ${users.id} order by ur.route_id)`.mapWith(
    intArray,
  ),
};

async function selectUsers(db: DbOrTx, where?: SQL): Promise<UserRecord[]> {
  return db.select(userSelection).from(users).where(where).orderBy(asc(users.login));
}

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden('quản lý người dùng');
}

/** Every user (admins only). */
export async function listUsers(db: DbOrTx, actor: Actor): Promise<UserRecord[]> {
  requireAdmin(actor);
  return selectUsers(db);
}

/** One user: admins see anyone, others only themselves. */
export async function getUser(db: DbOrTx, actor: Actor, userId: number): Promise<UserRecord> {
  if (!actor.isAdmin && actor.userId !== userId) throw forbidden('xem người dùng này');
  const [user] = await selectUsers(db, eq(users.id, userId));
  if (!user) throw notFound('người dùng');
  return user;
}

// ---------------------------------------------------------------- input rules (SPEC §11)

function checkLogin(login: string): void {
  if (!LOGIN_RE.test(login))
    throw new AppError(
      'INVALID_LOGIN',
      'Tên đăng nhập chỉ gồm tối đa 16 ký tự là chữ cái thường không dấu (a–z) và chữ số (0–9).',
      { field: 'login' },
    );
}

function cleanFullName(fullName: string | null | undefined): string {
  const name = (fullName ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) throw new AppError('FULL_NAME_REQUIRED', 'Họ tên là bắt buộc.', { field: 'fullName' });
  if (name.length > 100) throw new AppError('VALIDATION_FAILED', 'Họ tên dài tối đa 100 ký tự.', { field: 'fullName' });
  return name;
}

function cleanEmail(email: string | null | undefined): string | null {
  const v = email?.trim() || null;
  if (v && (v.length > 254 || !EMAIL_RE.test(v)))
    throw new AppError('INVALID_EMAIL', 'Địa chỉ email không hợp lệ.', { field: 'email' });
  return v;
}

function cleanPhone(phone: string | null | undefined): string | null {
  const v = phone?.trim() || null;
  if (v && !PHONE_RE.test(v))
    throw new AppError('INVALID_PHONE', 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . - (tối đa 20 ký tự).', {
      field: 'phone',
    });
  return v;
}

/** A new password: long enough, and typed the same twice. */
function checkNewPassword(password: string, confirmPassword: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('PASSWORD_TOO_SHORT', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`, { field });
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new AppError('VALIDATION_FAILED', `Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`, { field });
  if (password !== confirmPassword)
    throw new AppError('PASSWORD_MISMATCH', 'Hai lần nhập mật khẩu không khớp nhau.', { field: 'confirmPassword' });
}

const duplicateLogin = (login: string) =>
  new AppError('DUPLICATE_LOGIN', `Tên đăng nhập «${login}» đã được dùng.`, { field: 'login' });

// ---------------------------------------------------------------- admin: users

export interface CreateUserInput {
  login: string;
  fullName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  password: string;
  confirmPassword: string;
  isAdmin?: boolean | null | undefined;
}

/** Adds a user (admins only). */
export async function createUser(db: DbOrTx, actor: Actor, input: CreateUserInput): Promise<UserRecord> {
  requireAdmin(actor);
  const login = input.login.trim();
  checkLogin(login);
  const fullName = cleanFullName(input.fullName);
  const email = cleanEmail(input.email);
  const phone = cleanPhone(input.phone);
  checkNewPassword(input.password, input.confirmPassword);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, login)).limit(1);
  if (taken) throw duplicateLogin(login);
  const passwordHash = await hashPassword(input.password);
  try {
    const [created] = await db
      .insert(users)
      .values({ login, fullName, email, phone, passwordHash, isAdmin: input.isAdmin ?? false })
      .returning({ id: users.id });
    return await getUser(db, actor, created!.id);
  } catch (error) {
    if (pgErrorCode(error)?.code === '23505') throw duplicateLogin(login);
    throw error;
  }
}

export interface UpdateUserInput {
  fullName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  isAdmin?: boolean | null | undefined;
  isActive?: boolean | null | undefined;
}

/**
 * The other active admins, locked, so two admins demoting or deleting each other at once cannot leave the
 * company without one.
 */
async function otherActiveAdmins(tx: DbOrTx, userId: number): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isAdmin, true), eq(users.isActive, true), ne(users.id, userId)))
    .for('update');
  return rows.length;
}

const lastAdmin = () =>
  new AppError('LAST_ADMIN', 'Không thể bỏ quản trị viên cuối cùng: hệ thống phải luôn có ít nhất một quản trị viên.');

/** Edits a user's details, admin flag and active flag (admins only); never removes the last admin. */
export async function updateUser(
  db: DbOrTx,
  actor: Actor,
  userId: number,
  input: UpdateUserInput,
): Promise<UserRecord> {
  requireAdmin(actor);
  const fullName = cleanFullName(input.fullName);
  const email = cleanEmail(input.email);
  const phone = cleanPhone(input.phone);
  if (userId === actor.userId && input.isActive === false)
    throw new AppError('CANNOT_DEACTIVATE_SELF', 'Không thể tự khóa tài khoản của chính mình.');
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!current) throw notFound('người dùng');
    const isAdmin = input.isAdmin ?? current.isAdmin;
    const isActive = input.isActive ?? current.isActive;
    const wasActiveAdmin = current.isAdmin && current.isActive;
    if (wasActiveAdmin && !(isAdmin && isActive) && (await otherActiveAdmins(tx, userId)) === 0) throw lastAdmin();
    const changesAccess = isAdmin !== current.isAdmin || isActive !== current.isActive;
    await tx
      .update(users)
      .set({
        fullName,
        email,
        phone,
        isAdmin,
        isActive,
        ...(changesAccess ? { version: sql`${users.version} + 1` } : {}),
      })
      .where(eq(users.id, userId));
  });
  return getUser(db, actor, userId);
}

/** A new password hash, and a new credential version so every session signed before it is refused. */
const newCredentials = (passwordHash: string) => ({
  passwordHash,
  version: sql`${users.version} + 1`,
  credentialVersion: sql`${users.credentialVersion} + 1`,
});

/**
 * Sets a user's password without the old one (admins only, e.g. a forgotten password). Every session of that
 * user ends; returns the new credential version, for renewing the caller's session when they reset their own.
 */
export async function resetUserPassword(
  db: DbOrTx,
  actor: Actor,
  input: { userId: number; newPassword: string; confirmPassword: string },
): Promise<{ credentialVersion: number }> {
  requireAdmin(actor);
  checkNewPassword(input.newPassword, input.confirmPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const [updated] = await db
    .update(users)
    .set(newCredentials(passwordHash))
    .where(eq(users.id, input.userId))
    .returning({ credentialVersion: users.credentialVersion });
  if (!updated) throw notFound('người dùng');
  return updated;
}

const allTables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, Table));
let authorColumns: { table: string; column: string }[] | undefined;

/** Whether a user is recorded as the author of anything (history, readings, runs …), which must keep its author. */
async function isReferenced(tx: DbOrTx, userId: number): Promise<boolean> {
  authorColumns ??= allTables.flatMap((table) => {
    const config = getTableConfig(table);
    if (['user_books', 'user_routes', 'user_permissions'].includes(config.name)) return [];
    return config.foreignKeys
      .map((fk) => fk.reference())
      .filter((r) => getTableConfig(r.foreignTable).name === 'users' && r.columns.length === 1)
      .map((r) => ({ table: config.name, column: r.columns[0]!.name }));
  });
  if (authorColumns.length === 0) return false;
  const parts = authorColumns.map(
    (c) => sql`select 1 from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} = ${userId}`,
  );
  const rows = rowsOf(await tx.execute(sql`select exists(${sql.join(parts, sql` union all `)}) as used`));
  const used = (rows[0] as { used?: unknown } | undefined)?.used;
  return used === true || used === 't';
}

/**
 * Deletes a user (admins only): not oneself, never the last admin. A user who already authored records
 * (history, readings, billing runs …) is deactivated instead, so those records keep saying who did them;
 * their login stays reserved. Returns true either way: the user can no longer sign in.
 */
export async function deleteUser(db: DbOrTx, actor: Actor, userId: number): Promise<boolean> {
  requireAdmin(actor);
  if (userId === actor.userId) throw new AppError('CANNOT_DELETE_SELF', 'Không thể xóa tài khoản của chính mình.');
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ isAdmin: users.isAdmin, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, userId))
      .for('update');
    if (!target) throw notFound('người dùng');
    if (target.isAdmin && target.isActive && (await otherActiveAdmins(tx, userId)) === 0) throw lastAdmin();
    if (await isReferenced(tx, userId)) {
      await tx
        .update(users)
        .set({ isActive: false, version: sql`${users.version} + 1` })
        .where(eq(users.id, userId));
      await tx.delete(userBooks).where(eq(userBooks.userId, userId));
      await tx.delete(userRoutes).where(eq(userRoutes.userId, userId));
    } else {
      await tx.delete(users).where(eq(users.id, userId));
    }
    return true;
  });
}

// ---------------------------------------------------------------- own profile and password

/** The signed-in user's own record. */
export async function getMe(db: DbOrTx, actor: Actor): Promise<UserRecord> {
  return getUser(db, actor, actor.userId);
}

/** Edits one's own name, email and phone. */
export async function updateProfile(
  db: DbOrTx,
  actor: Actor,
  input: { fullName: string; email?: string | null | undefined; phone?: string | null | undefined },
): Promise<UserRecord> {
  const fullName = cleanFullName(input.fullName);
  const email = cleanEmail(input.email);
  const phone = cleanPhone(input.phone);
  const updated = await db
    .update(users)
    .set({ fullName, email, phone })
    .where(eq(users.id, actor.userId))
    .returning({ id: users.id });
  if (updated.length === 0) throw notFound('người dùng');
  return getMe(db, actor);
}

/**
 * Changes one's own password: the current one first, the new one typed twice. A wrong current password counts
 * like a failed sign-in from `clientAddress` (same counters, same lock), so a borrowed session cannot be used
 * to guess it. Every other session of the user ends; returns the new credential version for renewing this one.
 */
export async function changePassword(
  db: DbOrTx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  clientAddress: string | null = null,
): Promise<{ credentialVersion: number }> {
  if (await isPasswordLocked(db, actor.login, clientAddress))
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      `Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${SIGN_IN_LIMITS.lockMinutes} phút.`,
    );
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!user) throw notFound('người dùng');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordWrongPassword(db, actor.login, clientAddress);
    throw new AppError('WRONG_PASSWORD', 'Mật khẩu hiện tại không đúng.', { field: 'currentPassword' });
  }
  checkNewPassword(input.newPassword, input.confirmPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const [updated] = await db
    .update(users)
    .set(newCredentials(passwordHash))
    .where(eq(users.id, actor.userId))
    .returning({ credentialVersion: users.credentialVersion });
  if (!updated) throw notFound('người dùng');
  return updated;
}

// ---------------------------------------------------------------- books and routes a user may touch

/** Replaces the books and routes assigned to a user (admins only), both sets in one transaction. */
export async function setUserBooks(
  db: DbOrTx,
  actor: Actor,
  input: { userId: number; bookIds: readonly number[]; routeIds: readonly number[] },
): Promise<UserRecord> {
  requireAdmin(actor);
  const bookIds = [...new Set(input.bookIds)];
  const routeIds = [...new Set(input.routeIds)];
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user) throw notFound('người dùng');
    // Ids travel as one array parameter each (a user may be given thousands of books).
    const missing = async (table: 'reading_books' | 'routes', ids: number[]) =>
      ids.length === 0
        ? []
        : rowsOf<{ id: number }>(
            await tx.execute(
              sql`select x.id from unnest(${intArrayLiteral(ids)}::int[]) as x(id) where not exists (select 1 from ${sql.identifier(table)} t where t.id = x.id) order by x.id`,
            ),
          ).map((r) => Number(r.id));
    const missingBooks = await missing('reading_books', bookIds);
    if (missingBooks.length > 0)
      throw new AppError('INVALID_REFERENCE', `Sổ đọc không tồn tại: ${missingBooks.join(', ')}.`, {
        field: 'bookIds',
      });
    const missingRoutes = await missing('routes', routeIds);
    if (missingRoutes.length > 0)
      throw new AppError('INVALID_REFERENCE', `Tuyến không tồn tại: ${missingRoutes.join(', ')}.`, {
        field: 'routeIds',
      });
    await tx.delete(userBooks).where(eq(userBooks.userId, input.userId));
    await tx.delete(userRoutes).where(eq(userRoutes.userId, input.userId));
    if (bookIds.length > 0)
      await tx.execute(
        sql`insert into user_books (user_id, book_id) select ${input.userId}, unnest(${intArrayLiteral(bookIds)}::int[])`,
      );
    if (routeIds.length > 0)
      await tx.execute(
        sql`insert into user_routes (user_id, route_id) select ${input.userId}, unnest(${intArrayLiteral(routeIds)}::int[])`,
      );
  });
  return getUser(db, actor, input.userId);
}
