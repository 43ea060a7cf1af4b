import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { serverEnv } from '@/config/env';
import { relations } from './relations';

export type Db = PgAsyncDatabase<PgQueryResultHKT, typeof relations>;
/** A transaction handle; services accept `Db | Tx` so a use case can join a caller's transaction. */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The postgres.js client, for COPY and other driver features (null on PGlite). */
  pg: Sql | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` for a throw-away database. */
  dataDir?: string | undefined;
  migrate?: boolean;
  /**
   * Called with every statement Drizzle sends (not the driver's own BEGIN/COMMIT): tests count statements
   * with it so an N+1 query fails a test, on PGlite and PostgreSQL alike.
   */
  onQuery?: ((query: string, params: unknown[]) => void) | undefined;
}

/** Advisory-lock key that serialises migrations across app instances. */
const MIGRATION_LOCK_KEY = 727_001;

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const shouldMigrate = options.migrate ?? true;
  const onQuery = options.onQuery;
  const logger = onQuery ? { logQuery: (query: string, params: unknown[]) => onQuery(query, params) } : undefined;
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const pg = postgres(options.url, { max: serverEnv().DATABASE_POOL_SIZE, onnotice: () => {} });
    const db = drizzle({ client: pg, relations, ...(logger ? { logger } : {}) });
    if (shouldMigrate) {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      // Several instances may start at once: one migrates, the others wait on the lock, then find nothing to do.
      const lockSession = await pg.reserve();
      try {
        await lockSession`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(db, { migrationsFolder });
      } finally {
        await lockSession`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        lockSession.release();
      }
    }
    return { db: db as unknown as Db, kind: 'postgres', pg, close: () => pg.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = options.dataDir ?? serverEnv().PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite');
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    claimDataDir(dataDir);
  }
  // pg_trgm backs the indexed cross-book customer search; PGlite ships it as a loadable contrib extension.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzle({ client, relations, ...(logger ? { logger } : {}) });
  if (shouldMigrate) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db, { migrationsFolder });
  }
  return { db: db as unknown as Db, kind: 'pglite', pg: null, close: () => client.close() };
}

/**
 * PGlite is single-process: two servers on one data folder corrupt it. A pid file refuses the second
 * one with a clear message instead.
 */
function claimDataDir(dataDir: string): void {
  const lock = path.join(dataDir, '..', `${path.basename(dataDir)}.pid`);
  let holder = 0;
  try {
    holder = Number(readFileSync(lock, 'utf8'));
  } catch {
    holder = 0;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database ${dataDir} is in use by process ${holder}. Stop it, or set PGLITE_DIR to another folder (or DATABASE_URL).`,
    );
  }
  writeFileSync(lock, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const globalForDb = globalThis as unknown as { __database?: Promise<Database> };

/** The process-wide database of the running app (kept on globalThis so dev reloads reuse it). */
export function getDatabase(): Promise<Database> {
  globalForDb.__database ??= openDatabase({ url: serverEnv().DATABASE_URL });
  return globalForDb.__database;
}
