/**
 * Book-screen benchmark: how long the server takes to load a 2,000-customer book, search inside it and
 * save one customer, on the embedded database (default) or DATABASE_URL. Prints figures; asserts nothing.
 *   npm run bench:book [-- --rounds 20]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { seedDemo } from '@/db/seed/demo';
import { gql } from '@/test/helpers/graphql';
import { loadActor } from '@/services/auth/actor';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 20) || 20;
const url = process.env.DATABASE_URL || undefined;
const database = await openDatabase(url ? { url } : { dataDir: 'memory://' });
const [company] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from companies`));
if (!company?.n) await seedDemo(database.db, { customers: 5000, withUsers: true });
const [book] = rowsOf<{ id: number; code: string; n: number }>(
  await database.db.execute(sql`select book_id as id, count(*)::int as n, min(rb.code) as code from customers c
    join reading_books rb on rb.id = c.book_id group by book_id order by count(*) desc limit 1`),
);
const [admin] = rowsOf<{ id: number }>(await database.db.execute(sql`select id from users where is_admin limit 1`));
const actor = (await loadActor(database.db, admin!.id))!;

async function time(label: string, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(34)} median ${p(0.5)} ms   p95 ${p(0.95)} ms   (${rounds} rounds)`);
}

console.log(`database: ${database.kind}; book ${book!.code} with ${book!.n} customers`);
const LIST = `query($b: Int!) { bookCustomers(bookId: $b) { total rows { id code sequenceNo name address phone serviceTypeCode meterSerial version } } }`;
await time('load book (GraphQL, all rows)', () => gql(database.db, actor, LIST, { b: book!.id }));
await time('search in book (GraphQL)', () => gql(database.db, actor, `query($b: Int!) { bookCustomers(bookId: $b, search: "nguyen") { total } }`, { b: book!.id }));
const one = (await gql<any>(database.db, actor, LIST, { b: book!.id })).data!.bookCustomers.rows[0];
const DETAIL = `query($id: Int!) { customer(id: $id) { id version name customerType address households persons wastewaterFeeMode status isPreferential sequenceNo bookId meters { serial } contracts { number } history { kind } } }`;
await time('open one customer (GraphQL)', () => gql(database.db, actor, DETAIL, { id: one.id }));
await time('save one customer (GraphQL)', async () => {
  const c = (await gql<any>(database.db, actor, DETAIL, { id: one.id })).data!.customer;
  const r = await gql(database.db, actor, `mutation($id: Int!, $v: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { version } }`, {
    id: c.id,
    v: c.version,
    input: {
      bookId: c.bookId, sequenceNo: c.sequenceNo, name: c.name, customerType: c.customerType, address: c.address,
      households: c.households, persons: c.persons + (c.version % 2), wastewaterFeeMode: c.wastewaterFeeMode,
      status: c.status, isPreferential: false, taxCode: c.customerType === 1 ? '0100109106' : null,
    },
  });
  if (r.errors.length) throw new Error(r.errors[0]!.message);
});
const period = new Date().toISOString().slice(0, 7);
const SHEET = `query($b: Int!, $p: Period!) { readingSheet(bookId: $b, period: $p) { total rows { key customerCode previousIndex currentIndex consumption anomalies recentConsumptions notices { kind message } version } } }`;
await time('load reading sheet (GraphQL, 2,000 rows)', async () => {
  const r = await gql(database.db, actor, SHEET, { b: book!.id, p: period });
  if (r.errors.length) throw new Error(r.errors[0]!.message);
});
await database.close();
