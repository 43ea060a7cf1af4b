/**
 * Receivables and payments (SPEC §5). Issued invoices are the charges (an issued invoice never changes; corrections
 * are new invoices). Money in is `payments`, never edited but for its derived `allocated` counter; a reversal is a
 * new `payment_reversals` row; every movement of money onto or off an invoice is a new `payment_allocations` row.
 * `invoice_receivables` keeps, per invoice and component, what is due and what is paid, so that CHECKs in the
 * database refuse an invoice paid past its amount and a payment allocated past its amount, and so that the row lock
 * on it serialises concurrent allocators of one invoice.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  primaryKey,
  snakeCase,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { invoices } from './billing';
import { customers } from './customers';
import { readingBooks } from './org';
import { users } from './users';

/** Banks, e-wallets and stores that collect over the partner API. */
export const partners = snakeCase.table(
  'partners',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** What the partner sends in X-Partner-Id. */
    code: varchar({ length: 32 }).notNull().unique(),
    name: text().notNull(),
    /** The HMAC secret, AES-256-GCM encrypted with a key from the server's configuration (it must be recoverable). */
    secretCiphertext: text().notNull(),
    /** Addresses or CIDR ranges allowed to call; empty allows none. */
    allowList: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Whether an amount above the customer's total due is taken as credit (else refused). */
    allowOverpayment: boolean().notNull().default(false),
    /** Whether the partner is a bank that may post credit notifications for the company's account (the webhook). */
    notifiesBank: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('partner_code_format', sql`${t.code} ~ '^[A-Z0-9_]{2,32}$'`)],
);

/** Which books a collector collects (a collector also needs the payments right on the book). */
export const collectorBooks = snakeCase.table(
  'collector_books',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bookId: integer()
      .notNull()
      .references(() => readingBooks.id, { onDelete: 'cascade' }),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bookId] }), index().on(t.bookId)],
);

/**
 * A collector's day: what the ledger says they took, what they handed in, confirmed by a cashier and then locked
 * (no payment of that collector and day may be recorded or reversed after).
 */
export const collectorSettlements = snakeCase.table(
  'collector_settlements',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    collectorId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    day: date({ mode: 'string' }).notNull(),
    recorded: bigint({ mode: 'number' }).notNull(),
    paymentCount: integer().notNull(),
    handedIn: bigint({ mode: 'number' }).notNull(),
    note: text(),
    confirmedBy: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.collectorId, t.day),
    index().on(t.confirmedBy),
    check('settlement_amounts', sql`${t.recorded} >= 0 and ${t.handedIn} >= 0 and ${t.paymentCount} >= 0`),
  ],
);

export const PAYMENT_CHANNELS = ['counter', 'collector', 'partner', 'bank_transfer'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export const payments = snakeCase.table(
  'payments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** The customer's book when paid: for reports and the counter's list, never for a permission check. */
    bookId: integer()
      .notNull()
      .references(() => readingBooks.id, { onDelete: 'restrict' }),
    channel: varchar({ length: 16 }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** Derived: the part of `amount` now on invoices; the rest is the customer's credit. */
    allocated: bigint({ mode: 'number' }).notNull().default(0),
    paidAt: timestamp({ withTimezone: true }).notNull(),
    /** The business day the payment counts in (Vietnam time): settlements, same-day reversal, reports. */
    businessDay: date({ mode: 'string' }).notNull(),
    recordedBy: integer().references(() => users.id, { onDelete: 'restrict' }),
    collectorId: integer().references(() => users.id, { onDelete: 'restrict' }),
    partnerId: integer().references(() => partners.id, { onDelete: 'restrict' }),
    /** The partner's transaction id or the bank's; unique per partner / per bank account. */
    externalId: varchar({ length: 64 }),
    /** A bank transfer's account (its ids are unique per account). */
    bankAccount: varchar({ length: 32 }),
    /** A hash of what the partner sent the first time: the same id with other data is a conflict. */
    requestFingerprint: char({ length: 64 }),
    /** The first answer given to the partner, returned again to every retry. */
    partnerResponse: jsonb(),
    /** A client-made key (the counter's save, a collector's device) that makes a resubmission a no-op. */
    idempotencyKey: varchar({ length: 64 }),
    note: text(),
    status: varchar({ length: 12 }).notNull().default('posted'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_partner_transaction').on(t.partnerId, t.externalId),
    uniqueIndex('payments_bank_transaction')
      .on(t.bankAccount, t.externalId)
      .where(sql`${t.channel} = 'bank_transfer'`),
    uniqueIndex('payments_idempotency_key').on(t.idempotencyKey),
    index().on(t.customerId),
    index().on(t.bookId, t.businessDay),
    index().on(t.businessDay, t.channel),
    index().on(t.collectorId, t.businessDay),
    index().on(t.recordedBy),
    // A customer's credit is read at every issue; only the few payments with money left over are in this index.
    index('payments_with_credit')
      .on(t.customerId)
      .where(sql`${t.allocated} < ${t.amount} and ${t.status} = 'posted'`),
    check('payment_channel', sql`${t.channel} in ('counter', 'collector', 'partner', 'bank_transfer')`),
    check('payment_status', sql`${t.status} in ('posted', 'reversed')`),
    check('payment_amount', sql`${t.amount} > 0 and ${t.amount} <= 100000000000`),
    check('payment_allocated', sql`${t.allocated} >= 0 and ${t.allocated} <= ${t.amount}`),
    // A reversed payment holds nothing on any invoice.
    check('payment_reversed_unallocated', sql`${t.status} = 'posted' or ${t.allocated} = 0`),
    check(
      'payment_channel_fields',
      sql`(${t.channel} = 'partner') = (${t.partnerId} is not null)
        and (${t.channel} <> 'partner' or (${t.externalId} is not null and ${t.requestFingerprint} is not null))
        and (${t.channel} <> 'bank_transfer' or (${t.externalId} is not null and ${t.bankAccount} is not null))
        and (${t.channel} = 'collector') = (${t.collectorId} is not null)`,
    ),
  ],
);

/** A payment taken back (a wrong entry, a partner's same-day reversal). At most one per payment. */
export const paymentReversals = snakeCase.table(
  'payment_reversals',
  {
    paymentId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => payments.id, { onDelete: 'restrict' }),
    reason: text().notNull(),
    reversedBy: integer().references(() => users.id, { onDelete: 'restrict' }),
    partnerId: integer().references(() => partners.id, { onDelete: 'restrict' }),
    reversedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.reversedBy), index().on(t.partnerId), check('reversal_reason', sql`length(${t.reason}) >= 3`)],
);

export const ALLOCATION_COMPONENTS = ['water', 'vat', 'fees'] as const;
export type AllocationComponent = (typeof ALLOCATION_COMPONENTS)[number];

/**
 * What each invoice owes and has been paid, per component (water = the water amount, vat = its VAT, fees = the
 * environment and drainage fees with the drainage VAT). Created at the first allocation; due follows corrections
 * (an adjusted invoice owes its total plus its adjustments; a cancelled or replaced one owes nothing).
 */
export const invoiceReceivables = snakeCase.table(
  'invoice_receivables',
  {
    invoiceId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    waterDue: bigint({ mode: 'number' }).notNull(),
    vatDue: bigint({ mode: 'number' }).notNull(),
    feesDue: bigint({ mode: 'number' }).notNull(),
    waterPaid: bigint({ mode: 'number' }).notNull().default(0),
    vatPaid: bigint({ mode: 'number' }).notNull().default(0),
    feesPaid: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index().on(t.customerId),
    check(
      'receivable_paid_within_due',
      sql`${t.waterPaid} >= 0 and ${t.vatPaid} >= 0 and ${t.feesPaid} >= 0
        and ${t.waterPaid} <= greatest(${t.waterDue}, 0) and ${t.vatPaid} <= greatest(${t.vatDue}, 0)
        and ${t.feesPaid} <= greatest(${t.feesDue}, 0)`,
    ),
  ],
);

/**
 * The movements of money between payments and invoices, append-only: a positive amount puts part of a payment on
 * an invoice's component, a negative one takes it back (a reversal, a cancelled or corrected invoice).
 */
export const paymentAllocations = snakeCase.table(
  'payment_allocations',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    paymentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => payments.id, { onDelete: 'restrict' }),
    invoiceId: bigint({ mode: 'number' })
      .notNull()
      .references(() => invoiceReceivables.invoiceId, { onDelete: 'restrict' }),
    component: varchar({ length: 8 }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** payment, credit (left-over money used later), reversal, correction (the invoice was cancelled or corrected). */
    reason: varchar({ length: 12 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.paymentId),
    index().on(t.invoiceId),
    check('allocation_component', sql`${t.component} in ('water', 'vat', 'fees')`),
    check('allocation_reason', sql`${t.reason} in ('payment', 'credit', 'reversal', 'correction')`),
    check('allocation_sign', sql`${t.amount} <> 0 and ((${t.amount} > 0) = (${t.reason} in ('payment', 'credit')))`),
  ],
);

/**
 * Money seen on the company's bank account (a webhook notification or a statement line). Matched by the payment
 * code in its description to a customer (a payment is made); unmatched money waits in suspense for a cashier.
 */
export const bankTransactions = snakeCase.table(
  'bank_transactions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    bankAccount: varchar({ length: 32 }).notNull(),
    externalId: varchar({ length: 64 }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    description: text().notNull(),
    /** webhook or statement. */
    source: varchar({ length: 12 }).notNull(),
    /** matched (paid by code), suspense (waiting), allocated (a cashier chose the customer), ignored (not ours). */
    status: varchar({ length: 12 }).notNull(),
    paymentId: bigint({ mode: 'number' }).references(() => payments.id, { onDelete: 'restrict' }),
    resolvedBy: integer().references(() => users.id, { onDelete: 'restrict' }),
    resolvedAt: timestamp({ withTimezone: true }),
    resolutionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.bankAccount, t.externalId),
    index().on(t.paymentId),
    index().on(t.resolvedBy),
    index('bank_transactions_suspense')
      .on(t.receivedAt)
      .where(sql`${t.status} = 'suspense'`),
    check('bank_transaction_amount', sql`${t.amount} > 0`),
    check('bank_transaction_source', sql`${t.source} in ('webhook', 'statement')`),
    check('bank_transaction_status', sql`${t.status} in ('matched', 'suspense', 'allocated', 'ignored')`),
    check('bank_transaction_payment', sql`(${t.status} in ('matched', 'allocated')) = (${t.paymentId} is not null)`),
  ],
);

/** A partner's daily reconciliation file, matched three ways against the ledger. */
export const reconciliations = snakeCase.table(
  'reconciliations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnerId: integer()
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    businessDay: date({ mode: 'string' }).notNull(),
    fileName: text().notNull(),
    fileSha256: char({ length: 64 }).notNull(),
    importedBy: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    matched: integer().notNull(),
    exceptions: integer().notNull(),
  },
  (t) => [
    uniqueIndex().on(t.partnerId, t.businessDay, t.fileSha256),
    index().on(t.importedBy),
    index().on(t.businessDay),
  ],
);

/** One exception of a reconciliation, until a cashier resolves it. */
export const reconciliationExceptions = snakeCase.table(
  'reconciliation_exceptions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reconciliationId: integer()
      .notNull()
      .references(() => reconciliations.id, { onDelete: 'cascade' }),
    /** only_partner, only_ours, amount_differs, reversed. */
    kind: varchar({ length: 16 }).notNull(),
    transactionId: varchar({ length: 64 }).notNull(),
    customerCode: varchar({ length: 32 }),
    partnerAmount: bigint({ mode: 'number' }),
    ourAmount: bigint({ mode: 'number' }),
    paymentId: bigint({ mode: 'number' }).references(() => payments.id, { onDelete: 'restrict' }),
    resolvedBy: integer().references(() => users.id, { onDelete: 'restrict' }),
    resolvedAt: timestamp({ withTimezone: true }),
    resolution: text(),
    details: jsonb(),
  },
  (t) => [
    uniqueIndex().on(t.reconciliationId, t.transactionId),
    index().on(t.paymentId),
    index().on(t.resolvedBy),
    check(
      'reconciliation_exception_kind',
      sql`${t.kind} in ('only_partner', 'only_ours', 'amount_differs', 'reversed')`,
    ),
    check('reconciliation_resolution', sql`(${t.resolvedAt} is null) = (${t.resolution} is null)`),
  ],
);
