import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { awaitBillingRun } from '@/jobs/billing-runs';
import { awaitJob, drainJobs, enqueue, startQueue, stopQueue } from '@/jobs/queue';
import { executeBillingRun } from '@/services/billing/billing-executor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
const PERIOD = '2026-04';
const YEAR = Number(todayInVietnam(new Date()).slice(0, 4));
/** Customers with a reading in the period: 6 on book 0, 3 on book 1 (the clerk's), 2 on book 2 (the outsider's). */
const BILLED = 11;
const FAST = { pollingIntervalSeconds: 0.5, sweepIntervalMs: 300, deadAfterSeconds: 1 };

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await database.db.execute(query));
  return Number(row!.n);
}
const invoiceCounts = async () => ({
  n: await count(sql`select count(*)::int as n from invoices where period = ${PERIOD}`),
  distinct: await count(
    sql`select count(distinct (customer_id, period, kind))::int as n from invoices where period = ${PERIOD}`,
  ),
});
const runRow = async (id: number) =>
  rowsOf<{ status: string; processed_customers: number; total_customers: number }>(
    await database.db.execute(
      sql`select status, processed_customers, total_customers from billing_runs where id = ${id}`,
    ),
  )[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  const readings: (readonly [number, number])[] = [];
  const books = [...Array(6).fill(f.bookIds[0]), ...Array(3).fill(f.bookIds[1]), ...Array(2).fill(f.bookIds[2])];
  for (const [i, bookId] of books.entries()) {
    const c = await addCustomer(database.db, f, { bookId, sequenceNo: 10 * (i + 1) });
    readings.push([c.id, 10 + i] as const);
  }
  await enterReadings(database.db, f.admin, PERIOD, readings);
}, 120_000);
afterAll(async () => database?.close());

describe('the job queue', () => {
  it('queues a job once for the same singleton key, and runs it once to completion', async () => {
    // Enqueue-only first, so no worker takes the first job before the second is sent.
    await startQueue(database.db, { workers: 0 });
    const run = await createBillingRun(database.db, f.admin, {
      period: PERIOD,
      scope: { kind: 'books', bookIds: [f.bookIds[0]] },
    });
    const key = `run:${run.id}`;
    const first = await enqueue(database.db, 'billing.run', { runId: run.id }, { singletonKey: key });
    const second = await enqueue(database.db, 'billing.run', { runId: run.id }, { singletonKey: key });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();

    await stopQueue(database.db);
    await startQueue(database.db, FAST);
    expect((await awaitJob(database.db, 'billing.run', first!)).state).toBe('completed');
    expect(await count(sql`select count(*)::int as n from pgboss.job where singleton_key = ${key}`)).toBe(1);
    expect(await runRow(run.id)).toMatchObject({ status: 'done', processed_customers: 6 });
    expect(await invoiceCounts()).toEqual({ n: 6, distinct: 6 });
  });

  it('runs a billing run started through the API as a job of the queue', async () => {
    const r = await gql(
      database.db,
      f.clerk,
      `mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id status } }`,
      { input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[1]] } } },
    );
    const runId = r.data!.startBillingRun.id as number;
    expect(await count(sql`select count(*)::int as n from pgboss.job where singleton_key = ${`run:${runId}`}`)).toBe(1);
    await awaitBillingRun(runId);
    expect(await runRow(runId)).toMatchObject({ status: 'done', processed_customers: 3 });
    expect(await invoiceCounts()).toEqual({ n: 9, distinct: 9 });
  });

  if (process.env.TEST_DATABASE_URL) {
    it('finishes a billing run whose worker was killed mid-job, every invoice written once', async () => {
      await stopQueue(database.db);
      await startQueue(database.db, { workers: 0 });
      const run = await createBillingRun(database.db, f.admin, { period: PERIOD, scope: { kind: 'all' } });
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${database.name}`;
      const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/job-worker.ts'], {
        env: { ...process.env, WORKER_DATABASE_URL: url.toString() },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        let output = '';
        const midRun = new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (/chunk 3\b/.test(output)) resolve();
          });
          child.once('exit', () => reject(new Error(`worker exited early: ${output}`)));
        });
        await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve())); // started
        const jobId = await enqueue(database.db, 'billing.run', { runId: run.id }, { singletonKey: `run:${run.id}` });
        await midRun;
        child.kill('SIGKILL');
        await exited;

        const killed = await runRow(run.id);
        expect(killed.status).toBe('running');
        expect(killed.processed_customers).toBeGreaterThanOrEqual(3);
        expect(killed.processed_customers).toBeLessThan(BILLED);

        // Another worker: its sweep finds the job active with no worker holding its lock, pg-boss retries it, and
        // the run resumes after its last written chunk.
        await stopQueue(database.db);
        await startQueue(database.db, FAST);
        const end = await awaitJob(database.db, 'billing.run', jobId!, { timeoutMs: 60_000 });
        expect(end.state).toBe('completed');
        expect(await runRow(run.id)).toMatchObject({ status: 'done', processed_customers: BILLED });
        expect(await invoiceCounts()).toEqual({ n: BILLED, distinct: BILLED });
      } finally {
        child.kill('SIGKILL');
      }
    }, 90_000);
  } else {
    it('PGlite: retries at start-up a job a dead process left running, and the run resumes once', async () => {
      await stopQueue(database.db);
      const queue = await startQueue(database.db, { workers: 0 });
      const run = await createBillingRun(database.db, f.admin, { period: PERIOD, scope: { kind: 'all' } });
      const jobId = await enqueue(database.db, 'billing.run', { runId: run.id }, { singletonKey: `run:${run.id}` });
      // The process "dies" after its worker took the job and wrote a few chunks: the job stays active, the run running.
      const [taken] = await queue.boss.fetch('billing.run');
      expect(taken?.id).toBe(jobId);
      await expect(
        executeBillingRun(database.db, run.id, {
          chunkSize: 2,
          onChunk: (p) => {
            if (p.chunk === 2) throw new Error('mất điện');
          },
        }),
      ).rejects.toThrow('mất điện');
      await database.db.execute(sql`update billing_runs set status = 'running' where id = ${run.id}`);
      expect((await runRow(run.id)).processed_customers).toBe(4);
      await stopQueue(database.db);

      // The next start of the (only) process fails the orphan into a retry, and a worker finishes the run.
      await startQueue(database.db, FAST);
      const end = await awaitJob(database.db, 'billing.run', jobId!, { timeoutMs: 60_000 });
      expect(end.state).toBe('completed');
      expect(await runRow(run.id)).toMatchObject({ status: 'done', processed_customers: BILLED });
      expect(await invoiceCounts()).toEqual({ n: BILLED, distinct: BILLED });
    }, 90_000);
  }
});

describe('the company-wide issue job', () => {
  const START = `mutation($p: Period!) { startCompanyInvoiceIssue(period: $p) { id status } }`;
  const JOB = `query($id: Int!) { invoiceIssueJob(id: $id) { id period status totalBooks doneBooks issued error startedAt finishedAt } }`;

  it('issues every book the user may issue, book by book, with its progress; a second start joins it', async () => {
    await drainJobs(database.db);
    await gql(database.db, f.admin, `mutation($i: InvoiceSeriesInput!) { createInvoiceSeries(input: $i) { id } }`, {
      i: {
        templateSymbol: '1',
        invoiceSymbol: `C${String(YEAR % 100).padStart(2, '0')}TAA`,
        isDefault: true,
        active: true,
      },
    });
    const drafts = (bookIds: number[]) =>
      count(sql`select count(*)::int as n from invoices i join customers c on c.id = i.customer_id
        where i.period = ${PERIOD} and i.status = 'draft' and c.book_id = any(${`{${bookIds.join(',')}}`}::int4[])`);
    const clerkDrafts = await drafts([f.bookIds[0], f.bookIds[1]]);
    expect(clerkDrafts).toBe(9);

    // Enqueue-only while starting, so the job is still queued when the second start and the other user come.
    await stopQueue(database.db);
    await startQueue(database.db, { workers: 0 });
    const first = await gql(database.db, f.clerk, START, { p: PERIOD });
    expect(first.data!.startCompanyInvoiceIssue).toMatchObject({ status: 'QUEUED' });
    const id = first.data!.startCompanyInvoiceIssue.id as number;
    const again = await gql(database.db, f.clerk, START, { p: PERIOD });
    expect(again.data!.startCompanyInvoiceIssue.id).toBe(id);
    const other = await gql(database.db, f.admin, START, { p: PERIOD });
    expect(other.code).toBe('ISSUE_JOB_RUNNING');
    expect(await count(sql`select count(*)::int as n from pgboss.job where singleton_key = ${`issue:${id}`}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from invoice_issue_jobs`)).toBe(1);

    await stopQueue(database.db);
    await startQueue(database.db, FAST);
    await drainJobs(database.db);
    const done = (await gql(database.db, f.clerk, JOB, { id })).data!.invoiceIssueJob;
    expect(done).toMatchObject({ period: PERIOD, status: 'DONE', totalBooks: 2, doneBooks: 2, issued: 9, error: null });
    expect(done.finishedAt).not.toBeNull();
    expect(await drafts([f.bookIds[0], f.bookIds[1]])).toBe(0);
    expect(await drafts([f.bookIds[2]])).toBe(2); // the outsider's book is not the clerk's to issue
    const numbers = rowsOf<{ number: number }>(
      await database.db.execute(sql`select number from invoices where number is not null order by number`),
    ).map((r) => Number(r.number));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('shows the job only to its starter, and refuses a user without the issue right', async () => {
    const [row] = rowsOf<{ id: number }>(await database.db.execute(sql`select id from invoice_issue_jobs limit 1`));
    const seen = await gql(database.db, f.outsider, JOB, { id: Number(row!.id) });
    expect(seen.code).toBe('NOT_FOUND');
    const viewer = await gql(database.db, f.viewer, START, { p: PERIOD });
    expect(viewer.code).toBe('FORBIDDEN');
  });
});
