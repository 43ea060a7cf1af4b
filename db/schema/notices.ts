import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  primaryKey,
  snakeCase,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { portalAccounts } from './portal';
import { users } from './users';
import { workOrders } from './work-orders';

/**
 * Every notice sent or to be sent: one row per event and channel (the unique key is what makes a billing run,
 * a payment or a status change reach a customer once per channel, however often the job runs).
 */
export const messages = snakeCase.table(
  'messages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The event, e.g. `bill:<customer>:<period>`, `payment:<id>`, `work-order-event:<id>`, `sign-in:<hash>`. */
    eventKey: varchar({ length: 128 }).notNull(),
    /** EMAIL, SMS, ZNS. */
    channel: varchar({ length: 8 }).notNull(),
    template: varchar({ length: 32 }).notNull(),
    customerId: integer().references(() => customers.id, { onDelete: 'set null' }),
    workOrderId: integer().references(() => workOrders.id, { onDelete: 'set null' }),
    portalAccountId: integer().references(() => portalAccounts.id, { onDelete: 'set null' }),
    /** The billing period (YYYYMM) a bill notice belongs to, for the staff list's filter. */
    period: integer(),
    /** An email address or a phone number. */
    recipient: text().notNull(),
    /** The template's parameters, rendered at send time. */
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** QUEUED, SENDING, SENT, FAILED (permanent, or out of attempts), SKIPPED (opted out, no address). */
    status: varchar({ length: 8 }).notNull().default('QUEUED'),
    attempts: smallint().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A sender holds a message while it talks to the provider; a lease past its time means the sender died. */
    leaseUntil: timestamp({ withTimezone: true }),
    providerMessageId: text(),
    providerResponse: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** Who asked for a resend by hand. */
    resentBy: integer().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('messages_event_channel').on(t.eventKey, t.channel),
    index().on(t.customerId, t.createdAt),
    index().on(t.workOrderId),
    index().on(t.portalAccountId),
    index().on(t.resentBy),
    index().on(t.period, t.status),
    index('messages_due')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('QUEUED', 'SENDING')`),
    check('message_channel', sql`${t.channel} in ('EMAIL', 'SMS', 'ZNS')`),
    check('message_status', sql`${t.status} in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')`),
  ],
);

/** A customer's refusal of a channel (absent = consent); set from the portal or by staff. */
export const noticeOptOuts = snakeCase.table(
  'notice_opt_outs',
  {
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channel: varchar({ length: 8 }).notNull(),
    /** PORTAL or STAFF. */
    source: varchar({ length: 8 }).notNull(),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.channel] }),
    index().on(t.userId),
    check('opt_out_channel', sql`${t.channel} in ('EMAIL', 'SMS', 'ZNS')`),
  ],
);
