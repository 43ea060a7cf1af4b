/**
 * Billing runs as background jobs, in-process: a started run executes after the request returns (fire
 * and forget), the UI polls `billingRun` for progress. Several app instances may run this code side by
 * side: the executor's advisory lock lets exactly one of them work on a run, and a run whose process died
 * is picked up by resumeBillingRuns (call it at start-up) or by an explicit resume.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { Actor } from '@/services/auth/actor';
import { logUnexpectedError } from '@/services/error-summary';
import { executeBillingRun, type ExecuteOptions } from '@/services/billing/billing-executor';
import {
  createBillingRun,
  getBillingRun,
  prepareResume,
  type BillingRunRow,
  type StartBillingRunInput,
} from '@/services/billing/billing-run.service';

const inFlight = new Map<number, Promise<BillingRunRow | null>>();

/** Starts executing a run in the background (no-op if this process already runs it). */
function launchBillingRun(db: Db, runId: number, options: ExecuteOptions = {}): Promise<BillingRunRow | null> {
  const existing = inFlight.get(runId);
  if (existing) return existing;
  const job = executeBillingRun(db, runId, options)
    .catch((e: unknown) => {
      // The run row carries the error (status failed); the log keeps the stack.
      logUnexpectedError(`billing run ${runId}`, e);
      return null;
    })
    .finally(() => inFlight.delete(runId));
  inFlight.set(runId, job);
  return job;
}

/** Waits for a run started in this process (tests, scripts). */
export async function awaitBillingRun(runId: number): Promise<void> {
  await inFlight.get(runId);
}

/** Runs synchronously to the end (tests, the benchmark, a one-customer recalculation). */
export async function runBillingRunNow(
  db: Db,
  runId: number,
  options: ExecuteOptions = {},
): Promise<BillingRunRow | null> {
  const existing = inFlight.get(runId);
  if (existing) return existing;
  return executeBillingRun(db, runId, options);
}

/**
 * Creates a run and starts it. A one-customer recalculation is quick and runs before returning; larger
 * scopes return at once with the queued run.
 */
export async function startBillingRun(db: Db, actor: Actor, input: StartBillingRunInput): Promise<BillingRunRow> {
  const run = await createBillingRun(db, actor, input);
  if (input.scope.kind === 'customer') await runBillingRunNow(db, run.id);
  else void launchBillingRun(db, run.id);
  return getBillingRun(db, actor, run.id);
}

/** Resumes a failed or interrupted run after its last written chunk. */
export async function resumeBillingRun(db: Db, actor: Actor, runId: number): Promise<BillingRunRow> {
  await prepareResume(db, actor, runId);
  void launchBillingRun(db, runId);
  return getBillingRun(db, actor, runId);
}

/**
 * Picks up runs left queued or running by a process that stopped (call at start-up, or on a timer). A run
 * still executing elsewhere keeps its advisory lock, so this instance simply skips it.
 */
export async function resumeBillingRuns(db: Db): Promise<number[]> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`select id from billing_runs where status in ('queued', 'running') order by id`),
  );
  const ids = rows.map((r) => Number(r.id));
  for (const id of ids) void launchBillingRun(db, id);
  return ids;
}
