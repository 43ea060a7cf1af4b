import { integer, snakeCase, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Anonymous GraphQL operations per client address in a fixed window. Kept in the database, like the
 * sign-in counters, so every app instance counts against the same budget.
 */
export const requestCounters = snakeCase.table('request_counters', {
  key: varchar({ length: 128 }).primaryKey(),
  count: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
