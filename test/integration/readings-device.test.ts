import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let x: TestCustomer;
let y: TestCustomer;

const SUBMIT = `mutation($input: DeviceSubmissionInput!) {
  submitDeviceReadings(input: $input) { deviceId submissionId accepted rejected replayed rows { index customerId accepted consumption anomalies errorCode message } }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  x = await addCustomer(database.db, f);
  y = await addCustomer(database.db, f);
  await enterReadings(database.db, f.clerk, '2026-05', [
    [x.id, 10],
    [y.id, 10],
  ]);
});
afterAll(async () => database?.close());

async function state() {
  return rowsOf<Record<string, unknown>>(
    await database.db
      .execute(sql`select (select count(*) from readings)::int as readings, (select coalesce(sum(version), 0) from readings)::int as versions,
      (select count(*) from device_submissions)::int as submissions`),
  )[0];
}

describe('device batches', () => {
  const batch = () => ({
    deviceId: 'HH-01',
    submissionId: 'lan-1',
    readings: [
      { customerId: x.id, period: '2026-06', currentIndex: 40 },
      { customerId: y.id, period: '2026-06' },
      { customerId: 999_999, period: '2026-06', currentIndex: 5 },
    ],
  });

  it('saves the valid rows, returns each rejected row with its reason and flags anomalies as data arrives', async () => {
    const r = await gql(database.db, f.clerk, SUBMIT, { input: batch() });
    expect(r.errors).toEqual([]);
    const result = r.data!.submitDeviceReadings;
    expect(result).toMatchObject({
      deviceId: 'HH-01',
      submissionId: 'lan-1',
      accepted: 1,
      rejected: 2,
      replayed: false,
    });
    expect(result.rows).toEqual([
      {
        index: 0,
        customerId: x.id,
        accepted: true,
        consumption: 30,
        anomalies: ['high'],
        errorCode: null,
        message: null,
      },
      {
        index: 1,
        customerId: y.id,
        accepted: false,
        consumption: null,
        anomalies: [],
        errorCode: 'MISSING_INDEX',
        message: `Chưa nhập chỉ số mới của khách hàng ${y.code}; không đọc được thì chọn mã ghi chỉ số.`,
      },
      {
        index: 2,
        customerId: 999_999,
        accepted: false,
        consumption: null,
        anomalies: [],
        errorCode: 'NOT_FOUND',
        message: 'Không tìm thấy khách hàng.',
      },
    ]);
  });

  it('answers a retry of the same submission from the stored result, writing nothing again', async () => {
    const before = await state();
    const again = await gql(database.db, f.clerk, SUBMIT, {
      input: { ...batch(), readings: [{ customerId: x.id, period: '2026-06', currentIndex: 99 }] },
    });
    expect(again.data!.submitDeviceReadings).toMatchObject({ accepted: 1, rejected: 2, replayed: true });
    expect(again.data!.submitDeviceReadings.rows[0].consumption).toBe(30);
    expect(await state()).toEqual(before);
  });

  it('treats another submission id as new data', async () => {
    const r = await gql(database.db, f.clerk, SUBMIT, {
      input: {
        deviceId: 'HH-01',
        submissionId: 'lan-2',
        readings: [{ customerId: y.id, period: '2026-06', code: 'house_closed', currentIndex: 10 }],
      },
    });
    expect(r.data!.submitDeviceReadings).toMatchObject({ accepted: 1, rejected: 0, replayed: false });
    expect(r.data!.submitDeviceReadings.rows[0]).toMatchObject({ consumption: 0, anomalies: [] });
  });

  it('refuses a batch touching a book the user does not hold, storing nothing', async () => {
    const before = await state();
    const r = await gql(database.db, f.outsider, SUBMIT, {
      input: {
        deviceId: 'HH-09',
        submissionId: 'x',
        readings: [{ customerId: x.id, period: '2026-06', currentIndex: 41 }],
      },
    });
    expect(r.code).toBe('BOOK_FORBIDDEN');
    expect(await state()).toEqual(before);
  });
});
