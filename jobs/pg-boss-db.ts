/**
 * pg-boss's `db` option over the app's own connection, so the queue needs no second pool and runs on both
 * drivers: postgres.js in production and CI, PGlite (one embedded connection) for the demo and the tests.
 *
 * pg-boss sends two kinds of statement (node_modules/pg-boss/src): single statements with `$n` parameters,
 * and parameterless scripts of several statements (schema creation and migration, maintenance) wrapped in
 * their own `BEGIN … pg_advisory_xact_lock … COMMIT`. It uses no LISTEN/NOTIFY and no session state.
 */
import type PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Db } from '@/db/client';

type Rows = { rows: Record<string, unknown>[] };

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : String(value);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Parameters as text, the way node-postgres sends them (its `prepareValue`): pg-boss's SQL casts what it needs
 * (`$3::jsonb`, `$2::uuid[]`) and leaves the rest to the server's inference, which only works when every
 * parameter arrives untyped.
 */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map(arrayElement).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function postgresAdapter(pg: Sql): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const rows = await pg.unsafe(text, values.map(asText));
        return { rows: [...rows] as Record<string, unknown>[] };
      }
      // A script: the simple protocol runs its statements in turn. On its own connection, so that a failure
      // inside pg-boss's BEGIN … COMMIT is rolled back before the connection goes back to the pool.
      const session = await pg.reserve();
      try {
        const results = (await session.unsafe(text).simple()) as unknown;
        return lastRows(results);
      } catch (e) {
        await session.unsafe('rollback').catch(() => undefined);
        throw e;
      } finally {
        session.release();
      }
    },
  };
}

/** postgres.js answers a script with one result per statement; pg-boss reads the last one's rows, if any. */
function lastRows(results: unknown): Rows {
  if (!Array.isArray(results)) return { rows: [] };
  const nested = results.length > 0 && results.every((r) => Array.isArray(r));
  const last: unknown = nested ? results[results.length - 1] : results;
  return { rows: Array.isArray(last) ? ([...last] as Record<string, unknown>[]) : [] };
}

function pgliteAdapter(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values.map(asText));
        return { rows: result.rows };
      }
      // PGlite has one connection: a script failing inside its BEGIN would leave every later query of the
      // app in an aborted transaction. Inside PGlite's own transaction the failure is rolled back at once and
      // nothing else runs in between (its inner BEGIN only warns, its COMMIT ends the transaction early).
      const results = await client.transaction((tx) => tx.exec(text));
      return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

/** The adapter for the driver behind a Drizzle database. */
export function pgBossDbOf(db: Db): PgBoss.Db {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client && typeof (client as Sql).reserve === 'function' && typeof (client as Sql).unsafe === 'function')
    return postgresAdapter(client as Sql);
  if (client && typeof (client as PGlite).exec === 'function' && typeof (client as PGlite).transaction === 'function')
    return pgliteAdapter(client as PGlite);
  throw new Error('pg-boss: unknown database driver');
}
