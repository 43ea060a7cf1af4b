import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { createBackBill, spreadOwedConsumption } from '@/services/readings/adjustments.service';
import { declareSuspension } from '@/services/readings/declarations.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let mine: TestCustomer; // book 0: the outsider holds only book 2
let readingId: number;
let meterId: number;
let suspensionId: number;
let adjustmentId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  mine = await addCustomer(database.db, f);
  await enterReadings(database.db, f.admin, '2026-05', [[mine.id, 10]]);
  const [row] = await enterReadings(database.db, f.admin, '2026-06', [[mine.id, 90]]); // high: an open anomaly
  readingId = row!.readingId!;
  meterId = row!.meterId;
  suspensionId = (
    await declareSuspension(database.db, f.admin, {
      customerId: mine.id,
      fromPeriod: '2026-09',
      toPeriod: null,
      reason: 'Đi vắng',
    })
  ).id;
  adjustmentId = (
    await createBackBill(database.db, f.admin, {
      customerId: mine.id,
      tariffPeriod: '2026-05',
      billPeriod: '2026-07',
      quantity: 3,
      reason: 'Truy thu',
    })
  ).id;
  await spreadOwedConsumption(database.db, f.admin, {
    customerId: mine.id,
    quantity: 6,
    firstPeriod: '2026-07',
    periods: 2,
    reason: 'Nợ m3',
  });
  // A NOT_FOUND below proves a refusal only because each id exists, in book 0 which the outsider lacks.
  const [where] = rowsOf<Record<string, number>>(
    await database.db.execute(sql`select
      (select c.book_id from readings r join customers c on c.id = r.customer_id where r.id = ${readingId}) as reading,
      (select c.book_id from suspensions s join customers c on c.id = s.customer_id where s.id = ${suspensionId}) as suspension,
      (select c.book_id from adjustments a join customers c on c.id = a.customer_id where a.id = ${adjustmentId}) as adjustment,
      (select c.book_id from meters m join customers c on c.id = m.customer_id where m.id = ${meterId}) as meter,
      (select book_id from customers where id = ${mine.id}) as customer`),
  );
  expect(Object.values(where!).map(Number)).toEqual(Array(5).fill(f.bookIds[0]));
});
afterAll(async () => database?.close());

async function snapshot() {
  return rowsOf<Record<string, unknown>>(
    await database.db.execute(sql`select
      (select count(*) from readings)::int as readings, (select coalesce(sum(version), 0) from readings)::int as versions,
      (select string_agg(anomaly_status, ',' order by id) from readings) as statuses,
      (select count(*) from suspensions)::int as suspensions, (select string_agg(coalesce(to_period, '-'), ',') from suspensions) as ends,
      (select count(*) from adjustments)::int as adjustments, (select count(*) from period_locks)::int as locks,
      (select count(*) from meters)::int as meters, (select count(*) from device_submissions)::int as submissions`),
  )[0];
}

const BOOK_SCOPED: [name: string, query: string, vars: () => Record<string, unknown>][] = [
  [
    'readingSheet',
    `query($b: Int!) { readingSheet(bookId: $b, period: "2026-06") { total } }`,
    () => ({ b: f.bookIds[0] }),
  ],
  [
    'periodLockState',
    `query($b: Int!) { periodLockState(bookId: $b, period: "2026-06") { isLocked } }`,
    () => ({ b: f.bookIds[0] }),
  ],
  ['readingHistory', `query($c: Int!) { readingHistory(customerId: $c) { period } }`, () => ({ c: mine.id })],
  ['anomalyQueue', `query($b: Int!) { anomalyQueue(bookIds: [$b]) { total } }`, () => ({ b: f.bookIds[0] })],
  ['customerSuspensions', `query($c: Int!) { customerSuspensions(customerId: $c) { id } }`, () => ({ c: mine.id })],
  ['customerAdjustments', `query($c: Int!) { customerAdjustments(customerId: $c) { id } }`, () => ({ c: mine.id })],
  [
    'saveReading',
    `mutation($c: Int!) { saveReading(input: { customerId: $c, period: "2026-06", currentIndex: 20 }) { key } }`,
    () => ({ c: mine.id }),
  ],
  [
    'clearReading',
    `mutation($c: Int!, $m: Int!) { clearReading(customerId: $c, meterId: $m, period: "2026-06") { key } }`,
    () => ({ c: mine.id, m: meterId }),
  ],
  [
    'resolveAnomalies',
    `mutation($r: Int!) { resolveAnomalies(readingIds: [$r], action: clear) }`,
    () => ({ r: readingId }),
  ],
  [
    'declareMeterReplacement',
    `mutation($c: Int!) { declareMeterReplacement(input: { customerId: $c, period: "2026-06", finalIndex: 95, removedOn: "2026-06-10" }, newMeter: { serial: "NGOAI-1", installedOn: "2026-06-10", initialIndex: 0 }) { key } }`,
    () => ({ c: mine.id }),
  ],
  [
    'declareSuspension',
    `mutation($c: Int!) { declareSuspension(input: { customerId: $c, fromPeriod: "2026-07", reason: "x" }) { id } }`,
    () => ({ c: mine.id }),
  ],
  [
    'endSuspension',
    `mutation($s: Int!) { endSuspension(id: $s, toPeriod: "2026-10") { id } }`,
    () => ({ s: suspensionId }),
  ],
  ['deleteSuspension', `mutation($s: Int!) { deleteSuspension(id: $s) }`, () => ({ s: suspensionId })],
  [
    'correctPreviousIndex',
    `mutation($c: Int!) { correctPreviousIndex(input: { customerId: $c, period: "2026-06", previousIndex: 80, reason: "x" }) { key } }`,
    () => ({ c: mine.id }),
  ],
  [
    'createBackBill',
    `mutation($c: Int!) { createBackBill(input: { customerId: $c, tariffPeriod: "2026-05", billPeriod: "2026-07", quantity: 1, reason: "x" }) { id } }`,
    () => ({ c: mine.id }),
  ],
  [
    'spreadOwedConsumption',
    `mutation($c: Int!) { spreadOwedConsumption(input: { customerId: $c, quantity: 4, firstPeriod: "2026-07", periods: 2, reason: "x" }) { id } }`,
    () => ({ c: mine.id }),
  ],
  [
    'deleteAdjustment',
    `mutation($a: Int!) { deleteAdjustment(id: $a, wholeGroup: true) }`,
    () => ({ a: adjustmentId }),
  ],
  [
    'lockPeriod',
    `mutation($b: Int!) { lockPeriod(period: "2026-06", bookId: $b) { isLocked } }`,
    () => ({ b: f.bookIds[0] }),
  ],
  ['unlockPeriod', `mutation($b: Int!) { unlockPeriod(period: "2026-06", bookId: $b) }`, () => ({ b: f.bookIds[0] })],
  [
    'submitDeviceReadings',
    `mutation($c: Int!) { submitDeviceReadings(input: { deviceId: "D", submissionId: "S", readings: [{ customerId: $c, period: "2026-06", currentIndex: 20 }] }) { accepted } }`,
    () => ({ c: mine.id }),
  ],
];

describe('readings authorization', () => {
  it.each(BOOK_SCOPED)('%s: refused for a user without the book, nothing changed', async (_name, query, vars) => {
    const before = await snapshot();
    const r = await gql(database.db, f.outsider, query, vars());
    expect(r.data).toBeNull();
    expect(['FORBIDDEN', 'BOOK_FORBIDDEN', 'NOT_FOUND']).toContain(r.code);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps other books out of the anomaly queue of a user', async () => {
    const r = await gql(database.db, f.outsider, `{ anomalyQueue { total rows { customerId } } }`);
    expect(r.data!.anomalyQueue).toEqual({ total: 0, rows: [] });
    const clerk = await gql(database.db, f.clerk, `{ anomalyQueue { total } }`);
    expect(clerk.data!.anomalyQueue.total).toBe(1);
  });

  it('lets a read-only user see but not write', async () => {
    expect((await gql(database.db, f.viewer, BOOK_SCOPED[0]![1], BOOK_SCOPED[0]![2]())).data!.readingSheet.total).toBe(
      1,
    );
    const before = await snapshot();
    const r = await gql(database.db, f.viewer, BOOK_SCOPED[6]![1], BOOK_SCOPED[6]![2]());
    expect(r.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });
});
