/**
 * Payment reports benchmark (figures, not a test): the debt report and the collections report on the scratch `bench`
 * database (1,000,000 customers), with EXPLAIN ANALYZE of their statements and the median of several rounds.
 *
 *   npm run bench:reports -- [--customers 1000000] [--rounds 5] [--setup-only]
 *
 * Database: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/bench (created if missing; customers are
 * generated once and reused; bench/reports-data.ts adds four months of issued invoices and their payments once).
 */
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { generateCustomers } from '@/db/seed/generate';
import { todayInVietnam } from '@/domain/billing/periods';
import { addPeriods } from '@/domain/reading/period';
import { shiftDate } from '@/domain/time/calendar';
import { type Actor, loadActor, rightsKey } from '@/services/auth/actor';
import {
  collectionReport,
  collectionReportStatement,
  collectorSettlementSheet,
} from '@/services/reports/collections.service';
import { debtReport, debtReportStatement } from '@/services/reports/debt.service';
import { reportRows } from '@/services/reports/report-statement';
import { ensureReportData } from './reports-data';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

const customers = arg('customers', 1_000_000);
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bench';
const u = new URL(url);
const name = u.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name) || !name.includes('bench'))
  throw new Error(
    `bench/reports.ts writes invoices and payments: use a database whose name contains "bench" (got ${name})`,
  );
u.pathname = '/postgres';
const server = postgres(u.toString(), { max: 1, onnotice: () => {} });
if ((await server`select 1 from pg_database where datname = ${name}`).length === 0)
  await server.unsafe(`create database ${name}`);
await server.end();

const database = await openDatabase({ url });
const today = todayInVietnam(new Date());
const g0 = performance.now();
const gen = await generateCustomers(database, { customers, onProgress: null });
console.log(
  gen.skipped
    ? `reused ${gen.existing.toLocaleString('en-US')} customers`
    : `generated ${gen.created.toLocaleString('en-US')} customers in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
);
const d0 = performance.now();
const data = await ensureReportData(database, today);
console.log(
  data.created ? `report data written in ${((performance.now() - d0) / 1000).toFixed(1)} s` : 'report data reused',
);
if (process.argv.includes('--setup-only')) {
  await database.close();
  process.exit(0);
}

const db = database.db;
const rounds = arg('rounds', 5);
const [adminRow] = rowsOf<{ id: number }>(
  await db.execute(sql`select id from users where is_admin order by id limit 1`),
);
const admin = (await loadActor(db, Number(adminRow!.id)))!;
// A branch manager: the report rights on the first customer's branch and every book of it (built in memory; the bench seeds no such
// user), so that the book filter of the statements is measured too.
const branchBooks = rowsOf<{ book_id: number; branch_id: number }>(
  await db.execute(sql`select b.id as book_id, r.branch_id from reading_books b join routes r on r.id = b.route_id
    where r.branch_id = (select r2.branch_id from customers c join reading_books b2 on b2.id = c.book_id
      join routes r2 on r2.id = b2.route_id order by c.id limit 1)`),
);
const manager: Actor = {
  kind: 'staff',
  userId: admin.userId,
  login: 'bench',
  fullName: 'Bench',
  isAdmin: false,
  books: new Map(branchBooks.map((b) => [Number(b.book_id), Number(b.branch_id)])),
  rights: new Map(
    ['debtReport', 'collectionReport'].map((object) => [
      rightsKey(Number(branchBooks[0]!.branch_id), 'report', object),
      { access: true, add: false, edit: false, delete: false, print: true, export: true },
    ]),
  ),
};
const managerBooks = [...manager.books!.keys()];
const [counts] = rowsOf<Record<string, number>>(
  await db.execute(sql`select (select count(*) from customers)::int as customers,
    (select count(*) from customers where book_id = any(${pgArray(managerBooks)}::int4[]))::int as branch_customers,
    (select count(*) from invoices)::int as invoices, (select count(*) from payments)::int as payments,
    (select count(*) from payment_reversals)::int as reversals,
    (select count(*) from invoice_receivables)::int as receivables`),
);
console.log(
  `data: ${Object.entries(counts!)
    .map(([k, v]) => `${Number(v).toLocaleString('en-US')} ${k}`)
    .join(', ')}; the branch manager holds ${managerBooks.length} books`,
);

async function time(label: string, run: () => Promise<{ rows?: unknown[]; payments?: unknown[] }>): Promise<void> {
  await run(); // warm-up: the figures are those of a working server, not of a cold disk
  const ms: number[] = [];
  let last: { rows?: unknown[]; payments?: unknown[] } = {};
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    last = await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(52)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(0).padStart(6)} ms, ` +
      `max ${ms[ms.length - 1]!.toFixed(0).padStart(6)} ms, ${(last.rows ?? last.payments ?? []).length} rows`,
  );
}

async function explain(label: string, statement: SQL): Promise<void> {
  // With the settings the services run it with (JIT off, work_mem), so the plan is the one they get.
  const plan = await reportRows<Record<string, string>>(db, sql`explain (analyze, buffers) ${statement}`);
  console.log(`\n--- EXPLAIN ANALYZE: ${label}`);
  for (const line of plan) console.log(Object.values(line)[0]);
}

const lastMonth = addPeriods(today.slice(0, 7), -1);
const monthRange = { from: `${lastMonth}-01`, to: shiftDate(`${today.slice(0, 7)}-01`, -1) };
const quarter = { from: `${addPeriods(lastMonth, -2)}-01`, to: monthRange.to };
const [busy] = rowsOf<{ collector_id: number; day: string }>(
  await db.execute(sql`select collector_id, day::text as day from collector_settlements order by day desc limit 1`),
);

console.log(`\n${rounds} rounds after one warm-up; as of ${today}; a month is ${monthRange.from} – ${monthRange.to}`);
await time('debt by book (admin, every book)', () => debtReport(db, admin, { asOf: today, groupBy: 'book' }));
await time('debt by route (admin)', () => debtReport(db, admin, { asOf: today, groupBy: 'route' }));
await time('debt by book (one branch)', () => debtReport(db, manager, { asOf: today, groupBy: 'book' }));
for (const groupBy of ['channel', 'collector', 'day'] as const)
  await time(`collections of a month by ${groupBy} (admin)`, () =>
    collectionReport(db, admin, { ...monthRange, groupBy }),
  );
await time('collections of a month by day (one branch)', () =>
  collectionReport(db, manager, { ...monthRange, groupBy: 'day' }),
);
await time('collections of three months by channel (admin)', () =>
  collectionReport(db, admin, { ...quarter, groupBy: 'channel' }),
);
if (busy)
  await time(`settlement sheet of a collector's day (${busy.day})`, () =>
    collectorSettlementSheet(db, admin, { collectorId: Number(busy.collector_id), day: busy.day }),
  );

await explain('debt by book, admin', debtReportStatement(today, 'book', null));
await explain('debt by book, one branch', debtReportStatement(today, 'book', managerBooks));
await explain(
  'collections of a month by day, admin',
  collectionReportStatement({ ...monthRange, groupBy: 'day' }, null),
);
await explain(
  'collections of a month by day, one branch',
  collectionReportStatement({ ...monthRange, groupBy: 'day' }, managerBooks),
);
await database.close();
