/**
 * Bulk writes for seeding: `insert … select * from unnest($1::int[], $2::text[], …)` sends one parameter per
 * column whatever the row count (postgres.js refuses more than 65,534 parameters), and COPY … FROM STDIN
 * for postgres.js when no ids need to come back.
 *
 * Arrays travel as PostgreSQL array literals in text parameters, so the same query runs on PGlite and on
 * postgres.js without relying on either driver's array serialisation.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';

type Scalar = string | number | boolean | null;
type PgType = 'int4' | 'int2' | 'int8' | 'text' | 'varchar' | 'bool' | 'date' | 'timestamptz';

export interface BulkColumn {
  name: string;
  type: PgType;
  values: readonly Scalar[];
}

/** A query as text with $1…$n placeholders and its parameters. */
export interface Query {
  text: string;
  params: string[];
}

type Row = Record<string, unknown>;

/** Runs a query; implemented over drizzle's `db.execute` or over a postgres.js connection. */
export interface Runner {
  run(query: Query): Promise<Row[]>;
  /** COPY rows into a table when the driver can (postgres.js); undefined otherwise. */
  copy?: ((table: string, columns: readonly BulkColumn[]) => Promise<void>) | undefined;
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

/** `{1,2,NULL}`, `{"a","b \"c\""}`: the text form of a one-dimensional array. */
function arrayLiteral(values: readonly Scalar[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += quoteElement(values[i] ?? null);
  }
  return `${out}}`;
}

function checkColumns(columns: readonly BulkColumn[]): number {
  const first = columns[0];
  if (!first) throw new Error('bulk insert without columns');
  const n = first.values.length;
  for (const c of columns) {
    if (!/^[a-z_][a-z0-9_]*$/.test(c.name)) throw new Error(`bad column name ${c.name}`);
    if (c.values.length !== n) throw new Error(`column ${c.name} has ${c.values.length} values, expected ${n}`);
  }
  return n;
}

/** `insert into <table> (<cols>) select * from unnest(…) <suffix>` with one array parameter per column. */
export function unnestInsert(table: string, columns: readonly BulkColumn[], suffix = ''): Query {
  checkColumns(columns);
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return {
    text: `insert into ${table} (${names}) select * from unnest(${arrays}) ${suffix}`.trim(),
    params: columns.map((c) => arrayLiteral(c.values)),
  };
}

/** The drizzle SQL object of a Query (params bound, never interpolated). */
function toDrizzleSql(query: Query): SQL {
  const chunks: SQL[] = [];
  const re = /\$(\d+)/g;
  let last = 0;
  for (let m = re.exec(query.text); m; m = re.exec(query.text)) {
    chunks.push(sql.raw(query.text.slice(last, m.index)));
    const param = query.params[Number(m[1]) - 1];
    if (param === undefined) throw new Error(`missing parameter $${m[1]}`);
    chunks.push(sql`${param}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(query.text.slice(last)));
  return sql.join(chunks);
}

/** A Runner over drizzle (PGlite or postgres.js): every statement through `db.execute(sql…)`. */
export function drizzleRunner(db: DbOrTx): Runner {
  return { run: async (query) => rowsOf<Row>(await db.execute(toDrizzleSql(query))) };
}

function copyField(value: Scalar): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** COPY text-format lines, a few thousand rows per chunk. */
function* copyChunks(columns: readonly BulkColumn[], rowsPerChunk = 2000): Generator<string> {
  const n = checkColumns(columns);
  let chunk = '';
  for (let r = 0; r < n; r++) {
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += '\t';
      line += copyField((columns[c] as BulkColumn).values[r] ?? null);
    }
    chunk += `${line}\n`;
    if ((r + 1) % rowsPerChunk === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Structural type of the postgres.js pieces used here (a client, a reserved connection or a transaction). */
export interface PgLike {
  unsafe(query: string, params?: unknown[]): PromiseLike<readonly Row[]>;
}

/** A Runner over a postgres.js connection or transaction, with COPY FROM STDIN. */
export function postgresRunner(pg: PgLike): Runner {
  return {
    run: async (query) => [...(await pg.unsafe(query.text, query.params))],
    copy: async (table, columns) => {
      checkColumns(columns);
      const names = columns.map((c) => c.name).join(', ');
      const q = pg.unsafe(`copy ${table} (${names}) from stdin`) as unknown as {
        writable(): Promise<NodeJS.WritableStream>;
      };
      const stream = await q.writable();
      await pipeline(Readable.from(copyChunks(columns)), stream);
    },
  };
}

/** Appends rows: COPY when the runner has it, else unnest inserts of at most `chunkRows` rows. */
export async function appendRows(
  runner: Runner,
  table: string,
  columns: readonly BulkColumn[],
  chunkRows = 50_000,
): Promise<number> {
  const n = checkColumns(columns);
  if (n === 0) return 0;
  if (runner.copy) {
    await runner.copy(table, columns);
    return n;
  }
  for (let start = 0; start < n; start += chunkRows) {
    const part = columns.map((c) => ({ ...c, values: c.values.slice(start, start + chunkRows) }));
    await runner.run(unnestInsert(table, part));
  }
  return n;
}
