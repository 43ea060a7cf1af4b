/**
 * Collectors: book assignment and its rights, the handheld's payment (assignment, rights, idempotent key), a
 * collector's day and its settlement by a cashier, and the lock a settlement puts on the day.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { userBooks, userPermissions, users } from '@/db/schema/users';
import { type Actor, loadActor } from '@/services/auth/actor';
import {
  assignCollectorBooks,
  collectorDay,
  recordCollectorPayment,
  settleCollectorDay,
} from '@/services/payments/collector.service';
import { reversePayment } from '@/services/payments/counter.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
/** Holds books 0 (branch 0) and 2 (branch 1) with the payments add right: may collect on both. */
let collector: Actor;
let a: TestCustomer;
let b: TestCustomer;
let c: TestCustomer;
const invoices: Record<string, number> = {};

const DAY = '2026-05-04';
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+07:00`);

async function amountDue(invoiceId: number): Promise<number> {
  const [r] = rowsOf<{ due: string }>(
    await database.db.execute(sql`select (greatest(water_due, 0) + greatest(vat_due, 0) + greatest(fees_due, 0))
      - (water_paid + vat_paid + fees_paid) as due from invoice_receivables where invoice_id = ${invoiceId}`),
  );
  return r ? Number(r.due) : NaN;
}

async function paymentCount(): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from payments where channel = 'collector'`),
  );
  return Number(r!.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  f = await createOrgFixture(db);
  const [u] = await db
    .insert(users)
    .values({ login: 'thu01', fullName: 'Trần Văn Thu', passwordHash: 'scrypt$1$1$1$x$x' })
    .returning({ id: users.id });
  await db.insert(userBooks).values([
    { userId: u!.id, bookId: f.bookIds[0] },
    { userId: u!.id, bookId: f.bookIds[2] },
  ]);
  for (const branchId of f.branchIds)
    await db.insert(userPermissions).values({
      userId: u!.id,
      branchId,
      group: 'document',
      object: 'payments',
      canAccess: true,
      canAdd: true,
    });
  collector = (await loadActor(db, u!.id))!;
  a = await addCustomer(db, f, { name: 'Nguyễn Thị Hoa' });
  b = await addCustomer(db, f, { name: 'Lê Văn Bình' });
  c = await addCustomer(db, f, { name: 'Phạm Văn Ba', bookId: f.bookIds[2] });
  invoices.a3 = await issuedInvoice(db, {
    customerId: a.id,
    period: '2026-03',
    water: 100_000,
    vat: 5_000,
    fees: 10_000,
  });
  invoices.a4 = await issuedInvoice(db, {
    customerId: a.id,
    period: '2026-04',
    water: 200_000,
    vat: 10_000,
    fees: 20_000,
  });
  invoices.b4 = await issuedInvoice(db, {
    customerId: b.id,
    period: '2026-04',
    water: 80_000,
    vat: 4_000,
    fees: 8_000,
  });
  invoices.c4 = await issuedInvoice(db, {
    customerId: c.id,
    period: '2026-04',
    water: 50_000,
    vat: 2_500,
    fees: 5_000,
  });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('assigning books to collectors', () => {
  it('a user with payments edit assigns the books they may edit; the collector must hold the book', async () => {
    const db = database.db;
    // The collector does not hold book 1: they cannot collect there.
    await expect(
      assignCollectorBooks(db, f.clerk, { collectorId: collector.userId, bookIds: [f.bookIds[1]] }),
    ).rejects.toMatchObject({ code: 'COLLECTOR_CANNOT_COLLECT' });
    // The clerk does not hold book 2.
    await expect(
      assignCollectorBooks(db, f.clerk, { collectorId: collector.userId, bookIds: [f.bookIds[2]] }),
    ).rejects.toMatchObject({ code: 'BOOK_FORBIDDEN' });
    await expect(
      assignCollectorBooks(db, f.outsider, { collectorId: collector.userId, bookIds: [f.bookIds[0]] }),
    ).rejects.toMatchObject({ code: 'BOOK_FORBIDDEN' });

    const own = await assignCollectorBooks(db, f.outsider, { collectorId: collector.userId, bookIds: [f.bookIds[2]] });
    expect(own.map((x) => x.bookId)).toEqual([f.bookIds[2]]);
    const both = await assignCollectorBooks(db, f.clerk, { collectorId: collector.userId, bookIds: [f.bookIds[0]] });
    // The clerk sees only their book; book 2 (beyond their reach) kept its assignment.
    expect(both.map((x) => [x.code, x.canCollect])).toEqual([['S01', true]]);
    const all = await assignCollectorBooks(db, f.admin, {
      collectorId: collector.userId,
      bookIds: [f.bookIds[0], f.bookIds[2]],
    });
    expect(all.map((x) => x.code)).toEqual(['S01', 'S03']);
  });

  it('the GraphQL fields: a viewer (access only) cannot assign; the book’s collectors list shows who may collect', async () => {
    const assign = `mutation($c: Int!, $b: [Int!]!) { assignCollectorBooks(collectorId: $c, bookIds: $b) { bookId } }`;
    const refused = await gql(database.db, f.viewer, assign, { c: collector.userId, b: [f.bookIds[0]] });
    expect(refused.code).toBe('FORBIDDEN');
    const list = await gql(
      database.db,
      f.viewer,
      `query($b: Int!) { bookCollectors(bookId: $b) { userId login fullName isAssigned canCollect } }`,
      { b: f.bookIds[0] },
    );
    expect(list.errors).toEqual([]);
    const rows = list.data!.bookCollectors as { login: string; isAssigned: boolean; canCollect: boolean }[];
    expect(rows.find((r) => r.login === 'thu01')).toMatchObject({ isAssigned: true, canCollect: true });
    // The clerk holds book 0 with every payments right: a possible collector, not assigned.
    expect(rows.find((r) => r.login === 'clerk')).toMatchObject({ isAssigned: false, canCollect: true });
    expect(rows.some((r) => r.login === 'outsider' || r.login === 'admin')).toBe(false);
    const outsider = await gql(database.db, f.outsider, `query($b: Int!) { bookCollectors(bookId: $b) { userId } }`, {
      b: f.bookIds[0],
    });
    expect(outsider.code).toBe('BOOK_FORBIDDEN');
    const books = await gql(database.db, f.outsider, `query($c: Int!) { collectorBooks(collectorId: $c) { code } }`, {
      c: collector.userId,
    });
    expect(books.data!.collectorBooks).toEqual([{ code: 'S03' }]);
  });
});

describe('recording a payment in the field', () => {
  const RECORD = `mutation($input: RecordCollectorPaymentInput!) { recordCollectorPayment(input: $input) {
    replayed paymentId receiptNumber customerId customerCode customerName amount paidAt businessDay credit
    lines { invoiceId period water vat fees amount } } }`;

  it('pays the oldest invoice first, water then VAT then fees, and answers what it paid', async () => {
    const r = await gql(database.db, collector, RECORD, {
      input: {
        customerCode: a.code,
        amount: 150_000,
        paidAt: '2026-05-04T09:00:00+07:00',
        idempotencyKey: 'dev1-0001',
      },
    });
    expect(r.errors).toEqual([]);
    const answer = r.data!.recordCollectorPayment;
    expect(answer).toMatchObject({
      replayed: false,
      customerId: a.id,
      customerCode: a.code,
      customerName: 'Nguyễn Thị Hoa',
      amount: 150_000,
      businessDay: DAY,
      credit: 0,
      lines: [
        { invoiceId: invoices.a3, period: '2026-03', water: 100_000, vat: 5_000, fees: 10_000, amount: 115_000 },
        { invoiceId: invoices.a4, period: '2026-04', water: 35_000, vat: 0, fees: 0, amount: 35_000 },
      ],
    });
    expect(answer.receiptNumber).toBe(`PT${String(answer.paymentId).padStart(8, '0')}`);
    expect(await amountDue(invoices.a3!)).toBe(0);
    expect(await amountDue(invoices.a4!)).toBe(230_000 - 35_000);
    const [row] = rowsOf<{ channel: string; collector_id: number; recorded_by: number; book_id: number }>(
      await database.db.execute(
        sql`select channel, collector_id, recorded_by, book_id from payments where id = ${answer.paymentId}`,
      ),
    );
    expect(row).toMatchObject({ channel: 'collector', collector_id: collector.userId, recorded_by: collector.userId });
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('a resend of the key answers the first answer and writes nothing; another request under it is a conflict', async () => {
    const input = {
      customerCode: a.code,
      amount: 150_000,
      paidAt: '2026-05-04T09:00:00+07:00',
      idempotencyKey: 'dev1-0001',
    };
    const before = await paymentCount();
    const first = rowsOf<{ id: number }>(
      await database.db.execute(sql`select id from payments where idempotency_key like '%:dev1-0001'`),
    );
    const again = await gql(database.db, collector, RECORD, { input });
    expect(again.errors).toEqual([]);
    expect(again.data!.recordCollectorPayment).toMatchObject({
      replayed: true,
      paymentId: Number(first[0]!.id),
      lines: [
        { invoiceId: invoices.a3, amount: 115_000 },
        { invoiceId: invoices.a4, amount: 35_000 },
      ],
    });
    // The same customer by id is the same request.
    const byId = await recordCollectorPayment(database.db, collector, {
      customerId: a.id,
      amount: 150_000,
      paidAt: new Date('2026-05-04T02:00:00Z'),
      idempotencyKey: 'dev1-0001',
    });
    expect(byId.replayed).toBe(true);
    expect(await paymentCount()).toBe(before);
    const other = await gql(database.db, collector, RECORD, { input: { ...input, amount: 160_000 } });
    expect(other.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await paymentCount()).toBe(before);
  });

  it('concurrent resends of one key write one payment and all get its answer', async () => {
    const before = await paymentCount();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        recordCollectorPayment(database.db, collector, {
          customerCode: b.code,
          amount: 40_000,
          paidAt: at('10:30'),
          idempotencyKey: 'dev1-0002',
        }),
      ),
    );
    expect(await paymentCount()).toBe(before + 1);
    expect(new Set(answers.map((x) => x.paymentId)).size).toBe(1);
    expect(answers.filter((x) => !x.replayed)).toHaveLength(1);
    const strip = ({ replayed: _r, ...rest }: (typeof answers)[number]) => rest;
    for (const x of answers) expect(strip(x)).toEqual(strip(answers[0]!));
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('refuses a customer of a book the collector is not assigned to or does not hold, and other users', async () => {
    // The clerk holds book 0 with payments add but is not assigned as a collector.
    await expect(
      recordCollectorPayment(database.db, f.clerk, {
        customerCode: a.code,
        amount: 1000,
        idempotencyKey: 'clerk-0001',
      }),
    ).rejects.toMatchObject({ code: 'COLLECTOR_NOT_ASSIGNED' });
    const outsider = await gql(database.db, f.outsider, RECORD, {
      input: { customerId: a.id, amount: 1000, idempotencyKey: 'outs-0001' },
    });
    expect(outsider.code).toBe('BOOK_FORBIDDEN');
    expect(JSON.stringify(outsider)).not.toContain('Nguyễn Thị Hoa');
    const viewer = await gql(database.db, f.viewer, RECORD, {
      input: { customerId: a.id, amount: 1000, idempotencyKey: 'view-0001' },
    });
    expect(viewer.code).toBe('FORBIDDEN');
    const anonymous = await gql(database.db, null, RECORD, {
      input: { customerId: a.id, amount: 1000, idempotencyKey: 'anon-0001' },
    });
    expect(anonymous.code).toBe('UNAUTHENTICATED');
    // Unassigned from book 2: the collector can no longer take money from its customers.
    await assignCollectorBooks(database.db, f.outsider, { collectorId: collector.userId, bookIds: [] });
    await expect(
      recordCollectorPayment(database.db, collector, { customerId: c.id, amount: 1000, idempotencyKey: 'dev1-0003' }),
    ).rejects.toMatchObject({ code: 'COLLECTOR_NOT_ASSIGNED' });
    await expect(
      recordCollectorPayment(database.db, collector, {
        customerId: a.id,
        amount: 1000,
        idempotencyKey: 'dev1-0004',
        invoiceId: invoices.b4,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    await expect(
      recordCollectorPayment(database.db, collector, {
        customerId: a.id,
        amount: 1000,
        idempotencyKey: 'dev1-0005',
        paidAt: new Date(Date.now() + 3_600_000),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      recordCollectorPayment(database.db, collector, { customerId: a.id, amount: 0, idempotencyKey: 'dev1-0006' }),
    ).rejects.toMatchObject({ code: 'PAYMENT_INVALID_AMOUNT' });
    expect(await paymentCount()).toBe(2);
  });
});

describe('a collector’s day and its settlement', () => {
  const DAY_QUERY = `query($c: Int!, $d: Date!) { collectorDay(collectorId: $c, day: $d) {
    collectorName day recorded paymentCount isSettled
    payments { customerCode amount status } reversed { customerCode amount reversalReason }
    settlement { recorded paymentCount handedIn difference note confirmedByName } } }`;

  it('shows what was recorded, the reversed payments apart', async () => {
    const third = await recordCollectorPayment(database.db, collector, {
      customerCode: b.code,
      amount: 20_000,
      paidAt: at('15:00'),
      idempotencyKey: 'dev1-0007',
    });
    await reversePayment(database.db, f.clerk, { id: third.paymentId, reason: 'Ghi nhầm số tiền' });
    const r = await gql(database.db, f.viewer, DAY_QUERY, { c: collector.userId, d: DAY });
    expect(r.errors).toEqual([]);
    expect(r.data!.collectorDay).toEqual({
      collectorName: 'Trần Văn Thu',
      day: DAY,
      recorded: 190_000,
      paymentCount: 2,
      isSettled: false,
      payments: [
        { customerCode: a.code, amount: 150_000, status: 'POSTED' },
        { customerCode: b.code, amount: 40_000, status: 'POSTED' },
      ],
      reversed: [{ customerCode: b.code, amount: 20_000, reversalReason: 'Ghi nhầm số tiền' }],
      settlement: null,
    });
    const outsider = await gql(database.db, f.outsider, DAY_QUERY, { c: collector.userId, d: DAY });
    expect(outsider.code).toBe('BOOK_FORBIDDEN');
    expect(JSON.stringify(outsider.data)).not.toContain(a.code);
  });

  it('is settled by a cashier, not by the collector, with a note when money is missing', async () => {
    const db = database.db;
    await expect(
      settleCollectorDay(db, collector, { collectorId: collector.userId, day: DAY, handedIn: 190_000 }),
    ).rejects.toMatchObject({ code: 'BOOK_FORBIDDEN' });
    // Even with the right, a collector never confirms their own day.
    await expect(
      settleCollectorDay(db, f.admin, { collectorId: f.admin.userId, day: DAY, handedIn: 0 }),
    ).rejects.toMatchObject({ code: 'COLLECTOR_SELF_SETTLEMENT' });
    await expect(
      settleCollectorDay(db, f.outsider, { collectorId: collector.userId, day: DAY, handedIn: 190_000 }),
    ).rejects.toMatchObject({ code: 'BOOK_FORBIDDEN' });
    await expect(
      settleCollectorDay(db, f.clerk, { collectorId: collector.userId, day: DAY, handedIn: 180_000 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'note' });
    await expect(
      settleCollectorDay(db, f.clerk, { collectorId: collector.userId, day: '2099-01-01', handedIn: 0 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const viewer = await gql(
      db,
      f.viewer,
      `mutation($c: Int!, $d: Date!) { settleCollectorDay(collectorId: $c, day: $d, handedIn: 190000) { isSettled } }`,
      { c: collector.userId, d: DAY },
    );
    expect(viewer.code).toBe('FORBIDDEN');

    const settled = await gql(
      db,
      f.clerk,
      `mutation($c: Int!, $d: Date!) { settleCollectorDay(collectorId: $c, day: $d, handedIn: 180000, note: "Thiếu 10.000 đ, hẹn nộp bù") {
        recorded isSettled settlement { recorded paymentCount handedIn difference note confirmedByName } } }`,
      { c: collector.userId, d: DAY },
    );
    expect(settled.errors).toEqual([]);
    expect(settled.data!.settleCollectorDay).toEqual({
      recorded: 190_000,
      isSettled: true,
      settlement: {
        recorded: 190_000,
        paymentCount: 2,
        handedIn: 180_000,
        difference: -10_000,
        note: 'Thiếu 10.000 đ, hẹn nộp bù',
        confirmedByName: 'Người dùng clerk',
      },
    });
    await expect(
      settleCollectorDay(db, f.admin, { collectorId: collector.userId, day: DAY, handedIn: 190_000 }),
    ).rejects.toMatchObject({ code: 'PAYMENT_SETTLED' });
  });

  it('locks the day: no new payment, no reversal; a resend of an earlier key still gets its first answer', async () => {
    const db = database.db;
    const before = await paymentCount();
    await expect(
      recordCollectorPayment(db, collector, {
        customerCode: b.code,
        amount: 10_000,
        paidAt: at('17:00'),
        idempotencyKey: 'dev1-0008',
      }),
    ).rejects.toMatchObject({ code: 'PAYMENT_SETTLED' });
    const [posted] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from payments where collector_id = ${collector.userId}
        and business_day = ${DAY} and status = 'posted' order by id limit 1`),
    );
    await expect(reversePayment(db, f.clerk, { id: Number(posted!.id), reason: 'Thử hủy' })).rejects.toMatchObject({
      code: 'PAYMENT_SETTLED',
    });
    const resend = await recordCollectorPayment(db, collector, {
      customerCode: b.code,
      amount: 40_000,
      paidAt: at('10:30'),
      idempotencyKey: 'dev1-0002',
    });
    expect(resend.replayed).toBe(true);
    expect(await paymentCount()).toBe(before);
    // The next day is open.
    const next = await recordCollectorPayment(db, collector, {
      customerCode: b.code,
      amount: 10_000,
      paidAt: at('08:00', '2026-05-05'),
      idempotencyKey: 'dev1-0009',
    });
    expect(next).toMatchObject({ replayed: false, businessDay: '2026-05-05' });
    const day = await collectorDay(db, f.clerk, { collectorId: collector.userId, day: DAY });
    expect(day.settlement).toMatchObject({ recorded: 190_000, handedIn: 180_000, difference: -10_000 });
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('a settlement racing the collector’s payments confirms exactly the payments that got in before it', async () => {
    const day = '2026-05-06';
    const results = await Promise.allSettled([
      ...[1, 2, 3].map((i) =>
        recordCollectorPayment(database.db, collector, {
          customerCode: i % 2 ? a.code : b.code,
          amount: 1_000 * i,
          paidAt: at(`0${i}:00`, day),
          idempotencyKey: `race-000${i}`,
        }),
      ),
      settleCollectorDay(database.db, f.clerk, {
        collectorId: collector.userId,
        day,
        handedIn: 0,
        note: 'Đối chiếu khi đang thu',
      }),
      ...[4, 5, 6].map((i) =>
        recordCollectorPayment(database.db, collector, {
          customerCode: i % 2 ? a.code : b.code,
          amount: 1_000 * i,
          paidAt: at(`0${i}:00`, day),
          idempotencyKey: `race-000${i}`,
        }),
      ),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'PAYMENT_SETTLED' });
    const [ledger] = rowsOf<{ n: number; total: string }>(
      await database.db.execute(sql`select count(*)::int as n, coalesce(sum(amount), 0) as total from payments
        where collector_id = ${collector.userId} and business_day = ${day} and status = 'posted'`),
    );
    const view = await collectorDay(database.db, f.clerk, { collectorId: collector.userId, day });
    expect(view.settlement).toMatchObject({ paymentCount: Number(ledger!.n), recorded: Number(ledger!.total) });
    expect(Number(ledger!.n) + refused.length).toBe(6);
  });

  it('a reversal racing the settlement is either counted out (it came first) or refused (it came second)', async () => {
    for (const day of ['2026-05-10', '2026-05-11', '2026-05-12', '2026-05-13']) {
      const first = await recordCollectorPayment(database.db, collector, {
        customerCode: a.code,
        amount: 3_000,
        paidAt: at('08:00', day),
        idempotencyKey: `rev-race-${day}-1`,
      });
      await recordCollectorPayment(database.db, collector, {
        customerCode: b.code,
        amount: 4_000,
        paidAt: at('09:00', day),
        idempotencyKey: `rev-race-${day}-2`,
      });
      const [reversal, settlement] = await Promise.allSettled([
        reversePayment(database.db, f.clerk, { id: first.paymentId, reason: 'Thu nhầm khách' }),
        settleCollectorDay(database.db, f.clerk, {
          collectorId: collector.userId,
          day,
          handedIn: 4_000,
          note: 'Đối chiếu khi đang hủy',
        }),
      ]);
      expect(settlement.status).toBe('fulfilled');
      const settled = (settlement as PromiseFulfilledResult<Awaited<ReturnType<typeof settleCollectorDay>>>).value;
      if (reversal.status === 'fulfilled')
        expect(settled.settlement).toMatchObject({ recorded: 4_000, paymentCount: 1 });
      else {
        expect(reversal.reason).toMatchObject({ code: 'PAYMENT_SETTLED' });
        expect(settled.settlement).toMatchObject({ recorded: 7_000, paymentCount: 2 });
      }
      const [ledger] = rowsOf<{ total: string }>(
        await database.db.execute(sql`select coalesce(sum(amount), 0) as total from payments
          where collector_id = ${collector.userId} and business_day = ${day} and status = 'posted'`),
      );
      expect(settled.settlement!.recorded).toBe(Number(ledger!.total));
    }
    expect(await ledgerViolations(database.db)).toEqual([]);
  });

  it('a day without payments is settled by a cashier of one of the collector’s books', async () => {
    const empty = await settleCollectorDay(database.db, f.clerk, {
      collectorId: collector.userId,
      day: '2026-05-03',
      handedIn: 0,
    });
    expect(empty).toMatchObject({ recorded: 0, paymentCount: 0, settlement: { recorded: 0, difference: 0 } });
    await expect(
      collectorDay(database.db, f.outsider, { collectorId: collector.userId, day: '2026-05-03' }),
    ).rejects.toMatchObject({ code: 'BOOK_FORBIDDEN' });
  });
});
