import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  integer,
  snakeCase,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { serviceTypes } from './catalogs';

/** A tariff in force from a date; prices and tier limits both change over time. */
export const tariffVersions = snakeCase.table(
  'tariff_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serviceTypeId: integer()
      .notNull()
      .references(() => serviceTypes.id, { onDelete: 'cascade' }),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    basis: varchar({ length: 12 }).notNull(),
    pricesIncludeVat: boolean().notNull().default(false),
    vatRateBp: integer().notNull().default(500),
    prorationMethod: varchar({ length: 16 }).notNull().default('split_days'),
    minConsumption: integer(),
    meterSubscription: bigint({ mode: 'number' }),
    environmentFeeBp: integer().notNull().default(1000),
    drainageBp: integer().notNull().default(0),
    drainageVatBp: integer().notNull().default(0),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.serviceTypeId, t.effectiveFrom),
    check('tariff_basis', sql`${t.basis} in ('household', 'person', 'flat')`),
    check('tariff_proration', sql`${t.prorationMethod} in ('split_days', 'weighted_days', 'reading_date')`),
    check(
      'tariff_rates',
      sql`${t.vatRateBp} >= 0 and ${t.environmentFeeBp} >= 0 and ${t.drainageBp} >= 0 and ${t.drainageVatBp} >= 0`,
    ),
  ],
);

/** Bậc giá: cumulative upper bound per household / person (null = no limit) and the unit price. */
export const tariffTiers = snakeCase.table(
  'tariff_tiers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer()
      .notNull()
      .references(() => tariffVersions.id, { onDelete: 'cascade' }),
    ordinal: integer().notNull(),
    upTo: integer(),
    unitPrice: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex().on(t.versionId, t.ordinal),
    check('tier_price', sql`${t.unitPrice} >= 0`),
    check('tier_limit', sql`${t.upTo} is null or ${t.upTo} > 0`),
  ],
);
