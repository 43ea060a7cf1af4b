/**
 * Thu tiền tại quầy (SPEC §5): a book's issued invoices of a period in sequence order, a whole screen of amounts
 * saved as one transaction (one payment per invoice), reversal with a reason, and a customer's payments.
 * Rights follow the customer's current book (customers.book_id) through the `payments` object.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { COUNTER_MAX_ENTRIES, IDEMPOTENCY_KEY_RE, reversalReasonSchema } from '@/schemas/payments-counter';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { AppError, notFound, pgErrorCode } from '@/services/errors';
import { lockLedger } from './ledger';
import {
  assertPaymentAmount,
  customerBalance,
  postPayments,
  receiptNumber,
  reversePaymentInTx,
} from './payment.service';
import { type PaymentView, paymentViews, paymentViewsByIds } from './payment-view';

type Row = Record<string, unknown>;

const bookForbidden = () => new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền thu tiền trên sổ đọc này.');

// ---------------------------------------------------------------- the sheet

/** A payment holding money on a row's invoice (what it holds there, not its whole amount). */
export interface CounterRowPayment {
  id: number;
  receiptNumber: string;
  amount: number;
  channel: string;
  paidAt: string;
}

export interface CounterRow {
  invoiceId: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  address: string;
  sequenceNo: number;
  period: string;
  kind: string;
  status: string;
  series: string | null;
  number: number | null;
  total: number;
  /** What the invoice still asks. */
  amountDue: number;
  /** What the customer's open invoices of earlier periods still ask. */
  otherDue: number;
  /** Money of the customer's payments not on any invoice yet. */
  credit: number;
  payments: CounterRowPayment[];
}

export interface CounterSheet {
  bookId: number;
  period: string;
  rows: CounterRow[];
  totals: { count: number; total: number; amountDue: number; otherDue: number; credit: number; paidCount: number };
}

/** Invoices that can owe money: issued or adjusted, an adjustment being owed through the invoice it adjusts. */
const OPEN_KINDS = sql`i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'`;

function parsedJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/**
 * The book's invoices of the period that can be paid, with each customer's older debt, credit and the payments on
 * the invoice, in ONE statement (a 2,000-customer book loads in one round trip).
 */
export async function counterSheet(
  db: DbOrTx,
  actor: Actor,
  input: { bookId: number; period: string },
): Promise<CounterSheet> {
  if (!canOnBook(actor, input.bookId, 'payments', 'access')) throw bookForbidden();
  // Per-row subqueries rather than CTE aggregates: each is an index lookup by customer or invoice, so the plan stays
  // linear in the book's size even before the planner has statistics (a CTE joined back was estimated at one row and
  // planned as a nested loop over every invoice: seconds for 2,000 rows on a fresh database).
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select i.id as invoice_id, i.customer_id, c.code as customer_code, c.name as customer_name, c.address,
        c.sequence_no, i.period, i.kind, i.status, s.template_symbol || s.invoice_symbol as series, i.number, i.total,
        ${AMOUNT_DUE} as amount_due,
        (select coalesce(sum(${AMOUNT_DUE}), 0)::int8 from invoices i
          where i.customer_id = c.id and i.period < ${input.period} and ${OPEN_KINDS}) as other_due,
        (select coalesce(sum(p.amount - p.allocated), 0)::int8 from payments p
          where p.customer_id = c.id and p.allocated < p.amount and p.status = 'posted') as credit,
        -- The payment's columns by scalar subqueries (always its primary key), never a join the planner could hash.
        (select coalesce(json_agg(json_build_object('id', h.payment_id, 'amount', h.amount,
            'channel', (select p.channel from payments p where p.id = h.payment_id),
            'paidAt', (select p.paid_at from payments p where p.id = h.payment_id)) order by h.payment_id), '[]'::json)
          from (select a.payment_id, sum(a.amount)::int8 as amount from payment_allocations a
            where a.invoice_id = i.id group by a.payment_id having sum(a.amount) > 0) h) as payments
      from invoices i join customers c on c.id = i.customer_id left join invoice_series s on s.id = i.series_id
      where c.book_id = ${input.bookId} and i.period = ${input.period} and ${OPEN_KINDS}
      order by c.sequence_no, i.kind, i.id`),
  );
  const list: CounterRow[] = rows.map((r) => ({
    invoiceId: Number(r.invoice_id),
    customerId: Number(r.customer_id),
    customerCode: String(r.customer_code),
    customerName: String(r.customer_name),
    address: String(r.address),
    sequenceNo: Number(r.sequence_no),
    period: String(r.period),
    kind: String(r.kind),
    status: String(r.status),
    series: r.series == null ? null : String(r.series),
    number: r.number == null ? null : Number(r.number),
    total: Number(r.total),
    amountDue: Number(r.amount_due),
    otherDue: Number(r.other_due),
    credit: Number(r.credit),
    payments: parsedJson<{ id: number; amount: number; channel: string; paidAt: string }[]>(r.payments).map((p) => ({
      id: Number(p.id),
      receiptNumber: receiptNumber(Number(p.id)),
      amount: Number(p.amount),
      channel: String(p.channel),
      paidAt: new Date(p.paidAt).toISOString(),
    })),
  }));
  // A customer with two invoices of the period (a bill and a back-bill) counts its older debt and credit once.
  const seen = new Set<number>();
  const totals = { count: list.length, total: 0, amountDue: 0, otherDue: 0, credit: 0, paidCount: 0 };
  for (const r of list) {
    totals.total += r.total;
    totals.amountDue += r.amountDue;
    if (r.amountDue <= 0) totals.paidCount++;
    if (seen.has(r.customerId)) continue;
    seen.add(r.customerId);
    totals.otherDue += r.otherDue;
    totals.credit += r.credit;
  }
  return { bookId: input.bookId, period: input.period, rows: list, totals };
}

// ---------------------------------------------------------------- saving

interface CounterEntry {
  invoiceId: number;
  amount: number;
}

export interface CounterSaveResult {
  /** True when the key was saved before: nothing was written, the first save's payments are answered. */
  replayed: boolean;
  total: number;
  entries: { invoiceId: number; payment: PaymentView }[];
}

/** Each payment of a save carries `${key}:${invoiceId}`: unique, so one save of a key writes each invoice once. */
const entryKey = (key: string, invoiceId: number) => `${key}:${invoiceId}`;

/**
 * The payments already written under `key`: every one of an invoice asked for now (by its exact key, any day), and
 * any other counter payment of the key from today or yesterday (a retry comes within minutes; the window keeps the
 * prefix search on the business-day index instead of the whole table).
 */
async function paymentsOfKey(
  db: DbOrTx,
  key: string,
  invoiceIds: readonly number[],
): Promise<{ id: number; invoiceId: number; amount: number }[]> {
  const exact = invoiceIds.map((id) => entryKey(key, id));
  const since = todayInVietnam(new Date(Date.now() - 86_400_000));
  const rows = rowsOf<Row>(
    await db.execute(sql`select id, amount, idempotency_key from payments
      where idempotency_key = any(${pgArray(exact)}::text[])
      union
      select id, amount, idempotency_key from payments
      where business_day >= ${since} and channel = 'counter' and starts_with(idempotency_key, ${`${key}:`})`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    amount: Number(r.amount),
    invoiceId: Number(String(r.idempotency_key).slice(key.length + 1)),
  }));
}

/** The answer to a key saved before: the same entries get the first save's payments; others are a conflict. */
async function replayOf(
  db: DbOrTx,
  actor: Actor,
  key: string,
  wanted: readonly CounterEntry[],
): Promise<CounterSaveResult | null> {
  const found = await paymentsOfKey(
    db,
    key,
    wanted.map((e) => e.invoiceId),
  );
  if (found.length === 0) return null;
  const byInvoice = new Map(found.map((p) => [p.invoiceId, p]));
  const same = found.length === wanted.length && wanted.every((e) => byInvoice.get(e.invoiceId)?.amount === e.amount);
  if (!same)
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'Lần thu này đã được lưu trước đó với số liệu khác. Tải lại sổ để xem các khoản đã thu rồi nhập lại.',
      { field: 'idempotencyKey' },
    );
  const views = await paymentViewsByIds(
    db,
    found.map((p) => p.id),
  );
  // A replay answers only what the caller may still see (a customer may have moved to a book they lack).
  if (views.some((v) => !canOnBook(actor, v.customerBookId, 'payments', 'access'))) throw notFound('hóa đơn');
  const byId = new Map(views.map((v) => [v.id, v]));
  return {
    replayed: true,
    total: wanted.reduce((s, e) => s + e.amount, 0),
    entries: wanted.map((e) => ({ invoiceId: e.invoiceId, payment: byId.get(byInvoice.get(e.invoiceId)!.id)! })),
  };
}

/** Checks the request before any database work; answers the entries that carry money, in the order given. */
function checkedEntries(actor: Actor, input: PayAtCounterInput): CounterEntry[] {
  if (!IDEMPOTENCY_KEY_RE.test(input.idempotencyKey))
    throw new AppError('VALIDATION_FAILED', 'Mã chống gửi trùng không hợp lệ.', { field: 'idempotencyKey' });
  if (!canOnBook(actor, input.bookId, 'payments', 'add')) throw bookForbidden();
  if (input.entries.length > COUNTER_MAX_ENTRIES)
    throw new AppError('VALIDATION_FAILED', `Mỗi lần lưu tối đa ${COUNTER_MAX_ENTRIES} dòng.`, { field: 'entries' });
  const seen = new Set<number>();
  const wanted: CounterEntry[] = [];
  input.entries.forEach((e, i) => {
    if (seen.has(e.invoiceId))
      throw new AppError('VALIDATION_FAILED', 'Một hóa đơn xuất hiện hai lần trong lần thu.', {
        field: `entries.${i}.invoiceId`,
      });
    seen.add(e.invoiceId);
    if (e.amount === 0) return;
    assertPaymentAmount(e.amount, `entries.${i}.amount`);
    wanted.push({ invoiceId: e.invoiceId, amount: e.amount });
  });
  if (wanted.length === 0)
    throw new AppError('VALIDATION_FAILED', 'Chưa nhập số tiền thu của khách hàng nào.', { field: 'entries' });
  return wanted;
}

export interface PayAtCounterInput {
  bookId: number;
  period: string;
  idempotencyKey: string;
  entries: CounterEntry[];
}

const isKeyViolation = (e: unknown) => {
  const pg = pgErrorCode(e);
  return pg?.code === '23505' && (pg.constraint === undefined || pg.constraint === 'payments_idempotency_key');
};

/**
 * One save of the counter: every entry with an amount becomes one payment (channel counter, the invoice paid first,
 * the rest oldest first, any excess the customer's credit), all in ONE transaction. The same key again writes
 * nothing and answers the first save; the same key with other entries is IDEMPOTENCY_CONFLICT.
 */
export async function payAtCounter(db: Db, actor: Actor, input: PayAtCounterInput): Promise<CounterSaveResult> {
  const wanted = checkedEntries(actor, input);
  const indexOf = new Map(input.entries.map((e, i) => [e.invoiceId, i]));
  try {
    return await db.transaction(async (tx) => {
      // Saves of one key take turns, so a double click or a retry racing the first save finds its payments.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext('capnuoc:counter'), hashtext(${input.idempotencyKey}))`,
      );
      const replay = await replayOf(tx, actor, input.idempotencyKey, wanted);
      if (replay) return replay;

      const ids = wanted.map((e) => e.invoiceId);
      const owners = rowsOf<Row>(
        await tx.execute(sql`select id, customer_id from invoices where id = any(${pgArray(ids)}::int8[])`),
      );
      const ownerOf = new Map(owners.map((r) => [Number(r.id), Number(r.customer_id)]));
      // Every customer of the save is locked up front in id order, so two saves never wait on each other in a circle;
      // what is read after the lock (the customer's book, the invoice's state) cannot change until the commit.
      await lockLedger(tx, [...ownerOf.values()]);
      const states = rowsOf<Row>(
        await tx.execute(sql`select i.id, i.status, i.kind, c.book_id from invoices i
          join customers c on c.id = i.customer_id where i.id = any(${pgArray(ids)}::int8[])`),
      );
      const stateOf = new Map(states.map((r) => [Number(r.id), r]));
      for (const e of wanted) {
        const field = `entries.${indexOf.get(e.invoiceId)}.invoiceId`;
        const s = stateOf.get(e.invoiceId);
        const bookId = Number(s?.book_id);
        if (!s || !canOnBook(actor, bookId, 'payments', 'access'))
          throw new AppError('NOT_FOUND', 'Không tìm thấy hóa đơn.', { field });
        if (!canOnBook(actor, bookId, 'payments', 'add'))
          throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền thu tiền trên sổ đọc của khách hàng này.', {
            field,
          });
        if (!['issued', 'adjusted'].includes(String(s.status)) || s.kind === 'adjustment')
          throw new AppError(
            'PAYMENT_INVOICE_NOT_OPEN',
            'Hóa đơn chưa phát hành, đã hủy, đã bị thay thế hoặc là hóa đơn điều chỉnh: hãy thu trên hóa đơn khách đang nợ.',
            { field },
          );
      }

      const paidAt = new Date();
      const posted = await postPayments(
        tx,
        wanted.map((e) => ({
          customerId: ownerOf.get(e.invoiceId)!,
          amount: e.amount,
          channel: 'counter' as const,
          paidAt,
          recordedBy: actor.userId,
          idempotencyKey: entryKey(input.idempotencyKey, e.invoiceId),
          preferredInvoiceId: e.invoiceId,
        })),
      );
      const made = wanted.map((e, k) => ({ invoiceId: e.invoiceId, paymentId: posted[k]!.payment.id }));
      const views = new Map(
        (
          await paymentViewsByIds(
            tx,
            made.map((m) => m.paymentId),
          )
        ).map((v) => [v.id, v]),
      );
      return {
        replayed: false,
        total: wanted.reduce((s, e) => s + e.amount, 0),
        entries: made.map((m) => ({ invoiceId: m.invoiceId, payment: views.get(m.paymentId)! })),
      };
    });
  } catch (error) {
    // A save of the same key that slipped past the lock (it cannot, but the unique index is the last word): the
    // transaction is gone, so the first save is read afresh.
    if (isKeyViolation(error)) {
      const replay = await replayOf(db, actor, input.idempotencyKey, wanted);
      if (replay) return replay;
    }
    throw error;
  }
}

// ---------------------------------------------------------------- reversal and reading

/**
 * Takes a payment back with a reason: the `payments` delete right on the customer's current book; a collector's
 * payment of a settled (locked) day is refused. What it paid is owed again; the customer's other credit pays it.
 */
export async function reversePayment(
  db: Db,
  actor: Actor,
  input: { id: number; reason: string },
): Promise<PaymentView> {
  const reason = reversalReasonSchema.safeParse(input.reason);
  if (!reason.success)
    throw new AppError('VALIDATION_FAILED', reason.error.issues[0]?.message ?? 'Nhập lý do hủy.', { field: 'reason' });
  return db.transaction(async (tx) => {
    await reversePaymentInTx(tx, input.id, { reason: reason.data, reversedBy: actor.userId }, async (p) => {
      // Read under the customer's ledger lock: a move to another book waits until this reversal commits.
      const [c] = rowsOf<Row>(await tx.execute(sql`select book_id from customers where id = ${p.customerId}`));
      const bookId = Number(c?.book_id);
      if (!c || !canOnBook(actor, bookId, 'payments', 'access')) throw notFound('khoản thu');
      if (!canOnBook(actor, bookId, 'payments', 'delete'))
        throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền hủy khoản thu trên sổ đọc của khách hàng này.');
      if (p.collectorId !== null) {
        const [settled] = rowsOf(
          await tx.execute(sql`select 1 from collector_settlements
            where collector_id = ${p.collectorId} and day = ${p.businessDay} for share`),
        );
        if (settled)
          throw new AppError(
            'PAYMENT_SETTLED',
            `Ngày thu ${p.businessDay.split('-').reverse().join('/')} của nhân viên thu đã quyết toán và khóa: không hủy được khoản thu ${receiptNumber(p.id)}.`,
          );
      }
    });
    const [view] = await paymentViewsByIds(tx, [input.id]);
    return view!;
  });
}

/** One payment, for a user who may see its customer's current book; another book's payment reads as not found. */
export async function getPayment(db: DbOrTx, actor: Actor, id: number): Promise<PaymentView> {
  const [view] = await paymentViewsByIds(db, [id]);
  if (!view || !canOnBook(actor, view.customerBookId, 'payments', 'access')) throw notFound('khoản thu');
  return view;
}

export interface CustomerPayments {
  customerId: number;
  balance: { totalDue: number; credit: number; balance: number };
  payments: PaymentView[];
}

/** A customer's payments, newest first, with their balance: the customer screen's "Thanh toán" tab in one call. */
export async function customerPayments(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; limit?: number | null },
): Promise<CustomerPayments> {
  const [c] = rowsOf<Row>(await db.execute(sql`select book_id from customers where id = ${input.customerId}`));
  if (!c || !canOnBook(actor, Number(c.book_id), 'payments', 'access')) throw notFound('khách hàng');
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 240);
  const [balance, payments] = await Promise.all([
    customerBalance(db, input.customerId),
    paymentViews(db, sql`p.customer_id = ${input.customerId}`, sql`p.paid_at desc, p.id desc`, limit),
  ]);
  return { customerId: input.customerId, balance, payments };
}
