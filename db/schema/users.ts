import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  snakeCase,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { branches, readingBooks, routes } from './org';

export const users = snakeCase.table(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    login: varchar({ length: 16 }).notNull().unique(),
    fullName: text().notNull(),
    email: text(),
    phone: varchar({ length: 20 }),
    passwordHash: text().notNull(),
    isAdmin: boolean().notNull().default(false),
    isActive: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    /** Raised by every password change or reset; a session signed for an older value is refused. */
    credentialVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('login_format', sql`${t.login} ~ '^[a-z0-9]{1,16}$'`)],
);

/**
 * One row per (user, branch, group, object): the rights matrix of SPEC §11.
 * Every right other than access needs access, enforced by a CHECK so no path can store a broken row.
 */
export const userPermissions = snakeCase.table(
  'user_permissions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    branchId: integer()
      .notNull()
      .references(() => branches.id, { onDelete: 'cascade' }),
    group: varchar({ length: 16 }).notNull(),
    object: varchar({ length: 32 }).notNull(),
    canAccess: boolean().notNull().default(false),
    canAdd: boolean().notNull().default(false),
    canEdit: boolean().notNull().default(false),
    canDelete: boolean().notNull().default(false),
    canPrint: boolean().notNull().default(false),
    canExport: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex().on(t.userId, t.branchId, t.group, t.object),
    index().on(t.branchId),
    check('permission_group', sql`${t.group} in ('document', 'catalog', 'report')`),
    check(
      'rights_need_access',
      sql`${t.canAccess} or not (${t.canAdd} or ${t.canEdit} or ${t.canDelete} or ${t.canPrint} or ${t.canExport})`,
    ),
  ],
);

export const userBooks = snakeCase.table(
  'user_books',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bookId: integer()
      .notNull()
      .references(() => readingBooks.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bookId] }), index().on(t.bookId)],
);

export const userRoutes = snakeCase.table(
  'user_routes',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    routeId: integer()
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.routeId] }), index().on(t.routeId)],
);

/** Failed sign-in counters, per account and per address, kept in the database so several app instances share them. */
export const signInAttempts = snakeCase.table('sign_in_attempts', {
  key: varchar({ length: 128 }).primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
});
