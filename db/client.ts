import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { relations } from './relations';

export type Db = PgAsyncDatabase<PgQueryResultHKT, typeof relations>;
/** A transaction handle; services accept `Db | Tx` so a use case can join a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The postgres.js client, for COPY and other driver features (null on PGlite). */
  pg: import('postgres').Sql | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` for a throw-away database. */
  dataDir?: string | undefined;
  migrate?: boolean;
}

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const shouldMigrate = options.migrate ?? true;
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const pg = postgres(options.url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
    const db = drizzle({ client: pg, relations });
    if (shouldMigrate) {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      await migrate(db, { migrationsFolder });
    }
    return { db: db as unknown as Db, kind: 'postgres', pg, close: () => pg.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = options.dataDir ?? process.env.PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, relations });
  if (shouldMigrate) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db, { migrationsFolder });
  }
  return { db: db as unknown as Db, kind: 'pglite', pg: null, close: () => client.close() };
}

const globalForDb = globalThis as unknown as { __database?: Promise<Database> };

/** The process-wide database of the running app (kept on globalThis so dev reloads reuse it). */
export function getDatabase(): Promise<Database> {
  globalForDb.__database ??= openDatabase({ url: process.env.DATABASE_URL || undefined });
  return globalForDb.__database;
}
