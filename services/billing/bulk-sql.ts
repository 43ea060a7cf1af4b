/**
 * Bulk statements for the billing run, the same on both drivers: SQL text with $n placeholders whose
 * parameters are PostgreSQL array literals (`{1,2,NULL}`) cast in the statement (`$1::int4[]`), so one
 * parameter carries a whole column whatever the row count (postgres.js refuses more than 65,534
 * parameters) and no driver-specific array serialisation is involved. On postgres.js, rows can go
 * through COPY … FROM STDIN instead.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';

export type Scalar = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Runner {
  run(text: string, params?: readonly Scalar[]): Promise<Row[]>;
  /** COPY rows in (postgres.js only). `columns` are the table's column names, `lines` COPY text lines. */
  copy?: ((table: string, columns: readonly string[], lines: Iterable<string>) => Promise<void>) | undefined;
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

/** One field of a COPY text-format line. */
export function copyField(value: Scalar): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
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

/** The pieces of postgres.js used here (a client, a reserved connection or a transaction). */
export interface PgSession {
  unsafe(query: string, params?: unknown[]): PromiseLike<readonly Row[]>;
}

export interface PgClient extends PgSession {
  begin<T>(fn: (tx: PgSession) => Promise<T>): Promise<T>;
  reserve(): Promise<PgSession & { release(): void }>;
}

/** Groups COPY lines into chunks of a few hundred KB: fewer stream writes than one per line. */
function* batched(lines: Iterable<string>, maxChars = 256 * 1024): Generator<string> {
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= maxChars) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export function postgresRunner(pg: PgSession): Runner {
  return {
    run: async (text, params = []) => [...(await pg.unsafe(text, params as unknown[]))],
    copy: async (table, columns, lines) => {
      const q = pg.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`) as unknown as { writable(): Promise<NodeJS.WritableStream> };
      await pipeline(Readable.from(batched(lines)), await q.writable());
    },
  };
}

/** The postgres.js client behind a drizzle database, or null on PGlite. */
export function postgresClientOf(db: Db): PgClient | null {
  const client = (db as unknown as { $client?: Partial<PgClient> }).$client;
  return client && typeof client.begin === 'function' && typeof client.reserve === 'function' && typeof client.unsafe === 'function'
    ? (client as PgClient)
    : null;
}

/** Runs `fn` in one transaction: on postgres.js directly (COPY available), elsewhere through drizzle. */
export async function inTransaction<T>(db: Db, fn: (runner: Runner) => Promise<T>): Promise<T> {
  const pg = postgresClientOf(db);
  if (pg) return pg.begin((tx) => fn(postgresRunner(tx)));
  return db.transaction((tx) => fn(drizzleRunner(tx)));
}
