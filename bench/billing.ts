/**
 * Billing-run benchmark (figures, not a test): generates (or reuses) N customers with their readings on
 * PostgreSQL, bills the latest period for the whole company, then times a COPY of the same invoice and line
 * rows into a scratch copy of the same tables (same indexes and constraints but foreign keys), and, as the
 * absolute floor, into unindexed temp tables.
 *
 *   npm run bench:billing -- --customers 100000 [--chunk 10000] [--writers 2]
 *
 * Database: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/bench (created
 * if missing). A database whose name contains "bench" is scratch: invoices and runs are emptied first so the
 * run is a first run. Any other database is left as it is (the run then replaces the period's drafts).
 */
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { generateCustomers } from '@/db/seed/generate';
import { loadActor } from '@/services/auth/actor';
import { executeBillingRun, type ChunkProgress } from '@/services/billing/billing-executor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import type { BillingScope } from '@/services/billing/billing-scope';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

const customers = arg('customers', 1_000_000);
const chunkSize = arg('chunk', 10_000);
const writers = arg('writers', 2);
const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bench';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function ensureDatabase(target: string): Promise<void> {
  const u = new URL(target);
  const name = u.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  u.pathname = '/postgres';
  const admin = postgres(u.toString(), { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) {
    await admin.unsafe(`create database ${name}`);
    console.log(`created database ${name}`);
  }
  await admin.end();
}

await ensureDatabase(url);
const database = await openDatabase({ url });
const pg = database.pg!;
const db = database.db;

console.log(`generating (or reusing) ${fmt(customers)} customers…`);
const t0 = performance.now();
const gen = await generateCustomers(database, { customers, onProgress: null });
console.log(
  gen.skipped
    ? `reused ${fmt(gen.existing)} customers`
    : `generated ${fmt(gen.created)} customers in ${secs(performance.now() - t0)}`,
);

const [{ period } = { period: '' }] = rowsOf<{ period: string }>(
  await db.execute(sql`select max(period) as period from readings`),
);
// A database holding more customers than asked: bill the books of the first N customers (2,000 per book).
const [{ n: inDb } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from customers`));
let scope: BillingScope = { kind: 'all' };
if (Number(inDb) > customers) {
  const books = rowsOf<{ book_id: number }>(
    await db.execute(
      sql`select distinct book_id from (select book_id from customers order by id limit ${customers}) c`,
    ),
  );
  scope = { kind: 'books', bookIds: books.map((b) => Number(b.book_id)) };
}

const scratch = new URL(url).pathname.includes('bench');
// CASCADE: the ledger (payments, allocations, receivables) and e-invoices reference invoices; a scratch run starts
// with none of them.
if (scratch) await db.execute(sql`truncate invoice_lines, invoices, billing_run_skips, billing_runs, payments cascade`);
else console.log('not a scratch database (name without "bench"): existing drafts are replaced, nothing is emptied');
await db.execute(sql`vacuum analyze customers`);
await db.execute(sql`vacuum analyze readings`);
await db.execute(sql`checkpoint`);

const [admin] = rowsOf<{ id: number }>(await db.execute(sql`select id from users where is_admin order by id limit 1`));
const actor = (await loadActor(db, Number(admin!.id)))!;
const run = await createBillingRun(db, actor, { period, scope });
console.log(
  `billing ${fmt(run.totalCustomers)} customers for ${period} (${scope.kind === 'all' ? 'whole company' : `${scope.bookIds.length} books`}), chunks of ${fmt(chunkSize)}…`,
);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const phase = { waitInputsMs: 0, computeMs: 0, writeMs: 0 };
const started = performance.now();
const done = await executeBillingRun(db, run.id, {
  chunkSize,
  concurrency: writers,
  onChunk: (p: ChunkProgress) => {
    phase.waitInputsMs += p.timings.waitInputsMs;
    phase.computeMs += p.timings.computeMs;
    phase.writeMs += p.timings.writeMs;
  },
});
const runMs = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
if (done?.status !== 'done') throw new Error(`run ended ${done?.status}: ${done?.error}`);

// COPY figures: the same rows, already serialised in memory, written again by COPY.
const ofRun = `select id from invoices where run_id = ${Number(run.id)}`;
const [{ lines = 0 } = {}] = rowsOf<{ lines: number }>(
  await db.execute(
    sql`select count(*)::int8 as lines from invoice_lines where invoice_id in (select id from invoices where run_id = ${run.id})`,
  ),
);
const invoiceText = await copyOut(`copy (select * from invoices where run_id = ${Number(run.id)}) to stdout`);
const lineText = await copyOut(`copy (select * from invoice_lines where invoice_id in (${ofRun})) to stdout`);
const conn = await pg.reserve();
// The COPY the target compares against: the same rows into a scratch copy of the same tables (regular, logged
// tables with the same columns, defaults, indexes, unique and check constraints; foreign keys are not copied
// by LIKE). The bare figure (unlogged temp tables without any index) is printed too, as the absolute floor.
await conn.unsafe('drop table if exists bench_scratch_invoice_lines, bench_scratch_invoices');
await conn.unsafe(`create table bench_scratch_invoices (like invoices including all)`);
await conn.unsafe(`create table bench_scratch_invoice_lines (like invoice_lines including all)`);
await conn.unsafe(`create temp table bench_invoices (like invoices including defaults)`);
await conn.unsafe(`create temp table bench_invoice_lines (like invoice_lines including defaults)`);
await conn.unsafe('checkpoint');
const copyStarted = performance.now();
await copyIn(conn, 'bench_scratch_invoices', invoiceText);
await copyIn(conn, 'bench_scratch_invoice_lines', lineText);
const copyMs = performance.now() - copyStarted;
await conn.unsafe('drop table bench_scratch_invoice_lines, bench_scratch_invoices');
await conn.unsafe('checkpoint');
const bareStarted = performance.now();
await copyIn(conn, 'bench_invoices', invoiceText);
await copyIn(conn, 'bench_invoice_lines', lineText);
const bareMs = performance.now() - bareStarted;
// For the record (scratch databases only): the same COPY into the real tables, with their indexes, unique
// and foreign keys, rolled back: the floor of any writer of this schema.
let constrainedMs: number | null = null;
if (scratch) {
  await conn.unsafe('begin');
  await conn.unsafe('truncate invoice_lines, invoices, payments cascade');
  await conn.unsafe('checkpoint');
  const constrainedStarted = performance.now();
  await copyIn(conn, 'invoices', invoiceText);
  await copyIn(conn, 'invoice_lines', lineText);
  constrainedMs = performance.now() - constrainedStarted;
  await conn.unsafe('rollback');
}
conn.release();

console.log('');
console.log(`customers: ${fmt(done.totalCustomers)}`);
console.log(
  `invoices: ${fmt(done.invoiceCount)} (${fmt(Number(lines))} lines), skipped customers: ${fmt(done.totalCustomers - done.invoiceCount)}`,
);
console.log(`invoices/s: ${fmt(done.invoiceCount / (runMs / 1000))}`);
console.log(`run wall time: ${secs(runMs)}`);
console.log(
  `  inside the run (summed per chunk): waiting for inputs ${secs(phase.waitInputsMs)}, computing ${secs(phase.computeMs)}, writing ${secs(phase.writeMs)}`,
);
console.log(
  `COPY time: ${secs(copyMs)} (same rows into a scratch copy of the same tables: indexes, unique and checks, no foreign keys)`,
);
console.log(
  `  bare COPY floor: ${secs(bareMs)} (unlogged temp tables without indexes); ratio run/bare COPY: ${(runMs / bareMs).toFixed(2)}`,
);
if (constrainedMs !== null) {
  console.log(
    `  for reference, one COPY of the same rows into the real tables (indexes, unique and foreign keys): ${secs(constrainedMs)}`,
  );
}
console.log(`peak memory (rss): ${fmt(peakRss / 1024 / 1024)} MB`);
console.log(`ratio run/COPY: ${(runMs / copyMs).toFixed(2)}`);
await database.close();

async function copyOut(query: string): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  const readable = await (pg.unsafe(query) as unknown as { readable(): Promise<NodeJS.ReadableStream> }).readable();
  for await (const chunk of readable) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return parts;
}

async function copyIn(session: { unsafe(q: string): unknown }, table: string, parts: Buffer[]): Promise<void> {
  const writable = await (
    session.unsafe(`copy ${table} from stdin`) as { writable(): Promise<NodeJS.WritableStream> }
  ).writable();
  await pipeline(Readable.from(parts), writable);
}
