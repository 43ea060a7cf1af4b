import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, snakeCase, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** The operating company: one row; settings that the rules read (anomaly factors, code prefix). */
export const companies = snakeCase.table('companies', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  taxCode: varchar({ length: 14 }),
  address: text(),
  phone: varchar({ length: 20 }),
  customerCodePrefix: varchar({ length: 4 }).notNull().default('KH'),
  anomalyHighFactorPct: integer().notNull().default(151),
  anomalyLowFactorPct: integer().notNull().default(51),
  email: text(),
  hotline: varchar({ length: 20 }),
  /** The account printed beside the VietQR code: NAPAS bank BIN (6 digits), account number, bank name. */
  bankBin: varchar({ length: 6 }),
  bankAccount: varchar({ length: 19 }),
  bankName: text(),
  /** How amounts are read out in words: NORTH ("linh") or SOUTH ("lẻ"). */
  wordsDialect: varchar({ length: 5 }).notNull().default('NORTH'),
  /** Invoice paper: a preset (A4, A5, CONTINUOUS) or custom millimetres, for dot-matrix printers. */
  invoicePaper: jsonb()
    .$type<{ preset: string; widthMm?: number; heightMm?: number; marginMm?: number }>()
    .notNull()
    .default(sql`'{"preset":"A5"}'::jsonb`),
  /** SELF: sign the XML with the company's certificate; PROVIDER: issue through the configured provider. */
  einvoiceMode: varchar({ length: 8 }).notNull().default('SELF'),
  /** Which open invoices a payment pays first: OLDEST (the default) or NEWEST. */
  paymentOrder: varchar({ length: 6 }).notNull().default('OLDEST'),
  /** Shown on the portal's contact page, e.g. "Thứ Hai – Thứ Sáu 7:30–11:30, 13:30–17:00". */
  officeHours: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The seller as printed on invoices, one row per change of the company's name, address, tax code, contacts or bank
 * account. An issued invoice names the version in effect when it was numbered, so editing the company later never
 * changes what an issued invoice says (VIETNAM-RULES: an issued invoice is never changed).
 */
export const companyProfileVersions = snakeCase.table('company_profile_versions', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  address: text(),
  taxCode: varchar({ length: 14 }),
  phone: varchar({ length: 20 }),
  email: text(),
  bankName: text(),
  bankAccount: varchar({ length: 19 }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Đơn vị cơ sở: the organisational unit that permissions are granted on. */
export const branches = snakeCase.table('branches', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: varchar({ length: 16 }).notNull().unique(),
  name: text().notNull(),
  address: text(),
  phone: varchar({ length: 20 }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Tuyến: a group of reading books. */
export const routes = snakeCase.table(
  'routes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    branchId: integer()
      .notNull()
      .references(() => branches.id, { onDelete: 'restrict' }),
    code: varchar({ length: 16 }).notNull().unique(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.branchId)],
);

/** Sổ đọc: the unit of permissions, reading, billing and payment. */
export const readingBooks = snakeCase.table(
  'reading_books',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    routeId: integer()
      .notNull()
      .references(() => routes.id, { onDelete: 'restrict' }),
    code: varchar({ length: 16 }).notNull().unique(),
    name: text().notNull(),
    readerName: text(),
    readingDay: smallint(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.routeId),
    check('reading_day_range', sql`${t.readingDay} is null or ${t.readingDay} between 1 and 31`),
  ],
);

/** Phường – xã. `kind` matters: households in rural communes (xã) are exempt from the wastewater fee. */
export const wards = snakeCase.table(
  'wards',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: varchar({ length: 16 }).notNull().unique(),
    name: text().notNull(),
    district: text().notNull(),
    province: text().notNull(),
    kind: varchar({ length: 16 }).notNull().default('ward'),
    /** The branch that takes requests for a new address in this ward (one not yet in any book). */
    branchId: integer().references(() => branches.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.branchId), check('ward_kind', sql`${t.kind} in ('ward', 'commune', 'town')`)],
);

/** Đồng hồ tổng: bulk meters upstream of many customers (losses by area). */
export const masterMeters = snakeCase.table(
  'master_meters',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: varchar({ length: 16 }).notNull().unique(),
    name: text().notNull(),
    wardId: integer().references(() => wards.id, { onDelete: 'set null' }),
    installedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.wardId)],
);
