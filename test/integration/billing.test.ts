import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { awaitBillingRun, resumeBillingRuns, runBillingRunNow } from '@/jobs/billing-runs';
import { executeBillingRun } from '@/services/billing/billing-executor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { declareSuspension } from '@/services/readings/declarations.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let types: Map<string, number>;
const cs: Record<string, TestCustomer> = {};
const PERIOD = '2026-04';

const START = `mutation($input: StartBillingRunInput!) {
  startBillingRun(input: $input) { id status period scope { kind bookIds customerId } totalCustomers }
}`;
const RUN = `query($id: Int!) {
  billingRun(id: $id) { id status totalCustomers processedCustomers progress invoiceCount consumption amount error skipped { reason label count } }
}`;
const INVOICES = `query($bookId: Int!, $needs: Boolean) {
  bookInvoices(bookId: $bookId, period: "2026-04", needsRecalculation: $needs) {
    total totalConsumption totalAmount rows { id customerCode kind status consumption subtotal vat environmentFee total needsRecalculation }
  }
}`;
const INVOICE = `query($id: Int!) { invoice(id: $id) { id customerCode consumption subtotal vat environmentFee drainageFee total lines { ordinal kind description tariffVersionId tier quantity unitPrice amount } } }`;

async function startAndWait(input: Record<string, unknown>, actor = f.clerk) {
  const r = await gql(database.db, actor, START, { input });
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  await awaitBillingRun(r.data!.startBillingRun.id);
  return (await gql(database.db, actor, RUN, { id: r.data!.startBillingRun.id })).data!.billingRun;
}

async function invoicesByCode(bookId = f.bookIds[0]) {
  const r = await gql(database.db, f.admin, INVOICES, { bookId });
  return new Map<
    string,
    { id: number; total: number; consumption: number; environmentFee: number; needsRecalculation: boolean }
  >(r.data!.bookInvoices.rows.map((i: { customerCode: string }) => [i.customerCode, i]));
}

async function countInvoices(): Promise<{ n: number; distinct: number }> {
  const [r] = rowsOf<{ n: number; d: number }>(
    await database.db.execute(
      sql`select count(*)::int as n, count(distinct (customer_id, period, kind))::int as d from invoices`,
    ),
  );
  return { n: Number(r!.n), distinct: Number(r!.d) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  types = await seedPublishedTariffs(database.db, f.admin);
  cs.h25 = await addCustomer(database.db, f, { name: 'Hộ 25 m3' });
  cs.h2 = await addCustomer(database.db, f, { name: 'Hai hộ chung đồng hồ', households: 2 });
  cs.kd = await addCustomer(database.db, f, { name: 'Cửa hàng', serviceTypeId: types.get('HN_KD') });
  cs.pref = await addCustomer(database.db, f, {
    name: 'Hộ nghèo',
    isPreferential: true,
    preferentialUntil: '2026-12-31',
  });
  cs.rural = await addCustomer(database.db, f, { name: 'Hộ ở xã', wardId: f.communeId });
  cs.noType = await addCustomer(database.db, f, { name: 'Chưa có loại dịch vụ', serviceTypeId: null });
  cs.suspended = await addCustomer(database.db, f, { name: 'Tạm dừng' });
  cs.noReading = await addCustomer(database.db, f, { name: 'Chưa ghi' });
  cs.anomaly = await addCustomer(database.db, f, { name: 'Bất thường' });
  cs.book1 = await addCustomer(database.db, f, { name: 'Sổ hai', bookId: f.bookIds[1] });
  cs.outside = await addCustomer(database.db, f, { name: 'Sổ ba', bookId: f.bookIds[2] });

  const billed = ['h25', 'h2', 'kd', 'pref', 'rural', 'noType', 'suspended', 'anomaly'] as const;
  for (const [i, period] of ['2026-01', '2026-02', '2026-03'].entries()) {
    await enterReadings(
      database.db,
      f.admin,
      period,
      billed.map((k) => [cs[k]!.id, 25 * (i + 1)] as const),
    );
    await enterReadings(database.db, f.admin, period, [
      [cs.book1!.id, 25 * (i + 1)],
      [cs.outside!.id, 25 * (i + 1)],
    ]);
  }
  // April: 25 m3 each, but 30 m3 for the shop and 200 m3 (anomaly) for one household.
  await enterReadings(
    database.db,
    f.admin,
    PERIOD,
    billed.map((k) => [cs[k]!.id, k === 'anomaly' ? 275 : k === 'kd' ? 105 : 100] as const),
  );
  await enterReadings(database.db, f.admin, PERIOD, [
    [cs.book1!.id, 100],
    [cs.outside!.id, 100],
  ]);
  await declareSuspension(database.db, f.admin, {
    customerId: cs.suspended!.id,
    fromPeriod: PERIOD,
    toPeriod: null,
    reason: 'Khách hàng đi vắng dài ngày',
  });
});
afterAll(async () => database?.close());

describe('billing run of a book', () => {
  let runId: number;

  it('bills the book in the background and ends with customers, invoices, m3, amount and the skipped customers', async () => {
    const run = await startAndWait({ period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0]] } });
    runId = run.id;
    expect(run).toMatchObject({
      status: 'DONE',
      totalCustomers: 9,
      processedCustomers: 9,
      progress: 1,
      invoiceCount: 5,
      error: null,
    });
    expect(run.consumption).toBe(25 * 4 + 30);
    expect(run.skipped).toEqual([
      { reason: 'anomaly_open', label: 'Chỉ số bất thường chưa được duyệt', count: 1 },
      { reason: 'no_reading', label: 'Chưa có chỉ số kỳ này', count: 1 },
      { reason: 'no_service_type', label: 'Chưa có loại dịch vụ', count: 1 },
      { reason: 'suspended', label: 'Đang tạm dừng cấp nước', count: 1 },
    ]);
    const skips = await gql(
      database.db,
      f.clerk,
      `query($id: Int!) { billingRunSkips(runId: $id) { total rows { customerCode reason reasonLabel } } }`,
      { id: runId },
    );
    expect(
      skips.data!.billingRunSkips.rows.map((r: { customerCode: string; reason: string }) => [r.customerCode, r.reason]),
    ).toEqual([
      [cs.noType!.code, 'no_service_type'],
      [cs.suspended!.code, 'suspended'],
      [cs.noReading!.code, 'no_reading'],
      [cs.anomaly!.code, 'anomaly_open'],
    ]);
  });

  it('writes exact invoices with one line per tier, VAT and the environmental fee (worked example: 199,635)', async () => {
    const invoices = await invoicesByCode();
    const detail = (await gql(database.db, f.clerk, INVOICE, { id: invoices.get(cs.h25!.code)!.id })).data!.invoice;
    expect(detail).toMatchObject({
      consumption: 25,
      subtotal: 173_595,
      vat: 8_680,
      environmentFee: 17_360,
      drainageFee: 0,
      total: 199_635,
    });
    expect(
      detail.lines.map(
        (l: { kind: string; quantity: number; unitPrice: number; amount: number; tier: number | null }) => [
          l.kind,
          l.tier,
          l.quantity,
          l.unitPrice,
          l.amount,
        ],
      ),
    ).toEqual([
      ['tier', 1, 10, 5_973, 59_730],
      ['tier', 2, 10, 7_052, 70_520],
      ['tier', 3, 5, 8_669, 43_345],
      ['vat', null, 1, 8_680, 8_680],
      ['environment_fee', null, 1, 17_360, 17_360],
    ]);
    expect(detail.lines[0].tariffVersionId).toEqual(expect.any(Number));

    const estimate = await gql(
      database.db,
      null,
      `{ estimateBill(input: { serviceTypeCode: "HN_SH", consumption: 25, period: "2026-04" }) { total } }`,
    );
    expect(estimate.data!.estimateBill.total).toBe(detail.total);
  });

  it('applies households, preferential prices, business prices and the rural exemption', async () => {
    const invoices = await invoicesByCode();
    const lines = async (code: string) =>
      (await gql(database.db, f.clerk, INVOICE, { id: invoices.get(code)!.id })).data!.invoice.lines.map(
        (l: { kind: string; quantity: number; unitPrice: number }) => [l.kind, l.quantity, l.unitPrice],
      );
    expect((await lines(cs.h2!.code)).slice(0, 2)).toEqual([
      ['tier', 20, 5_973],
      ['tier', 5, 7_052],
    ]);
    expect((await lines(cs.pref!.code)).slice(0, 3)).toEqual([
      ['tier', 10, 3_600],
      ['tier', 10, 4_500],
      ['tier', 5, 5_600],
    ]);
    expect((await lines(cs.kd!.code))[0]).toEqual(['tier', 30, 22_068]);
    expect(invoices.get(cs.rural!.code)!.environmentFee).toBe(0);
    expect(invoices.get(cs.h25!.code)!.environmentFee).toBe(17_360);
  });

  it('is safe to run twice: the same invoices, replaced in place, never duplicated', async () => {
    const before = await invoicesByCode();
    const again = await startAndWait({ period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0]] } });
    expect(again).toMatchObject({ status: 'DONE', invoiceCount: 5 });
    const after = await invoicesByCode();
    expect([...after.entries()].map(([k, v]) => [k, v.id, v.total])).toEqual(
      [...before.entries()].map(([k, v]) => [k, v.id, v.total]),
    );
    const count = await countInvoices();
    expect(count.n).toBe(count.distinct);
    expect(count.n).toBe(5);
  });

  it('marks the invoice when a reading changes after billing, and recalculates one customer', async () => {
    await enterReadings(database.db, f.clerk, PERIOD, [[cs.h25!.id, 110]]);
    const flagged = (await gql(database.db, f.clerk, INVOICES, { bookId: f.bookIds[0], needs: true })).data!
      .bookInvoices;
    expect(flagged.rows.map((r: { customerCode: string }) => r.customerCode)).toEqual([cs.h25!.code]);
    const r = await gql(database.db, f.clerk, START, {
      input: { period: PERIOD, scope: { kind: 'customer', customerId: cs.h25!.id } },
    });
    expect(r.data!.startBillingRun).toMatchObject({
      status: 'DONE',
      totalCustomers: 1,
      scope: { kind: 'customer', customerId: cs.h25!.id },
    });
    const inv = (await invoicesByCode()).get(cs.h25!.code)!;
    expect(inv).toMatchObject({ consumption: 35, needsRecalculation: false });
    expect(inv.total).toBeGreaterThan(199_635);
    expect((await countInvoices()).n).toBe(5);
  });

  it('bills an anomaly once the supervisor clears it', async () => {
    const [reading] = rowsOf<{ id: number }>(
      await database.db.execute(
        sql`select id from readings where customer_id = ${cs.anomaly!.id} and period = ${PERIOD}`,
      ),
    );
    await gql(database.db, f.clerk, `mutation($ids: [Int!]!) { resolveAnomalies(readingIds: $ids, action: clear) }`, {
      ids: [Number(reading!.id)],
    });
    const run = await startAndWait({ period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0], f.bookIds[1]] } });
    expect(run).toMatchObject({ status: 'DONE', totalCustomers: 10, invoiceCount: 7 });
    expect((await invoicesByCode()).get(cs.anomaly!.code)!.consumption).toBe(200);
    expect((await invoicesByCode(f.bookIds[1])).size).toBe(1);
  });
});

describe('resumable runs', () => {
  it('resumes after a crash from the last chunk written, without duplicates or double counting', async () => {
    const before = await countInvoices();
    const run = await createBillingRun(database.db, f.admin, { period: PERIOD, scope: { kind: 'all' } });
    const crash = executeBillingRun(database.db, run.id, {
      chunkSize: 3,
      onChunk: (p) => {
        if (p.chunk === 1) throw new Error('mất điện');
      },
    });
    await expect(crash).rejects.toThrow('mất điện');
    const failed = (await gql(database.db, f.admin, RUN, { id: run.id })).data!.billingRun;
    expect(failed).toMatchObject({ status: 'FAILED', processedCustomers: 3, error: 'mất điện' });

    const done = await runBillingRunNow(database.db, run.id, { chunkSize: 3 });
    expect(done).toMatchObject({ status: 'done', totalCustomers: 11, processedCustomers: 11, invoiceCount: 8 });
    const after = await countInvoices();
    expect(after.n).toBe(after.distinct);
    expect(after.n).toBe(before.n + 1); // the outsider's book is billed too

    // A process that died mid-run leaves it "running"; start-up picks it up (the advisory lock is free).
    const second = await createBillingRun(database.db, f.admin, { period: PERIOD, scope: { kind: 'all' } });
    await expect(
      executeBillingRun(database.db, second.id, { chunkSize: 4, onChunk: () => Promise.reject(new Error('chết')) }),
    ).rejects.toThrow();
    await database.db.execute(sql`update billing_runs set status = 'running' where id = ${second.id}`);
    expect(await resumeBillingRuns(database.db)).toEqual([second.id]);
    await awaitBillingRun(second.id);
    const resumed = (await gql(database.db, f.admin, RUN, { id: second.id })).data!.billingRun;
    expect(resumed).toMatchObject({ status: 'DONE', processedCustomers: 11, invoiceCount: 8 });
    expect((await countInvoices()).n).toBe(after.n);
  });

  it('never duplicates an invoice when two runs of the period write the same customers at once', async () => {
    await database.db.execute(sql`delete from invoices where period = ${PERIOD}`);
    const book = await createBillingRun(database.db, f.admin, {
      period: PERIOD,
      scope: { kind: 'books', bookIds: [f.bookIds[0]] },
    });
    const one = await createBillingRun(database.db, f.admin, {
      period: PERIOD,
      scope: { kind: 'customer', customerId: cs.h2!.id },
    });
    const all = await createBillingRun(database.db, f.admin, { period: PERIOD, scope: { kind: 'all' } });
    const runs = await Promise.all([
      executeBillingRun(database.db, book.id, { chunkSize: 2 }),
      executeBillingRun(database.db, one.id),
      executeBillingRun(database.db, all.id, { chunkSize: 3 }),
    ]);
    expect(runs.map((r) => r?.status)).toEqual(['done', 'done', 'done']);
    const count = await countInvoices();
    expect(count.n).toBe(count.distinct);
    expect(count.n).toBe(8);
  });

  it('refuses an explicitly locked period', async () => {
    await gql(database.db, f.admin, `mutation($b: Int) { lockPeriod(period: "2026-04", bookId: $b) { isLocked } }`, {
      b: f.bookIds[1],
    });
    const refused = await gql(database.db, f.clerk, START, {
      input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0], f.bookIds[1]] } },
    });
    expect(refused.code).toBe('PERIOD_LOCKED');
    expect(refused.errors[0]!.message).toContain('S02');
    await gql(database.db, f.admin, `mutation($b: Int) { unlockPeriod(period: "2026-04", bookId: $b) }`, {
      b: f.bookIds[1],
    });
  });
});

describe('billing authorization', () => {
  it('refuses every billing query and mutation on books the user does not hold, and changes nothing', async () => {
    const o = f.outsider;
    const [run] = rowsOf<{ id: number }>(
      await database.db.execute(sql`select id from billing_runs where scope->>'kind' = 'books' order by id limit 1`),
    );
    const runId = Number(run!.id);
    const invoiceId = (await invoicesByCode()).get(cs.h25!.code)!.id;
    const snapshot = async () =>
      rowsOf<Record<string, unknown>>(
        await database.db
          .execute(sql`select (select count(*) from invoices)::int as i, (select count(*) from billing_runs)::int as r,
          (select coalesce(sum(total), 0) from invoices)::int8 as t, (select count(*) from billing_run_skips)::int as s`),
      )[0];
    const before = await snapshot();

    const refused = async (query: string, vars: Record<string, unknown> = {}) => {
      const r = await gql(database.db, o, query, vars);
      expect(r.data).toBeNull();
      expect(['FORBIDDEN', 'BOOK_FORBIDDEN', 'NOT_FOUND']).toContain(r.code);
    };
    await refused(START, { input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0]] } } });
    await refused(START, { input: { period: PERIOD, scope: { kind: 'all' } } });
    await refused(START, { input: { period: PERIOD, scope: { kind: 'customer', customerId: cs.h25!.id } } });
    await refused(`mutation($id: Int!) { resumeBillingRun(id: $id) { id } }`, { id: runId });
    await refused(RUN, { id: runId });
    await refused(`query($id: Int!) { billingRunSkips(runId: $id) { total } }`, { id: runId });
    await refused(INVOICES, { bookId: f.bookIds[0] });
    await refused(INVOICE, { id: invoiceId });
    await refused(`query($id: Int!) { customerInvoices(customerId: $id) { id } }`, { id: cs.h25!.id });
    await refused(`query($b: Int!) { billingRuns(bookId: $b) { id } }`, { b: f.bookIds[0] });
    const own = await gql(database.db, o, `query($b: Int!) { billingRuns(bookId: $b) { id scope { kind } } }`, {
      b: f.bookIds[2],
    });
    expect(own.data!.billingRuns).toEqual([]); // the company-wide runs cover book 2 but also books the outsider lacks
    expect(await snapshot()).toEqual(before);

    // The outsider bills their own book, and sees that run.
    const mine = await startAndWait({ period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[2]] } }, o);
    expect(mine).toMatchObject({ status: 'DONE', invoiceCount: 1 });
    const listed = await gql(database.db, o, `query($b: Int!) { billingRuns(bookId: $b) { id } }`, { b: f.bookIds[2] });
    expect(listed.data!.billingRuns).toEqual([{ id: mine.id }]);
  });
});
