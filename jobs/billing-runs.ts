/**
 * Billing runs as jobs of the queue (jobs/queue.ts): a started run is enqueued and executed by whichever worker
 * process takes it, the UI polls `billingRun` for progress. The executor's advisory lock still lets exactly one
 * executor work on a run; a run whose worker died is retried by the queue and resumes after its last chunk.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { Actor } from '@/services/auth/actor';
import { executeBillingRun, type ExecuteOptions } from '@/services/billing/billing-executor';
import {
  createBillingRun,
  getBillingRun,
  prepareResume,
  type BillingRunRow,
  type StartBillingRunInput,
} from '@/services/billing/billing-run.service';
import { awaitJob, enqueue, findPendingJob } from './queue';

/** Jobs enqueued by this process, so tests and scripts can wait for a run they started. */
const enqueued = new Map<number, { db: Db; jobId: string }>();

/** Enqueues the run (once: a run already queued keeps its job). Returns the job's id. */
async function enqueueBillingRun(db: Db, runId: number): Promise<string | null> {
  const singletonKey = `run:${runId}`;
  const jobId =
    (await enqueue(db, 'billing.run', { runId }, { singletonKey })) ??
    (await findPendingJob(db, 'billing.run', singletonKey));
  if (jobId) enqueued.set(runId, { db, jobId });
  return jobId;
}

/** Waits for the job of a run enqueued by this process (tests, scripts); returns at once for any other run. */
export async function awaitBillingRun(runId: number): Promise<void> {
  const job = enqueued.get(runId);
  if (!job) return;
  await awaitJob(job.db, 'billing.run', job.jobId);
  enqueued.delete(runId);
}

/** Runs synchronously to the end, in this process (tests, the benchmark, a one-customer recalculation). */
export async function runBillingRunNow(
  db: Db,
  runId: number,
  options: ExecuteOptions = {},
): Promise<BillingRunRow | null> {
  return executeBillingRun(db, runId, options);
}

/**
 * Creates a run and starts it. A one-customer recalculation is quick and runs before returning; larger
 * scopes return at once with the queued run.
 */
export async function startBillingRun(db: Db, actor: Actor, input: StartBillingRunInput): Promise<BillingRunRow> {
  const run = await createBillingRun(db, actor, input);
  if (input.scope.kind === 'customer') await runBillingRunNow(db, run.id);
  else await enqueueBillingRun(db, run.id);
  return getBillingRun(db, actor, run.id);
}

/** Resumes a failed or interrupted run after its last written chunk. */
export async function resumeBillingRun(db: Db, actor: Actor, runId: number): Promise<BillingRunRow> {
  await prepareResume(db, actor, runId);
  await enqueueBillingRun(db, runId);
  return getBillingRun(db, actor, runId);
}

/**
 * Enqueues the runs left queued or running without a job (started before the queue existed, or whose job ended
 * for good): call at start-up. A run whose job is still pending keeps it.
 */
export async function resumeBillingRuns(db: Db): Promise<number[]> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`select id from billing_runs where status in ('queued', 'running') order by id`),
  );
  const ids = rows.map((r) => Number(r.id));
  for (const id of ids) await enqueueBillingRun(db, id);
  return ids;
}
