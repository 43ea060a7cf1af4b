/**
 * Company-wide issuing as a job of the queue: the job row (invoice_issue_jobs) is the progress the UI polls, the
 * queue's job (keyed `issue:<id>`) is what makes some worker run it, again after a worker died.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { Actor } from '@/services/auth/actor';
import { createIssueJob, type IssueJobRow } from '@/services/invoices/issue-job.service';
import { enqueue, findPendingJob } from './queue';

/** Makes sure the job row has a queued or running job in the queue (once: a pending one is kept). */
async function ensureEnqueued(db: Db, job: Pick<IssueJobRow, 'id' | 'period' | 'startedBy'>): Promise<void> {
  const singletonKey = `issue:${job.id}`;
  if (await findPendingJob(db, 'invoices.issue-company', singletonKey)) return;
  await enqueue(
    db,
    'invoices.issue-company',
    { issueJobId: job.id, period: job.period, actorUserId: job.startedBy ?? 0 },
    { singletonKey },
  );
}

/**
 * Starts the company-wide issue of a period, or joins the user's own job already queued or running for it
 * (enqueueing it again if the process that created it died before it was enqueued).
 */
export async function startCompanyInvoiceIssue(db: Db, actor: Actor, period: string): Promise<IssueJobRow> {
  const { job } = await createIssueJob(db, actor, period);
  await ensureEnqueued(db, job);
  return job;
}

/** Re-enqueues the issue jobs left queued or running without a queue job (call at start-up). */
export async function resumeIssueJobs(db: Db): Promise<number[]> {
  const rows = rowsOf<{ id: number; period: string; started_by: number | null }>(
    await db.execute(
      sql`select id, period, started_by from invoice_issue_jobs where status in ('queued', 'running') order by id`,
    ),
  );
  for (const r of rows)
    await ensureEnqueued(db, { id: Number(r.id), period: String(r.period), startedBy: r.started_by });
  return rows.map((r) => Number(r.id));
}
