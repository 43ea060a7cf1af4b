/**
 * Bulk statements for the billing run, the same on both drivers: SQL text with $n placeholders whose
 * parameters are PostgreSQL array literals (`{1,2,NULL}`) cast in the statement (`$1::int4[]`), so one
 * parameter carries a whole column whatever the row count (postgres.js refuses more than 65,534
 * parameters) and no driver-specific array serialisation is involved.
 *
 * Rows go in with `insert … select from unnest(…)`, not COPY: measured on the billing run it is as fast
 * (the indexes and foreign keys dominate either way), and postgres.js never reports a COPY that the server
 * rejects after its last row (a unique violation found at the end): the stream just never finishes, where
 * an INSERT's error comes back like any statement's and the chunk can be retried.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';

export type Scalar = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Runner {
  run(text: string, params?: readonly Scalar[]): Promise<Row[]>;
}

function quoteElement(value: Scalar): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `{1,2,NULL}` / `{"a","b \"c\""}`: the text form of a one-dimensional array. */
export function arrayLiteral(values: readonly Scalar[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = quoteElement(values[i] ?? null);
  return `{${parts.join(',')}}`;
}

/** Text with $1…$n into a drizzle SQL object (parameters bound, never interpolated). */
function toSql(text: string, params: readonly Scalar[]): SQL {
  const chunks: SQL[] = [];
  const re = /\$(\d+)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    const n = Number(m[1]);
    if (n < 1 || n > params.length) throw new Error(`missing parameter $${n}`);
    chunks.push(sql`${params[n - 1]}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

export function drizzleRunner(db: DbOrTx): Runner {
  return { run: async (text, params = []) => rowsOf<Row>(await db.execute(toSql(text, params))) };
}

/** The postgres.js pieces the executor needs for its session advisory lock. */
interface PgSession {
  unsafe(query: string, params?: unknown[]): PromiseLike<readonly Row[]>;
}

export interface PgClient extends PgSession {
  reserve(): Promise<PgSession & { release(): void }>;
}

/** The postgres.js client behind a drizzle database, or null on PGlite. */
export function postgresClientOf(db: Db): PgClient | null {
  const client = (db as unknown as { $client?: Partial<PgClient> }).$client;
  return client && typeof client.reserve === 'function' && typeof client.unsafe === 'function'
    ? (client as PgClient)
    : null;
}

/**
 * Runs `fn` in one transaction. `asyncCommit` skips waiting for the WAL flush at commit. Safe for a billing
 * chunk: its resume point is recorded afterwards by an ordinary (synchronous) commit, which flushes the WAL
 * through the chunk's commit as well; a crash before that loses both, and the resumed run recomputes the
 * chunk, whose writes replace drafts.
 */
export async function inTransaction<T>(
  db: Db,
  fn: (runner: Runner) => Promise<T>,
  options: { asyncCommit?: boolean } = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    if (options.asyncCommit) await tx.execute(sql`set local synchronous_commit = off`);
    return fn(drizzleRunner(tx));
  });
}
