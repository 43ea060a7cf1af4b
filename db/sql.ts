import { sql, type SQL } from 'drizzle-orm';

/**
 * `db.execute` returns `{ rows }` on PGlite and an array on postgres.js; services read rows through this
 * so raw SQL works on both drivers.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return (Array.isArray(rows) ? rows : []) as T[];
}

/**
 * A JS array as ONE bound parameter (for `= any(...)` and `unnest(...)`): a bare array inside drizzle's
 * `sql` template expands into a tuple `($1, $2, …)` instead, which is wrong there and hits the
 * 65,534-parameter limit on big batches.
 */
export function pgArray(values: readonly unknown[]): SQL {
  return sql`${sql.param(values)}`;
}
