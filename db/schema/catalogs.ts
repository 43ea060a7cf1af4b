import { sql } from 'drizzle-orm';
import { check, integer, snakeCase, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Loại dịch vụ / mục đích sử dụng: selects the tariff. `utility` keeps room for electricity and sanitation fees. */
export const serviceTypes = snakeCase.table(
  'service_types',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: varchar({ length: 24 }).notNull().unique(),
    name: text().notNull(),
    utility: varchar({ length: 16 }).notNull().default('water'),
    isDomestic: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('service_utility', sql`${t.utility} in ('water', 'electricity', 'sanitation')`)],
);

export const meterTypes = snakeCase.table('meter_types', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: varchar({ length: 16 }).notNull().unique(),
  name: text().notNull(),
  manufacturer: text(),
  diameterMm: integer(),
  /** Largest index before the register rolls over to zero (e.g. 99999). */
  maxIndex: integer().notNull().default(99999),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const installationTeams = snakeCase.table('installation_teams', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: varchar({ length: 16 }).notNull().unique(),
  name: text().notNull(),
  leader: text(),
  phone: varchar({ length: 20 }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const complaintKinds = snakeCase.table('complaint_kinds', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: varchar({ length: 16 }).notNull().unique(),
  name: text().notNull(),
  resolutionDays: integer().notNull().default(15),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Extra customer fields a company defines; values live in customers.extra (jsonb) keyed by `key`. */
export const customFieldDefs = snakeCase.table(
  'custom_field_defs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    key: varchar({ length: 32 }).notNull().unique(),
    label: text().notNull(),
    kind: varchar({ length: 8 }).notNull().default('text'),
    isRequired: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('custom_field_kind', sql`${t.kind} in ('text', 'number', 'date')`)],
);
