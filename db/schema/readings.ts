import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  char,
  index,
  integer,
  jsonb,
  snakeCase,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { customers, meters } from './customers';
import { readingBooks } from './org';
import { users } from './users';

/**
 * One row per customer, period and meter: a meter replaced inside a period gives two rows
 * (old meter up to its final index, new meter from its initial index), both billed.
 */
export const readings = snakeCase.table(
  'readings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    meterId: integer()
      .notNull()
      .references(() => meters.id, { onDelete: 'restrict' }),
    bookId: integer()
      .notNull()
      .references(() => readingBooks.id, { onDelete: 'restrict' }),
    period: char({ length: 7 }).notNull(),
    previousIndex: integer().notNull(),
    currentIndex: integer(),
    consumption: integer().notNull(),
    code: varchar({ length: 16 }).notNull().default('normal'),
    /** Unread meter billed on the 3-period average; settled when a real reading comes. */
    isEstimated: boolean().notNull().default(false),
    anomalies: jsonb().$type<string[]>().notNull().default([]),
    anomalyStatus: varchar({ length: 8 }).notNull().default('none'),
    source: varchar({ length: 8 }).notNull().default('manual'),
    note: text(),
    enteredBy: integer().references(() => users.id, { onDelete: 'set null' }),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex().on(t.customerId, t.period, t.meterId),
    index().on(t.bookId, t.period),
    index().on(t.meterId),
    index().on(t.enteredBy),
    index('readings_open_anomalies')
      .on(t.period)
      .where(sql`${t.anomalyStatus} = 'open'`),
    check('reading_anomaly_status', sql`${t.anomalyStatus} in ('none', 'open', 'cleared')`),
    check('reading_source', sql`${t.source} in ('manual', 'import', 'device', 'system')`),
    check('reading_indexes', sql`${t.previousIndex} >= 0 and (${t.currentIndex} is null or ${t.currentIndex} >= 0)`),
  ],
);

/** Tạm dừng: no bill while suspended. */
export const suspensions = snakeCase.table(
  'suspensions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    fromPeriod: char({ length: 7 }).notNull(),
    toPeriod: char({ length: 7 }),
    reason: text().notNull(),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.customerId), index().on(t.createdBy)],
);

/** Truy thu (back-billing) and phân bổ m3 nợ (spreading): charges billed in `billPeriod` at `tariffPeriod`'s tariff. */
export const adjustments = snakeCase.table(
  'adjustments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: varchar({ length: 16 }).notNull(),
    tariffPeriod: char({ length: 7 }).notNull(),
    billPeriod: char({ length: 7 }).notNull(),
    quantity: integer(),
    amount: bigint({ mode: 'number' }),
    reason: text().notNull(),
    groupKey: varchar({ length: 40 }),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.customerId, t.billPeriod),
    index().on(t.createdBy),
    check('adjustment_kind', sql`${t.kind} in ('backbill_m3', 'backbill_amount', 'spread')`),
    check(
      'adjustment_value',
      sql`(${t.quantity} is not null and ${t.quantity} > 0) or (${t.amount} is not null and ${t.amount} > 0)`,
    ),
  ],
);

/** Khóa số liệu: explicit locks; implicit locks come from later periods having data. */
export const periodLocks = snakeCase.table(
  'period_locks',
  {
    period: char({ length: 7 }).notNull(),
    bookId: integer().notNull().default(0),
    lockedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    lockedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.period, t.bookId] }), index().on(t.lockedBy)],
);

/** Idempotency record of handheld batch submissions: a device's retry returns the first answer. */
export const deviceSubmissions = snakeCase.table(
  'device_submissions',
  {
    deviceId: varchar({ length: 64 }).notNull(),
    submissionId: varchar({ length: 64 }).notNull(),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    result: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.submissionId] }), index().on(t.userId)],
);
