/**
 * The notice sender as a job: `notices.send` sends everything due, then, while messages still wait (a retry's
 * back-off, a dead sender's lease), schedules its own follow-up for when the first of them is due.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { logUnexpectedError } from '@/services/error-summary';
import { queueOverdueReminders } from '@/services/notices/notice-queue.service';
import { nextNoticeDueAt, sendDueNotices, type NoticeSenderOptions } from '@/services/notices/notice-sender.service';
import { pgBossDbOf } from './pg-boss-db';
import { enqueue, startQueue } from './queue';

/** One job sends for at most this long; a follow-up continues, so a deploy never waits on a million mails. */
const TIME_BUDGET_MS = 5 * 60_000;

/**
 * Enqueues a send unless one is already waiting to start no later than asked: many kicks (every payment of a
 * busy counter) collapse into one job.
 */
export async function enqueueNoticeSend(db: Db, delaySeconds = 0): Promise<void> {
  await startQueue(db);
  const { rows } = await pgBossDbOf(db).executeSql(
    `select 1 from pgboss.job where name = 'notices.send' and state in ('created', 'retry')
       and start_after <= now() + make_interval(secs => $1::int) limit 1`,
    [Math.ceil(delaySeconds)],
  );
  if (rows.length > 0) return;
  await enqueue(db, 'notices.send', {}, delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {});
}

export async function runNoticeSendJob(db: Db, options: NoticeSenderOptions = {}): Promise<unknown> {
  const summary = await sendDueNotices(db, { timeBudgetMs: TIME_BUDGET_MS, ...options });
  const next = await nextNoticeDueAt(db);
  if (next) await enqueueNoticeSend(db, Math.max(1, (next.getTime() - Date.now()) / 1000));
  return summary;
}

/**
 * The daily overdue reminders (a cron schedule, jobs/queue.ts): queues today's, once per customer and month, and
 * starts the sender when any were queued.
 */
export async function runOverdueReminderJob(db: Db, asOf = todayInVietnam(new Date())): Promise<unknown> {
  const queued = await queueOverdueReminders(db, asOf);
  if (queued > 0) await enqueueNoticeSend(db);
  return { asOf, queued };
}

/**
 * Every worker process looks for due messages now and then and starts a send when it finds some: notices queued
 * inside other transactions (a payment, a request's status change) need no kick from their callers, and none is
 * lost to a kick that never came. One probe of the messages_due index per interval; nothing is enqueued while
 * nothing is due, so an idle system keeps no job waiting.
 */
export function startNoticePoller(db: Db, enqueueSend: () => Promise<unknown>, everyMs: number): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const [row] = rowsOf<{ due: boolean }>(
          await db.execute(sql`select exists (select 1 from messages
            where status in ('QUEUED', 'SENDING') and next_attempt_at <= now()) as due`),
        );
        if (!row?.due) return;
        const { rows } = await pgBossDbOf(db).executeSql(
          `select 1 from pgboss.job where name = 'notices.send' and state in ('created', 'retry') limit 1`,
          [],
        );
        if (rows.length === 0) await enqueueSend();
      } catch (e) {
        logUnexpectedError('notices poll', e);
      } finally {
        busy = false;
      }
    })();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
