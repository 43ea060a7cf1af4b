/**
 * Book-screen benchmark: how long the server takes to load a 2,000-customer book, search inside it and
 * save one customer, and to search customers across books (as a user with every book and as one with 2 books),
 * on the embedded database (default) or DATABASE_URL. Prints figures; asserts nothing.
 *   npm run bench:book [-- --rounds 20] [-- --only search]
 * On the 1,000,000-customer database: npm run generate:customers -- --customers 1000000 (DATABASE_URL=…), then
 *   DATABASE_URL=… npm run bench:book -- --rounds 50 --only search
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { serverEnv } from '@/config/env';
import { openDatabase } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { seedDemo } from '@/db/seed/demo';
import { gql } from '@/test/helpers/graphql';
import { loadActor, rightsKey, type Actor } from '@/services/auth/actor';

const argAfter = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const rounds = Number(argAfter('--rounds') || 20) || 20;
const only = argAfter('--only');
const url = serverEnv().DATABASE_URL;
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
  console.log(`${label.padEnd(44)} median ${p(0.5)} ms   p95 ${p(0.95)} ms   (${rounds} rounds)`);
}

const [{ n: customerCount } = { n: 0 }] = rowsOf<{ n: number }>(
  await database.db.execute(sql`select count(*)::int as n from customers`),
);
console.log(
  `database: ${database.kind}; ${Number(customerCount).toLocaleString('en-US')} customers; book ${book!.code} with ${book!.n} customers`,
);

// ---- cross-book search, as typed in the search box: a name fragment without accents, a code, an address part
const SEARCH = `query($q: String!) { searchCustomers(query: $q, limit: 50) { id code bookId sequenceNo name address phone bookCode inCurrentBook } }`;
const [sample] = rowsOf<{ code: string; name: string }>(
  await database.db.execute(sql`select code, name from customers where id = (select max(id) / 2 from customers)`),
);
/**
 * A clerk holding two populated books (the generated database's demo clerks hold the empty demo books): built in
 * memory like loadActor builds one, with the customers right on the books' branch; search filters by these ids.
 */
async function twoBookUser(): Promise<Actor | null> {
  const books = rowsOf<{ id: number; branch_id: number }>(
    await database.db.execute(sql`select rb.id, r.branch_id from reading_books rb join routes r on r.id = rb.route_id
      where exists (select 1 from customers c where c.book_id = rb.id) order by rb.id limit 2`),
  );
  if (books.length < 2) return null;
  const rights = { access: true, add: false, edit: false, delete: false, print: false, export: false };
  return {
    ...actor,
    isAdmin: false,
    books: new Map(books.map((b) => [Number(b.id), Number(b.branch_id)])),
    rights: new Map(books.map((b) => [rightsKey(Number(b.branch_id), 'document', 'customers'), rights])),
  };
}
const searchers: [string, Actor | null][] = [
  ['all books', actor],
  ['2 books', await twoBookUser()],
];
const searches: [string, string][] = [
  ['name, no accents', 'nguyen thanh'],
  ['name, rarer', 'hong loan'],
  ['code', sample?.code ?? 'KH0000001'],
  ['address part', 'kham thien'],
];
for (const [who, searcher] of searchers) {
  if (!searcher) {
    console.log(`search as ${who}: no such user in this database, skipped`);
    continue;
  }
  for (const [what, q] of searches) {
    let hits = 0;
    await time(`search ${what} (${who})`, async () => {
      const r = await gql<{ searchCustomers: unknown[] }>(database.db, searcher, SEARCH, { q });
      if (r.errors.length) throw new Error(r.errors[0]!.message);
      hits = r.data!.searchCustomers.length;
    });
    console.log(`${''.padEnd(44)} «${q}»: ${hits} hits shown`);
  }
}
if (only === 'search') {
  await database.close();
  process.exit(0);
}

const LIST = `query($b: Int!) { bookCustomers(bookId: $b) { total rows { id code sequenceNo name address phone serviceTypeCode meterSerial version } } }`;
await time('load book (GraphQL, all rows)', () => gql(database.db, actor, LIST, { b: book!.id }));
await time('search in book (GraphQL)', () =>
  gql(database.db, actor, `query($b: Int!) { bookCustomers(bookId: $b, search: "nguyen") { total } }`, { b: book!.id }),
);
const one = (await gql<any>(database.db, actor, LIST, { b: book!.id })).data!.bookCustomers.rows[0];
const DETAIL = `query($id: Int!) { customer(id: $id) { id version name customerType address households persons wastewaterFeeMode status isPreferential sequenceNo bookId meters { serial } contracts { number } history { kind } } }`;
await time('open one customer (GraphQL)', () => gql(database.db, actor, DETAIL, { id: one.id }));
await time('save one customer (GraphQL)', async () => {
  const c = (await gql<any>(database.db, actor, DETAIL, { id: one.id })).data!.customer;
  const r = await gql(
    database.db,
    actor,
    `mutation($id: Int!, $v: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { version } }`,
    {
      id: c.id,
      v: c.version,
      input: {
        bookId: c.bookId,
        sequenceNo: c.sequenceNo,
        name: c.name,
        customerType: c.customerType,
        address: c.address,
        households: c.households,
        persons: c.persons + (c.version % 2),
        wastewaterFeeMode: c.wastewaterFeeMode,
        status: c.status,
        isPreferential: false,
        taxCode: c.customerType === 1 ? '0100109106' : null,
      },
    },
  );
  if (r.errors.length) throw new Error(r.errors[0]!.message);
});
const period = new Date().toISOString().slice(0, 7);
const SHEET = `query($b: Int!, $p: Period!) { readingSheet(bookId: $b, period: $p) { total rows { key customerCode previousIndex currentIndex consumption anomalies recentConsumptions notices { kind message } version } } }`;
await time('load reading sheet (GraphQL, 2,000 rows)', async () => {
  const r = await gql(database.db, actor, SHEET, { b: book!.id, p: period });
  if (r.errors.length) throw new Error(r.errors[0]!.message);
});
await database.close();
