import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

/** Issue 7: the anomaly queue, a company-wide list, pages with cursors (keyset on its own order). */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
const customers: TestCustomer[] = [];

interface QueueRow {
  id: number;
  period: string;
  bookCode: string;
  sequenceNo: number;
}
interface QueuePage {
  total: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  rows: QueueRow[];
}

const QUEUE = `query($first: Int, $after: String) {
  anomalyQueue(first: $first, after: $after) {
    total
    pageInfo { hasNextPage endCursor }
    rows { id period bookCode sequenceNo }
  }
}`;

async function page(first: number, after: string | null = null): Promise<QueuePage> {
  const r = await gql<{ anomalyQueue: QueuePage }>(database.db, f.clerk, QUEUE, { first, after });
  expect(r.errors).toEqual([]);
  return r.data!.anomalyQueue;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  // Four customers in each of the clerk's two books, so the order crosses books and periods.
  for (const bookId of [f.bookIds[1], f.bookIds[0]]) {
    for (let i = 0; i < 4; i++) customers.push(await addCustomer(database.db, f, { bookId }));
  }
  const all = (index: number) => customers.map((c) => [c.id, index] as const);
  await enterReadings(database.db, f.clerk, '2026-01', all(10));
  await enterReadings(database.db, f.clerk, '2026-02', all(20));
  await enterReadings(database.db, f.clerk, '2026-03', all(30));
  // Two absurd months in a row: every customer has an open anomaly in each, 16 rows over two periods.
  await enterReadings(database.db, f.clerk, '2026-04', all(900));
  await enterReadings(database.db, f.clerk, '2026-05', all(9000));
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('anomaly queue cursors', () => {
  it('pages through the queue in its order (period newest first, book, sequence), each row once', async () => {
    const whole = await page(100);
    expect(whole.total).toBe(16);
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const ordered = [...whole.rows].sort(
      (a, b) =>
        b.period.localeCompare(a.period) ||
        a.bookCode.localeCompare(b.bookCode) ||
        a.sequenceNo - b.sequenceNo ||
        a.id - b.id,
    );
    expect(whole.rows).toEqual(ordered);
    expect(new Set(whole.rows.map((r) => r.period))).toEqual(new Set(['2026-05', '2026-04']));

    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p = await page(3, after);
      pages++;
      expect(p.total).toBe(16);
      expect(p.rows.length).toBeLessThanOrEqual(3);
      seen.push(...p.rows.map((r) => r.id));
      if (!p.pageInfo.hasNextPage) break;
      expect(p.pageInfo.endCursor).toBeTruthy();
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(whole.rows.map((r) => r.id));
  });

  it('a row cleared on an earlier page does not shift the next page', async () => {
    const whole = await page(100);
    const first = await page(4);
    const cleared = await gql(
      database.db,
      f.clerk,
      `mutation($ids: [Int!]!) { resolveAnomalies(readingIds: $ids, action: clear) }`,
      { ids: [first.rows[0]!.id] },
    );
    expect(cleared.data!.resolveAnomalies).toBe(1);
    const second = await page(4, first.pageInfo.endCursor);
    expect(second.total).toBe(whole.total - 1);
    expect(second.rows.map((r) => r.id)).toEqual(whole.rows.slice(4, 8).map((r) => r.id));
  });

  it('refuses a cursor it did not issue with VALIDATION_FAILED', async () => {
    const foreign = [
      'không-phải-con-trỏ',
      Buffer.from('{"period":"2026-13","bookCode":"S01","sequenceNo":1,"id":1}').toString('base64url'),
      Buffer.from('{"id":1}').toString('base64url'),
      Buffer.from('inv:42').toString('base64url'),
    ];
    for (const after of foreign) {
      const r = await gql(database.db, f.clerk, QUEUE, { first: 3, after });
      expect({ after, code: r.code }).toEqual({ after, code: 'VALIDATION_FAILED' });
      expect(r.errors[0]!.message).toBe('Con trỏ trang không hợp lệ.');
    }
  });
});
