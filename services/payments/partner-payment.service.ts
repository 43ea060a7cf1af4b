/**
 * The partner API's use cases (issue 9, "Partners"): a customer's open bills, a payment, its reversal the same
 * business day, and its status after a time-out. The caller (app/api/partners/v1) has authenticated the partner.
 *
 * Idempotency on (partner, transactionId): the first accepted payment stores a fingerprint of its request and its
 * answer on the payment row, in the same transaction, so whoever finds the row finds the answer. A retry with the
 * same fields gets that answer again, byte for byte (answers are canonical JSON: sorted keys, so the jsonb round
 * trip cannot reorder them); the same id with other fields is IDEMPOTENCY_CONFLICT. Concurrent first calls race on
 * the unique index payments_partner_transaction: the losers' inserts wait for the winner, fail, roll back and
 * answer the winner's stored answer. Refused calls (validation, unknown customer, an overpayment the partner may
 * not make) write nothing and are not remembered: a retry is judged afresh.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { formatVnd } from '@/domain/invoices/format-vnd';
import { maskText } from '@/domain/payments/mask-name';
import { PARTNER_CLOCK_SKEW_SECONDS } from '@/domain/payments/partner-signature';
import { parseInstant } from '@/domain/time/calendar';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { AppError, pgErrorCode } from '@/services/errors';
import { MAX_PAYMENT, paymentHoldings, postPayment, receiptNumber, reversePaymentInTx } from './payment.service';

type Row = Record<string, unknown>;

/** The partner a request came from, as the route authenticated it. */
export interface RequestingPartner {
  id: number;
  code: string;
  allowOverpayment: boolean;
  /** Only a bank partner may post credit notifications for the company's account. */
  notifiesBank: boolean;
}

/** An answer to send: HTTP status and the exact body text (canonical JSON). */
export interface PartnerAnswer {
  status: number;
  body: string;
}

/** How far back a partner may date a payment: a delayed notification, not a typo of the year. */
const MAX_PAYMENT_AGE_DAYS = 31;

const TRANSACTION_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const answer = (status: number, body: unknown): PartnerAnswer => ({ status, body: canonicalJson(body) });

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field });

export function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new AppError('BAD_REQUEST', 'Nội dung yêu cầu phải là một đối tượng JSON.');
  return body as Record<string, unknown>;
}

export function parseTransactionId(value: unknown, field = 'transactionId'): string {
  if (typeof value !== 'string' || !TRANSACTION_ID_RE.test(value))
    throw invalid(field, 'Mã giao dịch gồm 1–64 ký tự A–Z, a–z, 0–9, dấu chấm, gạch ngang, gạch dưới hoặc hai chấm.');
  return value;
}

function parseCustomerCode(value: unknown): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!/^[A-Z0-9._-]{1,16}$/.test(code)) throw invalid('customerCode', 'Mã khách hàng không hợp lệ (tối đa 16 ký tự).');
  return code;
}

function parseAmount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > MAX_PAYMENT)
    throw new AppError('PAYMENT_INVALID_AMOUNT', 'Số tiền phải là số nguyên dương (đồng), tối đa 100 tỷ.', {
      field: 'amount',
    });
  return value;
}

export function parsePaidAt(value: unknown, now: Date, field = 'paidAt'): Date {
  const at = parseInstant(value);
  if (!at) throw invalid(field, 'Thời điểm thanh toán cần dạng RFC 3339 kèm múi giờ, ví dụ 2026-03-01T08:00:00+07:00.');
  if (at.getTime() > now.getTime() + PARTNER_CLOCK_SKEW_SECONDS * 1000)
    throw invalid(field, 'Thời điểm thanh toán ở tương lai.');
  if (at.getTime() < now.getTime() - MAX_PAYMENT_AGE_DAYS * 86_400_000)
    throw invalid(field, `Thời điểm thanh toán cũ hơn ${MAX_PAYMENT_AGE_DAYS} ngày.`);
  return at;
}

interface PayRequest {
  transactionId: string;
  customerCode: string;
  amount: number;
  paidAt: Date;
}

function parsePayRequest(body: unknown, now: Date = new Date()): PayRequest {
  const o = asObject(body);
  return {
    transactionId: parseTransactionId(o.transactionId),
    customerCode: parseCustomerCode(o.customerCode),
    amount: parseAmount(o.amount),
    paidAt: parsePaidAt(o.paidAt, now),
  };
}

/** sha256 of the request's fields in canonical form: the same payment written another way has the same print. */
function requestFingerprint(r: PayRequest): string {
  return createHash('sha256')
    .update(canonicalJson([r.transactionId, r.customerCode, r.amount, r.paidAt.toISOString()]))
    .digest('hex');
}

const customerNotFound = () =>
  new AppError('CUSTOMER_NOT_FOUND', 'Không tìm thấy khách hàng có mã này.', { field: 'customerCode' });
const transactionNotFound = () =>
  new AppError('PARTNER_TRANSACTION_NOT_FOUND', 'Không tìm thấy giao dịch có mã này của đối tác.');

/** POST /bills: the customer's open invoices, oldest first, with the name and address masked. */
export async function partnerBills(db: DbOrTx, _partner: RequestingPartner, body: unknown): Promise<PartnerAnswer> {
  const customerCode = parseCustomerCode(asObject(body).customerCode);
  const [customer] = rowsOf<Row>(
    await db.execute(sql`select id, code, name, address from customers where code = ${customerCode}`),
  );
  if (!customer) throw customerNotFound();
  const invoices = rowsOf<Row>(
    await db.execute(sql`select * from (select i.id, i.period, s.template_symbol || s.invoice_symbol as series,
        i.number, ${AMOUNT_DUE} as amount_due
      from invoices i left join invoice_series s on s.id = i.series_id
      where i.customer_id = ${Number(customer.id)} and i.status in ('issued', 'adjusted') and i.kind <> 'adjustment') o
      where o.amount_due > 0 order by o.period, o.id`),
  ).map((r) => ({
    id: Number(r.id),
    period: String(r.period),
    series: r.series == null ? null : String(r.series),
    number: r.number == null ? null : Number(r.number),
    amountDue: Number(r.amount_due),
  }));
  const [credit] = rowsOf<Row>(
    await db.execute(sql`select coalesce(sum(amount - allocated), 0) as credit from payments
      where customer_id = ${Number(customer.id)} and status = 'posted'`),
  );
  return answer(200, {
    customerCode: String(customer.code),
    name: maskText(String(customer.name)),
    address: maskText(String(customer.address)),
    invoices,
    totalDue: invoices.reduce((sum, i) => sum + i.amountDue, 0),
    credit: Number(credit?.credit ?? 0),
  });
}

/** A payment as the partner sees it now: status, amount, and what it holds on which invoice. */
async function paymentView(db: DbOrTx, partnerId: number, transactionId: string): Promise<Row | null> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select p.id, p.external_id, p.status, p.amount, p.allocated, p.paid_at,
        p.business_day::text as business_day, c.code as customer_code, r.reversed_at, r.reason as reversal_reason
      from payments p join customers c on c.id = p.customer_id
      left join payment_reversals r on r.payment_id = p.id
      where p.partner_id = ${partnerId} and p.external_id = ${transactionId}`),
  );
  return row ?? null;
}

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

async function statusBody(db: DbOrTx, row: Row): Promise<Record<string, unknown>> {
  const reversed = row.status === 'reversed';
  return {
    transactionId: String(row.external_id),
    receiptNumber: receiptNumber(Number(row.id)),
    status: reversed ? 'REVERSED' : 'POSTED',
    customerCode: String(row.customer_code),
    amount: Number(row.amount),
    paidAt: iso(row.paid_at),
    businessDay: String(row.business_day),
    paid: (await paymentHoldings(db, Number(row.id))).map(({ invoiceId, period, series, number, amount }) => ({
      invoiceId,
      period,
      series,
      number,
      amount,
    })),
    // A reversed payment holds nothing and leaves no credit: its money went back to the payer.
    credit: reversed ? 0 : Number(row.amount) - Number(row.allocated),
    reversedAt: reversed && row.reversed_at != null ? iso(row.reversed_at) : null,
    reversalReason: reversed && row.reversal_reason != null ? String(row.reversal_reason) : null,
  };
}

/** What payments.partner_response holds: the first answer's HTTP status and body. */
interface StoredAnswer {
  status: number;
  body: unknown;
}

/** The stored first answer of a transaction, or IDEMPOTENCY_CONFLICT when this request differs from the first. */
async function storedAnswer(db: DbOrTx, partnerId: number, transactionId: string, fingerprint: string) {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select request_fingerprint, partner_response from payments
      where partner_id = ${partnerId} and external_id = ${transactionId}`),
  );
  if (!row) return null;
  if (String(row.request_fingerprint) !== fingerprint)
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      `Mã giao dịch ${transactionId} đã được dùng cho một khoản thanh toán khác (khách hàng, số tiền hoặc thời điểm khác).`,
      { field: 'transactionId' },
    );
  const raw = row.partner_response;
  const stored = (typeof raw === 'string' ? JSON.parse(raw) : raw) as StoredAnswer | null;
  // Every payment this API makes stores its answer with it; a partner payment made another way answers its status.
  if (!stored) return answer(200, await statusBody(db, (await paymentView(db, partnerId, transactionId))!));
  return answer(stored.status, stored.body);
}

/**
 * POST /payments: pays the customer's open invoices (oldest first, water → VAT → fees). An amount above what is
 * due becomes credit only when the partner may overpay; otherwise the whole payment is refused and nothing stays.
 */
export async function partnerPay(
  db: Db,
  partner: RequestingPartner,
  body: unknown,
  now: Date = new Date(),
): Promise<PartnerAnswer> {
  const request = parsePayRequest(body, now);
  const fingerprint = requestFingerprint(request);
  const earlier = await storedAnswer(db, partner.id, request.transactionId, fingerprint);
  if (earlier) return earlier;
  const [customer] = rowsOf<Row>(await db.execute(sql`select id from customers where code = ${request.customerCode}`));
  if (!customer) throw customerNotFound();
  try {
    return await db.transaction(async (tx) => {
      const { payment, credit } = await postPayment(tx, {
        customerId: Number(customer.id),
        amount: request.amount,
        channel: 'partner',
        paidAt: request.paidAt,
        partnerId: partner.id,
        externalId: request.transactionId,
        requestFingerprint: fingerprint,
      });
      if (credit > 0 && !partner.allowOverpayment) {
        const due = request.amount - credit;
        throw due === 0
          ? new AppError('PAYMENT_NOTHING_DUE', 'Khách hàng hiện không còn nợ; đối tác không được thu trước.', {
              field: 'amount',
            })
          : new AppError(
              'PAYMENT_OVERPAYMENT_REFUSED',
              `Số tiền ${formatVnd(request.amount)} đ vượt quá số phải trả ${formatVnd(due)} đ.`,
              { field: 'amount' },
            );
      }
      const row = await paymentView(tx, partner.id, request.transactionId);
      const stored: StoredAnswer = { status: 201, body: await statusBody(tx, row!) };
      await tx.execute(
        sql`update payments set partner_response = ${canonicalJson(stored)}::jsonb where id = ${payment.id}`,
      );
      return answer(stored.status, stored.body);
    });
  } catch (error) {
    const pg = pgErrorCode(error);
    // Another call with this transaction id committed first: answer as it was answered (or 409 if it differs).
    if (pg?.code === '23505' && (pg.constraint === undefined || pg.constraint === 'payments_partner_transaction')) {
      const winner = await storedAnswer(db, partner.id, request.transactionId, fingerprint);
      if (winner) return winner;
    }
    throw error;
  }
}

/** GET /payments/{transactionId}: the payment's status now, for a partner whose call timed out. */
export async function partnerPaymentStatus(
  db: DbOrTx,
  partner: RequestingPartner,
  transactionId: string,
): Promise<PartnerAnswer> {
  const row = await paymentView(db, partner.id, parseTransactionId(transactionId));
  if (!row) throw transactionNotFound();
  return answer(200, await statusBody(db, row));
}

/**
 * POST /payments/{transactionId}/reverse: only on the business day the payment was made (Vietnam time); a payment
 * already reversed answers its reversed state again, whatever the day.
 */
export async function partnerReverse(
  db: Db,
  partner: RequestingPartner,
  transactionId: string,
  body: unknown,
  now: Date = new Date(),
): Promise<PartnerAnswer> {
  const id = parseTransactionId(transactionId);
  const given = body == null ? {} : asObject(body);
  if (given.reason !== undefined && typeof given.reason !== 'string')
    throw invalid('reason', 'Lý do hủy phải là chuỗi ký tự.');
  const reason =
    typeof given.reason === 'string' && given.reason.trim() !== '' ? given.reason : 'Đối tác hủy giao dịch';
  const found = await paymentView(db, partner.id, id);
  if (!found) throw transactionNotFound();
  if (found.status !== 'reversed') {
    try {
      await db.transaction(async (tx) => {
        await reversePaymentInTx(tx, Number(found.id), { reason, partnerId: partner.id }, (payment) => {
          if (payment.status === 'posted' && payment.businessDay !== todayInVietnam(now))
            throw new AppError(
              'PAYMENT_REVERSAL_DAY_PASSED',
              `Chỉ hủy được giao dịch trong ngày ${payment.businessDay}; hãy liên hệ công ty cấp nước.`,
            );
        });
      });
    } catch (error) {
      // A concurrent reverse won: the answer is the reversed state all the same.
      if (!(error instanceof AppError && error.code === 'PAYMENT_ALREADY_REVERSED')) throw error;
    }
  }
  const row = await paymentView(db, partner.id, id);
  return answer(200, await statusBody(db, row!));
}
