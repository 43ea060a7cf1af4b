import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type OpenOptions } from '@/db/client';
import { stopQueue } from '@/jobs/queue';

/**
 * A fresh, migrated database per test file: PGlite in memory, or — when TEST_DATABASE_URL is set — a new
 * database created on that PostgreSQL server and dropped afterwards. Refuses any non-local server so a
 * test run can never touch real data.
 */
export async function createTestDatabase(
  options: Pick<OpenOptions, 'onQuery'> = {},
): Promise<Database & { name: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://', ...options });
    return { ...database, name: 'pglite', close: () => closeWithQueue(database) };
  }
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname)) {
    throw new Error(`TEST_DATABASE_URL must point at a local server, not ${parsed.hostname}`);
  }
  const name = `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  parsed.pathname = `/${name}`;
  const database = await openDatabase({ url: parsed.toString(), ...options });
  return {
    ...database,
    name,
    close: async () => {
      await closeWithQueue(database);
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A queue started on the database (by a test, or lazily by a service that enqueued) stops before it closes. */
async function closeWithQueue(database: Database): Promise<void> {
  await stopQueue(database.db);
  await database.close();
}
