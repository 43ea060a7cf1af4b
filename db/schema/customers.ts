import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  snakeCase,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { installationTeams, meterTypes, serviceTypes } from './catalogs';
import { masterMeters, readingBooks, wards } from './org';
import { users } from './users';

/** Customer codes come from one sequence: generated once, never typed, never reused. */
export const customerCodeSeq = pgSequence('customer_code_seq', { startWith: 1 });

export const customers = snakeCase.table(
  'customers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: varchar({ length: 16 }).notNull().unique(),
    bookId: integer()
      .notNull()
      .references(() => readingBooks.id, { onDelete: 'restrict' }),
    sequenceNo: integer().notNull(),
    name: text().notNull(),
    customerType: smallint().notNull().default(0),
    taxCode: varchar({ length: 14 }),
    citizenId: varchar({ length: 12 }),
    address: text().notNull(),
    wardId: integer().references(() => wards.id, { onDelete: 'restrict' }),
    serviceTypeId: integer().references(() => serviceTypes.id, { onDelete: 'restrict' }),
    households: integer().notNull().default(1),
    persons: integer().notNull().default(1),
    masterMeterId: integer().references(() => masterMeters.id, { onDelete: 'set null' }),
    phone: varchar({ length: 20 }),
    fax: varchar({ length: 20 }),
    email: text(),
    bankAccount: varchar({ length: 32 }),
    bankName: text(),
    /** standard: the fee rule of the service type and ward; exempt: no fee; custom: wastewaterFeeBp. */
    wastewaterFeeMode: varchar({ length: 8 }).notNull().default('standard'),
    wastewaterFeeBp: integer(),
    status: smallint().notNull().default(1),
    isPreferential: boolean().notNull().default(false),
    preferentialUntil: date({ mode: 'string' }),
    extra: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    latitude: numeric({ precision: 9, scale: 6 }),
    longitude: numeric({ precision: 9, scale: 6 }),
    /** Lower-cased, diacritics-free name, address, phone and code, so search ignores accents. */
    searchText: text().notNull().default(''),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_book_sequence').on(t.bookId, t.sequenceNo),
    index().on(t.wardId),
    index().on(t.serviceTypeId),
    index().on(t.masterMeterId),
    index().on(t.phone),
    // Cross-book search is `search_text like '%…%'` on every keystroke: a trigram index answers it without
    // scanning every customer (pg_trgm, created by the migration before this index).
    index('customers_search_trgm').using('gin', t.searchText.op('gin_trgm_ops')),
    check('customer_type', sql`${t.customerType} in (0, 1)`),
    check('customer_status', sql`${t.status} in (0, 1)`),
    check('households_positive', sql`${t.households} >= 1`),
    check('persons_non_negative', sql`${t.persons} >= 0`),
    check('sequence_positive', sql`${t.sequenceNo} > 0`),
    check('wastewater_mode', sql`${t.wastewaterFeeMode} in ('standard', 'exempt', 'custom')`),
    check(
      'wastewater_custom_rate',
      sql`(${t.wastewaterFeeMode} = 'custom') = (${t.wastewaterFeeBp} is not null) and coalesce(${t.wastewaterFeeBp}, 0) between 0 and 10000`,
    ),
  ],
);

/** Mixed-use customers: consumption split by percentage across service types (sums to 100). */
export const customerUsageSplits = snakeCase.table(
  'customer_usage_splits',
  {
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    serviceTypeId: integer()
      .notNull()
      .references(() => serviceTypes.id, { onDelete: 'restrict' }),
    percent: integer().notNull(),
  },
  (t) => [
    uniqueIndex().on(t.customerId, t.serviceTypeId),
    index().on(t.serviceTypeId),
    check('split_percent', sql`${t.percent} between 1 and 100`),
  ],
);

/** Every meter that ever served a connection; exactly one active at a time. */
export const meters = snakeCase.table(
  'meters',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    meterTypeId: integer().references(() => meterTypes.id, { onDelete: 'restrict' }),
    serial: varchar({ length: 32 }).notNull(),
    sealNo: varchar({ length: 32 }),
    verifiedOn: date({ mode: 'string' }),
    installedOn: date({ mode: 'string' }).notNull(),
    initialIndex: integer().notNull().default(0),
    removedOn: date({ mode: 'string' }),
    finalIndex: integer(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.customerId),
    index().on(t.meterTypeId),
    uniqueIndex('meters_one_active')
      .on(t.customerId)
      .where(sql`${t.isActive}`),
    uniqueIndex('meters_serial_in_service')
      .on(t.serial)
      .where(sql`${t.isActive}`),
    // search by serial finds removed meters too, which the partial unique index above does not cover
    index('meters_serial').on(t.serial),
    check('meter_indexes', sql`${t.initialIndex} >= 0 and (${t.finalIndex} is null or ${t.finalIndex} >= 0)`),
  ],
);

export const contracts = snakeCase.table(
  'contracts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    number: varchar({ length: 24 }).notNull().unique(),
    revision: integer().notNull(),
    address: text().notNull(),
    signedOn: date({ mode: 'string' }).notNull(),
    handoverOn: date({ mode: 'string' }),
    installedOn: date({ mode: 'string' }),
    installationTeamId: integer().references(() => installationTeams.id, { onDelete: 'set null' }),
    isCurrent: boolean().notNull().default(true),
    endedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.customerId, t.revision),
    uniqueIndex('contracts_one_current')
      .on(t.customerId)
      .where(sql`${t.isCurrent}`),
    index().on(t.installationTeamId),
  ],
);

/** Append-only change history: who, when, what before, what after. */
export const customerHistory = snakeCase.table(
  'customer_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: varchar({ length: 24 }).notNull(),
    before: jsonb().$type<Record<string, unknown> | null>(),
    after: jsonb().$type<Record<string, unknown> | null>(),
    note: text(),
  },
  (t) => [index().on(t.customerId, t.at), index().on(t.userId)],
);

export const attachments = snakeCase.table(
  'attachments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    mimeType: varchar({ length: 64 }).notNull(),
    sizeBytes: integer().notNull(),
    storageKey: text().notNull().unique(),
    title: text(),
    uploadedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.customerId), index().on(t.uploadedBy)],
);
