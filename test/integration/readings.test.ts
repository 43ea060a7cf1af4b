import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let a: TestCustomer; // steady 10 m3 a month
let b: TestCustomer; // meter about to roll over
let c: TestCustomer; // meter of unknown type (no maximum)
let d: TestCustomer; // unread in April
let p: TestCustomer; // preferential household

const SAVE = `mutation($input: SaveReadingInput!) {
  saveReading(input: $input) {
    key readingId customerId previousIndex currentIndex consumption code isEstimated anomalies anomalyLabels anomalyStatus
    average3 recentConsumptions estimatedPending version notices { kind message }
  }
}`;
const SHEET = `query($bookId: Int!, $period: Period!, $status: ReadingSheetStatus, $search: String) {
  readingSheet(bookId: $bookId, period: $period, status: $status, search: $search) {
    total read unread anomalies openAnomalies highFactorPct lowFactorPct lock { isLocked explicit implicit message }
    rows { customerCode sequenceNo previousIndex currentIndex consumption anomalies anomalyStatus isEstimated estimatedPending notices { kind message } }
  }
}`;

async function save(input: Record<string, unknown>, actor = f.clerk) {
  const r = await gql(database.db, actor, SAVE, { input });
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!.saveReading;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  a = await addCustomer(database.db, f, { name: 'Nguyễn Văn An' });
  b = await addCustomer(database.db, f, { name: 'Trần Thị Bình' }, { initialIndex: 99_990 });
  c = await addCustomer(database.db, f, { name: 'Lê Văn Cường' }, { meterTypeId: null, initialIndex: 100 });
  d = await addCustomer(database.db, f, { name: 'Phạm Thị Dung' });
  p = await addCustomer(database.db, f, {
    name: 'Hoàng Văn Phúc',
    isPreferential: true,
    preferentialUntil: '2026-12-31',
  });
  for (const [period, index] of [
    ['2026-01', 10],
    ['2026-02', 20],
    ['2026-03', 30],
  ] as const) {
    await enterReadings(database.db, f.clerk, period, [
      [a.id, index],
      [d.id, index],
      [p.id, index],
    ]);
  }
});
afterAll(async () => database?.close());

describe('reading entry', () => {
  it('lists the book in sequence order with the previous index filled and what the browser needs to flag anomalies', async () => {
    const r = await gql(database.db, f.clerk, SHEET, { bookId: f.bookIds[0], period: '2026-04' });
    const sheet = r.data!.readingSheet;
    expect(sheet).toMatchObject({
      total: 5,
      read: 0,
      unread: 5,
      highFactorPct: 151,
      lowFactorPct: 51,
      lock: { isLocked: false },
    });
    expect(sheet.rows.map((x: { customerCode: string }) => x.customerCode)).toEqual([
      a.code,
      b.code,
      c.code,
      d.code,
      p.code,
    ]);
    expect(sheet.rows.map((x: { previousIndex: number }) => x.previousIndex)).toEqual([30, 99_990, 100, 30, 30]);
    const seq = sheet.rows.map((x: { sequenceNo: number }) => x.sequenceNo);
    expect([...seq].sort((x: number, y: number) => x - y)).toEqual(seq);
    expect(sheet.rows[4].notices).toEqual([{ kind: 'preferential', message: 'Khách hàng ưu đãi (đến 31/12/2026)' }]);
  });

  it('flags high, low and zero consumption against the average of the last 3 periods as the row is saved', async () => {
    const high = await save({ customerId: a.id, period: '2026-04', currentIndex: 46 });
    expect(high).toMatchObject({
      previousIndex: 30,
      consumption: 16,
      anomalies: ['high'],
      anomalyStatus: 'OPEN',
      average3: 10,
      recentConsumptions: [10, 10, 10],
    });
    expect(high.anomalyLabels).toEqual(['Tiêu thụ tăng bất thường']);
    const low = await save({ customerId: a.id, period: '2026-04', currentIndex: 35, version: high.version });
    expect(low).toMatchObject({
      consumption: 5,
      anomalies: ['low'],
      readingId: high.readingId,
      version: high.version + 1,
    });
    const zero = await save({ customerId: a.id, period: '2026-04', currentIndex: 30 });
    expect(zero.anomalies).toEqual(['zero', 'low']);
    const normal = await save({ customerId: a.id, period: '2026-04', currentIndex: 40 });
    expect(normal).toMatchObject({ consumption: 10, anomalies: [], anomalyStatus: 'NONE' });
  });

  it('refuses a stale row (optimistic version) and a normal code without an index', async () => {
    const stale = await gql(database.db, f.clerk, SAVE, {
      input: { customerId: a.id, period: '2026-04', currentIndex: 41, version: 1 },
    });
    expect(stale.code).toBe('VERSION_CONFLICT');
    const missing = await gql(database.db, f.clerk, SAVE, { input: { customerId: a.id, period: '2026-04' } });
    expect(missing.code).toBe('MISSING_INDEX');
    expect(missing.errors[0]!.message).toContain('Chưa nhập chỉ số mới');
  });

  it('reads a meter roll-over past its maximum, and flags a negative consumption when no maximum is known', async () => {
    const rolled = await save({ customerId: b.id, period: '2026-04', currentIndex: 5 });
    expect(rolled).toMatchObject({ consumption: 15, anomalies: ['rollover'], anomalyStatus: 'OPEN' });
    const negative = await save({ customerId: c.id, period: '2026-04', currentIndex: 90 });
    expect(negative).toMatchObject({ consumption: -10, anomalies: ['negative'], anomalyStatus: 'OPEN' });
    const tooBig = await gql(database.db, f.clerk, SAVE, {
      input: { customerId: b.id, period: '2026-04', currentIndex: 100_000 },
    });
    expect(tooBig.code).toBe('INVALID_INDEX');
  });

  it('bills an unread meter on the 3-period average and settles it with the next real reading', async () => {
    const unread = await save({ customerId: d.id, period: '2026-04', code: 'no_access' });
    expect(unread).toMatchObject({ isEstimated: true, currentIndex: null, consumption: 10, anomalies: [] });
    await save({ customerId: p.id, period: '2026-04', currentIndex: 41 });

    const may = (await gql(database.db, f.clerk, SHEET, { bookId: f.bookIds[0], period: '2026-05', search: 'dung' }))
      .data!.readingSheet;
    expect(may.rows).toHaveLength(1);
    expect(may.rows[0]).toMatchObject({ previousIndex: 30, estimatedPending: 10 });
    expect(may.rows[0].notices.map((n: { kind: string }) => n.kind)).toEqual(['estimate_pending']);
    const settled = await save({ customerId: d.id, period: '2026-05', currentIndex: 52 });
    // 22 m3 since the last real index, 10 of them already billed in April.
    expect(settled).toMatchObject({
      previousIndex: 30,
      currentIndex: 52,
      consumption: 12,
      isEstimated: false,
      anomalies: [],
    });
  });

  it('filters and searches inside the sheet, accent-insensitively', async () => {
    const open = (
      await gql(database.db, f.clerk, SHEET, { bookId: f.bookIds[0], period: '2026-04', status: 'open_anomaly' })
    ).data!.readingSheet;
    expect(open.rows.map((r: { customerCode: string }) => r.customerCode)).toEqual([b.code, c.code]);
    expect(open).toMatchObject({ total: 5, read: 5, unread: 0, openAnomalies: 2 });
    const found = (
      await gql(database.db, f.clerk, SHEET, { bookId: f.bookIds[0], period: '2026-04', search: 'tran thi binh' })
    ).data!.readingSheet;
    expect(found.rows.map((r: { customerCode: string }) => r.customerCode)).toEqual([b.code]);
    const estimated = (
      await gql(database.db, f.clerk, SHEET, { bookId: f.bookIds[0], period: '2026-04', status: 'estimated' })
    ).data!.readingSheet;
    expect(estimated.rows.map((r: { customerCode: string }) => r.customerCode)).toEqual([d.code]);
  });

  it('shows the customer’s last periods, newest first', async () => {
    const r = await gql(
      database.db,
      f.clerk,
      `query($id: Int!) { readingHistory(customerId: $id) { period consumption currentIndex isEstimated codeLabel } }`,
      {
        id: d.id,
      },
    );
    expect(r.data!.readingHistory).toEqual([
      { period: '2026-05', consumption: 12, currentIndex: 52, isEstimated: false, codeLabel: 'Bình thường' },
      {
        period: '2026-04',
        consumption: 10,
        currentIndex: null,
        isEstimated: true,
        codeLabel: 'Không tiếp cận được đồng hồ',
      },
      { period: '2026-03', consumption: 10, currentIndex: 30, isEstimated: false, codeLabel: 'Bình thường' },
      { period: '2026-02', consumption: 10, currentIndex: 20, isEstimated: false, codeLabel: 'Bình thường' },
      { period: '2026-01', consumption: 10, currentIndex: 10, isEstimated: false, codeLabel: 'Bình thường' },
    ]);
    const before = await gql(
      database.db,
      f.clerk,
      `query($id: Int!) { readingHistory(customerId: $id, beforePeriod: "2026-04", limit: 2) { period } }`,
      { id: d.id },
    );
    expect(before.data!.readingHistory).toEqual([{ period: '2026-03' }, { period: '2026-02' }]);
  });
});

describe('anomaly queue', () => {
  const QUEUE = `query($period: Period, $bookIds: [Int!]) { anomalyQueue(period: $period, bookIds: $bookIds) { total rows { id customerCode bookCode anomalies anomalyLabels consumption } } }`;

  it('lists open anomalies and lets a supervisor clear them; a negative consumption must be corrected instead', async () => {
    const q = (await gql(database.db, f.clerk, QUEUE, { period: '2026-04' })).data!.anomalyQueue;
    expect(q.total).toBe(2);
    expect(q.rows.map((r: { customerCode: string }) => r.customerCode)).toEqual([b.code, c.code]);
    const [rolled, negative] = q.rows;
    const refused = await gql(
      database.db,
      f.clerk,
      `mutation($ids: [Int!]!) { resolveAnomalies(readingIds: $ids, action: clear) }`,
      {
        ids: [rolled.id, negative.id],
      },
    );
    expect(refused.code).toBe('NEGATIVE_CONSUMPTION');
    const viewer = await gql(
      database.db,
      f.viewer,
      `mutation($ids: [Int!]!) { resolveAnomalies(readingIds: $ids, action: clear) }`,
      { ids: [rolled.id] },
    );
    expect(viewer.code).toBe('FORBIDDEN');
    const cleared = await gql(
      database.db,
      f.clerk,
      `mutation($ids: [Int!]!) { resolveAnomalies(readingIds: $ids, action: clear, note: "Đã kiểm tra: đồng hồ quay vòng") }`,
      {
        ids: [rolled.id],
      },
    );
    expect(cleared.data!.resolveAnomalies).toBe(1);
    const after = (await gql(database.db, f.clerk, QUEUE, { period: '2026-04' })).data!.anomalyQueue;
    expect(after.rows.map((r: { customerCode: string }) => r.customerCode)).toEqual([c.code]);
  });

  it('keeps a cleared anomaly cleared when the same values are saved again, and reopens it when they change', async () => {
    const high = await save({ customerId: b.id, period: '2026-05', currentIndex: 100 });
    expect(high).toMatchObject({ previousIndex: 5, consumption: 95, anomalies: ['high'], anomalyStatus: 'OPEN' });
    await gql(database.db, f.clerk, `mutation($ids: [Int!]!) { resolveAnomalies(readingIds: $ids, action: clear) }`, {
      ids: [high.readingId],
    });
    const same = await save({ customerId: b.id, period: '2026-05', currentIndex: 100 });
    expect(same.anomalyStatus).toBe('CLEARED');
    const changed = await save({ customerId: b.id, period: '2026-05', currentIndex: 101 });
    expect(changed.anomalyStatus).toBe('OPEN');
  });
});

describe('period lock', () => {
  it('locks a period implicitly once a later period of the book has readings', async () => {
    const sheet = (await gql(database.db, f.clerk, SHEET, { bookId: f.bookIds[0], period: '2026-04' })).data!
      .readingSheet;
    expect(sheet.lock).toEqual({
      isLocked: true,
      explicit: false,
      implicit: true,
      message: 'Kỳ 04/2026 đã khóa vì kỳ sau đã có số liệu.',
    });
    const r = await gql(database.db, f.clerk, SAVE, {
      input: { customerId: a.id, period: '2026-04', currentIndex: 44 },
    });
    expect(r.code).toBe('PERIOD_LOCKED');
    const [row] = rowsOf<{ current_index: number }>(
      await database.db.execute(
        sql`select current_index from readings where customer_id = ${a.id} and period = '2026-04'`,
      ),
    );
    expect(Number(row!.current_index)).toBe(40);
  });

  it('lets an admin lock a period explicitly (book or company) and unlock it', async () => {
    const lock = await gql(
      database.db,
      f.admin,
      `mutation($b: Int) { lockPeriod(period: "2026-05", bookId: $b) { isLocked explicit } }`,
      { b: f.bookIds[0] },
    );
    expect(lock.data!.lockPeriod).toEqual({ isLocked: true, explicit: true });
    expect(
      (await gql(database.db, f.clerk, SAVE, { input: { customerId: a.id, period: '2026-05', currentIndex: 50 } }))
        .code,
    ).toBe('PERIOD_LOCKED');
    expect((await gql(database.db, f.clerk, `mutation { lockPeriod(period: "2026-05") { isLocked } }`)).code).toBe(
      'FORBIDDEN',
    );
    await gql(database.db, f.admin, `mutation($b: Int) { unlockPeriod(period: "2026-05", bookId: $b) }`, {
      b: f.bookIds[0],
    });
    await gql(database.db, f.admin, `mutation { lockPeriod(period: "2026-05") { isLocked } }`);
    const locks = await gql(
      database.db,
      f.clerk,
      `query($b: Int!) { periodLocks(bookId: $b, period: "2026-05") { period bookId lockedBy } }`,
      { b: f.bookIds[0] },
    );
    expect(locks.data!.periodLocks).toEqual([{ period: '2026-05', bookId: 0, lockedBy: 'admin' }]);
    expect(
      (await gql(database.db, f.clerk, SAVE, { input: { customerId: a.id, period: '2026-05', currentIndex: 50 } }))
        .code,
    ).toBe('PERIOD_LOCKED');
    await gql(database.db, f.admin, `mutation { unlockPeriod(period: "2026-05") }`);
    expect((await save({ customerId: a.id, period: '2026-05', currentIndex: 50 })).consumption).toBe(10);
  });

  it('refuses readings for a period that has not started', async () => {
    const r = await gql(database.db, f.clerk, SAVE, {
      input: { customerId: a.id, period: '2099-01', currentIndex: 60 },
    });
    expect(r.code).toBe('FUTURE_PERIOD');
  });
});
