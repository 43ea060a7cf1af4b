/**
 * The one job queue: pg-boss on the app's own PostgreSQL (or PGlite) database, through jobs/pg-boss-db.ts. Long
 * work (billing runs, company-wide issuing, e-invoice signing) is enqueued here and run by workers in any app
 * process that starts them: in the web server by default, or in `npm run worker` processes (JOB_WORKERS=0 on a web
 * server leaves it enqueue-only).
 *
 * pg-boss 10 has no heartbeat: a job whose worker died stays `active` until its expiration (hours for a billing
 * run). So every job runs holding a session advisory lock keyed by its id, on a connection of its own; the server
 * drops the lock the moment the worker's connections die, and a sweep in every worker process fails (→ pg-boss
 * retries) active jobs whose lock nobody holds. The handlers are resumable, so a retried job continues where the
 * dead one stopped. PGlite is one process by construction (db/client.ts claims its folder), so there every job
 * found active at start-up was left by a process that died, and is failed into a retry then.
 */
import PgBoss from 'pg-boss';
import { serverEnv } from '@/config/env';
import type { Db } from '@/db/client';
import { logUnexpectedError } from '@/services/error-summary';
import { postgresClientOf, type PgClient } from '@/services/billing/bulk-sql';
import type { ExecuteOptions } from '@/services/billing/billing-executor';
import type { NoticeSenderOptions } from '@/services/notices/notice-sender.service';
import { pgBossDbOf } from './pg-boss-db';

/** Every job name and its payload. */
export interface JobPayloads {
  'billing.run': { runId: number };
  'invoices.issue-company': { issueJobId: number; period: string; actorUserId: number };
  'einvoices.sign': { invoiceIds: number[] };
  'einvoices.cancel': { invoiceId: number };
  'notices.send': Record<string, never>;
  'notices.overdue-reminders': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export type JobHandler<N extends JobName> = (db: Db, data: JobPayloads[N], context: HandlerContext) => Promise<unknown>;
interface HandlerContext {
  jobId: string;
  options: QueueOptions;
}

/** Per queue: pg-boss's queue policy and its retry and expiration defaults. */
interface QueueSpec {
  /** `stately`: at most one queued and one running job per singleton key (a run enqueued twice runs once). */
  policy: 'standard' | 'stately';
  retryLimit: number;
  retryDelay: number;
  /** A backstop only: the advisory-lock sweep finds dead workers long before. */
  expireInSeconds: number;
  /** Jobs of this queue one process works on at once, before JOB_WORKERS scales it. */
  concurrency: number;
}

const QUEUES: Record<JobName, QueueSpec> = {
  'billing.run': { policy: 'stately', retryLimit: 5, retryDelay: 5, expireInSeconds: 12 * 3600, concurrency: 1 },
  'invoices.issue-company': {
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 5,
    expireInSeconds: 12 * 3600,
    concurrency: 1,
  },
  'einvoices.sign': { policy: 'standard', retryLimit: 5, retryDelay: 30, expireInSeconds: 3600, concurrency: 1 },
  'einvoices.cancel': { policy: 'standard', retryLimit: 10, retryDelay: 60, expireInSeconds: 600, concurrency: 1 },
  // A run sends for at most 5 minutes (jobs/notices.ts); two per process keep SMTP busy while one records.
  'notices.send': { policy: 'standard', retryLimit: 5, retryDelay: 10, expireInSeconds: 900, concurrency: 2 },
  // One set-based statement a day; stately, so a late run and the next day's never overlap.
  'notices.overdue-reminders': {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    expireInSeconds: 3600,
    concurrency: 1,
  },
};

/**
 * Cron schedules (pg-boss keeps them in its schema; any process with workers registers them, the timekeeper of
 * one of them creates the job). Overdue reminders go out each morning, Vietnamese time, when customers read them.
 */
const SCHEDULES: readonly { name: JobName; cron: string }[] = [
  { name: 'notices.overdue-reminders', cron: '0 8 * * *' },
];
const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';
const JOB_NAMES = Object.keys(QUEUES) as JobName[];

export interface QueueOptions {
  /** Workers per queue in this process; 0 enqueues only. Default: JOB_WORKERS (1). */
  workers?: number;
  /** How often an idle worker looks for jobs enqueued by other processes (jobs enqueued here wake it at once). */
  pollingIntervalSeconds?: number;
  /** How often this process looks for active jobs whose worker died (PostgreSQL). */
  sweepIntervalMs?: number;
  /** An active job younger than this is not judged dead: its worker may not hold the lock yet. */
  deadAfterSeconds?: number;
  /** Passed to every billing run this process executes (tests slow chunks down with it). */
  billingRun?: ExecuteOptions;
  /** Passed to every notice sender this process runs (tests give it their SMTP sink and fake providers). */
  notices?: NoticeSenderOptions;
  /** How often this process looks for due notices (jobs/notices.ts startNoticePoller). Default 10 s. */
  noticePollMs?: number;
  /**
   * Runs the cron schedules (SCHEDULES) in a process with workers. Default: on, except under NODE_ENV=test, where
   * a daily job firing in the middle of a test would make it depend on the clock.
   */
  schedules?: boolean;
}

export interface EnqueueOptions {
  /** With the queue's `stately` policy: a second job with the key is refused (null) while one is queued. */
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  priority?: number;
  /** Seconds from now, or a date. */
  startAfter?: number | Date;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

const JOB_LOCK = `hashtext('capnuoc:job')`;

export class JobQueue {
  readonly boss: PgBoss;
  private readonly workerIds = new Map<JobName, string[]>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private stopNoticePoller: (() => void) | null = null;
  private readonly pg: PgClient | null;

  constructor(
    readonly db: Db,
    readonly options: QueueOptions,
  ) {
    this.pg = postgresClientOf(db);
    this.boss = new PgBoss({
      db: pgBossDbOf(db),
      // The timekeeper polls for due cron jobs only where the schedules run.
      schedule: this.schedulesOn,
      supervise: true,
      maintenanceIntervalSeconds: 60,
    });
    this.boss.on('error', (e: unknown) => logUnexpectedError('jobs', e));
  }

  get workerCount(): number {
    return this.options.workers ?? serverEnv().JOB_WORKERS;
  }

  get schedulesOn(): boolean {
    return this.workerCount > 0 && (this.options.schedules ?? process.env.NODE_ENV !== 'test');
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const name of JOB_NAMES) {
      const spec = QUEUES[name];
      // createQueue leaves an existing queue as it is; updateQueue carries changed defaults to it.
      const settings = {
        policy: spec.policy,
        retryLimit: spec.retryLimit,
        retryDelay: spec.retryDelay,
        retryBackoff: true,
        expireInSeconds: spec.expireInSeconds,
      };
      await this.boss.createQueue(name, { name, ...settings });
      await this.boss.updateQueue(name, { name, ...settings });
    }
    if (!this.pg) await this.failOrphans(0);
    if (this.schedulesOn)
      for (const { name, cron } of SCHEDULES) await this.boss.schedule(name, cron, {}, { tz: SCHEDULE_TZ });
    if (this.workerCount <= 0) return;
    const { handlers } = await import('./workers');
    for (const name of JOB_NAMES) {
      const ids: string[] = [];
      for (let i = 0; i < QUEUES[name].concurrency * this.workerCount; i++)
        ids.push(
          await this.boss.work<unknown>(
            name,
            { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 },
            async ([job]) => {
              if (!job) return null;
              const handler = handlers[name] as JobHandler<JobName>;
              return this.holdingJobLock(job.id, () =>
                handler(this.db, job.data as JobPayloads[JobName], { jobId: job.id, options: this.options }),
              );
            },
          ),
        );
      this.workerIds.set(name, ids);
    }
    const { startNoticePoller } = await import('./notices');
    this.stopNoticePoller = startNoticePoller(
      this.db,
      () => this.enqueue('notices.send', {}),
      this.options.noticePollMs ?? 10_000,
    );
    if (this.pg) {
      const every = this.options.sweepIntervalMs ?? 15_000;
      this.sweepTimer = setInterval(() => void this.sweep(), every);
      this.sweepTimer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.stopNoticePoller?.();
    this.stopNoticePoller = null;
    // Jobs still running after the grace period are failed by pg-boss, hence retried by the next worker.
    await this.boss.stop({ close: false, graceful: true, timeout: 10_000, wait: true });
  }

  async enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const { startAfter, ...rest } = options;
    const id = await this.boss.send(name, data, {
      ...rest,
      ...(startAfter !== undefined ? { startAfter } : {}),
    });
    // Jobs enqueued here start at once instead of at this process's next poll.
    for (const workerId of this.workerIds.get(name) ?? []) this.boss.notifyWorker(workerId);
    return id;
  }

  async stateOf(name: JobName, id: string): Promise<{ state: JobState; output: unknown } | null> {
    const job = await this.boss.getJobById(name, id);
    return job ? { state: job.state as JobState, output: job.output } : null;
  }

  /**
   * Runs `work` holding the job's advisory lock (PostgreSQL) on a connection reserved for it: the sweep of any
   * process reads a job whose lock is free as one whose worker died. A job failed by a sweep that was not dead
   * after all (a stale read) waits here for the first worker to finish; its handler then finds the work done.
   */
  private async holdingJobLock<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    if (!this.pg) return work();
    const conn = await this.pg.reserve();
    try {
      await conn.unsafe(`select pg_advisory_lock(${JOB_LOCK}, hashtext($1))`, [jobId]);
      try {
        return await work();
      } finally {
        await conn.unsafe(`select pg_advisory_unlock(${JOB_LOCK}, hashtext($1))`, [jobId]);
      }
    } finally {
      conn.release();
    }
  }

  /** Fails (so pg-boss retries) the active jobs of our queues whose worker is gone. */
  async sweep(): Promise<number> {
    if (this.sweeping || !this.pg) return 0;
    this.sweeping = true;
    try {
      return await this.failOrphans(this.options.deadAfterSeconds ?? 30);
    } catch (e) {
      logUnexpectedError('jobs sweep', e);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private async failOrphans(olderThanSeconds: number): Promise<number> {
    // pg_locks lists the advisory locks of the whole server: ours are those of this database, on the job's key.
    const held = this.pg
      ? `and not exists (
          select 1 from pg_locks l
          where l.locktype = 'advisory' and l.granted and l.objsubid = 2
            and l.database = (select oid from pg_database where datname = current_database())
            and l.classid = ${JOB_LOCK}::oid and l.objid = hashtext(j.id::text)::oid)`
      : '';
    const { rows } = await pgBossDbOf(this.db).executeSql(
      `select j.name, j.id::text as id from pgboss.job j
       where j.name = any($1::text[]) and j.state = 'active'
         and j.started_on < now() - make_interval(secs => $2::int) ${held}`,
      [JOB_NAMES, olderThanSeconds],
    );
    const dead = rows as { name: JobName; id: string }[];
    for (const job of dead) await this.boss.fail(job.name, job.id, { message: 'worker died (no lock held)' });
    return dead.length;
  }

  /** Queued, retrying and running jobs of our queues (tests and the worker's shutdown use it). */
  async pendingCount(): Promise<number> {
    const { rows } = await pgBossDbOf(this.db).executeSql(
      `select count(*)::int as n from pgboss.job where name = any($1::text[]) and state < 'completed'`,
      [JOB_NAMES],
    );
    return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
  }

  /** Wakes this process's workers (after jobs became due). */
  notifyWorkers(): void {
    for (const ids of this.workerIds.values()) for (const id of ids) this.boss.notifyWorker(id);
  }
}

// On globalThis: instrumentation, route handlers and dev reloads share the app's one queue per database.
const globalForJobs = globalThis as unknown as { __jobQueues?: Map<Db, Promise<JobQueue>> };
const queues = (globalForJobs.__jobQueues ??= new Map());

/** Starts the queue on a database (workers unless `workers: 0` or JOB_WORKERS=0); a second call returns the first. */
export function startQueue(db: Db, options: QueueOptions = {}): Promise<JobQueue> {
  let queue = queues.get(db);
  if (!queue) {
    queue = (async () => {
      const q = new JobQueue(db, options);
      await q.start();
      return q;
    })();
    queues.set(db, queue);
    queue.catch(() => queues.delete(db));
  }
  return queue;
}

/** Stops the queue of a database, if one was started (before closing the database). */
export async function stopQueue(db: Db): Promise<void> {
  const queue = queues.get(db);
  if (!queue) return;
  queues.delete(db);
  await (await queue).stop();
}

/** The database's queue; started with the defaults on first use (scripts and tests that did not start it). */
function queueOf(db: Db): Promise<JobQueue> {
  return startQueue(db);
}

/** Enqueues a job; null when the queue's policy refused it as a duplicate (same singleton key still queued). */
export async function enqueue<N extends JobName>(
  db: Db,
  name: N,
  data: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<string | null> {
  return (await queueOf(db)).enqueue(name, data, options);
}

/** The id of a job of the queue still queued, retrying or running with this singleton key. */
export async function findPendingJob(db: Db, name: JobName, singletonKey: string): Promise<string | null> {
  await queueOf(db); // the pgboss schema exists once a queue has started on the database
  const { rows } = await pgBossDbOf(db).executeSql(
    `select id::text as id from pgboss.job where name = $1 and singleton_key = $2 and state < 'completed'
     order by created_on limit 1`,
    [name, singletonKey],
  );
  return (rows[0] as { id: string } | undefined)?.id ?? null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a job to end (completed, failed for good or cancelled), whoever runs it; returns its final state. */
export async function awaitJob(
  db: Db,
  name: JobName,
  id: string,
  options: { timeoutMs?: number } = {},
): Promise<{ state: JobState; output: unknown }> {
  const queue = await queueOf(db);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const job = await queue.stateOf(name, id);
    if (!job) throw new Error(`job ${name} ${id} not found`);
    if (job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled') return job;
    if (Date.now() > deadline) throw new Error(`job ${name} ${id} still ${job.state} after ${options.timeoutMs}ms`);
    queue.notifyWorkers();
    await sleep(50);
  }
}

/** Waits until no job of our queues is queued, retrying or running (tests). */
export async function drainJobs(db: Db, options: { timeoutMs?: number } = {}): Promise<void> {
  const queue = await queueOf(db);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while ((await queue.pendingCount()) > 0) {
    if (Date.now() > deadline) throw new Error('jobs still pending');
    queue.notifyWorkers();
    await sleep(50);
  }
}
