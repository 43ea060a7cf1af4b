/**
 * Executes a billing run: chunks of customers in id order, each read in bulk, computed in memory with
 * the rate engine (memoised: repeated inputs are computed once) and written in one transaction that also
 * advances the run's resume point. On PostgreSQL the next chunk is read while the current one is
 * computed and written, so the database's reading and writing and Node's computing overlap.
 *
 * Exactly one executor works on a run: a session advisory lock on PostgreSQL (held on a reserved
 * connection; released by the server if the process dies, so another instance can resume), plus an
 * in-process guard for PGlite.
 */
import type { Db } from '@/db/client';
import { BillMemo } from '@/domain/billing/bill-request';
import { computeChunk, type TariffCatalog } from '@/domain/billing/run-chunk';
import { loadTariffBook } from '@/services/tariffs/tariff-versions';
import { loadChunk, type Chunk } from './billing-inputs';
import type { BillingRunRow } from './billing-run.service';
import type { BillingScope } from './billing-scope';
import { drizzleRunner, inTransaction, postgresClientOf, postgresRunner, type Runner } from './bulk-sql';
import { recordProgress, writeChunk, type ChunkWrite } from './invoice-writer';
import { pgErrorCode } from '@/services/errors';

export const DEFAULT_CHUNK_SIZE = 10_000;

export interface ChunkProgress {
  runId: number;
  chunk: number;
  processedCustomers: number;
  lastCustomerId: number;
  /** Where the chunk's time went (ms): waiting for its inputs, computing, writing (one transaction). */
  timings: { waitInputsMs: number; computeMs: number; writeMs: number };
}

export interface ExecuteOptions {
  chunkSize?: number;
  /** Chunks written at the same time on PostgreSQL (default 2: one per core of a small server). */
  concurrency?: number;
  /** Called after each chunk is committed; a throw stops the run (it is marked failed and can be resumed). */
  onChunk?: (progress: ChunkProgress) => void | Promise<void>;
}

const running = new Set<number>();

type Release = () => Promise<void>;

async function acquireRunLock(db: Db, runId: number): Promise<Release | null> {
  if (running.has(runId)) return null;
  running.add(runId);
  const pg = postgresClientOf(db);
  if (!pg) {
    return async () => {
      running.delete(runId);
    };
  }
  const conn = await pg.reserve();
  try {
    const [r] = await conn.unsafe(`select pg_try_advisory_lock(hashtext('capnuoc:billing-run'), $1::int4) as ok`, [runId]);
    if (!r?.ok) {
      conn.release();
      running.delete(runId);
      return null;
    }
  } catch (e) {
    conn.release();
    running.delete(runId);
    throw e;
  }
  return async () => {
    try {
      await conn.unsafe(`select pg_advisory_unlock(hashtext('capnuoc:billing-run'), $1::int4)`, [runId]);
    } finally {
      conn.release();
      running.delete(runId);
    }
  };
}

async function tariffCatalog(db: Db): Promise<TariffCatalog> {
  const book = await loadTariffBook(db);
  return {
    versionsByServiceType: book.versionsByServiceType,
    codeOfServiceType: new Map([...book.serviceTypesById].map(([id, t]) => [id, t.code])),
    knownCodes: new Set(book.serviceTypesByCode.keys()),
  };
}

function runRow(r: Record<string, unknown>): BillingRunRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    id: Number(r.id),
    period: String(r.period),
    scope: (typeof r.scope === 'string' ? JSON.parse(r.scope) : r.scope) as BillingScope,
    status: String(r.status),
    totalCustomers: Number(r.total_customers),
    processedCustomers: Number(r.processed_customers),
    lastCustomerId: Number(r.last_customer_id),
    invoiceCount: Number(r.invoice_count),
    consumption: Number(r.consumption),
    amount: Number(r.amount),
    error: (r.error as string | null) ?? null,
    startedBy: r.started_by === null ? null : Number(r.started_by),
    startedAt: date(r.started_at) as Date,
    heartbeatAt: date(r.heartbeat_at),
    finishedAt: date(r.finished_at),
  };
}

/**
 * Runs (or resumes) a run to its end and returns its final row; returns null when another executor holds
 * it. Safe to call on a finished run (nothing happens).
 */
export async function executeBillingRun(db: Db, runId: number, options: ExecuteOptions = {}): Promise<BillingRunRow | null> {
  const release = await acquireRunLock(db, runId);
  if (!release) return null;
  const meta = drizzleRunner(db);
  try {
    const [claimed] = await meta.run(
      `update billing_runs set status = 'running', heartbeat_at = now(), error = null where id = $1 and status <> 'done' returning *`,
      [runId],
    );
    if (!claimed) {
      const [row] = await meta.run(`select * from billing_runs where id = $1`, [runId]);
      return row ? runRow(row) : null;
    }
    const run = runRow(claimed);
    try {
      await billChunks(db, run, options);
      const [done] = await meta.run(
        `update billing_runs set status = 'done', finished_at = now(), heartbeat_at = now() where id = $1 returning *`,
        [runId],
      );
      return runRow(done!);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await meta.run(`update billing_runs set status = 'failed', error = $2, heartbeat_at = now() where id = $1`, [runId, message.slice(0, 2000)]);
      throw e;
    }
  } finally {
    await release();
  }
}

/** Errors a chunk retried from scratch clears: a concurrent run wrote the same customers first. */
function isRetryable(error: unknown): boolean {
  const code = pgErrorCode(error)?.code;
  return code === '23505' || code === '23503' || code === '40P01' || code === '40001';
}

async function billChunks(db: Db, run: BillingRunRow, options: ExecuteOptions): Promise<void> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const catalog = await tariffCatalog(db);
  const memo = new BillMemo(run.period, catalog.versionsByServiceType);
  const pg = postgresClientOf(db);
  // PostgreSQL: the next chunk is read on another pooled connection while this one is computed, and
  // `concurrency` chunks are written at once (each PostgreSQL backend uses one core). PGlite has a single
  // connection, so there everything runs in turn.
  const concurrency = pg ? Math.max(1, options.concurrency ?? 2) : 1;
  const reader: Runner = pg ? postgresRunner(pg) : drizzleRunner(db);
  const load = (after: number): Promise<Chunk> => loadChunk(reader, run.period, run.scope, after, chunkSize);

  let processed = run.processedCustomers;
  let chunkNo = 0;
  // Chunks commit in order: each one's transaction waits for the previous commit before moving the resume
  // point, so after a crash every customer up to last_customer_id is billed and none after it counted.
  let previous: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  let next: Promise<Chunk> | null = load(run.lastCustomerId);
  try {
    while (next) {
      const t0 = performance.now();
      const chunk: Chunk = await next;
      if (chunk.customers.length === 0) break;
      next = pg ? load(chunk.lastCustomerId) : null;
      const t1 = performance.now();
      const result = computeChunk(chunk.customers, catalog, memo);
      const t2 = performance.now();
      const write: ChunkWrite = {
        runId: run.id,
        period: run.period,
        customerIds: chunk.customers.map((c) => c.id),
        lastCustomerId: chunk.lastCustomerId,
        result,
      };
      const before = previous;
      const committed = (async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            await inTransaction(db, async (runner) => {
              const totals = await writeChunk(runner, write);
              await before;
              await recordProgress(runner, write, totals);
            });
            break;
          } catch (e) {
            if (attempt >= 3 || !isRetryable(e)) throw e;
          }
        }
        processed += chunk.customers.length;
        chunkNo++;
        const timings = { waitInputsMs: t1 - t0, computeMs: t2 - t1, writeMs: performance.now() - t2 };
        await options.onChunk?.({ runId: run.id, chunk: chunkNo, processedCustomers: processed, lastCustomerId: chunk.lastCustomerId, timings });
      })();
      previous = committed;
      inFlight.push(committed);
      committed.catch(() => undefined); // observed below; this keeps a failure from being reported as unhandled meanwhile
      if (inFlight.length >= concurrency) await inFlight.shift();
      if (!pg) next = chunk.customers.length < chunkSize ? null : load(chunk.lastCustomerId);
    }
  } finally {
    // Nothing may still be writing when the run is marked done or failed.
    const settled = await Promise.allSettled(inFlight);
    await next?.catch(() => undefined);
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
