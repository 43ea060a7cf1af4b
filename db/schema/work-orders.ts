import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  snakeCase,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { complaintKinds, installationTeams, serviceTypes } from './catalogs';
import { customers } from './customers';
import { invoices } from './billing';
import { branches, readingBooks, wards } from './org';
import { portalAccounts } from './portal';
import { users } from './users';

/**
 * Phiếu yêu cầu: one pattern for every request a customer or citizen makes (a new connection, a relocation, a
 * disputed bill, a leak …), from intake to done. Kinds, statuses and their transitions are the domain's
 * (domain/work-orders); the database holds the row and refuses values outside the sets.
 */
export const workOrders = snakeCase.table(
  'work_orders',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Printed on the receipt and typed on the portal's tracking page: random, so codes cannot be enumerated. */
    trackingCode: varchar({ length: 16 }).notNull().unique(),
    kind: varchar({ length: 24 }).notNull(),
    /** PORTAL, PHONE, COUNTER, STAFF. */
    source: varchar({ length: 8 }).notNull(),
    status: varchar({ length: 16 }).notNull().default('RECEIVED'),
    /** The existing customer the request is about; for a new connection, the customer the handover created. */
    customerId: integer().references(() => customers.id, { onDelete: 'restrict' }),
    /** Who may see and handle it: the customer's branch, or for a new address the branch of its ward. */
    branchId: integer()
      .notNull()
      .references(() => branches.id, { onDelete: 'restrict' }),
    /** The customer's book (book-scoped rights); for a new connection, the book chosen at handover. */
    bookId: integer().references(() => readingBooks.id, { onDelete: 'restrict' }),
    wardId: integer().references(() => wards.id, { onDelete: 'restrict' }),
    applicantName: text().notNull(),
    applicantPhone: varchar({ length: 20 }).notNull(),
    applicantEmail: text(),
    citizenId: varchar({ length: 12 }),
    address: text(),
    latitude: numeric({ precision: 9, scale: 6 }),
    longitude: numeric({ precision: 9, scale: 6 }),
    /** Purpose of use (the service type the connection will be billed under). */
    serviceTypeId: integer().references(() => serviceTypes.id, { onDelete: 'restrict' }),
    households: integer(),
    persons: integer(),
    description: text(),
    /** What the kind needs beyond the common fields (a new address, a new name, a meter size, dates …). */
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    complaintKindId: integer().references(() => complaintKinds.id, { onDelete: 'restrict' }),
    /** The disputed invoice of a bill dispute. */
    invoiceId: bigint({ mode: 'number' }).references(() => invoices.id, { onDelete: 'restrict' }),
    teamId: integer().references(() => installationTeams.id, { onDelete: 'restrict' }),
    assignedUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The day the answer is due (VIETNAM-RULES: a dispute in 15 working days, a meter check in 5 days …). */
    deadline: date({ mode: 'string' }).notNull(),
    /** The installation quote: lines and total in integer VND. */
    quote: jsonb().$type<{
      lines: { name: string; unit: string; quantity: number; unitPrice: number; amount: number }[];
      total: number;
    } | null>(),
    quoteTotal: bigint({ mode: 'number' }),
    resolution: text(),
    closedAt: timestamp({ withTimezone: true }),
    portalAccountId: integer().references(() => portalAccounts.id, { onDelete: 'set null' }),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    /** A double submission (a double click, a retried request) carries the same key and creates one order. */
    idempotencyKey: varchar({ length: 64 }).unique(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.customerId, t.receivedAt),
    index().on(t.branchId, t.receivedAt),
    index().on(t.bookId),
    index().on(t.wardId),
    index().on(t.serviceTypeId),
    index().on(t.complaintKindId),
    index().on(t.invoiceId),
    index().on(t.teamId),
    index().on(t.assignedUserId),
    index().on(t.portalAccountId),
    index().on(t.createdBy),
    // The overdue list and the open work of a team read only what is still open.
    index('work_orders_open_deadline')
      .on(t.deadline)
      .where(sql`${t.status} not in ('DONE', 'REJECTED', 'CANCELLED')`),
    check('work_order_source', sql`${t.source} in ('PORTAL', 'PHONE', 'COUNTER', 'STAFF')`),
    check(
      'work_order_status',
      sql`${t.status} in ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'SURVEYED', 'QUOTED', 'CONTRACTED', 'INSTALLED', 'DONE', 'REJECTED', 'CANCELLED')`,
    ),
    check('work_order_households', sql`${t.households} is null or ${t.households} >= 1`),
    check('work_order_persons', sql`${t.persons} is null or ${t.persons} >= 0`),
    check('work_order_quote_total', sql`${t.quoteTotal} is null or ${t.quoteTotal} >= 0`),
    check('work_order_closed', sql`(${t.closedAt} is not null) = (${t.status} in ('DONE', 'REJECTED', 'CANCELLED'))`),
  ],
);

/** Every status change and note: who (a user or the portal customer), when, from what to what. Append-only. */
export const workOrderEvents = snakeCase.table(
  'work_order_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workOrderId: integer()
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    portalAccountId: integer().references(() => portalAccounts.id, { onDelete: 'set null' }),
    fromStatus: varchar({ length: 16 }),
    toStatus: varchar({ length: 16 }).notNull(),
    note: text(),
    data: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index().on(t.workOrderId, t.at), index().on(t.userId), index().on(t.portalAccountId)],
);

/** Papers and photos of a request (citizen ID, land or residence papers, a photo of the leak, the quote). */
export const workOrderDocuments = snakeCase.table(
  'work_order_documents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    workOrderId: integer()
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    /** CITIZEN_ID, LAND_PAPER, RESIDENCE, PHOTO, QUOTE, OTHER. */
    kind: varchar({ length: 16 }).notNull().default('OTHER'),
    fileName: text().notNull(),
    mimeType: varchar({ length: 64 }).notNull(),
    sizeBytes: integer().notNull(),
    /** A server-made key: no part of a visitor's file name reaches the storage path. */
    storageKey: text().notNull().unique(),
    uploadedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    uploadedByPortal: integer().references(() => portalAccounts.id, { onDelete: 'set null' }),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workOrderId),
    index().on(t.uploadedBy),
    index().on(t.uploadedByPortal),
    check(
      'work_order_document_kind',
      sql`${t.kind} in ('CITIZEN_ID', 'LAND_PAPER', 'RESIDENCE', 'PHOTO', 'QUOTE', 'OTHER')`,
    ),
    check('work_order_document_size', sql`${t.sizeBytes} between 1 and 10485760`),
  ],
);
