import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPeriod } from '@/services/readings/period-lock.service';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let a: TestCustomer;
let b: TestCustomer;

const CLEAR = `mutation($c: Int!, $p: Period!, $m: Int!, $v: Int) {
  clearReading(customerId: $c, period: $p, meterId: $m, version: $v) { readingId currentIndex consumption version }
}`;
const SHEET = `query($b: Int!, $p: Period!) { readingSheet(bookId: $b, period: $p) { read unread rows { customerId meterId readingId version } } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  a = await addCustomer(database.db, f, { name: 'Ngô Thị Sửa' });
  b = await addCustomer(database.db, f, { name: 'Vũ Văn Khóa' });
  await enterReadings(database.db, f.clerk, '2026-03', [
    [a.id, 12],
    [b.id, 15],
  ]);
});
afterAll(async () => database?.close());

async function rowOf(customerId: number, period: string) {
  const r = await gql(database.db, f.clerk, SHEET, { b: f.bookIds[0], p: period });
  return { sheet: r.data!.readingSheet, row: r.data!.readingSheet.rows.find((x: any) => x.customerId === customerId) };
}

describe('clearReading', () => {
  it('takes a mistaken reading back so the row reads "not entered" again', async () => {
    const before = await rowOf(a.id, '2026-03');
    expect(before.row.readingId).not.toBeNull();
    const r = await gql(database.db, f.clerk, CLEAR, {
      c: a.id,
      p: '2026-03',
      m: before.row.meterId,
      v: before.row.version,
    });
    expect(r.errors).toEqual([]);
    expect(r.data!.clearReading).toMatchObject({ readingId: null, currentIndex: null });
    const after = await rowOf(a.id, '2026-03');
    expect(after.row.readingId).toBeNull();
    expect(after.sheet.read).toBe(before.sheet.read - 1);
  });

  it('refuses a stale version, a missing reading, a locked period, and a user without the book', async () => {
    const { row } = await rowOf(b.id, '2026-03');
    const stale = await gql(database.db, f.clerk, CLEAR, { c: b.id, p: '2026-03', m: row.meterId, v: row.version + 1 });
    expect(stale.code).toBe('VERSION_CONFLICT');
    const missing = await gql(database.db, f.clerk, CLEAR, { c: a.id, p: '2026-03', m: row.meterId });
    expect(missing.code).toBe('READING_NOT_FOUND');
    const outsider = await gql(database.db, f.outsider, CLEAR, { c: b.id, p: '2026-03', m: row.meterId });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(outsider.code);
    const viewer = await gql(database.db, f.viewer, CLEAR, { c: b.id, p: '2026-03', m: row.meterId });
    expect(viewer.code).toBe('FORBIDDEN');
    await lockPeriod(database.db, f.admin, { period: '2026-03', bookId: f.bookIds[0] });
    const locked = await gql(database.db, f.clerk, CLEAR, { c: b.id, p: '2026-03', m: row.meterId });
    expect(locked.code).toBe('PERIOD_LOCKED');
    expect((await rowOf(b.id, '2026-03')).row.readingId).not.toBeNull();
  });
});
