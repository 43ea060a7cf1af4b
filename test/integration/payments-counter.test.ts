/**
 * Thu tiền tại quầy (issue 9, part A) through the GraphQL API and the receipt route: the sheet of a book in one
 * statement, a whole book paid in one save, partial and over-payments, the idempotency key (twice, and two saves at
 * once), a bad entry writing nothing, reversal and its rights, a settled collector day, the outsider refused
 * everywhere, and the receipt PDF. Every scenario leaves the ledger's invariants intact.
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userBooks, userPermissions, users } from '@/db/schema/users';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import type { GraphQLContext } from '@/graphql/context';
import { type Actor, loadActor } from '@/services/auth/actor';
import { counterSheet, payAtCounter } from '@/services/payments/counter.service';
import { postPayment } from '@/services/payments/payment.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';
import { extractPdfPages } from '../helpers/pdf-text';
import { createCountedTestDatabase } from '../helpers/statements';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));
const { GET: receiptRoute } = await import('@/app/api/payments/[id]/receipt/route');

let database: Awaited<ReturnType<typeof createCountedTestDatabase>>;
let f: OrgFixture;
/** Holds book 0 with the payments access right there, and the delete right only on the other branch. */
let cashierWithoutDelete: Actor;
const c: Record<'huong' | 'duc' | 'tuyet' | 'draft' | 'other', TestCustomer> = {} as never;
const inv: Record<string, number> = {};

const SHEET = `query($b: Int!, $p: Period!) { counterSheet(bookId: $b, period: $p) {
  bookId period totals { count total amountDue otherDue credit paidCount }
  rows { invoiceId customerId customerCode customerName address sequenceNo period kind status series number total
    amountDue otherDue credit payments { id receiptNumber amount channel paidAt } } } }`;
const PAY = `mutation($input: PayAtCounterInput!) { payAtCounter(input: $input) { replayed total
  entries { invoiceId payment { id receiptNumber customerCode channel status amount allocated credit recordedByName
    holdings { invoiceId period amount } } } } }`;
const REVERSE = `mutation($id: Int!, $reason: String!) { reversePayment(id: $id, reason: $reason) {
  id status amount allocated reversal { reason reversedByName reversedAt } holdings { invoiceId amount } } }`;
const PAYMENT = `query($id: Int!) { payment(id: $id) { id status amount customerName holdings { invoiceId amount } } }`;
const CUSTOMER_PAYMENTS = `query($c: Int!) { customerPayments(customerId: $c) { customerId
  balance { totalDue credit balance } payments { id receiptNumber status amount channel reversal { reason } } } }`;

type SheetRow = { invoiceId: number; customerCode: string; amountDue: number; otherDue: number; credit: number };

async function ok<T = Record<string, any>>(query: string, vars: Record<string, unknown> = {}, actor: Actor = f.clerk) {
  const r = await gql<T>(database.db, actor, query, vars);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

async function sheet(period: string, bookId = f.bookIds[0]) {
  return (await ok(SHEET, { b: bookId, p: period })).counterSheet as {
    totals: Record<string, number>;
    rows: (SheetRow & { payments: { id: number; amount: number; receiptNumber: string }[] })[];
  };
}

const rowOf = async (period: string, invoiceId: number) =>
  (await sheet(period)).rows.find((r) => r.invoiceId === invoiceId)!;

async function counts() {
  const [r] = rowsOf<{ payments: number; allocations: number; reversals: number }>(
    await database.db.execute(sql`select (select count(*) from payments)::int as payments,
      (select count(*) from payment_allocations)::int as allocations,
      (select count(*) from payment_reversals)::int as reversals`),
  );
  return r!;
}

let keySerial = 0;
const newKey = () => `test-key-${Date.now().toString(36)}-${++keySerial}`;

async function pay(entries: { invoiceId: number; amount: number }[], key = newKey(), actor: Actor = f.clerk) {
  return gql(database.db, actor, PAY, {
    input: { bookId: f.bookIds[0], period: '2026-03', idempotencyKey: key, entries },
  });
}

beforeAll(async () => {
  database = await createCountedTestDatabase();
  f = await createOrgFixture(database.db);
  const db = database.db;
  await db.execute(sql`update companies set address = '18 Thanh Niên, Ba Đình, Hà Nội', tax_code = '0108123456',
    words_dialect = 'NORTH'`);
  // Added out of sequence order: the sheet follows the book's sequence.
  c.tuyet = await addCustomer(db, f, { name: 'Lê Thị Ánh Tuyết', sequenceNo: 30 });
  c.huong = await addCustomer(db, f, { name: 'Nguyễn Thị Hương', sequenceNo: 10, address: '5 Hàng Bông' });
  c.duc = await addCustomer(db, f, { name: 'Trần Văn Đức', sequenceNo: 20 });
  c.draft = await addCustomer(db, f, { name: 'Phạm Văn Nháp', sequenceNo: 40 });
  c.other = await addCustomer(db, f, { name: 'Hoàng Văn Sổ Ba', bookId: f.bookIds[2] });
  // 199,635: the Hanoi worked example (water 162,000 + VAT 8,100 + fees 29,535).
  inv.huong03 = await issuedInvoice(db, {
    customerId: c.huong.id,
    period: '2026-03',
    water: 162_000,
    vat: 8_100,
    fees: 29_535,
  });
  inv.huong02 = await issuedInvoice(db, {
    customerId: c.huong.id,
    period: '2026-02',
    water: 80_000,
    vat: 4_000,
    fees: 16_000,
  });
  inv.duc03 = await issuedInvoice(db, {
    customerId: c.duc.id,
    period: '2026-03',
    water: 120_000,
    vat: 6_000,
    fees: 24_000,
  });
  inv.tuyet03 = await issuedInvoice(db, {
    customerId: c.tuyet.id,
    period: '2026-03',
    water: 100_000,
    vat: 5_000,
    fees: 15_000,
  });
  inv.draft03 = await issuedInvoice(db, {
    customerId: c.draft.id,
    period: '2026-03',
    water: 50_000,
    vat: 2_500,
    fees: 0,
  });
  await db.execute(sql`update invoices set status = 'draft', series_id = null, number = null, issued_on = null,
    issued_at = null where id = ${inv.draft03}`);
  inv.other03 = await issuedInvoice(db, {
    customerId: c.other.id,
    period: '2026-03',
    water: 90_000,
    vat: 4_500,
    fees: 0,
  });

  const [u] = await db
    .insert(users)
    .values({ login: 'thungan2', fullName: 'Thu ngân không quyền hủy', passwordHash: 'scrypt$1$1$1$x$x' })
    .returning({ id: users.id });
  await db.insert(userBooks).values({ userId: u!.id, bookId: f.bookIds[0] });
  const perm = { userId: u!.id, group: 'document' as const, object: 'payments', canAccess: true };
  await db.insert(userPermissions).values([
    { ...perm, branchId: f.branchIds[0], canAdd: true, canPrint: true },
    { ...perm, branchId: f.branchIds[1], canDelete: true },
  ]);
  cashierWithoutDelete = (await loadActor(db, u!.id))!;
  current.ctx = { db, actor: f.clerk, ip: '127.0.0.1' } as GraphQLContext;
}, 120_000);
afterAll(async () => database?.close());
afterEach(async () => {
  expect(await ledgerViolations(database.db)).toEqual([]);
});

describe('the counter sheet', () => {
  it('lists the book’s issued invoices of the period in sequence order, in one statement', async () => {
    const { result, count } = await database.counter.measure(() =>
      counterSheet(database.db, f.viewer, { bookId: f.bookIds[0], period: '2026-03' }),
    );
    expect(count).toBe(1);
    // Drafts and other books' customers are not on the sheet.
    expect(result.rows.map((r) => r.customerName)).toEqual(['Nguyễn Thị Hương', 'Trần Văn Đức', 'Lê Thị Ánh Tuyết']);
    const huong = result.rows[0]!;
    expect(huong).toMatchObject({ total: 199_635, amountDue: 199_635, otherDue: 100_000, credit: 0, payments: [] });
    expect(huong.series).toBe('1C26TPT');
    expect(result.totals).toEqual({
      count: 3,
      total: 199_635 + 150_000 + 120_000,
      amountDue: 199_635 + 150_000 + 120_000,
      otherDue: 100_000,
      credit: 0,
      paidCount: 0,
    });
  });

  it('refuses a book without the payments right (the outsider) with BOOK_FORBIDDEN', async () => {
    const r = await gql(database.db, f.outsider, SHEET, { b: f.bookIds[0], p: '2026-03' });
    expect(r.code).toBe('BOOK_FORBIDDEN');
    expect(JSON.stringify(r.data)).not.toContain('Hương');
  });
});

describe('paying at the counter', () => {
  it('pays a whole book in one save: every invoice owes nothing, each row shows its receipt', async () => {
    const before = await counts();
    const rows = (await sheet('2026-03')).rows;
    // Hương pays this month and last month's bill: the excess over the invoice pays the older one.
    const entries = rows.map((r) => ({ invoiceId: r.invoiceId, amount: r.amountDue + r.otherDue }));
    const r = await pay(entries);
    expect(r.errors).toEqual([]);
    const saved = r.data!.payAtCounter;
    expect(saved.replayed).toBe(false);
    expect(saved.total).toBe(199_635 + 100_000 + 150_000 + 120_000);
    expect(saved.entries.map((e: any) => e.invoiceId)).toEqual(entries.map((e) => e.invoiceId));
    const huong = saved.entries[0].payment;
    expect(huong).toMatchObject({
      channel: 'COUNTER',
      status: 'POSTED',
      amount: 299_635,
      allocated: 299_635,
      credit: 0,
    });
    expect(huong.recordedByName).toBe('Người dùng clerk');
    expect(huong.receiptNumber).toMatch(/^PT\d{8}$/);
    // The invoice asked for is paid first, then the older one.
    expect(huong.holdings).toEqual([
      { invoiceId: inv.huong02, period: '2026-02', amount: 100_000 },
      { invoiceId: inv.huong03, period: '2026-03', amount: 199_635 },
    ]);
    expect((await counts()).payments).toBe(before.payments + 3);

    const after = await sheet('2026-03');
    expect(after.rows.map((x) => [x.amountDue, x.otherDue])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(after.totals.paidCount).toBe(3);
    for (const [i, row] of after.rows.entries()) {
      expect(row.payments).toHaveLength(1);
      expect(row.payments[0]!.id).toBe(saved.entries[i].payment.id);
    }
  });

  it('a partial payment leaves the rest due, and the customer’s balance says so', async () => {
    inv.duc04 = await issuedInvoice(database.db, {
      customerId: c.duc.id,
      period: '2026-04',
      water: 120_000,
      vat: 6_000,
      fees: 24_000,
    });
    const r = await pay([{ invoiceId: inv.duc04, amount: 50_000 }]);
    expect(r.errors).toEqual([]);
    expect(r.data!.payAtCounter.entries[0].payment.holdings).toEqual([
      { invoiceId: inv.duc04, period: '2026-04', amount: 50_000 },
    ]);
    expect((await rowOf('2026-04', inv.duc04)).amountDue).toBe(100_000);
    const cp = (await ok(CUSTOMER_PAYMENTS, { c: c.duc.id })).customerPayments;
    expect(cp.balance).toEqual({ totalDue: 100_000, credit: 0, balance: 100_000 });
    expect(cp.payments.map((p: any) => p.amount)).toEqual([50_000, 150_000]);
  });

  it('an overpayment at the counter becomes the customer’s credit', async () => {
    inv.tuyet04 = await issuedInvoice(database.db, {
      customerId: c.tuyet.id,
      period: '2026-04',
      water: 100_000,
      vat: 5_000,
      fees: 15_000,
    });
    const r = await pay([{ invoiceId: inv.tuyet04, amount: 200_000 }]);
    expect(r.errors).toEqual([]);
    expect(r.data!.payAtCounter.entries[0].payment).toMatchObject({
      amount: 200_000,
      allocated: 120_000,
      credit: 80_000,
    });
    expect(await rowOf('2026-04', inv.tuyet04)).toMatchObject({ amountDue: 0, credit: 80_000 });
    const cp = (await ok(CUSTOMER_PAYMENTS, { c: c.tuyet.id })).customerPayments;
    expect(cp.balance).toEqual({ totalDue: 0, credit: 80_000, balance: -80_000 });
  });

  it('skips amounts of 0 and refuses a save with nothing to pay', async () => {
    const r = await pay([{ invoiceId: inv.duc04!, amount: 0 }]);
    expect(r.code).toBe('VALIDATION_FAILED');
  });
});

describe('the idempotency key', () => {
  it('the same key twice writes once and answers the first save', async () => {
    inv.huong05 = await issuedInvoice(database.db, {
      customerId: c.huong.id,
      period: '2026-05',
      water: 80_000,
      vat: 4_000,
      fees: 16_000,
    });
    const key = newKey();
    const entries = [{ invoiceId: inv.huong05, amount: 40_000 }];
    const first = await pay(entries, key);
    expect(first.errors).toEqual([]);
    const before = await counts();
    const again = await pay(entries, key);
    expect(again.errors).toEqual([]);
    expect(again.data!.payAtCounter.replayed).toBe(true);
    expect(again.data!.payAtCounter.entries[0].payment.id).toBe(first.data!.payAtCounter.entries[0].payment.id);
    expect(await counts()).toEqual(before);
    expect((await rowOf('2026-05', inv.huong05)).amountDue).toBe(60_000);
  });

  it('the same key with other entries is IDEMPOTENCY_CONFLICT and writes nothing', async () => {
    const key = newKey();
    expect((await pay([{ invoiceId: inv.huong05!, amount: 10_000 }], key)).errors).toEqual([]);
    const before = await counts();
    const other = await pay([{ invoiceId: inv.huong05!, amount: 20_000 }], key);
    expect(other.code).toBe('IDEMPOTENCY_CONFLICT');
    const more = await pay(
      [
        { invoiceId: inv.huong05!, amount: 10_000 },
        { invoiceId: inv.duc04!, amount: 10_000 },
      ],
      key,
    );
    expect(more.code).toBe('IDEMPOTENCY_CONFLICT');
    // Another invoice under the same key (what a first save never held) is a conflict too.
    const elsewhere = await pay([{ invoiceId: inv.duc04!, amount: 10_000 }], key);
    expect(elsewhere.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('two identical saves at once write once', async () => {
    const key = newKey();
    const entries = [{ invoiceId: inv.huong05!, amount: 5_000 }];
    const before = await counts();
    const [a, b] = await Promise.all([pay(entries, key), pay(entries, key)]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect([a.data!.payAtCounter.replayed, b.data!.payAtCounter.replayed].sort()).toEqual([false, true]);
    expect(a.data!.payAtCounter.entries[0].payment.id).toBe(b.data!.payAtCounter.entries[0].payment.id);
    expect((await counts()).payments).toBe(before.payments + 1);
    expect((await rowOf('2026-05', inv.huong05!)).amountDue).toBe(100_000 - 40_000 - 10_000 - 5_000);
  });
});

describe('a bad entry writes nothing', () => {
  it.each([
    ['a negative amount', -5_000, 'PAYMENT_INVALID_AMOUNT'],
    ['an amount above 100 billion', 100_000_000_001, 'PAYMENT_INVALID_AMOUNT'],
  ])('%s refuses the whole save, naming the entry', async (_name, amount, code) => {
    const before = await counts();
    const r = await pay([
      { invoiceId: inv.huong05!, amount: 1_000 },
      { invoiceId: inv.duc04!, amount },
    ]);
    expect(r.code).toBe(code);
    expect(r.errors[0]!.extensions!.field).toBe('entries.1.amount');
    expect(r.errors[0]!.message).toMatch(/Số tiền/);
    expect(await counts()).toEqual(before);
  });

  it('a fraction of a đồng is refused by the Money scalar', async () => {
    const r = await pay([{ invoiceId: inv.huong05!, amount: 1_000.5 }]);
    expect(r.code).toBe('INVALID_MONEY');
  });

  it('a draft invoice, or another book’s, refuses the whole save', async () => {
    const before = await counts();
    const draft = await pay([
      { invoiceId: inv.huong05!, amount: 1_000 },
      { invoiceId: inv.draft03!, amount: 1_000 },
    ]);
    expect(draft.code).toBe('PAYMENT_INVOICE_NOT_OPEN');
    expect(draft.errors[0]!.extensions!.field).toBe('entries.1.invoiceId');
    const other = await pay([
      { invoiceId: inv.huong05!, amount: 1_000 },
      { invoiceId: inv.other03!, amount: 1_000 },
    ]);
    expect(other.code).toBe('NOT_FOUND');
    expect(other.errors[0]!.message).not.toContain('Hoàng');
    expect(await counts()).toEqual(before);
  });
});

describe('reversal', () => {
  let paymentId = 0;

  it('restores the amount due, with the reason and who reversed', async () => {
    inv.duc05 = await issuedInvoice(database.db, {
      customerId: c.duc.id,
      period: '2026-05',
      water: 120_000,
      vat: 6_000,
      fees: 24_000,
    });
    const r = await pay([{ invoiceId: inv.duc05, amount: 150_000 }]);
    paymentId = r.data!.payAtCounter.entries[0].payment.id;
    expect((await rowOf('2026-05', inv.duc05)).amountDue).toBe(0);
    const reversed = (await ok(REVERSE, { id: paymentId, reason: '  Thu nhầm khách hàng  ' })).reversePayment;
    expect(reversed).toMatchObject({ id: paymentId, status: 'REVERSED', amount: 150_000, allocated: 0, holdings: [] });
    expect(reversed.reversal).toMatchObject({ reason: 'Thu nhầm khách hàng', reversedByName: 'Người dùng clerk' });
    expect((await rowOf('2026-05', inv.duc05)).amountDue).toBe(150_000);
    const again = await gql(database.db, f.clerk, REVERSE, { id: paymentId, reason: 'Lần hai' });
    expect(again.code).toBe('PAYMENT_ALREADY_REVERSED');
  });

  it('needs the delete right on the customer’s book, and a reason', async () => {
    const r = await pay([{ invoiceId: inv.duc05!, amount: 150_000 }]);
    const id = r.data!.payAtCounter.entries[0].payment.id;
    const before = await counts();
    expect((await gql(database.db, f.viewer, REVERSE, { id, reason: 'Không có quyền' })).code).toBe('FORBIDDEN');
    expect((await gql(database.db, cashierWithoutDelete, REVERSE, { id, reason: 'Quyền ở sổ khác' })).code).toBe(
      'BOOK_FORBIDDEN',
    );
    expect((await gql(database.db, f.outsider, REVERSE, { id, reason: 'Người ngoài' })).code).toBe('NOT_FOUND');
    expect((await gql(database.db, f.clerk, REVERSE, { id, reason: ' x ' })).code).toBe('VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
    expect((await ok(PAYMENT, { id })).payment.status).toBe('POSTED');
  });

  it('refuses a collector’s payment of a settled day with PAYMENT_SETTLED', async () => {
    const db = database.db;
    const paidAt = new Date();
    const collected = await db.transaction((tx) =>
      postPayment(tx, {
        customerId: c.tuyet.id,
        amount: 30_000,
        channel: 'collector',
        paidAt,
        recordedBy: f.clerk.userId,
        collectorId: f.clerk.userId,
      }),
    );
    await db.execute(sql`insert into collector_settlements (collector_id, day, recorded, payment_count, handed_in,
      confirmed_by) values (${f.clerk.userId}, ${todayInVietnam(paidAt)}, 30000, 1, 30000, ${f.admin.userId})`);
    const before = await counts();
    const r = await gql(db, f.clerk, REVERSE, { id: collected.payment.id, reason: 'Khách đổi ý' });
    expect(r.code).toBe('PAYMENT_SETTLED');
    expect(await counts()).toEqual(before);
  });
});

describe('the outsider (no right on the book) is refused everywhere', () => {
  it('answers every query and mutation with a refusal and writes nothing', async () => {
    const [any] = rowsOf<{ id: number }>(await database.db.execute(sql`select id from payments order by id limit 1`));
    const id = Number(any!.id);
    const before = await counts();
    const calls: [string, Record<string, unknown>][] = [
      [SHEET, { b: f.bookIds[0], p: '2026-03' }],
      [PAYMENT, { id }],
      [CUSTOMER_PAYMENTS, { c: c.huong.id }],
      [REVERSE, { id, reason: 'Người ngoài hủy' }],
      [
        PAY,
        {
          input: {
            bookId: f.bookIds[0],
            period: '2026-03',
            idempotencyKey: newKey(),
            entries: [{ invoiceId: inv.huong05, amount: 1_000 }],
          },
        },
      ],
      // Their own book as the counter's, with an invoice of a book they lack.
      [
        PAY,
        {
          input: {
            bookId: f.bookIds[2],
            period: '2026-03',
            idempotencyKey: newKey(),
            entries: [{ invoiceId: inv.huong05, amount: 1_000 }],
          },
        },
      ],
    ];
    for (const [query, vars] of calls) {
      const r = await gql(database.db, f.outsider, query, vars);
      expect(['BOOK_FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN']).toContain(r.code);
      expect(JSON.stringify(r)).not.toContain('Hương');
    }
    expect(await counts()).toEqual(before);
    // Their own customer they may pay.
    const own = await gql(database.db, f.outsider, PAY, {
      input: {
        bookId: f.bookIds[2],
        period: '2026-03',
        idempotencyKey: newKey(),
        entries: [{ invoiceId: inv.other03, amount: 94_500 }],
      },
    });
    expect(own.errors).toEqual([]);
  });
});

describe('the receipt (phiếu thu)', () => {
  const get = (id: number | string) =>
    receiptRoute(new Request(`http://test/api/payments/${id}/receipt`), {
      params: Promise.resolve({ id: String(id) }),
    });

  it('is a PDF with the customer’s name, the amount and the amount in words', async () => {
    current.ctx = { db: database.db, actor: f.clerk, ip: '127.0.0.1' } as GraphQLContext;
    const huong = (await sheet('2026-03')).rows[0]!;
    const paymentId = huong.payments[0]!.id;
    const res = await get(paymentId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await extractPdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n');
    expect(text).toContain('PHIẾU THU');
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).toContain(huong.payments[0]!.receiptNumber);
    expect(text).toContain('299.635');
    expect(text).toContain('Hai trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng');
    expect(text).not.toContain('ĐÃ HỦY');
  });

  it('marks a reversed payment’s receipt "ĐÃ HỦY" and still lists what it had paid', async () => {
    current.ctx = { db: database.db, actor: f.clerk, ip: '127.0.0.1' } as GraphQLContext;
    const [reversed] = rowsOf<{ id: number }>(
      await database.db.execute(sql`select payment_id as id from payment_reversals order by payment_id limit 1`),
    );
    const res = await get(Number(reversed!.id));
    expect(res.status).toBe(200);
    const text = (await extractPdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n');
    expect(text).toContain('ĐÃ HỦY');
    expect(text).toContain('150.000');
    expect(text).toContain('Một trăm năm mươi nghìn đồng');
  });

  it('refuses a user without the book (404, like a missing one) and one without the print right (403)', async () => {
    const huong = (await sheet('2026-03')).rows[0]!;
    const id = huong.payments[0]!.id;
    current.ctx = { db: database.db, actor: f.outsider, ip: '127.0.0.1' } as GraphQLContext;
    const outsider = await get(id);
    expect(outsider.status).toBe(404);
    expect(await outsider.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get(999_999)).status).toBe(404);
    current.ctx = { db: database.db, actor: f.viewer, ip: '127.0.0.1' } as GraphQLContext;
    const viewer = await get(id);
    expect(viewer.status).toBe(403);
    current.ctx = { db: database.db, actor: null, ip: '127.0.0.1' } as GraphQLContext;
    expect((await get(id)).status).toBe(401);
  });
});

describe('a 2,000-customer book', () => {
  it('loads in one statement, and many of its rows are paid in one save', async () => {
    const db = database.db;
    const bookId = f.bookIds[1];
    await db.execute(sql`insert into customers (code, book_id, sequence_no, name, address)
      select 'BK' || lpad(g::text, 6, '0'), ${bookId}, g * 10, 'Khách hàng số ' || g, g || ' Phố Huế, Hai Bà Trưng'
      from generate_series(1, 2000) g`);
    const [series] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from invoice_series where invoice_symbol = 'C26TPT'`),
    );
    for (const [period, every] of [
      ['2026-06', 3],
      ['2026-07', 1],
    ] as const) {
      await db.execute(sql`insert into invoices (customer_id, book_id, period, kind, status, consumption, subtotal, vat,
          environment_fee, drainage_fee, drainage_vat, total, series_id, number, issued_on, issued_at, lookup_code)
        select c.id, c.book_id, ${period}, 'regular', 'issued', 10, 100000, 5000, 10000, 0, 0, 115000, ${series!.id},
          ${period === '2026-06' ? 600_000 : 700_000} + c.sequence_no, (${period} || '-28')::date, now(),
          ${period === '2026-06' ? 'BKA' : 'BKB'} || lpad(c.sequence_no::text, 8, '0')
        from customers c where c.book_id = ${bookId} and c.code like 'BK%' and (c.sequence_no / 10) % ${every} = 0`);
    }
    const started = performance.now();
    const { result, count } = await database.counter.measure(() =>
      counterSheet(db, f.clerk, { bookId, period: '2026-07' }),
    );
    const loadMs = performance.now() - started;
    expect(count).toBe(1);
    // A plan that is quadratic in the book (a CTE joined back without statistics) took 12–16 s here.
    expect(loadMs).toBeLessThan(8_000);
    expect(result.rows).toHaveLength(2000);
    expect(result.totals.otherDue).toBe(666 * 115_000);
    console.info(`counterSheet of 2,000 rows: ${loadMs.toFixed(0)} ms, ${count} statement`);

    // "Thu đủ cả sổ": the whole book in one save, one transaction, a constant number of ledger statements.
    const entries = result.rows.map((r) => ({ invoiceId: r.invoiceId, amount: r.amountDue + r.otherDue }));
    const t0 = performance.now();
    const saved = await payAtCounter(db, f.clerk, {
      bookId,
      period: '2026-07',
      idempotencyKey: newKey(),
      entries,
    });
    console.info(`payAtCounter of ${entries.length} entries: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(saved.entries).toHaveLength(2000);
    const after = await counterSheet(db, f.clerk, { bookId, period: '2026-07' });
    expect(after.totals).toMatchObject({ paidCount: 2000, credit: 0, amountDue: 0 });
    expect(after.rows.every((r) => r.amountDue === 0 && r.otherDue === 0)).toBe(true);
    expect(await ledgerViolations(db)).toEqual([]);
  }, 300_000);
});
