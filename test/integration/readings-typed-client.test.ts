import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ANOMALY_TYPENAMES,
  AnomalyQueueQuery,
  AnomalyQueueRowFragment,
  queueVariables,
  ReadingBookFragment,
  ReadingBooksQuery,
  ReadingSheetQuery,
  ResolveAnomaliesMutation,
  SaveReadingMutation,
  SheetRowFragment,
  sheetVariables,
} from '@/components/readings/readings.documents';
import type { GraphQLContext } from '@/graphql/context';
import { formatError } from '@/graphql/errors';
import { schema } from '@/graphql/schema';
import { createGraphQLClient } from '@/lib/graphql/client';
import { readFragment } from '@/lib/graphql/graphql';
import { prefetch } from '@/lib/graphql/prefetch';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';

// prefetch is for Server Components; outside React's server build the marker package would refuse to load.
vi.mock('server-only', () => ({}));

const PERIOD = '2026-04';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let a: TestCustomer;
let b: TestCustomer;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  a = await addCustomer(database.db, f, { name: 'Ngô Thị Sửa' });
  b = await addCustomer(database.db, f, { name: 'Vũ Văn Khóa' });
  // Three ordinary months, then an absurd one for b: its reading waits in the anomaly queue.
  for (const [period, ia, ib] of [
    ['2026-01', 10, 10],
    ['2026-02', 20, 20],
    ['2026-03', 30, 30],
  ] as const) {
    await enterReadings(database.db, f.clerk, period, [
      [a.id, ia],
      [b.id, ib],
    ]);
  }
  await enterReadings(database.db, f.clerk, PERIOD, [[b.id, 900]]);
});
afterAll(async () => database?.close());

const clerkCtx = (): GraphQLContext => ({ db: database.db, actor: f.clerk, ip: '127.0.0.1' });

/** A browser-side client whose network is the real schema executed in-process as `ctx`, recording each operation. */
function browserClient(ctx: GraphQLContext) {
  const requests: string[] = [];
  const inProcess = (async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    requests.push(body.operationName ?? '?');
    const result = await execute({
      schema,
      document: parse(body.query),
      contextValue: ctx,
      variableValues: body.variables,
    });
    const errors = result.errors?.map((e) => formatError(e.toJSON(), e));
    return new Response(JSON.stringify({ data: result.data ?? null, ...(errors ? { errors } : {}) }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { ...createGraphQLClient({ inBrowser: true, fetch: inProcess }), requests };
}

const tick = () => new Promise((r) => setTimeout(r, 50));

describe('reading screens on the typed client', () => {
  it('the page prefetches the books and the sheet; the screen reads both from the cache without a request', async () => {
    const ctx = clerkCtx();
    const books = await prefetch(ctx, ReadingBooksQuery, {});
    const sheet = await prefetch(ctx, ReadingSheetQuery, sheetVariables(f.bookIds[0], PERIOD));
    expect(books.error).toBeNull();
    expect(sheet.error).toBeNull();

    const { client, ssr, requests } = browserClient(ctx);
    ssr.restoreData({ ...books.ssr, ...sheet.ssr });
    const bookResult = await client.query(ReadingBooksQuery, {}).toPromise();
    const sheetResult = await client.query(ReadingSheetQuery, sheetVariables(f.bookIds[0], PERIOD)).toPromise();

    expect(requests).toEqual([]);
    expect(
      readFragment(ReadingBookFragment, bookResult.data!.readingBooks.rows)
        .map((r) => r.id)
        .sort(),
    ).toEqual([f.bookIds[0], f.bookIds[1]].sort());
    const rows = readFragment(SheetRowFragment, sheetResult.data!.readingSheet.rows);
    expect(rows.map((r) => r.customerId).sort()).toEqual([a.id, b.id].sort());
    expect(rows.find((r) => r.customerId === b.id)).toMatchObject({ currentIndex: 900, anomalyStatus: 'OPEN' });
  });

  it('a saved row evicts the cached sheet without re-running it; the next read of the sheet is fresh', async () => {
    const { client, requests } = browserClient(clerkCtx());
    const first = await client.query(ReadingSheetQuery, sheetVariables(f.bookIds[0], PERIOD)).toPromise();
    const row = readFragment(SheetRowFragment, first.data!.readingSheet.rows).find((r) => r.customerId === a.id)!;
    expect(row.readingId).toBeNull();

    // The screen holds the sheet in its store and keeps the query paused, as this one-shot read is: no
    // 2,000-row re-read per Enter.
    const saved = await client
      .mutation(SaveReadingMutation, {
        input: {
          customerId: a.id,
          period: PERIOD,
          meterId: row.meterId,
          currentIndex: 41,
          code: 'normal',
          version: row.version,
        },
      })
      .toPromise();
    expect(saved.error).toBeUndefined();
    expect(readFragment(SheetRowFragment, saved.data!.saveReading)).toMatchObject({
      customerId: a.id,
      currentIndex: 41,
      consumption: 11,
    });
    await tick();
    expect(requests).toEqual(['ReadingSheet', 'SaveReading']);

    // "Làm mới" / another visit reads the sheet again rather than the evicted copy.
    const again = await client.query(ReadingSheetQuery, sheetVariables(f.bookIds[0], PERIOD)).toPromise();
    expect(requests).toEqual(['ReadingSheet', 'SaveReading', 'ReadingSheet']);
    expect(
      readFragment(SheetRowFragment, again.data!.readingSheet.rows).find((r) => r.customerId === a.id),
    ).toMatchObject({ currentIndex: 41 });
  });

  it('resolving anomalies re-runs the open queue the screen shows (an Int answer, named typenames)', async () => {
    const { client, requests } = browserClient(clerkCtx());
    const vars = queueVariables({ bookId: f.bookIds[0], period: PERIOD, status: 'OPEN' });
    const results: { total: number; readingIds: number[] }[] = [];
    const watching = client.query(AnomalyQueueQuery, vars).subscribe((r) => {
      if (r.data)
        results.push({
          total: r.data.anomalyQueue.total,
          readingIds: readFragment(AnomalyQueueRowFragment, r.data.anomalyQueue.rows).map((x) => x.id),
        });
    });
    for (let i = 0; i < 100 && results.length === 0; i++) await tick();
    expect(results.map((r) => r.total)).toEqual([1]);

    const done = await client
      .mutation(
        ResolveAnomaliesMutation,
        { readingIds: results[0]!.readingIds, action: 'clear', note: 'Khách xác nhận' },
        { additionalTypenames: ANOMALY_TYPENAMES },
      )
      .toPromise();
    expect(done.data?.resolveAnomalies).toBe(1);
    // urql first marks the shown page stale, then delivers the re-run's answer.
    for (let i = 0; i < 100 && !results.some((r) => r.total === 0); i++) await tick();
    watching.unsubscribe();

    expect(results.at(-1)).toEqual({ total: 0, readingIds: [] });
    expect(requests.filter((r) => r === 'AnomalyQueue')).toHaveLength(2);
  });
});
