/**
 * Benchmark data: N customers with meters, contracts and 3 periods of readings, 2,000 customers per reading book,
 * extra branches, routes and books created as needed. Writes in batches of ~20,000 customers, each batch one
 * transaction: customers and meters through unnest (their ids come back), contracts and readings through
 * COPY on postgres.js (unnest on PGlite). Re-running with the same N does nothing; with a larger N it adds the rest.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { branches, companies, readingBooks, routes, wards } from '@/db/schema/org';
import { nextSequenceAtEnd } from '@/domain/customers/numbering';
import { drizzleRunner, postgresRunner, type PgLike, type Runner } from './bulk';
import {
  buildCustomerDraft,
  closedPeriods,
  drawCustomerNumbers,
  todayInVietnam,
  writeCustomers,
  type CatalogRefs,
  type CustomerDraft,
  type WardRef,
  type WriteCounts,
} from './customers';
import { DEMO_WARD_STREETS, loadCatalogRefs, seedDemo, wardRef } from './demo';
import { COMMON_STREETS, VietnameseFaker, mixSeed } from './names';

const CUSTOMERS_PER_BOOK = 2000;
const BOOKS_PER_ROUTE = 10;
const ROUTES_PER_BRANCH = 5;
const BOOK_PREFIX = 'GS';

const DISTRICTS = [
  'Hoàn Kiếm',
  'Hai Bà Trưng',
  'Cầu Giấy',
  'Thanh Xuân',
  'Hoàng Mai',
  'Long Biên',
  'Tây Hồ',
  'Nam Từ Liêm',
  'Bắc Từ Liêm',
  'Hà Đông',
  'Đông Anh',
  'Gia Lâm',
  'Thanh Trì',
  'Hoài Đức',
  'Sóc Sơn',
] as const;

export interface GenerateProgress {
  /** Customers written so far in this run. */
  done: number;
  /** Customers this run writes. */
  total: number;
  percent: number;
  /** All rows (customers, meters, contracts, readings) per second since the start. */
  rowsPerSecond: number;
  customersPerSecond: number;
  elapsedMs: number;
}

export interface GenerateOptions {
  /** Total customers wanted in the database (existing ones count). */
  customers: number;
  /** Customers per batch / transaction (default 20,000). */
  batchSize?: number;
  seed?: number;
  /** Civil date taken as today; readings end with the month before it. */
  today?: string;
  /** Reading periods per customer (default 3). */
  readingPeriods?: number;
  /** Batches written at the same time on PostgreSQL (default 2; PGlite: 1). */
  concurrency?: number;
  /** Called after each batch; default: a progress line on stderr. Pass `null` for silence. */
  onProgress?: ((p: GenerateProgress) => void) | null;
}

export interface GenerateResult {
  skipped: boolean;
  /** Customers in the database before the run. */
  existing: number;
  created: number;
  booksCreated: number;
  meters: number;
  contracts: number;
  readings: number;
  method: 'copy' | 'unnest';
  ms: number;
}

/** Progress on one stderr line, rewritten in place on a terminal. */
function stderrProgress(p: GenerateProgress): void {
  const line =
    `  ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} khách hàng ` +
    `(${p.percent.toFixed(1)} %), ${Math.round(p.customersPerSecond).toLocaleString('en-US')} KH/s, ` +
    `${Math.round(p.rowsPerSecond).toLocaleString('en-US')} dòng/s, ${(p.elapsedMs / 1000).toFixed(1)} s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${p.done >= p.total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

interface BookState {
  id: number;
  index: number;
  readingDay: number;
  count: number;
  maxSequence: number;
  ward: WardRef;
}

interface WardRow {
  id: number;
  code: string;
  name: string;
  district: string;
  kind: string;
}

/** The k-th generated book's ward (cycling over the wards) and its streets. */
function wardForBook(k: number, wardRows: readonly WardRow[]): WardRef {
  const row = wardRows[(k - 1) % wardRows.length];
  if (!row) throw new Error('no ward: seed the catalogs first');
  let streets = DEMO_WARD_STREETS.get(row.code);
  if (!streets || (streets.length === 0 && row.kind !== 'commune')) {
    const f = new VietnameseFaker(mixSeed(k, 77));
    const set = new Set<string>();
    while (set.size < 5) set.add(f.pick(COMMON_STREETS));
    streets = [...set];
  }
  return wardRef(row, streets);
}

/** Creates the branches, routes and books of the generated book numbers (idempotent); returns book ids by number. */
async function ensureBooks(db: DbOrTx, numbers: readonly number[]): Promise<Map<number, number>> {
  if (numbers.length === 0) return new Map();
  const routeNo = (k: number) => Math.floor((k - 1) / BOOKS_PER_ROUTE) + 1;
  const branchNo = (r: number) => Math.floor((r - 1) / ROUTES_PER_BRANCH) + 1;
  const routeNos = [...new Set(numbers.map(routeNo))];
  const branchNos = [...new Set(routeNos.map(branchNo))];

  await db
    .insert(branches)
    .values(
      branchNos.map((b) => {
        const district = DISTRICTS[(b - 1) % DISTRICTS.length] as string;
        const round = Math.floor((b - 1) / DISTRICTS.length);
        return { code: `GCN${pad(b, 3)}`, name: `Chi nhánh ${district}${round > 0 ? ` ${round + 1}` : ''}` };
      }),
    )
    .onConflictDoNothing();
  const branchRows = await db
    .select({ id: branches.id, code: branches.code })
    .from(branches)
    .where(
      inArray(
        branches.code,
        branchNos.map((b) => `GCN${pad(b, 3)}`),
      ),
    );
  const branchId = new Map(branchRows.map((b) => [b.code, b.id]));

  await db
    .insert(routes)
    .values(
      routeNos.map((r) => ({
        code: `GT${pad(r, 4)}`,
        name: `Tuyến ${pad(r, 4)}`,
        branchId: branchId.get(`GCN${pad(branchNo(r), 3)}`) as number,
      })),
    )
    .onConflictDoNothing();
  const routeRows = await db
    .select({ id: routes.id, code: routes.code })
    .from(routes)
    .where(
      inArray(
        routes.code,
        routeNos.map((r) => `GT${pad(r, 4)}`),
      ),
    );
  const routeId = new Map(routeRows.map((r) => [r.code, r.id]));

  const readers = new VietnameseFaker(mixSeed(numbers[0] ?? 0, 99));
  await db
    .insert(readingBooks)
    .values(
      numbers.map((k) => ({
        code: `${BOOK_PREFIX}${pad(k, 5)}`,
        name: `Sổ ${pad(k, 5)}`,
        routeId: routeId.get(`GT${pad(routeNo(k), 4)}`) as number,
        readerName: readers.fullName(),
        readingDay: 1 + ((k * 3) % 28),
      })),
    )
    .onConflictDoNothing();
  const bookRows = await db
    .select({ id: readingBooks.id, code: readingBooks.code })
    .from(readingBooks)
    .where(
      inArray(
        readingBooks.code,
        numbers.map((k) => `${BOOK_PREFIX}${pad(k, 5)}`),
      ),
    );
  return new Map(bookRows.map((b) => [Number(b.code.slice(BOOK_PREFIX.length)), b.id]));
}

async function countCustomers(db: DbOrTx): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(await db.execute(sql`select count(*) as n from customers`));
  return Number(rows[0]?.n ?? 0);
}

/** Generated books already in the database with their fill. */
async function loadBookStates(db: DbOrTx, wardRows: readonly WardRow[]): Promise<BookState[]> {
  const rows = rowsOf<{
    id: number;
    code: string;
    reading_day: number | null;
    n: string | number;
    max_seq: string | number | null;
  }>(
    await db.execute(sql`
      select b.id, b.code, b.reading_day, count(c.id) as n, max(c.sequence_no) as max_seq
      from ${readingBooks} b left join customers c on c.book_id = b.id
      where b.code like ${`${BOOK_PREFIX}%`}
      group by b.id, b.code, b.reading_day
      order by b.code`),
  );
  return rows.map((r) => {
    const index = Number(r.code.slice(BOOK_PREFIX.length));
    return {
      id: Number(r.id),
      index,
      readingDay: Number(r.reading_day ?? 1),
      count: Number(r.n),
      maxSequence: Number(r.max_seq ?? 0),
      ward: wardForBook(index, wardRows),
    };
  });
}

/** Builds `customers` rows into the database (see the file comment). */
export async function generateCustomers(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { db } = database;
  const wanted = options.customers;
  if (!Number.isSafeInteger(wanted) || wanted < 0)
    throw new RangeError(`customers must be a whole number ≥ 0, got ${wanted}`);
  const batchSize = Math.max(1, options.batchSize ?? 20_000);
  const seed = options.seed ?? 1_000_003;
  const today = options.today ?? todayInVietnam();
  const periods = closedPeriods(today, options.readingPeriods ?? 3);
  const onProgress = options.onProgress === undefined ? stderrProgress : options.onProgress;
  // Two transactions at a time keep both cores busy on PostgreSQL; PGlite runs one statement at a time anyway.
  const concurrency = database.pg ? Math.max(1, options.concurrency ?? 2) : 1;
  const method: GenerateResult['method'] = database.pg ? 'copy' : 'unnest';

  // Company, catalogs, tariffs and the demo users, without demo customers.
  if ((await db.select({ id: companies.id }).from(companies).limit(1)).length === 0) {
    await seedDemo(db, { customers: 0, withUsers: true, today });
  }

  const existing = await countCustomers(db);
  const result: GenerateResult = {
    skipped: existing >= wanted,
    existing,
    created: 0,
    booksCreated: 0,
    meters: 0,
    contracts: 0,
    readings: 0,
    method,
    ms: 0,
  };
  if (result.skipped) return { ...result, ms: performance.now() - started };

  const catalogs: CatalogRefs = await loadCatalogRefs(db);
  const wardRows: WardRow[] = await db
    .select({ id: wards.id, code: wards.code, name: wards.name, district: wards.district, kind: wards.kind })
    .from(wards)
    .orderBy(wards.id);
  const books = await loadBookStates(db, wardRows);
  let current = books.find((b) => b.count < CUSTOMERS_PER_BOOK);
  let nextIndex = books.reduce((m, b) => Math.max(m, b.index), 0) + 1;

  const total = wanted - existing;
  const firstPeriod = periods[0] ?? today.slice(0, 7);
  const cutOffCandidates = periods.slice(-2);
  let planned = 0;
  let done = 0;
  let rows = 0;
  const record = (counts: WriteCounts): void => {
    done += counts.customers;
    result.created += counts.customers;
    result.meters += counts.meters;
    result.contracts += counts.contracts;
    result.readings += counts.readings;
    rows += counts.customers + counts.meters + counts.contracts + counts.readings;
    const elapsedMs = performance.now() - started;
    onProgress?.({
      done,
      total,
      percent: (100 * done) / total,
      rowsPerSecond: rows / (elapsedMs / 1000),
      customersPerSecond: done / (elapsedMs / 1000),
      elapsedMs,
    });
  };
  const inFlight: Promise<void>[] = [];

  while (planned < total) {
    const n = Math.min(batchSize, total - planned);

    // Places for the batch: fill the current book, then open new ones.
    const pending: BookState[] = [];
    const plan: { book: BookState; sequenceNo: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (!current || current.count >= CUSTOMERS_PER_BOOK) {
        const index = nextIndex++;
        current = {
          id: 0,
          index,
          readingDay: 1 + ((index * 3) % 28),
          count: 0,
          maxSequence: 0,
          ward: wardForBook(index, wardRows),
        };
        pending.push(current);
      }
      current.maxSequence = nextSequenceAtEnd(current.maxSequence);
      current.count++;
      plan.push({ book: current, sequenceNo: current.maxSequence });
    }
    const newIds = await ensureBooks(
      db,
      pending.map((b) => b.index),
    );
    for (const b of pending) {
      const id = newIds.get(b.index);
      if (id === undefined) throw new Error(`book ${b.index} not created`);
      b.id = id;
    }
    result.booksCreated += pending.length;

    const faker = new VietnameseFaker(mixSeed(seed, existing + planned));
    const writeBatch = async (runner: Runner): Promise<WriteCounts> => {
      const numbers = await drawCustomerNumbers(runner, n);
      const drafts: CustomerDraft[] = plan.map((p, i) => {
        const book = p.book;
        return buildCustomerDraft(faker, {
          catalogs,
          placement: {
            bookId: book.id,
            sequenceNo: p.sequenceNo,
            readingDay: book.readingDay,
            ward: book.ward,
            masterMeterId: null,
          },
          codeNumber: numbers[i] as number,
          today,
          firstPeriod,
          cutOffCandidates,
        });
      });
      return writeCustomers(runner, drafts, periods, faker);
    };

    const write = database.pg
      ? (database.pg.begin((tx) => writeBatch(postgresRunner(tx as unknown as PgLike))) as Promise<WriteCounts>)
      : db.transaction((tx) => writeBatch(drizzleRunner(tx)));
    planned += n;
    const recorded = write.then(record);
    recorded.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    inFlight.push(recorded);
    // The next batch is built while this one is written; at most `concurrency` transactions at once.
    if (inFlight.length >= concurrency) await inFlight.shift();
  }
  await Promise.all(inFlight);

  // Fresh statistics, so the first benchmark queries get sensible plans.
  await db.execute(sql`analyze customers, meters, contracts, readings`);
  return { ...result, ms: performance.now() - started };
}
