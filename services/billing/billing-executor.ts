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
import { and, eq, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { billingRuns } from '@/db/schema/billing';
import { BillMemo } from '@/domain/billing/bill-request';
import { computeChunk, type TariffCatalog } from '@/domain/billing/run-chunk';
import { loadTariffBook } from '@/services/tariffs/tariff-versions';
import { loadChunk, type Chunk } from './billing-inputs';
import type { BillingRunRow } from './billing-run.service';
import { drizzleRunner, inTransaction, postgresClientOf } from './bulk-sql';
import { writeChunk, type ChunkWrite } from './invoice-writer';
import { storableErrorMessage } from '@/services/error-summary';
import { pgErrorCode } from '@/services/errors';

const DEFAULT_CHUNK_SIZE = 10_000;
/** Attempts of a chunk that collided with another run writing the same customers. */
const MAX_ATTEMPTS = 5;

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
    const [r] = await conn.unsafe(`select pg_try_advisory_lock(hashtext('capnuoc:billing-run'), $1::int4) as ok`, [
      runId,
    ]);
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

export async function loadTariffCatalog(db: DbOrTx): Promise<TariffCatalog> {
  const book = await loadTariffBook(db);
  return {
    versionsByServiceType: book.versionsByServiceType,
    codeOfServiceType: new Map([...book.serviceTypesById].map(([id, t]) => [id, t.code])),
    knownCodes: new Set(book.serviceTypesByCode.keys()),
  };
}

/**
 * Runs (or resumes) a run to its end and returns its final row; returns null when another executor holds
 * it. Safe to call on a finished run (nothing happens).
 */
export async function executeBillingRun(
  db: Db,
  runId: number,
  options: ExecuteOptions = {},
): Promise<BillingRunRow | null> {
  const release = await acquireRunLock(db, runId);
  if (!release) return null;
  try {
    const byId = eq(billingRuns.id, runId);
    const [run] = await db
      .update(billingRuns)
      .set({ status: 'running', heartbeatAt: new Date(), error: null })
      .where(and(byId, ne(billingRuns.status, 'done')))
      .returning();
    if (!run) return (await db.select().from(billingRuns).where(byId))[0] ?? null;
    try {
      await billChunks(db, run, options);
      const [done] = await db
        .update(billingRuns)
        .set({ status: 'done', finishedAt: new Date(), heartbeatAt: new Date() })
        .where(byId)
        .returning();
      return done ?? null;
    } catch (e) {
      // The run row is shown to staff: a database error's message would carry customers' data.
      const message = storableErrorMessage(e);
      await db
        .update(billingRuns)
        .set({ status: 'failed', error: message.slice(0, 2000), heartbeatAt: new Date() })
        .where(byId);
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

interface ChunkStats {
  customers: number;
  lastCustomerId: number;
  invoices: number;
  consumption: number;
  amount: number;
  timings: ChunkProgress['timings'];
}

async function billChunks(db: Db, run: BillingRunRow, options: ExecuteOptions): Promise<void> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const catalog = await loadTariffCatalog(db);
  const memo = new BillMemo(run.period, catalog.versionsByServiceType);
  const pg = postgresClientOf(db);
  // PostgreSQL: the next chunk is read on another pooled connection while this one is computed, and
  // `concurrency` chunks are written at once (each PostgreSQL backend uses one core). PGlite has a single
  // connection, so there everything runs in turn.
  const concurrency = pg ? Math.max(1, options.concurrency ?? 2) : 1;
  const reader = drizzleRunner(db);
  const load = (after: number): Promise<Chunk> => loadChunk(reader, run.period, run.scope, after, chunkSize);

  // Chunks may commit out of order; the run's progress (resume point and counters, absolute values)
  // advances only over the chunks committed without a gap, so after a crash every customer up to
  // last_customer_id is billed and counted once, and the chunks after it are simply written again.
  const progress = {
    processedCustomers: run.processedCustomers,
    lastCustomerId: run.lastCustomerId,
    invoiceCount: run.invoiceCount,
    consumption: run.consumption,
    amount: run.amount,
  };
  const committed = new Map<number, ChunkStats>();
  let nextToRecord = 0;
  let recorder: Promise<void> = Promise.resolve();
  let stopped = false;
  const record = (index: number, stats: ChunkStats): void => {
    committed.set(index, stats);
    for (let s = committed.get(nextToRecord); s; s = committed.get(nextToRecord)) {
      committed.delete(nextToRecord);
      const chunk = ++nextToRecord;
      progress.processedCustomers += s.customers;
      progress.lastCustomerId = s.lastCustomerId;
      progress.invoiceCount += s.invoices;
      progress.consumption += s.consumption;
      progress.amount += s.amount;
      const snapshot = { ...progress };
      recorder = recorder.then(async () => {
        await db
          .update(billingRuns)
          .set({ ...snapshot, heartbeatAt: new Date() })
          .where(eq(billingRuns.id, run.id));
        await options.onChunk?.({
          runId: run.id,
          chunk,
          processedCustomers: snapshot.processedCustomers,
          lastCustomerId: snapshot.lastCustomerId,
          timings: s.timings,
        });
      });
      recorder.catch(() => (stopped = true));
    }
  };

  const inFlight: Promise<void>[] = [];
  let next: Promise<Chunk> | null = load(run.lastCustomerId);
  try {
    for (let index = 0; next && !stopped; index++) {
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
      const written = (async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            const totals = await inTransaction(db, (runner) => writeChunk(runner, write), { asyncCommit: true });
            record(index, {
              customers: chunk.customers.length,
              lastCustomerId: chunk.lastCustomerId,
              invoices: totals.invoices,
              consumption: totals.consumption,
              amount: totals.amount,
              timings: { waitInputsMs: t1 - t0, computeMs: t2 - t1, writeMs: performance.now() - t2 },
            });
            return;
          } catch (e) {
            if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
            await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
          }
        }
      })();
      written.catch(() => (stopped = true));
      inFlight.push(written);
      if (inFlight.length >= concurrency) await inFlight.shift();
      if (!pg) {
        await recorder;
        next = chunk.customers.length === chunkSize ? load(chunk.lastCustomerId) : null;
      }
    }
  } finally {
    // Nothing may still be writing when the run is marked done or failed.
    // Writes first: each one records its progress as it commits, so the recorder is read afterwards.
    const settled = await Promise.allSettled(inFlight);
    settled.push(...(await Promise.allSettled([recorder])));
    await next?.catch(() => undefined);
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
