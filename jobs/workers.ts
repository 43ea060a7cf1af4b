/**
 * What each job does. Imported by jobs/queue.ts only when it starts workers, so enqueueing never loads the
 * handlers' services (and the services may enqueue without an import cycle).
 */
import { enqueueUnsignedOfPeriod } from './einvoice-signing';
import { eq } from 'drizzle-orm';
import { billingRuns } from '@/db/schema/billing';
import { executeBillingRun } from '@/services/billing/billing-executor';
import { AppError } from '@/services/errors';
import { runIssueJob } from '@/services/invoices/issue-job.service';
import { enabledChannels } from '@/services/notices/enabled-channels';
import type { JobHandler, JobName } from './queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Executes (or resumes) the run. When another executor holds it — the attempt a sweep wrongly took for dead, or
 * a run started by hand — this job waits for it and takes over if it dies: the job ends only when the run does.
 */
const billingRun: JobHandler<'billing.run'> = async (db, { runId }, context) => {
  for (;;) {
    try {
      const row = await executeBillingRun(db, runId, context.options.billingRun ?? {});
      if (row) return { status: row.status, processedCustomers: row.processedCustomers };
    } catch (e) {
      // A refusal is final and already on the run row; anything else is retried by the queue (and resumed).
      if (e instanceof AppError) return { status: 'failed', code: e.code };
      throw e;
    }
    await sleep(1000);
    const [run] = await db.select({ status: billingRuns.status }).from(billingRuns).where(eq(billingRuns.id, runId));
    if (!run || run.status === 'done') return { status: run?.status ?? 'missing' };
  }
};

const issueCompany: JobHandler<'invoices.issue-company'> = async (db, { issueJobId }) => {
  const job = await runIssueJob(db, issueJobId);
  if (job?.status === 'done') await enqueueUnsignedOfPeriod(db, job.period);
  // The bill notices were queued with each book's issue; the sender starts now that all are committed.
  if (job?.status === 'done' && job.issued > 0 && enabledChannels().length > 0) {
    const { enqueueNoticeSend } = await import('./notices');
    await enqueueNoticeSend(db);
  }
  return { status: job?.status ?? 'missing', issued: job?.issued ?? 0 };
};

const signEinvoices: JobHandler<'einvoices.sign'> = async (db, { invoiceIds }) => {
  const { signAndStoreInvoices } = await import('@/services/einvoices/einvoice-store.service');
  return signAndStoreInvoices(db, invoiceIds);
};

const cancelEinvoice: JobHandler<'einvoices.cancel'> = async (db, { invoiceId }) => {
  const { cancelAtProvider } = await import('@/services/einvoices/einvoice-store.service');
  return cancelAtProvider(db, invoiceId);
};

const sendNotices: JobHandler<'notices.send'> = async (db, _data, context) => {
  const { runNoticeSendJob } = await import('./notices');
  return runNoticeSendJob(db, context.options.notices ?? {});
};

const overdueReminders: JobHandler<'notices.overdue-reminders'> = async (db) => {
  const { runOverdueReminderJob } = await import('./notices');
  return runOverdueReminderJob(db);
};

export const handlers: { [N in JobName]: JobHandler<N> } = {
  'billing.run': billingRun,
  'invoices.issue-company': issueCompany,
  'einvoices.sign': signEinvoices,
  'einvoices.cancel': cancelEinvoice,
  'notices.send': sendNotices,
  'notices.overdue-reminders': overdueReminders,
};
