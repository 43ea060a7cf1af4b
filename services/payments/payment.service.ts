/**
 * Posting and reversing payments: the one path every channel (counter, collector, partner, bank transfer) takes
 * into the ledger. Callers check rights and channel rules; these functions run inside the caller's transaction,
 * take the customer's ledger lock, write the payment and its allocations, and answer what it paid.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { PaymentChannel } from '@/db/schema/payments';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import type { Component } from '@/domain/payments/allocation';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { AppError, notFound } from '@/services/errors';
import { allocateNewPayments, applyCredit, lockLedger, unallocatePayment } from './ledger';
import { queuePaymentNotices } from '@/services/notices/notice-queue.service';

type Row = Record<string, unknown>;

/** The most one payment may carry (a CHECK says the same): larger is a typing error, not a water bill. */
export const MAX_PAYMENT = 100_000_000_000;

export interface NewPayment {
  customerId: number;
  amount: number;
  channel: PaymentChannel;
  paidAt: Date;
  recordedBy?: number | null;
  collectorId?: number | null;
  partnerId?: number | null;
  externalId?: string | null;
  bankAccount?: string | null;
  requestFingerprint?: string | null;
  idempotencyKey?: string | null;
  note?: string | null;
  /** The invoice the payer meant (the counter's period); paid first, the rest goes oldest first. */
  preferredInvoiceId?: number | null;
}

export interface PaymentLine {
  invoiceId: number;
  component: Component;
  amount: number;
}

export interface PostedPayment {
  id: number;
  customerId: number;
  amount: number;
  allocated: number;
  status: 'posted' | 'reversed';
  channel: PaymentChannel;
  paidAt: string;
  businessDay: string;
}

export function assertPaymentAmount(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_PAYMENT)
    throw new AppError('PAYMENT_INVALID_AMOUNT', 'Số tiền phải là số nguyên dương (đồng), tối đa 100 tỷ.', { field });
}

/** "PT00001234": the receipt number printed on the phiếu thu; payments are never deleted, so it is stable. */
export function receiptNumber(paymentId: number): string {
  return `PT${String(paymentId).padStart(8, '0')}`;
}

function toPosted(r: Row): PostedPayment {
  return {
    id: Number(r.id),
    customerId: Number(r.customer_id),
    amount: Number(r.amount),
    allocated: Number(r.allocated),
    status: r.status === 'reversed' ? 'reversed' : 'posted',
    channel: String(r.channel) as PaymentChannel,
    paidAt: r.paid_at instanceof Date ? r.paid_at.toISOString() : new Date(String(r.paid_at)).toISOString(),
    businessDay: String(r.business_day),
  };
}

const PAYMENT_COLUMNS = sql`id, customer_id, amount, allocated, status, channel, paid_at, business_day::text as business_day`;

/**
 * Writes a payment and spreads it over the customer's open invoices, inside the caller's transaction. The customer's
 * current book is stamped on the payment for reports. Unique keys (a partner's transaction id, a bank transaction id,
 * an idempotency key) are the caller's to check first; a race that slips past surfaces as a unique violation.
 */
export async function postPayment(
  tx: DbOrTx,
  p: NewPayment,
): Promise<{ payment: PostedPayment; lines: PaymentLine[]; credit: number }> {
  return (await postPayments(tx, [p]))[0]!;
}

/**
 * Many payments in one go (a whole book at the counter): the same as postPayment for each, in the order given, in a
 * constant number of statements. Ids are drawn from the table's sequence first so that each answer is matched to
 * its payment without relying on the order of RETURNING.
 */
export async function postPayments(
  tx: DbOrTx,
  list: readonly NewPayment[],
): Promise<{ payment: PostedPayment; lines: PaymentLine[]; credit: number }[]> {
  if (list.length === 0) return [];
  list.forEach((p, k) => assertPaymentAmount(p.amount, list.length === 1 ? 'amount' : `entries.${k}.amount`));
  await lockLedger(
    tx,
    list.map((p) => p.customerId),
  );
  const books = new Map(
    rowsOf<Row>(
      await tx.execute(sql`select id, book_id from customers
        where id = any(${pgArray([...new Set(list.map((p) => p.customerId))])}::int4[])`),
    ).map((r) => [Number(r.id), Number(r.book_id)]),
  );
  if (list.some((p) => !books.has(p.customerId))) throw notFound('khách hàng');
  const ids = rowsOf<Row>(
    await tx.execute(sql`select nextval(pg_get_serial_sequence('payments', 'id')) as id
      from generate_series(1, ${list.length})`),
  ).map((r) => Number(r.id));
  // One jsonb parameter rather than an array per column: postgres.js cannot bind an array of nulls.
  const batch = list.map((p, k) => ({
    id: ids[k],
    customer_id: p.customerId,
    book_id: books.get(p.customerId),
    channel: p.channel,
    amount: p.amount,
    paid_at: p.paidAt.toISOString(),
    business_day: todayInVietnam(p.paidAt),
    recorded_by: p.recordedBy ?? null,
    collector_id: p.collectorId ?? null,
    partner_id: p.partnerId ?? null,
    external_id: p.externalId ?? null,
    bank_account: p.bankAccount ?? null,
    request_fingerprint: p.requestFingerprint ?? null,
    idempotency_key: p.idempotencyKey ?? null,
    note: p.note ?? null,
  }));
  const rows = rowsOf<Row>(
    await tx.execute(sql`insert into payments (id, customer_id, book_id, channel, amount, paid_at, business_day,
        recorded_by, collector_id, partner_id, external_id, bank_account, request_fingerprint, idempotency_key, note)
      overriding system value
      select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(id int8, customer_id int4, book_id int4,
        channel text, amount int8, paid_at timestamptz, business_day date, recorded_by int4, collector_id int4,
        partner_id int4, external_id text, bank_account text, request_fingerprint text, idempotency_key text, note text)
      returning ${PAYMENT_COLUMNS}`),
  );
  const byId = new Map(rows.map((r) => [Number(r.id), toPosted(r)]));
  const posted = ids.map((id) => byId.get(id)!);
  const allocations = await allocateNewPayments(
    tx,
    posted.map((payment, k) => ({ ...payment, preferredInvoiceId: list[k]!.preferredInvoiceId })),
  );
  // Their confirmations, in the same transaction (after allocation, so they state what is still owed); the
  // notice poller of the job queue sends them once committed.
  await queuePaymentNotices(tx, ids);
  return posted.map((payment, k) => {
    const { lines, credit } = allocations[k]!;
    return { payment: { ...payment, allocated: payment.amount - credit }, lines, credit };
  });
}

/**
 * Reverses a payment: a reversal row (at most one, by its primary key), every allocation taken back, the payment's
 * money off the ledger; the customer's other credit then pays what reopened. `check` runs on the locked payment
 * before anything is written (rights, same-day rules, settled collector days).
 */
export async function reversePaymentInTx(
  tx: DbOrTx,
  paymentId: number,
  by: { reason: string; reversedBy?: number | null; partnerId?: number | null },
  check?: (payment: PostedPayment & { collectorId: number | null; bookId: number }) => void | Promise<void>,
): Promise<PostedPayment> {
  const [owner] = rowsOf<Row>(await tx.execute(sql`select customer_id from payments where id = ${paymentId}`));
  if (!owner) throw notFound('khoản thu');
  await lockLedger(tx, [Number(owner.customer_id)]);
  const [row] = rowsOf<Row>(
    await tx.execute(sql`select ${PAYMENT_COLUMNS}, collector_id, book_id from payments where id = ${paymentId}
      for update`),
  );
  const payment = toPosted(row!);
  await check?.({
    ...payment,
    collectorId: row!.collector_id == null ? null : Number(row!.collector_id),
    bookId: Number(row!.book_id),
  });
  if (payment.status === 'reversed')
    throw new AppError('PAYMENT_ALREADY_REVERSED', `Khoản thu ${receiptNumber(paymentId)} đã được hủy trước đó.`);
  const reason = by.reason.trim();
  if (reason.length < 3)
    throw new AppError('VALIDATION_FAILED', 'Nhập lý do hủy (ít nhất 3 ký tự).', { field: 'reason' });
  await tx.execute(sql`insert into payment_reversals (payment_id, reason, reversed_by, partner_id)
    values (${paymentId}, ${reason.slice(0, 500)}, ${by.reversedBy ?? null}, ${by.partnerId ?? null})`);
  await unallocatePayment(tx, paymentId);
  await applyCredit(tx, [payment.customerId]);
  return { ...payment, status: 'reversed', allocated: 0 };
}

/** What a payment now holds on each invoice (net of reversals and corrections), invoice by invoice. */
export async function paymentHoldings(
  db: DbOrTx,
  paymentId: number,
): Promise<{ invoiceId: number; period: string; series: string | null; number: number | null; amount: number }[]> {
  return rowsOf<Row>(
    await db.execute(sql`select a.invoice_id, i.period, s.template_symbol || s.invoice_symbol as series, i.number,
        sum(a.amount) as amount
      from payment_allocations a join invoices i on i.id = a.invoice_id left join invoice_series s on s.id = i.series_id
      where a.payment_id = ${paymentId}
      group by a.invoice_id, i.period, s.template_symbol, s.invoice_symbol, i.number
      having sum(a.amount) > 0 order by i.period, a.invoice_id`),
  ).map((r) => ({
    invoiceId: Number(r.invoice_id),
    period: String(r.period),
    series: r.series == null ? null : String(r.series),
    number: r.number == null ? null : Number(r.number),
    amount: Number(r.amount),
  }));
}

/** A customer's position: what the open invoices ask, the credit waiting, and the difference (positive = owes). */
export async function customerBalance(
  db: DbOrTx,
  customerId: number,
): Promise<{ totalDue: number; credit: number; balance: number }> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select
        (select coalesce(sum(${AMOUNT_DUE}), 0) from invoices i where i.customer_id = ${customerId}) as total_due,
        (select coalesce(sum(amount - allocated), 0) from payments
          where customer_id = ${customerId} and status = 'posted') as credit`),
  );
  const totalDue = Number(row?.total_due ?? 0);
  const credit = Number(row?.credit ?? 0);
  return { totalDue, credit, balance: totalDue - credit };
}
