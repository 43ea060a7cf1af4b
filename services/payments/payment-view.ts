/**
 * Payments as the staff screens read them: who recorded them, their reversal, and what each holds on which invoice.
 * Read in a fixed number of statements whatever the number of payments (a counter save answers a whole book).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { PaymentChannel } from '@/db/schema/payments';
import { pgArray, rowsOf } from '@/db/sql';
import { receiptNumber } from './payment.service';

type Row = Record<string, unknown>;

export interface PaymentHolding {
  invoiceId: number;
  period: string;
  series: string | null;
  number: number | null;
  amount: number;
}

export interface PaymentView {
  id: number;
  receiptNumber: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  customerAddress: string;
  /** The customer's current book: who may see the payment. */
  customerBookId: number;
  channel: PaymentChannel;
  status: 'posted' | 'reversed';
  amount: number;
  /** The part now on invoices; `amount − allocated` is the customer's credit from this payment. */
  allocated: number;
  paidAt: string;
  businessDay: string;
  recordedById: number | null;
  recordedByName: string | null;
  collectorId: number | null;
  collectorName: string | null;
  partnerName: string | null;
  note: string | null;
  reversal: { reason: string; reversedByName: string | null; reversedAt: string } | null;
  holdings: PaymentHolding[];
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const str = (v: unknown): string | null => (v == null ? null : String(v));

function toView(r: Row, holdings: PaymentHolding[]): PaymentView {
  return {
    id: Number(r.id),
    receiptNumber: receiptNumber(Number(r.id)),
    customerId: Number(r.customer_id),
    customerCode: String(r.customer_code),
    customerName: String(r.customer_name),
    customerAddress: String(r.customer_address),
    customerBookId: Number(r.customer_book_id),
    channel: String(r.channel) as PaymentChannel,
    status: r.status === 'reversed' ? 'reversed' : 'posted',
    amount: Number(r.amount),
    allocated: Number(r.allocated),
    paidAt: iso(r.paid_at),
    businessDay: String(r.business_day),
    recordedById: r.recorded_by == null ? null : Number(r.recorded_by),
    recordedByName: str(r.recorded_by_name),
    collectorId: r.collector_id == null ? null : Number(r.collector_id),
    collectorName: str(r.collector_name),
    partnerName: str(r.partner_name),
    note: str(r.note),
    reversal:
      r.reversed_at == null
        ? null
        : {
            reason: String(r.reversal_reason),
            reversedByName: str(r.reversed_by_name),
            reversedAt: iso(r.reversed_at),
          },
    holdings,
  };
}

const VIEW_SELECT = sql`select p.id, p.customer_id, c.code as customer_code, c.name as customer_name,
    c.address as customer_address, c.book_id as customer_book_id, p.channel, p.status, p.amount, p.allocated,
    p.paid_at, p.business_day::text as business_day, p.recorded_by, ru.full_name as recorded_by_name, p.collector_id,
    cu.full_name as collector_name, pt.name as partner_name, p.note, r.reason as reversal_reason, r.reversed_at,
    coalesce(rv.full_name, rp.name) as reversed_by_name
  from payments p join customers c on c.id = p.customer_id
  left join users ru on ru.id = p.recorded_by
  left join users cu on cu.id = p.collector_id
  left join partners pt on pt.id = p.partner_id
  left join payment_reversals r on r.payment_id = p.id
  left join users rv on rv.id = r.reversed_by
  left join partners rp on rp.id = r.partner_id`;

/**
 * What the payments hold now on each invoice (net of reversals and corrections), by payment. With `beforeReversal`,
 * a reversed payment shows what it held when it was reversed (its receipt still lists the bills it had paid).
 */
export async function holdingsOf(
  db: DbOrTx,
  paymentIds: readonly number[],
  options: { beforeReversal?: boolean } = {},
): Promise<Map<number, PaymentHolding[]>> {
  const out = new Map<number, PaymentHolding[]>();
  if (paymentIds.length === 0) return out;
  const rows = rowsOf<Row>(
    await db.execute(sql`select a.payment_id, a.invoice_id, i.period,
        s.template_symbol || s.invoice_symbol as series, i.number, sum(a.amount) as amount
      from payment_allocations a join invoices i on i.id = a.invoice_id
      left join invoice_series s on s.id = i.series_id
      where a.payment_id = any(${pgArray(paymentIds)}::int8[])
        ${options.beforeReversal ? sql`and a.reason <> 'reversal'` : sql``}
      group by a.payment_id, a.invoice_id, i.period, s.template_symbol, s.invoice_symbol, i.number
      having sum(a.amount) > 0
      order by a.payment_id, i.period, a.invoice_id`),
  );
  for (const r of rows) {
    const id = Number(r.payment_id);
    const list = out.get(id) ?? [];
    list.push({
      invoiceId: Number(r.invoice_id),
      period: String(r.period),
      series: str(r.series),
      number: r.number == null ? null : Number(r.number),
      amount: Number(r.amount),
    });
    out.set(id, list);
  }
  return out;
}

/** The payments matching `where` (over `payments p` and `customers c`), in `orderBy` order, with their holdings. */
export async function paymentViews(
  db: DbOrTx,
  where: SQL,
  orderBy: SQL = sql`p.id`,
  limit = 5000,
): Promise<PaymentView[]> {
  const rows = rowsOf<Row>(await db.execute(sql`${VIEW_SELECT} where ${where} order by ${orderBy} limit ${limit}`));
  const holdings = await holdingsOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => toView(r, holdings.get(Number(r.id)) ?? []));
}

export async function paymentViewsByIds(db: DbOrTx, ids: readonly number[]): Promise<PaymentView[]> {
  if (ids.length === 0) return [];
  return paymentViews(db, sql`p.id = any(${pgArray(ids)}::int8[])`, sql`p.id`, ids.length);
}
