import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { checkCrc, emvValue } from '@/domain/invoices/vietqr';
import { awaitBillingRun } from '@/jobs/billing-runs';
import { invoiceDocumentsByIds, loadInvoiceSettings } from '@/services/invoices/invoice-documents.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { customerBalance, postPayment } from '@/services/payments/payment.service';
import { ledgerViolations } from '../helpers/payment-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
const PERIOD = '2026-03';
const YEAR = Number(todayInVietnam(new Date()).slice(0, 4));
const SYMBOL = `C${String(YEAR % 100).padStart(2, '0')}TAA`;
const SERIES = `1${SYMBOL}`;
const book0: TestCustomer[] = [];
const book1: TestCustomer[] = [];

async function ok<T = Record<string, any>>(query: string, vars: Record<string, unknown> = {}, actor = f.clerk) {
  const r = await gql<T>(database.db, actor, query, vars);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

const ISSUE = `mutation($input: IssueInvoicesInput!) { issueInvoices(input: $input) { issued blocked series firstNumber lastNumber } }`;
const INVOICE = `query($id: Int!) { invoice(id: $id) {
  id kind status series number issuedOn lookupCode total amountDue totalInWords vietQr customerCode sequenceNo
  cancelReason correctionReason relatedInvoiceId needsRecalculation chain { id kind status number } } }`;

async function invoiceOf(customerId: number, kind = 'REGULAR') {
  const list = await ok(`query($id: Int!) { customerInvoices(customerId: $id) { id kind period } }`, {
    id: customerId,
  });
  const found = (list.customerInvoices as { id: number; kind: string; period: string }[]).find(
    (i) => i.kind === kind && i.period === PERIOD,
  );
  if (!found) throw new Error(`no ${kind} invoice for customer ${customerId}`);
  return (await ok(INVOICE, { id: found.id })).invoice;
}

async function issuedNumbers(): Promise<number[]> {
  return rowsOf<{ number: number }>(
    await database.db.execute(sql`select number from invoices where number is not null order by number`),
  ).map((r) => Number(r.number));
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  await database.db.execute(
    sql`update companies set bank_bin = '970415', bank_account = '113000123456', bank_name = 'VietinBank'`,
  );
  // Added out of sequence order on purpose: numbers must follow the book's sequence, not insertion.
  for (const seq of [30, 10, 20]) book0.push(await addCustomer(database.db, f, { sequenceNo: seq }));
  for (const seq of [10, 20]) book1.push(await addCustomer(database.db, f, { bookId: f.bookIds[1], sequenceNo: seq }));
  await enterReadings(database.db, f.admin, PERIOD, [
    ...book0.map((c, i) => [c.id, 12 + i] as const),
    ...book1.map((c, i) => [c.id, 20 + i] as const),
  ]);
  const run = await ok(`mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id } }`, {
    input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0], f.bookIds[1]] } },
  });
  await awaitBillingRun(run.startBillingRun.id);
}, 120_000);
afterAll(async () => database?.close());

describe('invoice series', () => {
  it('refuses to issue before a default series of the year is declared, issuing nothing', async () => {
    const r = await gql(database.db, f.clerk, ISSUE, { input: { period: PERIOD, bookIds: [f.bookIds[0]] } });
    expect(r.code).toBe('NO_INVOICE_SERIES');
    expect(await issuedNumbers()).toEqual([]);
  });

  it('refuses a malformed symbol with a Vietnamese message, and a clerk without the catalog right', async () => {
    const bad = await gql(
      database.db,
      f.admin,
      `mutation($i: InvoiceSeriesInput!) { createInvoiceSeries(input: $i) { id } }`,
      {
        i: { templateSymbol: '1', invoiceSymbol: 'X26TAA', isDefault: true, active: true },
      },
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.errors[0]!.message).toMatch(/C .*hoặc K/);
    const clerk = await gql(
      database.db,
      f.clerk,
      `mutation($i: InvoiceSeriesInput!) { createInvoiceSeries(input: $i) { id } }`,
      {
        i: { templateSymbol: '1', invoiceSymbol: SYMBOL, isDefault: true, active: true },
      },
    );
    expect(clerk.code).toBe('FORBIDDEN');
  });

  it('is declared by an admin as the default of its year', async () => {
    const r = await ok(
      `mutation($i: InvoiceSeriesInput!) { createInvoiceSeries(input: $i) { series year isDefault lastNumber } }`,
      { i: { templateSymbol: '1', invoiceSymbol: SYMBOL, isDefault: true, active: true } },
      f.admin,
    );
    expect(r.createInvoiceSeries).toEqual({ series: SERIES, year: YEAR, isDefault: true, lastNumber: 0 });
  });
});

describe('issuing', () => {
  it('refuses a user without the invoices right on the book, and one without the book, issuing nothing', async () => {
    const viewer = await gql(database.db, f.viewer, ISSUE, { input: { period: PERIOD, bookIds: [f.bookIds[0]] } });
    expect(viewer.code).toBe('FORBIDDEN');
    const outsider = await gql(database.db, f.outsider, ISSUE, { input: { period: PERIOD, bookIds: [f.bookIds[0]] } });
    expect(outsider.code).toBe('BOOK_FORBIDDEN');
    expect(await issuedNumbers()).toEqual([]);
  });

  it('numbers a book’s drafts 1, 2, 3 in sequence order, with date, lookup code, words and VietQR', async () => {
    const r = await ok(ISSUE, { input: { period: PERIOD, bookIds: [f.bookIds[0]] } });
    expect(r.issueInvoices).toEqual({ issued: 3, blocked: 0, series: SERIES, firstNumber: 1, lastNumber: 3 });
    const bySeq = await Promise.all(book0.map((c) => invoiceOf(c.id)));
    bySeq.sort((a, b) => a.sequenceNo - b.sequenceNo);
    expect(bySeq.map((i) => [i.sequenceNo, i.number, i.status, i.series])).toEqual([
      [10, 1, 'ISSUED', SERIES],
      [20, 2, 'ISSUED', SERIES],
      [30, 3, 'ISSUED', SERIES],
    ]);
    const first = bySeq[0]!;
    expect(first.issuedOn).toBe(todayInVietnam(new Date()));
    expect(first.lookupCode).toMatch(/^[0-9A-F]{16}$/);
    expect(first.amountDue).toBe(first.total);
    expect(first.totalInWords).toMatch(/^[A-ZĐ].* đồng$/);
    expect(checkCrc(first.vietQr)).toBe(true);
    expect(emvValue(first.vietQr, '54')).toBe(String(first.total));
    expect(emvValue(first.vietQr, '62', '08')).toBe(`TN ${first.customerCode} 202603`);
  });

  it('keeps the seller an issued invoice was numbered with when the company is edited later; drafts print the new one', async () => {
    const [before] = rowsOf<{ name: string; address: string | null }>(
      await database.db.execute(sql`select name, address from companies order by id limit 1`),
    );
    const settings = () => loadInvoiceSettings(database.db);
    const issuedId = (await invoiceOf(book0[0]!.id)).id as number;
    const draftId = (await invoiceOf(book1[0]!.id)).id as number;
    await database.db.execute(
      sql`update companies set name = 'Công ty Cổ phần Nước sạch Đổi Tên', address = '1 Phố Mới'`,
    );
    try {
      const [issued, draft] = await invoiceDocumentsByIds(database.db, await settings(), [issuedId, draftId]);
      expect(issued!.seller.name).toBe(before!.name);
      expect(issued!.seller.address).toBe(before!.address ?? '');
      expect(draft!.status).toBe('DRAFT');
      expect(draft!.seller.name).toBe('Công ty Cổ phần Nước sạch Đổi Tên');
      expect(draft!.seller.address).toBe('1 Phố Mới');
      const versions = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from company_profile_versions`),
      );
      expect(Number(versions[0]!.n)).toBe(1);
    } finally {
      await database.db.execute(sql`update companies set name = ${before!.name}, address = ${before!.address}`);
    }
  });

  it('issues nothing more when the same book is issued again (a double click)', async () => {
    const again = await ok(ISSUE, { input: { period: PERIOD, bookIds: [f.bookIds[0]] } });
    expect(again.issueInvoices.issued).toBe(0);
    expect(await issuedNumbers()).toEqual([1, 2, 3]);
  });

  it('leaves a draft that needs recalculation as a draft, and numbers the rest without a gap', async () => {
    const blocked = await invoiceOf(book1[0]!.id);
    await database.db.execute(sql`update invoices set needs_recalculation = true where id = ${blocked.id}`);
    const r = await ok(ISSUE, { input: { period: PERIOD, bookIds: [f.bookIds[1]] } });
    expect(r.issueInvoices).toEqual({ issued: 1, blocked: 1, series: SERIES, firstNumber: 4, lastNumber: 4 });
    expect((await invoiceOf(book1[0]!.id)).status).toBe('DRAFT');
    expect(await issuedNumbers()).toEqual([1, 2, 3, 4]);
  });

  it('lists by series and number, and never another book’s invoice', async () => {
    const q = `query($filter: InvoiceFilter!) { invoices(filter: $filter) { rows { number customerId } pageInfo { hasNextPage } } }`;
    const byNumber = await ok(q, { filter: { series: SERIES, number: 2 } });
    expect(byNumber.invoices.rows).toHaveLength(1);
    expect(byNumber.invoices.rows[0].number).toBe(2);
    const outsider = await ok(q, { filter: { series: SERIES } }, f.outsider);
    expect(outsider.invoices.rows).toEqual([]);
  });

  it('pages a company-wide list with a cursor: no row twice, none left out', async () => {
    const q = `query($filter: InvoiceFilter!, $after: String) { invoices(filter: $filter, first: 2, after: $after) {
      rows { id } pageInfo { hasNextPage endCursor } } }`;
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: Record<string, any> = await ok(q, { filter: { period: PERIOD }, after });
      seen.push(...r.invoices.rows.map((x: { id: number }) => x.id));
      if (!r.invoices.pageInfo.hasNextPage) break;
      after = r.invoices.pageInfo.endCursor;
    }
    const all = rowsOf<{ id: number }>(
      await database.db.execute(sql`select id from invoices where period = ${PERIOD} order by id desc`),
    ).map((x) => Number(x.id));
    expect(seen).toEqual(all);
  });
});

describe('cancelling and correcting', () => {
  const CANCEL = `mutation($id: Int!, $reason: String!) { cancelInvoice(id: $id, reason: $reason) { id status cancelReason amountDue } }`;
  const REPLACE = `mutation($input: CorrectInvoiceInput!) { replaceInvoice(input: $input) { id kind status number series relatedInvoiceId correctionReason total amountDue } }`;
  const ADJUST = `mutation($input: CorrectInvoiceInput!) { adjustInvoice(input: $input) { id kind status number relatedInvoiceId total amountDue } }`;

  it('cancels an issued invoice with its reason; it owes nothing and keeps its number', async () => {
    const inv = await invoiceOf(book0[1]!.id);
    const noReason = await gql(database.db, f.clerk, CANCEL, { id: inv.id, reason: ' ' });
    expect(noReason.code).toBe('VALIDATION_FAILED');
    const outsider = await gql(database.db, f.outsider, CANCEL, { id: inv.id, reason: 'Sai chỉ số' });
    expect(outsider.code).toBe('NOT_FOUND'); // another book's invoice reads like a missing one
    const viewer = await gql(database.db, f.viewer, CANCEL, { id: inv.id, reason: 'Sai chỉ số' });
    expect(viewer.code).toBe('FORBIDDEN');
    expect((await invoiceOf(book0[1]!.id)).status).toBe('ISSUED');

    const r = await ok(CANCEL, { id: inv.id, reason: 'Khách hàng đã chuyển đi trước kỳ' });
    expect(r.cancelInvoice).toEqual({
      id: inv.id,
      status: 'CANCELLED',
      cancelReason: 'Khách hàng đã chuyển đi trước kỳ',
      amountDue: 0,
    });
    expect((await invoiceOf(book0[1]!.id)).number).toBe(inv.number);
    const twice = await gql(database.db, f.clerk, CANCEL, { id: inv.id, reason: 'Lần hai' });
    expect(twice.code).toBe('INVOICE_NOT_CANCELLABLE');
  });

  it('replaces an invoice after a corrected reading: the next number, the original REPLACED and owing nothing', async () => {
    const c = book0[2]!;
    const original = await invoiceOf(c.id);
    await enterReadings(database.db, f.admin, PERIOD, [[c.id, 40]]);
    expect((await invoiceOf(c.id)).needsRecalculation).toBe(true);
    const r = await ok(REPLACE, { input: { id: original.id, reason: 'Ghi sai chỉ số mới' } });
    const next = Math.max(...(await issuedNumbers()));
    expect(r.replaceInvoice).toMatchObject({
      kind: 'REPLACEMENT',
      status: 'ISSUED',
      number: next,
      series: SERIES,
      relatedInvoiceId: original.id,
      correctionReason: 'Ghi sai chỉ số mới',
    });
    expect(r.replaceInvoice.total).toBeGreaterThan(original.total);
    expect(r.replaceInvoice.amountDue).toBe(r.replaceInvoice.total);
    const after = await invoiceOf(c.id);
    expect(after).toMatchObject({ status: 'REPLACED', amountDue: 0, needsRecalculation: false });
    expect(after.chain.map((x: { id: number }) => x.id)).toEqual([original.id, r.replaceInvoice.id]);
    const again = await gql(database.db, f.clerk, REPLACE, { input: { id: original.id, reason: 'Lần hai' } });
    expect(again.code).toBe('INVOICE_NOT_CORRECTABLE');
  });

  it('adjusts by the difference; the original owes its total plus the adjustment; nothing to adjust twice', async () => {
    const c = book0[0]!;
    const original = await invoiceOf(c.id);
    const same = await gql(database.db, f.clerk, ADJUST, { input: { id: original.id, reason: 'Kiểm tra lại' } });
    expect(same.code).toBe('NOTHING_TO_ADJUST');
    await enterReadings(database.db, f.admin, PERIOD, [[c.id, 5]]);
    const r = await ok(ADJUST, { input: { id: original.id, reason: 'Đồng hồ chạy sai, kiểm định lại' } });
    expect(r.adjustInvoice).toMatchObject({
      kind: 'ADJUSTMENT',
      status: 'ISSUED',
      relatedInvoiceId: original.id,
      amountDue: 0,
    });
    expect(r.adjustInvoice.total).toBeLessThan(0);
    const after = await invoiceOf(c.id);
    expect(after.status).toBe('ADJUSTED');
    expect(after.amountDue).toBe(original.total + r.adjustInvoice.total);
    const again = await gql(database.db, f.clerk, ADJUST, { input: { id: original.id, reason: 'Lần hai' } });
    expect(again.code).toBe('NOTHING_TO_ADJUST');
  });

  it('moves a payment on the original to its replacement, and frees it as credit when the replacement is cancelled', async () => {
    const issued = [];
    for (const x of book1) if ((await invoiceOf(x.id)).status === 'ISSUED') issued.push(x);
    const c = issued[0]!;
    const original = await invoiceOf(c.id);
    const paid = Math.floor(original.total / 2);
    await database.db.transaction((tx) =>
      postPayment(tx, {
        customerId: c.id,
        amount: paid,
        channel: 'counter',
        paidAt: new Date(),
        recordedBy: f.clerk.userId,
      }),
    );
    expect((await invoiceOf(c.id)).amountDue).toBe(original.total - paid);
    await enterReadings(database.db, f.admin, PERIOD, [[c.id, 40]]);
    const r = await ok(REPLACE, { input: { id: original.id, reason: 'Ghi sai chỉ số mới' } });
    expect(r.replaceInvoice.amountDue).toBe(r.replaceInvoice.total - paid);
    expect((await invoiceOf(c.id)).amountDue).toBe(0);
    await ok(CANCEL, { id: r.replaceInvoice.id, reason: 'Khách hàng khiếu nại, chờ kiểm tra' });
    expect(await customerBalance(database.db, c.id)).toMatchObject({ totalDue: 0, credit: paid });
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('keeps every number of the series used exactly once, 1 to N', async () => {
    const numbers = await issuedNumbers();
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    const [series] = rowsOf<{ last_number: number }>(
      await database.db.execute(sql`select last_number from invoice_series where invoice_symbol = ${SYMBOL}`),
    );
    expect(Number(series!.last_number)).toBe(numbers.length);
  });
});

describe('numbering under concurrency', () => {
  it('parallel issuers over several books and periods leave no gap and no duplicate (checked in SQL)', async () => {
    // Synthetic drafts for 12 past periods of every customer of books 0 and 1: 60 drafts in 24 (book, period) pairs.
    const customers = [...book0, ...book1];
    const periods = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    for (const period of periods)
      await database.db.execute(sql`
        insert into invoices (customer_id, book_id, period, kind, status, consumption, subtotal, vat, environment_fee,
          drainage_fee, drainage_vat, total)
        select c.id, c.book_id, ${period}, 'regular', 'draft', 10, 100000, 5000, 10000, 0, 0, 115000
        from customers c where c.id = any(${`{${customers.map((c) => c.id).join(',')}}`}::int4[])`);
    const before = await issuedNumbers();
    const calls = periods.flatMap((period) => [
      issueInvoices(database.db, f.admin, { period, bookIds: [f.bookIds[0]] }),
      issueInvoices(database.db, f.admin, { period, bookIds: [f.bookIds[1]] }),
      issueInvoices(database.db, f.admin, { period, bookIds: [f.bookIds[1], f.bookIds[0]] }),
    ]);
    const results = await Promise.all(calls);
    expect(results.reduce((a, r) => a + r.issued, 0)).toBe(60);
    const [check] = rowsOf<{ n: number; distinct_n: number; lo: number; hi: number; out_of_date_order: number }>(
      await database.db.execute(sql`
        select count(*)::int4 as n, count(distinct number)::int4 as distinct_n, min(number) as lo, max(number) as hi,
          (select count(*)::int4 from (
            select issued_on < lag(issued_on) over (order by number) as bad from invoices where series_id is not null
          ) x where bad) as out_of_date_order
        from invoices where series_id is not null`),
    );
    expect(check).toEqual({
      n: before.length + 60,
      distinct_n: before.length + 60,
      lo: 1,
      hi: before.length + 60,
      out_of_date_order: 0,
    });
  });
});
