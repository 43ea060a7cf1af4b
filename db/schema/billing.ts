import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
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
import { serviceTypes } from './catalogs';
import { customers } from './customers';
import { readingBooks } from './org';
import { tariffVersions } from './tariffs';
import { users } from './users';

export const billingRuns = snakeCase.table(
  'billing_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    period: char({ length: 7 }).notNull(),
    scope: jsonb()
      .$type<{ kind: 'all' } | { kind: 'books'; bookIds: number[] } | { kind: 'customer'; customerId: number }>()
      .notNull(),
    status: varchar({ length: 12 }).notNull().default('queued'),
    totalCustomers: integer().notNull().default(0),
    processedCustomers: integer().notNull().default(0),
    /** Resume point: customers are processed in id order, so a crashed run restarts after this id. */
    lastCustomerId: integer().notNull().default(0),
    invoiceCount: integer().notNull().default(0),
    consumption: bigint({ mode: 'number' }).notNull().default(0),
    amount: bigint({ mode: 'number' }).notNull().default(0),
    error: text(),
    startedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.period),
    index().on(t.startedBy),
    check('billing_run_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  ],
);

export const billingRunSkips = snakeCase.table(
  'billing_run_skips',
  {
    runId: integer()
      .notNull()
      .references(() => billingRuns.id, { onDelete: 'cascade' }),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    reason: varchar({ length: 24 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.customerId] }), index().on(t.customerId)],
);

/** Drafts until numbered and issued (next capability); one per customer, period and kind. */
export const invoices = snakeCase.table(
  'invoices',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    bookId: integer()
      .notNull()
      .references(() => readingBooks.id, { onDelete: 'restrict' }),
    serviceTypeId: integer().references(() => serviceTypes.id, { onDelete: 'restrict' }),
    period: char({ length: 7 }).notNull(),
    kind: varchar({ length: 12 }).notNull().default('regular'),
    status: varchar({ length: 12 }).notNull().default('draft'),
    consumption: integer().notNull(),
    subtotal: bigint({ mode: 'number' }).notNull(),
    vat: bigint({ mode: 'number' }).notNull(),
    environmentFee: bigint({ mode: 'number' }).notNull(),
    drainageFee: bigint({ mode: 'number' }).notNull(),
    drainageVat: bigint({ mode: 'number' }).notNull(),
    total: bigint({ mode: 'number' }).notNull(),
    needsRecalculation: boolean().notNull().default(false),
    runId: integer().references(() => billingRuns.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** What the rate engine assumed for this bill ({ code, message }[]; e.g. 0 persons billed as 1). */
    warnings: jsonb()
      .$type<{ code: string; message: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    uniqueIndex('invoices_one_per_kind').on(t.customerId, t.period, t.kind),
    index().on(t.bookId, t.period),
    index().on(t.serviceTypeId),
    index().on(t.runId),
    // A run's warning list reads the few invoices with warnings, not the run's million rows.
    index('invoices_with_warnings')
      .on(t.runId)
      .where(sql`${t.warnings} <> '[]'::jsonb`),
    check('invoice_kind', sql`${t.kind} in ('regular', 'backbill')`),
    check('invoice_status', sql`${t.status} in ('draft', 'issued', 'cancelled')`),
    check('invoice_amounts', sql`${t.subtotal} >= 0 and ${t.vat} >= 0 and ${t.total} >= 0`),
  ],
);

export const invoiceLines = snakeCase.table(
  'invoice_lines',
  {
    invoiceId: bigint({ mode: 'number' })
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    ordinal: integer().notNull(),
    kind: varchar({ length: 16 }).notNull(),
    description: text().notNull(),
    tariffVersionId: integer().references(() => tariffVersions.id, { onDelete: 'restrict' }),
    tier: integer(),
    quantity: integer().notNull(),
    unitPrice: bigint({ mode: 'number' }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.ordinal] }), index().on(t.tariffVersionId)],
);
