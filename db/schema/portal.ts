import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, snakeCase, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { customers } from './customers';

/**
 * Customers' own accounts on the public portal: an email address that signs in by a link. A separate kind of
 * account from staff users (their own table, their own session cookie): no portal session reaches a staff field.
 */
export const portalAccounts = snakeCase.table(
  'portal_accounts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Lower-cased and trimmed; the sign-in link goes here. */
    email: text().notNull().unique(),
    name: text(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('portal_email_lower', sql`${t.email} = lower(${t.email})`)],
);

/** The customer codes an account has proved (with the second factor printed on every invoice). */
export const portalAccountCustomers = snakeCase.table(
  'portal_account_customers',
  {
    portalAccountId: integer()
      .notNull()
      .references(() => portalAccounts.id, { onDelete: 'cascade' }),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    linkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.portalAccountId, t.customerId] }), index().on(t.customerId)],
);

/** next-auth's one-time sign-in link tokens (stored hashed by next-auth), used once, then deleted. */
export const portalVerificationTokens = snakeCase.table(
  'portal_verification_tokens',
  {
    identifier: text().notNull(),
    token: varchar({ length: 128 }).notNull(),
    expires: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] }), index().on(t.expires)],
);
