import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  date,
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
import { companyProfileVersions, readingBooks } from './org';
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

/**
 * A company-wide issue (every book the starter may issue, book by book) running as a job: its progress for the
 * screen. Each book is issued in its own transaction together with the counters, so a resumed job neither
 * re-counts nor re-issues a book (an issued book has no drafts left). One job at a time per period.
 */
export const invoiceIssueJobs = snakeCase.table(
  'invoice_issue_jobs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    period: char({ length: 7 }).notNull(),
    status: varchar({ length: 12 }).notNull().default('queued'),
    totalBooks: integer().notNull().default(0),
    doneBooks: integer().notNull().default(0),
    issued: integer().notNull().default(0),
    error: text(),
    startedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.startedBy),
    uniqueIndex('invoice_issue_jobs_one_active_a_period')
      .on(t.period)
      .where(sql`${t.status} in ('queued', 'running')`),
    check('invoice_issue_job_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check('invoice_issue_job_progress', sql`${t.doneBooks} between 0 and ${t.totalBooks} and ${t.issued} >= 0`),
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

/**
 * Invoice series (ký hiệu): template symbol + invoice symbol, one per company and year (a year may hold several,
 * e.g. a coded and an uncoded one). `lastNumber` is the counter that issuing advances under this row's lock, so
 * numbers are gap-free and in issue order; UNIQUE (series_id, number) on invoices backs it.
 */
export const invoiceSeries = snakeCase.table(
  'invoice_series',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    templateSymbol: char({ length: 1 }).notNull(),
    invoiceSymbol: char({ length: 6 }).notNull(),
    year: integer().notNull(),
    isDefault: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    lastNumber: integer().notNull().default(0),
    /** Numbers follow dates too: an app server whose clock runs behind may not issue before this day. */
    lastIssuedOn: date({ mode: 'string' }),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoice_series_symbol').on(t.templateSymbol, t.invoiceSymbol),
    uniqueIndex('invoice_series_one_default_a_year')
      .on(t.year)
      .where(sql`${t.isDefault}`),
    check('invoice_series_number_range', sql`${t.lastNumber} between 0 and 99999999`),
    check('invoice_series_symbol_format', sql`${t.invoiceSymbol} ~ '^[CK][0-9]{2}[A-Z]{3}$'`),
    check('invoice_series_template_format', sql`${t.templateSymbol} ~ '^[1-9]$'`),
  ],
);

/**
 * A bill: a draft while the billing run may still recompute it, then issued with a number that never changes.
 * Corrections are new invoices (kind replacement or adjustment) naming the original in `relatedInvoiceId`.
 */
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
    seriesId: integer().references(() => invoiceSeries.id, { onDelete: 'restrict' }),
    number: integer(),
    issuedOn: date({ mode: 'string' }),
    issuedAt: timestamp({ withTimezone: true }),
    issuedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    /** The seller printed on the issued invoice (null: issued before versions were kept; the current company). */
    sellerVersionId: integer().references(() => companyProfileVersions.id, { onDelete: 'restrict' }),
    /** The code a buyer types on the e-invoice lookup page (random, not a secret). */
    lookupCode: varchar({ length: 16 }),
    /** The buyer as printed at issue: the customer record may change later, the invoice may not. */
    buyerName: text(),
    buyerAddress: text(),
    buyerTaxCode: varchar({ length: 14 }),
    /** Why a replacement or adjustment was made (printed on it and carried in its XML). */
    correctionReason: text(),
    relatedInvoiceId: bigint({ mode: 'number' }).references((): AnyPgColumn => invoices.id, { onDelete: 'restrict' }),
    cancelReason: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: integer().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // One regular bill and one back-bill per customer and period; corrections may be several.
    uniqueIndex('invoices_one_per_kind')
      .on(t.customerId, t.period, t.kind)
      .where(sql`${t.kind} in ('regular', 'backbill')`),
    uniqueIndex('invoices_series_number').on(t.seriesId, t.number),
    index().on(t.relatedInvoiceId),
    index().on(t.customerId),
    index().on(t.bookId, t.period),
    index().on(t.serviceTypeId),
    index().on(t.runId),
    // A run's warning list reads the few invoices with warnings, not the run's million rows.
    index('invoices_with_warnings')
      .on(t.runId)
      .where(sql`${t.warnings} <> '[]'::jsonb`),
    check('invoice_kind', sql`${t.kind} in ('regular', 'backbill', 'replacement', 'adjustment')`),
    check('invoice_status', sql`${t.status} in ('draft', 'issued', 'cancelled', 'replaced', 'adjusted')`),
    // An adjustment carries the difference, which may be negative; every other invoice is a charge.
    check(
      'invoice_amounts',
      sql`${t.kind} = 'adjustment' or (${t.subtotal} >= 0 and ${t.vat} >= 0 and ${t.total} >= 0)`,
    ),
    check(
      'invoice_numbered_when_issued',
      sql`(${t.status} = 'draft') = (${t.number} is null) and (${t.number} is null) = (${t.seriesId} is null)
        and (${t.number} is null or (${t.number} between 1 and 99999999 and ${t.issuedOn} is not null))`,
    ),
    check(
      'invoice_correction_names_original',
      sql`(${t.kind} in ('replacement', 'adjustment')) = (${t.relatedInvoiceId} is not null and ${t.correctionReason} is not null)`,
    ),
    check('invoice_cancel_reason', sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`),
  ],
);

/** The signed e-invoice XML of an issued invoice (kept 10 years), or what the provider answered. */
export const einvoices = snakeCase.table('einvoices', {
  invoiceId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => invoices.id, { onDelete: 'restrict' }),
  xml: text().notNull(),
  sha256: char({ length: 64 }).notNull(),
  /** SELF (signed here) or the provider's name. */
  issuer: varchar({ length: 32 }).notNull(),
  providerId: text(),
  signedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

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
