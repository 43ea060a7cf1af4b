/**
 * A company-wide issue: the drafts of every book the user may issue for a period, book by book, as a job with
 * progress (invoice_issue_jobs). Each book is issued by issueInvoices in one transaction that also advances the
 * job's counters, so a job resumed after its worker died neither issues nor counts a book twice: an issued book
 * has no drafts left and simply drops out of the list.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { invoiceIssueJobs } from '@/db/schema/billing';
import { rowsOf } from '@/db/sql';
import { type Actor, canOnBook, hasRight, loadActor } from '@/services/auth/actor';
import { storableErrorMessage } from '@/services/error-summary';
import { AppError, notFound } from '@/services/errors';
import { issueInvoices } from './issue.service';

export type IssueJobRow = typeof invoiceIssueJobs.$inferSelect;

/** Books holding drafts of the period that can be issued (not marked for recalculation), in book code order. */
async function booksWithDrafts(db: DbOrTx, period: string): Promise<number[]> {
  const rows = rowsOf<{ book_id: number }>(
    await db.execute(sql`
      select b.id as book_id from reading_books b
      where exists (
        select 1 from invoices i join customers c on c.id = i.customer_id
        where c.book_id = b.id and i.period = ${period} and i.status = 'draft'
          and i.kind in ('regular', 'backbill') and not i.needs_recalculation)
      order by b.code, b.id`),
  );
  return rows.map((r) => Number(r.book_id));
}

/**
 * Creates the job of a period, or returns the one this user already has queued or running for it (a second
 * click joins it). Another user's running job for the period is refused: one company-wide issue at a time.
 */
export async function createIssueJob(
  db: DbOrTx,
  actor: Actor,
  period: string,
): Promise<{ job: IssueJobRow; isNew: boolean }> {
  if (!hasRight(actor, 'document', 'invoices', 'add'))
    throw new AppError('FORBIDDEN', 'Bạn không có quyền phát hành hóa đơn.');
  const active = and(eq(invoiceIssueJobs.period, period), inArray(invoiceIssueJobs.status, ['queued', 'running']));
  const [inserted] = await db
    .insert(invoiceIssueJobs)
    .values({ period, startedBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { job: inserted, isNew: true };
  const [running] = await db.select().from(invoiceIssueJobs).where(active).limit(1);
  if (running && running.startedBy === actor.userId) return { job: running, isNew: false };
  throw new AppError(
    'ISSUE_JOB_RUNNING',
    `Đang có một lượt phát hành hóa đơn kỳ ${period} của người dùng khác; chờ lượt đó xong rồi thử lại.`,
  );
}

/** A job as its starter (or an administrator) sees it. */
export async function getIssueJob(db: DbOrTx, actor: Actor, id: number): Promise<IssueJobRow> {
  const [row] = await db.select().from(invoiceIssueJobs).where(eq(invoiceIssueJobs.id, id)).limit(1);
  if (!row || (!actor.isAdmin && row.startedBy !== actor.userId)) throw notFound('lượt phát hành hóa đơn');
  return row;
}

async function finish(db: Db, id: number, status: 'done' | 'failed', error: string | null): Promise<void> {
  await db.update(invoiceIssueJobs).set({ status, error, finishedAt: new Date() }).where(eq(invoiceIssueJobs.id, id));
}

/**
 * Runs (or resumes) a job to its end; the job queue's handler. Rights are those the starter holds now. A refusal
 * (no series for the year, a user deactivated) ends the job as failed; any other error is rethrown so the queue
 * retries the job, which resumes after the books already issued.
 */
export async function runIssueJob(db: Db, id: number): Promise<IssueJobRow | null> {
  const [job] = await db
    .update(invoiceIssueJobs)
    .set({ status: 'running', error: null })
    // A failed job is resumed too: the queue retries a job whose run broke on an unexpected error.
    .where(and(eq(invoiceIssueJobs.id, id), inArray(invoiceIssueJobs.status, ['queued', 'running', 'failed'])))
    .returning();
  if (!job) return (await db.select().from(invoiceIssueJobs).where(eq(invoiceIssueJobs.id, id)))[0] ?? null;
  try {
    const actor = job.startedBy === null ? null : await loadActor(db, job.startedBy);
    if (!actor) throw new AppError('FORBIDDEN', 'Người bắt đầu lượt phát hành không còn hoạt động.');
    const books = (await booksWithDrafts(db, job.period)).filter((b) => canOnBook(actor, b, 'invoices', 'add'));
    await db
      .update(invoiceIssueJobs)
      .set({ totalBooks: job.doneBooks + books.length })
      .where(eq(invoiceIssueJobs.id, id));
    for (const bookId of books) {
      await db.transaction(async (tx) => {
        const r = await issueInvoices(tx, actor, { period: job.period, bookIds: [bookId] });
        await tx
          .update(invoiceIssueJobs)
          .set({
            doneBooks: sql`${invoiceIssueJobs.doneBooks} + 1`,
            issued: sql`${invoiceIssueJobs.issued} + ${r.issued}`,
          })
          .where(eq(invoiceIssueJobs.id, id));
      });
    }
    await finish(db, id, 'done', null);
  } catch (e) {
    // Shown to staff: an AppError's message is written for them; any other error is summarised without data.
    await finish(db, id, 'failed', (e instanceof AppError ? e.message : storableErrorMessage(e)).slice(0, 2000));
    if (!(e instanceof AppError)) throw e;
  }
  return (await db.select().from(invoiceIssueJobs).where(eq(invoiceIssueJobs.id, id)))[0] ?? null;
}
