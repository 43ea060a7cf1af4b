import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';

/**
 * Runs one report statement in its own transaction with the settings an aggregate over millions of rows wants, SET
 * LOCAL so they end with it: JIT off — PostgreSQL's cost estimate of these statements is far above jit_above_cost,
 * and compiling them took 1–6 s on the bench database (with parallel workers each compiling), more than it saved
 * (https://www.postgresql.org/docs/current/jit-decision.html) — and more memory for its hashes than the default
 * 4 MB, so the receivables' hash is built in memory instead of in 32 batches on disk.
 */
export async function reportRows<T = Record<string, unknown>>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return rowsOf<T>(await tx.execute(statement));
  });
}
