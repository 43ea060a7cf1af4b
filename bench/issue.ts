/**
 * Issuing benchmark (figures, not a test): N drafts on PostgreSQL numbered book by book the way the company-wide
 * issue job does it (one transaction per book, the series row locked for each), then checked gap-free in SQL.
 *
 *   npm run bench:issue -- --customers 1000000
 *
 * Database: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/bench (created if missing; customers are
 * generated once and reused). The drafts are synthetic (one regular invoice with three lines per customer for a
 * fresh period), written with one INSERT … SELECT: issuing, not billing, is what is measured here.
 */
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { generateCustomers } from '@/db/seed/generate';
import { todayInVietnam } from '@/domain/billing/periods';
import { loadActor } from '@/services/auth/actor';
import { issueInvoices } from '@/services/invoices/issue.service';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

const customers = arg('customers', 1_000_000);
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bench';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const PERIOD = '2099-12';

const u = new URL(url);
const name = u.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name) || !name.includes('bench'))
  throw new Error(`bench:issue empties invoices: use a database whose name contains "bench" (got ${name})`);
u.pathname = '/postgres';
const admin = postgres(u.toString(), { max: 1, onnotice: () => {} });
if ((await admin`select 1 from pg_database where datname = ${name}`).length === 0)
  await admin.unsafe(`create database ${name}`);
await admin.end();

const database = await openDatabase({ url });
const db = database.db;
console.log(`generating (or reusing) ${fmt(customers)} customers…`);
const g0 = performance.now();
const gen = await generateCustomers(database, { customers, onProgress: null });
console.log(
  gen.skipped
    ? `reused ${fmt(gen.existing)} customers`
    : `generated ${fmt(gen.created)} in ${secs(performance.now() - g0)}`,
);

await db.execute(sql`delete from invoice_lines where invoice_id in (select id from invoices where period = ${PERIOD})`);
await db.execute(sql`delete from invoices where period = ${PERIOD}`);
const d0 = performance.now();
await db.execute(sql`
  insert into invoices (customer_id, book_id, service_type_id, period, kind, status, consumption, subtotal, vat,
    environment_fee, drainage_fee, drainage_vat, total)
  select id, book_id, service_type_id, ${PERIOD}, 'regular', 'draft', 15, 97000, 4850, 9700, 0, 0, 111550
  from (select id, book_id, service_type_id from customers order by id limit ${customers}) c`);
await db.execute(sql`
  insert into invoice_lines (invoice_id, ordinal, kind, description, quantity, unit_price, amount)
  select i.id, l.ordinal, l.kind, l.description, l.quantity, l.unit_price, l.amount
  from invoices i cross join (values (1, 'tier', 'Bậc 1', 10, 5973, 59730), (2, 'tier', 'Bậc 2', 5, 7454, 37270),
    (3, 'vat', 'Thuế GTGT 5%', 0, 0, 4850)) as l(ordinal, kind, description, quantity, unit_price, amount)
  where i.period = ${PERIOD}`);
await db.execute(sql`vacuum analyze invoices`);
const [{ n: drafts } = { n: 0 }] = rowsOf<{ n: number }>(
  await db.execute(sql`select count(*)::int4 as n from invoices where period = ${PERIOD} and status = 'draft'`),
);
console.log(`wrote ${fmt(drafts)} drafts in ${secs(performance.now() - d0)}`);

// A fresh series for the bench, so numbers start at 1 and the check below covers exactly this run.
const today = todayInVietnam(new Date());
const year = Number(today.slice(0, 4));
await db.execute(sql`update invoice_series set is_default = false where year = ${year}`);
const symbol = `K${String(year % 100).padStart(2, '0')}TBE`;
await db.execute(sql`delete from invoice_series where invoice_symbol = ${symbol} and last_number = 0`);
await db.execute(
  sql`update invoice_series set invoice_symbol = 'K00TXX', year = 2000 where invoice_symbol = ${symbol}`,
);
const [series] = rowsOf<{ id: number }>(
  await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
    values ('9', ${symbol}, ${year}, true) returning id`),
);
const [adminUser] = rowsOf<{ id: number }>(
  await db.execute(sql`select id from users where is_admin order by id limit 1`),
);
const actor = (await loadActor(db, Number(adminUser!.id)))!;
const books = rowsOf<{ book_id: number }>(
  await db.execute(sql`select distinct c.book_id from invoices i join customers c on c.id = i.customer_id
    where i.period = ${PERIOD} order by c.book_id`),
).map((b) => Number(b.book_id));

console.log(`issuing ${fmt(drafts)} drafts of ${fmt(books.length)} books, one transaction per book…`);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const perBook: number[] = [];
let issued = 0;
const started = performance.now();
for (const bookId of books) {
  const b0 = performance.now();
  const r = await issueInvoices(db, actor, { period: PERIOD, bookIds: [bookId] });
  perBook.push(performance.now() - b0);
  issued += r.issued;
}
const ms = performance.now() - started;
clearInterval(sampler);

const [check] = rowsOf<{ n: number; distinct_n: number; lo: number; hi: number; last: number }>(
  await db.execute(sql`
    select count(*)::int4 as n, count(distinct number)::int4 as distinct_n, min(number) as lo, max(number) as hi,
      (select last_number from invoice_series where id = ${series!.id}) as last
    from invoices where series_id = ${series!.id}`),
);
perBook.sort((a, b) => a - b);
const pct = (p: number) => perBook[Math.min(perBook.length - 1, Math.floor((p / 100) * perBook.length))] ?? 0;
const gapFree =
  check &&
  Number(check.n) === issued &&
  Number(check.distinct_n) === issued &&
  Number(check.lo) === 1 &&
  Number(check.hi) === issued &&
  Number(check.last) === issued;
console.log('');
console.log(`issued            ${fmt(issued)} invoices in ${secs(ms)}`);
console.log(`invoices/s        ${fmt(issued / (ms / 1000))}`);
console.log(
  `per book (${fmt(drafts / Math.max(books.length, 1))} invoices)  median ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${pct(100).toFixed(0)} ms`,
);
console.log(`peak RSS          ${fmt(peakRss / 1_048_576)} MB`);
console.log(
  `gap-free          ${gapFree ? 'yes' : 'NO'}: numbers ${check?.lo}…${check?.hi}, ${fmt(Number(check?.distinct_n))} distinct, series counter ${check?.last}`,
);
await database.close();
if (!gapFree) process.exit(1);
