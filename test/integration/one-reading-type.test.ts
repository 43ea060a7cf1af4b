import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

/**
 * Issue 7 "one entity, one type": a stored reading is the one `Reading` type whether the customer's history or
 * the anomaly queue lists it; the entry sheet's rows are meter slots and stay `ReadingSheetRow`.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  customer = await addCustomer(database.db, f, { name: 'Lê Văn Một Loại' });
  for (const [period, index] of [
    ['2026-01', 10],
    ['2026-02', 20],
    ['2026-03', 30],
    ['2026-04', 900],
  ] as const) {
    await enterReadings(database.db, f.clerk, period, [[customer.id, index]]);
  }
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('one Reading type', () => {
  it('the schema has no ReadingHistoryEntry or AnomalyQueueRow type', async () => {
    const r = await gql(
      database.db,
      f.admin,
      `{ a: __type(name: "ReadingHistoryEntry") { name } b: __type(name: "AnomalyQueueRow") { name }
         c: __type(name: "Reading") { name } }`,
    );
    expect(r.errors).toEqual([]);
    expect(r.data).toEqual({ a: null, b: null, c: { name: 'Reading' } });
  });

  it('the queue row and the history entry of one reading are the same Reading, field for field', async () => {
    const FIELDS = `__typename id period bookId bookCode customerId customerCode customerName address sequenceNo
      meterSerial previousIndex currentIndex consumption code codeLabel isEstimated anomalies anomalyLabels
      anomalyStatus source note enteredAt`;
    const r = await gql(
      database.db,
      f.clerk,
      `query($c: Int!) {
        anomalyQueue(period: "2026-04") { rows { ${FIELDS} } }
        readingHistory(customerId: $c, beforePeriod: "2026-05", limit: 1) { ${FIELDS} } }`,
      { c: customer.id },
    );
    expect(r.errors).toEqual([]);
    const [queued] = r.data!.anomalyQueue.rows;
    const [past] = r.data!.readingHistory;
    expect(queued).toMatchObject({
      __typename: 'Reading',
      period: '2026-04',
      customerId: customer.id,
      customerCode: customer.code,
      bookId: f.bookIds[0],
      anomalyStatus: 'OPEN',
      source: 'MANUAL',
    });
    expect(past).toEqual(queued);
  });

  it('the entry sheet still lists meter slots of its own type', async () => {
    const r = await gql(
      database.db,
      f.clerk,
      `query($b: Int!) { readingSheet(bookId: $b, period: "2026-04") { rows { __typename readingId } } }`,
      { b: f.bookIds[0] },
    );
    expect(r.errors).toEqual([]);
    expect(r.data!.readingSheet.rows[0].__typename).toBe('ReadingSheetRow');
  });
});
