import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '@/db/schema/customers';
import { rowsOf } from '@/db/sql';
import { loadActor } from '@/services/auth/actor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { updateCustomer } from '@/services/customers/customer.service';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { createCountedTestDatabase } from '../helpers/statements';

/**
 * The main screens cost a fixed number of SQL statements whatever the number of rows: each test measures
 * an operation on a small and on a larger data set and asserts the same (bounded) count, so an N+1 query
 * fails here instead of in production.
 */
let database: Awaited<ReturnType<typeof createCountedTestDatabase>>;
let f: OrgFixture;
const small: TestCustomer[] = [];
const large: TestCustomer[] = [];
const PERIOD = '2026-04';

async function count(query: string, variables: Record<string, unknown>, actor = f.clerk) {
  const {
    result,
    count: n,
    statements,
  } = await database.counter.measure(() => gql(database.db, actor, query, variables));
  if (result.errors.length) throw new Error(`${result.code}: ${result.errors[0]!.message}`);
  return { n, statements, data: result.data! };
}

beforeAll(async () => {
  database = await createCountedTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  // book 0: 5 customers, book 1: 50 customers
  for (let i = 0; i < 5; i++) small.push(await addCustomer(database.db, f, { name: `Nguyễn Văn Nhỏ ${i}` }));
  for (let i = 0; i < 50; i++)
    large.push(await addCustomer(database.db, f, { bookId: f.bookIds[1], name: `Trần Thị Lớn ${i}` }));
  await enterReadings(
    database.db,
    f.admin,
    '2026-03',
    [...small, ...large].map((c, i) => [c.id, 10 + (i % 7)] as const),
  );
  await enterReadings(
    database.db,
    f.admin,
    PERIOD,
    [...small, ...large].slice(0, 40).map((c, i) => [c.id, 30 + (i % 11)] as const),
  );
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('statement counts of the main screens', () => {
  it('loads the signed-in user with rights and books in one statement', async () => {
    for (const who of [f.clerk, f.admin, f.outsider]) {
      const { result, count: n } = await database.counter.measure(() => loadActor(database.db, who.userId));
      expect(n).toBe(1);
      expect(result).toEqual(who);
    }
    const { result, count: n } = await database.counter.measure(() => loadActor(database.db, 987_654));
    expect(result).toBeNull();
    expect(n).toBe(1);
  });

  it('book page: the customer grid and the book list cost the same for 5 and 50 customers', async () => {
    const LIST = `query($bookId: Int!, $offset: Int, $limit: Int) { bookCustomers(bookId: $bookId, offset: $offset, limit: $limit) {
      total rows { id code bookId sequenceNo name address phone customerType households persons status isPreferential
        serviceTypeCode wardName meterSerial contractNumber version } } }`;
    const a = await count(LIST, { bookId: f.bookIds[0], offset: 0, limit: 5000 });
    const b = await count(LIST, { bookId: f.bookIds[1], offset: 0, limit: 5000 });
    expect(a.data.bookCustomers.rows).toHaveLength(5);
    expect(b.data.bookCustomers.rows).toHaveLength(50);
    expect(b.n).toBe(a.n);
    expect(a.n).toBeLessThanOrEqual(2);

    const BOOKS = `query($f: CatalogQuery) { readingBooks(filter: $f) { total rows { id code name customersCount routeName branchName } } }`;
    const books = await count(BOOKS, { f: { limit: 500, offset: 0 } });
    expect(books.data.readingBooks.rows.map((r: { customersCount: number }) => r.customersCount)).toEqual([5, 50]);
    expect(books.n).toBeLessThanOrEqual(2);
  });

  it('customer detail: customer, meters, contracts, history and attachments cost the same however many there are', async () => {
    const DETAIL = `query($id: Int!) { customer(id: $id) { id code bookId bookCode sequenceNo name customerType address wardId wardName
      serviceTypeId serviceTypeName households persons version createdAt updatedAt
      meters { id meterTypeId meterTypeName serial installedOn isActive }
      contracts { id number revision isCurrent }
      history { id at kind before after note userLogin }
      attachments { id fileName mimeType sizeBytes title uploadedAt url } } }`;
    const plain = small[0]!;
    const busy = small[1]!;
    for (let i = 0; i < 3; i++) {
      const [row] = rowsOf<{ version: number }>(
        await database.db.execute(sql`select version from customers where id = ${busy.id}`),
      );
      await updateCustomer(database.db, f.admin, {
        id: busy.id,
        version: Number(row!.version),
        customer: customerFields(f.bookIds[0], {
          name: `Nguyễn Văn Bận ${i}`,
          address: `${i} Phố Huế`,
          persons: 2 + i,
        }),
      });
    }
    await database.db.insert(attachments).values(
      [1, 2, 3].map((i) => ({
        customerId: busy.id,
        fileName: `giay-to-${i}.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: 100,
        storageKey: `k-${busy.id}-${i}`,
      })),
    );
    const a = await count(DETAIL, { id: plain.id });
    const b = await count(DETAIL, { id: busy.id });
    expect(b.data.customer.history.length).toBeGreaterThan(a.data.customer.history.length);
    expect(b.data.customer.attachments).toHaveLength(3);
    expect(b.n).toBe(a.n);
    expect(a.n).toBeLessThanOrEqual(2);
  });

  it('reading sheet: the same count for a book of 5 and a book of 50 customers', async () => {
    const SHEET = `query($b: Int!, $p: Period!, $s: String) { readingSheet(bookId: $b, period: $p, search: $s) {
      bookId period highFactorPct lowFactorPct total read unread anomalies openAnomalies lock { isLocked explicit implicit message }
      rows { key customerId customerCode customerName address sequenceNo meterId meterSerial meterMaxIndex isOutgoingMeter
        readingId previousIndex currentIndex suggestedCurrentIndex consumption code isEstimated anomalies anomalyStatus average3
        recentConsumptions estimatedPending notices { kind message } note version } } }`;
    const a = await count(SHEET, { b: f.bookIds[0], p: PERIOD, s: null });
    const b = await count(SHEET, { b: f.bookIds[1], p: PERIOD, s: null });
    expect(a.data.readingSheet.rows).toHaveLength(5);
    expect(b.data.readingSheet.rows).toHaveLength(50);
    expect(b.n).toBe(a.n);
  });

  it('run history: billingRuns with skipped costs the same for 2 and 6 runs; a progress poll is 2 statements', async () => {
    const RUNS = `query($b: Int!, $p: Period, $l: Int) { billingRuns(bookId: $b, period: $p, limit: $l) {
      id period scope { kind bookIds customerId } status totalCustomers processedCustomers progress invoiceCount consumption amount
      skipped { reason label count } error startedAt finishedAt } }`;
    const addRuns = async (scopes: Parameters<typeof createBillingRun>[2]['scope'][]) => {
      for (const scope of scopes) {
        const run = await createBillingRun(database.db, f.admin, { period: PERIOD, scope });
        await database.db.execute(sql`insert into billing_run_skips (run_id, customer_id, reason)
          select ${run.id}, id, case when id % 2 = 0 then 'no_reading' else 'no_tariff' end from customers where book_id = ${f.bookIds[0]}`);
      }
    };
    await addRuns([
      { kind: 'books', bookIds: [f.bookIds[0]] },
      { kind: 'customer', customerId: small[0]!.id },
    ]);
    const a = await count(RUNS, { b: f.bookIds[0], p: null, l: 30 }, f.admin);
    await addRuns([
      { kind: 'all' },
      { kind: 'books', bookIds: [f.bookIds[0], f.bookIds[1]] },
      { kind: 'books', bookIds: [f.bookIds[0]] },
      { kind: 'all' },
    ]);
    const b = await count(RUNS, { b: f.bookIds[0], p: null, l: 30 }, f.admin);
    expect(a.data.billingRuns).toHaveLength(2);
    expect(b.data.billingRuns).toHaveLength(6);
    for (const run of b.data.billingRuns)
      expect(run.skipped.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(5);
    expect(b.n).toBe(a.n);
    expect(a.n).toBeLessThanOrEqual(2);
    // the clerk holds books 0 and 1 only: runs over the whole company stay hidden, in the same number of statements
    const c = await count(RUNS, { b: f.bookIds[0], p: null, l: 30 });
    expect(c.data.billingRuns).toHaveLength(4);
    expect(c.n).toBe(a.n);

    const POLL = `query($id: Int!) { billingRun(id: $id) { id status progress skipped { reason label count } } }`;
    for (const run of b.data.billingRuns) {
      const poll = await count(POLL, { id: run.id }, f.admin);
      expect(poll.n).toBeLessThanOrEqual(2);
    }
  });

  it('catalog page: a list of reading books is one bounded query and counts customers only when asked', async () => {
    const ALL = `query CatalogList($filter: CatalogQuery) { page: readingBooks(filter: $filter) {
      total rows { id code name routeId routeName branchId branchName readerName readingDay customersCount } } }`;
    const all = await count(ALL, { filter: { offset: 0, limit: 100 } }, f.admin);
    expect(all.n).toBeLessThanOrEqual(2);
    expect(all.data.page.rows.map((r: { customersCount: number }) => r.customersCount)).toEqual([5, 50, 0]);
    expect(all.statements.some((s) => /from "?customers"? c/.test(s))).toBe(true);

    const PICKER = `query($filter: CatalogQuery) { readingBooks(filter: $filter) { total rows { id code name } } }`;
    const picker = await count(PICKER, { filter: { offset: 0, limit: 100 } }, f.admin);
    expect(picker.data.readingBooks.rows).toHaveLength(3);
    expect(picker.n).toBeLessThanOrEqual(2);
    // neither the customer count nor the route and branch names are computed when the page does not show them
    expect(picker.statements.some((s) => /customers|routes|branches/.test(s))).toBe(false);
  });
});
