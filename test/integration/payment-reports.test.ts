/**
 * The payment reports against known invoices and payments: debt by book, route and age (edges included, checked
 * against the pure bucket rule), collections by channel, collector and day with a reversal on a later day, a
 * collector's settlement sheet; the rows a user sees follow the books they hold with the report right; the PDF and
 * Excel files carry the same figures.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userPermissions, users } from '@/db/schema/users';
import { rowsOf } from '@/db/sql';
import { debtAgeBucket, debtAgeDays, emptyDebtAgeAmounts } from '@/domain/payments/debt-age';
import type { DebtReportRow } from '@/domain/payments/payment-reports';
import type { GraphQLContext } from '@/graphql/context';
import { loadActor, type Actor } from '@/services/auth/actor';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { moveCustomers } from '@/services/customers/book.service';
import { postPayment, reversePaymentInTx, type NewPayment } from '@/services/payments/payment.service';
import { collectionReport, collectorSettlementSheet } from '@/services/reports/collections.service';
import { debtReport } from '@/services/reports/debt.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';
import { extractPdfPages } from '../helpers/pdf-text';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const { GET: debtFile } = await import('@/app/api/reports/debt/route');
const { GET: collectionsFile } = await import('@/app/api/reports/collections/route');
const { GET: settlementFile } = await import('@/app/api/reports/collector-settlement/route');

const AS_OF = '2026-06-30';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
/** Reloaded with report rights: clerk every report right on branch 0, viewer access only, outsider on branch 1. */
let clerk: Actor;
let viewer: Actor;
let outsider: Actor;
/** A user with the payments document rights but no report right. */
let noReports: Actor;
let collectorId: number;
const c: Record<'a' | 'b' | 'c' | 'd', TestCustomer> = {} as never;
/** Every invoice with its issue date and what it still owes after the payments below (0 = paid). */
const open: { customer: 'a' | 'b' | 'c' | 'd'; issuedOn: string; owes: number }[] = [];

async function invoice(
  customer: 'a' | 'b' | 'c' | 'd',
  period: string,
  issuedOn: string,
  water: number,
  owes: number,
): Promise<number> {
  const vat = water / 20;
  const id = await issuedInvoice(database.db, { customerId: c[customer].id, period, water, vat, fees: vat });
  // The fixture dates invoices on the 28th of their period; a report of ages needs chosen issue dates.
  await database.db.execute(sql`update invoices set issued_on = ${issuedOn}::date where id = ${id}`);
  open.push({ customer, issuedOn, owes });
  return id;
}

async function pay(customer: 'a' | 'b' | 'c' | 'd', amount: number, at: string, rest: Partial<NewPayment>) {
  const { payment } = await database.db.transaction((tx) =>
    postPayment(tx, {
      customerId: c[customer].id,
      amount,
      channel: 'counter',
      paidAt: new Date(`${at}+07:00`),
      ...rest,
    }),
  );
  return payment.id;
}

async function grantReports(userId: number, branchId: number, rights: { print: boolean; export: boolean }) {
  for (const object of ['debtReport', 'collectionReport'])
    await database.db.insert(userPermissions).values({
      userId,
      branchId,
      group: 'report',
      object,
      canAccess: true,
      canPrint: rights.print,
      canExport: rights.export,
    });
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  const db = database.db;
  await grantReports(f.clerk.userId, f.branchIds[0], { print: true, export: true });
  await grantReports(f.viewer.userId, f.branchIds[0], { print: false, export: false });
  await grantReports(f.outsider.userId, f.branchIds[1], { print: true, export: true });
  clerk = (await loadActor(db, f.clerk.userId))!;
  viewer = (await loadActor(db, f.viewer.userId))!;
  outsider = (await loadActor(db, f.outsider.userId))!;
  const [u] = await db
    .insert(users)
    .values([
      { login: 'thungan1', fullName: 'Trần Văn Thu', passwordHash: 'scrypt$1$1$1$x$x' },
      { login: 'khongbaocao', fullName: 'Không báo cáo', passwordHash: 'scrypt$1$1$1$x$x' },
    ])
    .returning({ id: users.id });
  collectorId = u!.id;
  const [other] = rowsOf<{ id: number }>(await db.execute(sql`select id from users where login = 'khongbaocao'`));
  await db.execute(sql`insert into user_books (user_id, book_id) values (${other!.id}, ${f.bookIds[0]})`);
  await db.execute(sql`insert into user_permissions (user_id, branch_id, "group", object, can_access, can_print)
    values (${other!.id}, ${f.branchIds[0]}, 'document', 'payments', true, true)`);
  noReports = (await loadActor(db, other!.id))!;
  const [partner] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into partners (code, name, secret_ciphertext) values ('BAO_CAO', 'Ngân hàng Báo Cáo', 'x')
      returning id`),
  );

  c.a = await addCustomer(db, f, { name: 'Nguyễn Văn An' });
  c.b = await addCustomer(db, f, { name: 'Lê Thị Bình' });
  c.c = await addCustomer(db, f, { name: 'Phạm Văn Cường', bookId: f.bookIds[1] });
  c.d = await addCustomer(db, f, { name: 'Hoàng Thị Dung', bookId: f.bookIds[2] });

  // Ages to 30 June: A1 91 days, A2 31, A3 30; B1 61, B2 60, B3 issued after; C1 90, C2 0; D1 15.
  await invoice('a', '2026-02', '2026-03-31', 100_000, 40_000);
  await invoice('a', '2026-04', '2026-05-30', 200_000, 220_000);
  await invoice('a', '2026-05', '2026-05-31', 300_000, 330_000);
  await invoice('b', '2026-03', '2026-04-30', 50_000, 30_000);
  await invoice('b', '2026-04', '2026-05-01', 60_000, 66_000);
  await invoice('b', '2026-06', '2026-07-01', 70_000, 77_000);
  await invoice('c', '2026-01', '2026-04-01', 80_000, 80_000);
  await invoice('c', '2026-06', '2026-06-30', 90_000, 99_000);
  await invoice('d', '2026-05', '2026-06-15', 40_000, 40_000);

  // Oldest period first: A's payments go to A1, B's first to B1, C's to C1, D's to D1.
  await pay('a', 60_000, '2026-06-10T09:00:00', { channel: 'counter', recordedBy: f.clerk.userId });
  await pay('a', 10_000, '2026-06-20T10:00:00', {
    channel: 'partner',
    partnerId: partner!.id,
    externalId: 'GD-1',
    requestFingerprint: 'f'.repeat(64),
  });
  await pay('b', 25_000, '2026-06-12T08:30:00', { channel: 'collector', collectorId });
  const wrong = await pay('b', 66_000, '2026-06-12T15:45:00', { channel: 'collector', collectorId });
  await pay('c', 8_000, '2026-06-20T11:00:00', {
    channel: 'bank_transfer',
    externalId: 'FT-1',
    bankAccount: '1130001',
  });
  await pay('d', 4_000, '2026-06-12T09:00:00', { channel: 'counter', recordedBy: f.outsider.userId });
  await db.transaction((tx) => reversePaymentInTx(tx, wrong, { reason: 'Thu nhầm khách', reversedBy: f.admin.userId }));
  // The reversal is written "now"; the report places it by its own day, so it is dated the day after the payment.
  await db.execute(
    sql`update payment_reversals set reversed_at = '2026-06-13T09:00:00+07:00' where payment_id = ${wrong}`,
  );
  await db.execute(sql`insert into collector_settlements (collector_id, day, recorded, payment_count, handed_in, note,
      confirmed_by, confirmed_at)
    values (${collectorId}, '2026-06-12', 25000, 1, 20000, 'Thiếu 5.000 đồng', ${f.clerk.userId}, '2026-06-12T17:00:00+07:00')`);
  expect(await ledgerViolations(db)).toEqual([]);
}, 120_000);
afterAll(async () => database?.close());

/** What the debt report must show, computed from the fixture with the pure age rule. */
function expectedDebt(asOf: string, customers: readonly ('a' | 'b' | 'c' | 'd')[]) {
  const out = { ...emptyDebtAgeAmounts(), total: 0, invoices: 0 };
  for (const inv of open) {
    if (!customers.includes(inv.customer) || inv.owes === 0) continue;
    const age = debtAgeDays(inv.issuedOn, asOf);
    if (age < 0) continue;
    out[debtAgeBucket(age)] += inv.owes;
    out.total += inv.owes;
    out.invoices += 1;
  }
  return out;
}

const pick = (row: DebtReportRow | undefined) =>
  row && {
    days0To30: row.days0To30,
    days31To60: row.days31To60,
    days61To90: row.days61To90,
    over90Days: row.over90Days,
    total: row.total,
    invoices: row.invoices,
  };

describe('debt report', () => {
  it('sums each book’s open amounts by age, as of a day', async () => {
    const r = await debtReport(database.db, f.admin, { asOf: AS_OF, groupBy: 'book' });
    expect(r.rows.map((x) => [x.code, x.parentCode, x.customers])).toEqual([
      ['S01', 'T1', 2],
      ['S02', 'T1', 1],
      ['S03', 'T2', 1],
    ]);
    expect(r.rows[0]).toMatchObject({
      days0To30: 330_000,
      days31To60: 286_000,
      days61To90: 30_000,
      over90Days: 40_000,
      total: 686_000,
      invoices: 5,
    });
    expect(r.rows[1]).toMatchObject({ days0To30: 99_000, days61To90: 80_000, total: 179_000, invoices: 2 });
    expect(r.rows[2]).toMatchObject({ days0To30: 40_000, total: 40_000, invoices: 1 });
    expect(r.totals).toMatchObject({ customers: 4, invoices: 8, total: 905_000, over90Days: 40_000 });
    expect(pick(r.rows[0])).toEqual(expectedDebt(AS_OF, ['a', 'b']));
  });

  it('groups by route, with the branch', async () => {
    const r = await debtReport(database.db, f.admin, { asOf: AS_OF, groupBy: 'route' });
    expect(r.rows.map((x) => [x.code, x.parentCode])).toEqual([
      ['T1', 'CN1'],
      ['T2', 'CN2'],
    ]);
    expect(r.rows[0]).toMatchObject({
      customers: 3,
      invoices: 7,
      days0To30: 429_000,
      days31To60: 286_000,
      days61To90: 110_000,
      over90Days: 40_000,
      total: 865_000,
    });
  });

  it('buckets the edges 30/31, 60/61, 90/91 in SQL as the pure rule does, and leaves out later invoices', async () => {
    // Each as-of day moves one of the fixture's invoices across an edge (or brings B3 in on 1 July).
    for (const asOf of ['2026-06-29', '2026-06-30', '2026-07-01', '2026-07-02', '2026-07-31', '2026-08-01']) {
      const r = await debtReport(database.db, f.admin, { asOf, groupBy: 'route' });
      const t1 = r.rows.find((x) => x.code === 'T1');
      expect([asOf, pick(t1)]).toEqual([asOf, expectedDebt(asOf, ['a', 'b', 'c'])]);
    }
    const june29 = await debtReport(database.db, f.admin, { asOf: '2026-06-29', groupBy: 'book' });
    // C2 (issued 30 June) is not yet a debt on the 29th.
    expect(june29.rows.find((x) => x.code === 'S02')).toMatchObject({ invoices: 1, days61To90: 80_000 });
    const july1 = await debtReport(database.db, f.admin, { asOf: '2026-07-01', groupBy: 'book' });
    // On 1 July: A3 is 31 days old, B2 61, C1 91, and B3 (issued that day) is new debt.
    expect(july1.rows.find((x) => x.code === 'S01')).toMatchObject({
      days0To30: 77_000,
      days31To60: 220_000 + 330_000,
      days61To90: 66_000 + 30_000,
      over90Days: 40_000,
    });
    expect(july1.rows.find((x) => x.code === 'S02')).toMatchObject({ days0To30: 99_000, over90Days: 80_000 });
  });

  it('shows a user only the books they hold with the report right', async () => {
    const mine = await debtReport(database.db, clerk, { asOf: AS_OF, groupBy: 'book' });
    expect(mine.rows.map((x) => x.code)).toEqual(['S01', 'S02']);
    expect(mine.totals.total).toBe(686_000 + 179_000);
    const theirs = await debtReport(database.db, outsider, { asOf: AS_OF, groupBy: 'route' });
    expect(theirs.rows.map((x) => [x.code, x.total])).toEqual([['T2', 40_000]]);
    const viewed = await debtReport(database.db, viewer, { asOf: AS_OF, groupBy: 'book' });
    expect(viewed.rows.map((x) => x.code)).toEqual(['S01']);
    await expect(debtReport(database.db, noReports, { asOf: AS_OF, groupBy: 'book' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // The viewer may look but not print or export.
    await expect(debtReport(database.db, viewer, { asOf: AS_OF, groupBy: 'book' }, 'print')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('answers over GraphQL with the same figures and refuses a user without the report right', async () => {
    const query = `query($asOf: Date) { debtReport(asOf: $asOf, groupBy: BOOK) { asOf groupBy
      rows { id code name parentCode customers invoices days0To30 days31To60 days61To90 over90Days total }
      totals { customers invoices days0To30 days31To60 days61To90 over90Days total } } }`;
    const r = await gql(database.db, clerk, query, { asOf: AS_OF });
    expect(r.errors).toEqual([]);
    expect(r.data!.debtReport.groupBy).toBe('BOOK');
    expect(r.data!.debtReport.rows.map((x: { code: string; total: number }) => [x.code, x.total])).toEqual([
      ['S01', 686_000],
      ['S02', 179_000],
    ]);
    expect(r.data!.debtReport.totals).toMatchObject({ customers: 3, invoices: 7, total: 865_000 });
    expect((await gql(database.db, noReports, query, { asOf: AS_OF })).code).toBe('FORBIDDEN');
    expect((await gql(database.db, null, query, { asOf: AS_OF })).code).toBe('UNAUTHENTICATED');
  });
});

describe('collections report', () => {
  const JUNE = { from: '2026-06-01', to: '2026-06-30' };

  it('sums payments and reversals by channel, in channel order', async () => {
    const r = await collectionReport(database.db, f.admin, { ...JUNE, groupBy: 'channel' });
    expect(
      r.rows.map((x) => [
        x.key,
        x.label,
        x.paymentCount,
        x.paymentAmount,
        x.reversalCount,
        x.reversalAmount,
        x.netAmount,
      ]),
    ).toEqual([
      ['counter', 'Tại quầy', 2, 64_000, 0, 0, 64_000],
      ['collector', 'Thu ngân viên', 2, 91_000, 1, 66_000, 25_000],
      ['partner', 'Đối tác thu hộ', 1, 10_000, 0, 0, 10_000],
      ['bank_transfer', 'Chuyển khoản', 1, 8_000, 0, 0, 8_000],
    ]);
    expect(r.totals).toEqual({
      paymentCount: 6,
      paymentAmount: 173_000,
      reversalCount: 1,
      reversalAmount: 66_000,
      netAmount: 107_000,
    });
  });

  it('by collector: the collector, then the money no collector took', async () => {
    const r = await collectionReport(database.db, clerk, { ...JUNE, groupBy: 'collector' });
    expect(r.rows.map((x) => [x.key, x.label, x.paymentCount, x.paymentAmount, x.reversalAmount, x.netAmount])).toEqual(
      [
        [String(collectorId), 'Trần Văn Thu (thungan1)', 2, 91_000, 66_000, 25_000],
        ['', 'Không qua thu ngân viên (quầy, đối tác, chuyển khoản)', 3, 78_000, 0, 78_000],
      ],
    );
  });

  it('by day: every day of the range, the reversal on the day it was made', async () => {
    const r = await collectionReport(database.db, clerk, { ...JUNE, groupBy: 'day' });
    expect(r.rows).toHaveLength(30);
    const busy = r.rows.filter((x) => x.paymentCount > 0 || x.reversalCount > 0);
    expect(busy.map((x) => [x.key, x.label, x.paymentCount, x.paymentAmount, x.reversalAmount, x.netAmount])).toEqual([
      ['2026-06-10', '10/06/2026', 1, 60_000, 0, 60_000],
      ['2026-06-12', '12/06/2026', 2, 91_000, 0, 91_000],
      ['2026-06-13', '13/06/2026', 0, 0, 66_000, -66_000],
      ['2026-06-20', '20/06/2026', 2, 18_000, 0, 18_000],
    ]);
    expect(r.totals.netAmount).toBe(103_000);
    // A day already handed in keeps its figures: the 12th alone still shows both payments, the 13th the reversal.
    const twelfth = await collectionReport(database.db, clerk, {
      from: '2026-06-12',
      to: '2026-06-12',
      groupBy: 'channel',
    });
    expect(twelfth.totals).toMatchObject({ paymentAmount: 91_000, reversalAmount: 0 });
    const thirteenth = await collectionReport(database.db, clerk, {
      from: '2026-06-13',
      to: '2026-06-13',
      groupBy: 'channel',
    });
    expect(thirteenth.rows).toEqual([
      expect.objectContaining({ key: 'collector', paymentCount: 0, reversalCount: 1, netAmount: -66_000 }),
    ]);
  });

  it('shows a user only the payments of customers in their books', async () => {
    const theirs = await collectionReport(database.db, outsider, { ...JUNE, groupBy: 'channel' });
    expect(theirs.rows.map((x) => [x.key, x.paymentAmount])).toEqual([['counter', 4_000]]);
    const viewed = await collectionReport(database.db, viewer, { ...JUNE, groupBy: 'channel' });
    expect(viewed.totals).toMatchObject({ paymentCount: 4, paymentAmount: 161_000, netAmount: 95_000 });
  });

  it('refuses a reversed or too long range', async () => {
    await expect(
      collectionReport(database.db, clerk, { from: '2026-06-30', to: '2026-06-01', groupBy: 'day' }),
    ).rejects.toMatchObject({ code: 'INVALID_DATE_RANGE' });
    await expect(
      collectionReport(database.db, clerk, { from: '2025-01-01', to: '2026-06-01', groupBy: 'day' }),
    ).rejects.toMatchObject({ code: 'INVALID_DATE_RANGE' });
    const r = await gql(
      database.db,
      clerk,
      `{ collectionReport(from: "2026-06-30", to: "2026-06-01", groupBy: DAY) { from } }`,
    );
    expect(r.code).toBe('INVALID_DATE_RANGE');
  });
});

describe('collector settlement sheet', () => {
  it('lists the day’s payments, the reversed one apart, and the settlement', async () => {
    const sheet = await collectorSettlementSheet(database.db, clerk, { collectorId, day: '2026-06-12' });
    expect(sheet.collector).toEqual({ id: collectorId, login: 'thungan1', fullName: 'Trần Văn Thu' });
    expect(sheet.payments.map((p) => [p.customerCode, p.bookCode, p.amount, p.reversed, p.reversalReason])).toEqual([
      [c.b.code, 'S01', 25_000, false, null],
      [c.b.code, 'S01', 66_000, true, 'Thu nhầm khách'],
    ]);
    expect(sheet.payments[0]!.receiptNumber).toMatch(/^PT\d{8}$/);
    expect(sheet).toMatchObject({ recorded: 25_000, paymentCount: 1, reversedCount: 1, reversedAmount: 66_000 });
    expect(sheet.settlement).toMatchObject({
      recorded: 25_000,
      handedIn: 20_000,
      difference: -5_000,
      note: 'Thiếu 5.000 đồng',
      confirmedBy: 'Người dùng clerk',
    });
    const quiet = await collectorSettlementSheet(database.db, clerk, { collectorId, day: '2026-06-13' });
    expect(quiet).toMatchObject({ payments: [], recorded: 0, settlement: null });
  });

  it('is refused to a user who does not see every payment of it', async () => {
    await expect(
      collectorSettlementSheet(database.db, outsider, { collectorId, day: '2026-06-12' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      collectorSettlementSheet(database.db, noReports, { collectorId, day: '2026-06-12' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      collectorSettlementSheet(database.db, clerk, { collectorId: 999_999, day: '2026-06-12' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await gql(
      database.db,
      clerk,
      `query($id: Int!) { collectorSettlementSheet(collectorId: $id, day: "2026-06-12") {
        collector { fullName } recorded paymentCount reversedAmount payments { receiptNumber amount reversed }
        settlement { handedIn difference confirmedBy } } }`,
      { id: collectorId },
    );
    expect(r.errors).toEqual([]);
    expect(r.data!.collectorSettlementSheet.settlement).toEqual({
      handedIn: 20_000,
      difference: -5_000,
      confirmedBy: 'Người dùng clerk',
    });
  });
});

describe('report files', () => {
  const as = (actor: Actor | null) => {
    current.ctx = { db: database.db, actor, ip: '127.0.0.1' } as GraphQLContext;
  };
  const call = (handler: (r: Request) => Promise<Response>, path: string) => handler(new Request(`http://test${path}`));
  const pdfText = async (res: Response) => (await extractPdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n');
  const sheetOf = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  it('the debt report as PDF carries the figures of the clerk’s books only', async () => {
    as(clerk);
    const res = await call(debtFile, `/api/reports/debt?asOf=${AS_OF}&groupBy=book&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('cong-no-theo-so-2026-06-30.pdf');
    const text = await pdfText(res);
    expect(text).toContain('BÁO CÁO CÔNG NỢ THEO SỔ ĐỌC VÀ TUỔI NỢ');
    expect(text).toContain('Tính đến ngày 30/06/2026');
    expect(text).toContain('Trên 90 ngày');
    for (const figure of ['686.000', '330.000', '286.000', '179.000', '865.000']) expect(text).toContain(figure);
    expect(text).toContain('S02');
    expect(text).not.toContain('S03');
  });

  it('the debt report as Excel reads back with the same numbers', async () => {
    as(clerk);
    const res = await call(debtFile, `/api/reports/debt?asOf=${AS_OF}&groupBy=route&format=xlsx`);
    expect(res.status).toBe(200);
    const rows = await sheetOf(res);
    const t1 = rows.find((r) => r[0] === 'T1');
    expect(t1).toEqual(['T1', 'Tuyến 1', 'CN1', 3, 7, 429_000, 286_000, 110_000, 40_000, 865_000]);
    expect(rows.find((r) => r[0] === 'Tổng cộng')?.slice(3)).toEqual([
      3, 7, 429_000, 286_000, 110_000, 40_000, 865_000,
    ]);
    expect(rows.some((r) => r[0] === 'T2')).toBe(false);
  });

  it('collections as PDF and Excel; the settlement sheet as PDF and Excel', async () => {
    as(clerk);
    const pdf = await call(collectionsFile, '/api/reports/collections?from=2026-06-01&to=2026-06-30&groupBy=day');
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf);
    expect(text).toContain('TỔNG HỢP THU TIỀN THEO NGÀY');
    for (const figure of ['13/06/2026', '-66.000', '169.000', '103.000']) expect(text).toContain(figure);
    const xlsx = await call(
      collectionsFile,
      '/api/reports/collections?from=2026-06-01&to=2026-06-30&groupBy=channel&format=xlsx',
    );
    const rows = await sheetOf(xlsx);
    expect(rows.find((r) => r[0] === 'Thu ngân viên')).toEqual(['Thu ngân viên', 2, 91_000, 1, 66_000, 25_000]);
    expect(rows.find((r) => r[0] === 'Tổng cộng')).toEqual(['Tổng cộng', 5, 169_000, 1, 66_000, 103_000]);

    const sheetPdf = await call(
      settlementFile,
      `/api/reports/collector-settlement?collectorId=${collectorId}&day=2026-06-12`,
    );
    expect(sheetPdf.status).toBe(200);
    const sheetText = await pdfText(sheetPdf);
    expect(sheetText).toContain('BẢNG QUYẾT TOÁN THU NGÂN VIÊN');
    expect(sheetText).toContain('Trần Văn Thu');
    for (const figure of ['25.000', '66.000', '20.000', '-5.000', 'Đã hủy']) expect(sheetText).toContain(figure);
    const sheetXlsx = await call(
      settlementFile,
      `/api/reports/collector-settlement?collectorId=${collectorId}&day=2026-06-12&format=xlsx`,
    );
    const sheetRows = await sheetOf(sheetXlsx);
    expect(sheetRows.filter((r) => r[3] === c.b.code).map((r) => r[6])).toEqual([25_000, 66_000]);
    expect(sheetRows.find((r) => r[4] === 'Chênh lệch (nộp − sổ sách)')?.[6]).toBe(-5_000);
  });

  it('refuses the signed-out, users without the print or export right, and bad parameters', async () => {
    as(null);
    expect((await call(debtFile, '/api/reports/debt')).status).toBe(401);
    as(viewer);
    const refused = await call(debtFile, '/api/reports/debt?format=pdf');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await call(collectionsFile, '/api/reports/collections?from=2026-06-01&to=2026-06-30&format=xlsx')).status,
    ).toBe(403);
    as(noReports);
    expect(
      (await call(settlementFile, `/api/reports/collector-settlement?collectorId=${collectorId}&day=2026-06-12`))
        .status,
    ).toBe(403);
    as(outsider);
    expect(
      (await call(settlementFile, `/api/reports/collector-settlement?collectorId=${collectorId}&day=2026-06-12`))
        .status,
    ).toBe(403);
    const outsiders = await sheetOf(await call(debtFile, `/api/reports/debt?asOf=${AS_OF}&format=xlsx`));
    expect(outsiders.map((r) => r[0])).not.toContain('S01');
    expect(outsiders.find((r) => r[0] === 'S03')?.[9]).toBe(40_000);
    as(clerk);
    expect((await call(debtFile, '/api/reports/debt?format=doc')).status).toBe(400);
    expect((await call(debtFile, '/api/reports/debt?asOf=2026-02-30')).status).toBe(400);
    expect((await call(collectionsFile, '/api/reports/collections?from=2026-06-01')).status).toBe(400);
    expect((await call(collectionsFile, '/api/reports/collections?from=2026-06-30&to=2026-06-01')).status).toBe(400);
    expect(
      (await call(settlementFile, '/api/reports/collector-settlement?collectorId=abc&day=2026-06-12')).status,
    ).toBe(404);
  });
});

describe('authorization follows the customer’s current book', () => {
  it('a moved customer’s debt and payments move to the new book’s holders', async () => {
    expect(await moveCustomers(database.db, f.admin, { customerIds: [c.b.id], targetBookId: f.bookIds[2] })).toBe(1);
    const mine = await debtReport(database.db, clerk, { asOf: AS_OF, groupBy: 'book' });
    expect(mine.rows.find((x) => x.code === 'S01')).toMatchObject({ customers: 1, total: 40_000 + 220_000 + 330_000 });
    const theirs = await debtReport(database.db, outsider, { asOf: AS_OF, groupBy: 'book' });
    expect(theirs.rows.find((x) => x.code === 'S03')).toMatchObject({ customers: 2, total: 40_000 + 30_000 + 66_000 });
    const collected = await collectionReport(database.db, outsider, {
      from: '2026-06-01',
      to: '2026-06-30',
      groupBy: 'channel',
    });
    expect(collected.rows.find((x) => x.key === 'collector')).toMatchObject({
      paymentAmount: 91_000,
      reversalAmount: 66_000,
    });
    // The collector's sheet of the 12th now belongs to book S03's holder.
    await expect(
      collectorSettlementSheet(database.db, clerk, { collectorId, day: '2026-06-12' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const sheet = await collectorSettlementSheet(database.db, outsider, { collectorId, day: '2026-06-12' });
    expect(sheet.payments.map((p) => p.bookCode)).toEqual(['S03', 'S03']);
    expect(await ledgerViolations(database.db)).toEqual([]);
  });
});

describe('the debt is what the invoices still ask', () => {
  it('an adjusted invoice owes its total plus its adjustments; every book agrees with AMOUNT_DUE', async () => {
    const db = database.db;
    const original = await issuedInvoice(db, {
      customerId: c.c.id,
      period: '2025-11',
      water: 100_000,
      vat: 5_000,
      fees: 5_000,
    });
    const adjustment = await issuedInvoice(db, {
      customerId: c.c.id,
      period: '2025-12',
      water: 10_000,
      vat: 500,
      fees: 500,
    });
    await db.execute(sql`update invoices set issued_on = '2026-05-15' where id = ${original}`);
    // An adjustment (kind and link set directly: the correction flow has its own tests) raising the original by 11,000.
    await db.execute(sql`update invoices set kind = 'adjustment', related_invoice_id = ${original},
      correction_reason = 'Điều chỉnh tăng', issued_on = '2026-06-01' where id = ${adjustment}`);
    await db.execute(sql`update invoices set status = 'adjusted' where id = ${original}`);
    const r = await debtReport(db, f.admin, { asOf: AS_OF, groupBy: 'book' });
    expect(r.rows.find((x) => x.code === 'S02')).toMatchObject({
      invoices: 3,
      days31To60: 121_000,
      total: 179_000 + 121_000,
    });
    const canonical = rowsOf<{ code: string; total: number }>(
      await db.execute(sql`select b.code, sum(d.due) as total from (
          select c.book_id, ${AMOUNT_DUE} as due from invoices i join customers c on c.id = i.customer_id
          where i.issued_on <= ${AS_OF}::date) d
        join reading_books b on b.id = d.book_id where d.due > 0 group by b.code order by b.code`),
    ).map((x) => [String(x.code), Number(x.total)]);
    expect(r.rows.map((x) => [x.code, x.total])).toEqual(canonical);
  });
});
