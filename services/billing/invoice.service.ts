/**
 * Reading invoices back: a book's invoices of a period with totals, one invoice with its lines, a
 * customer's invoices. Drafts until the invoicing capability numbers and issues them.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { BillWarning } from '@/domain/tariff/types';
import { type Actor, booksWithRight, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';

export interface InvoiceSummary {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  /** The book the invoice was billed in (kept for reports); who may read it follows the customer's current book. */
  bookId: number;
  sequenceNo: number;
  period: string;
  kind: string;
  status: string;
  consumption: number;
  subtotal: number;
  vat: number;
  environmentFee: number;
  drainageFee: number;
  drainageVat: number;
  total: number;
  needsRecalculation: boolean;
  runId: number | null;
  createdAt: string;
  /** What the rate engine assumed for this bill (e.g. 0 persons billed as 1). */
  warnings: BillWarning[];
  /** "1C26TAA" once issued. */
  series: string | null;
  number: number | null;
  issuedOn: string | null;
  lookupCode: string | null;
  relatedInvoiceId: number | null;
  cancelReason: string | null;
  correctionReason: string | null;
  /** What this invoice still asks of the customer: its total (plus its adjustments) while issued, else 0. */
  amountDue: number;
}

export interface InvoiceLineView {
  ordinal: number;
  kind: string;
  description: string;
  tariffVersionId: number | null;
  tier: number | null;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface InvoiceDetail extends InvoiceSummary {
  lines: InvoiceLineView[];
  /** The invoice's correction chain: the original and every replacement and adjustment, in issue order. */
  chain: InvoiceSummary[];
  /** Whether its signed e-invoice XML is stored. */
  hasEinvoice: boolean;
}

/** Adjustments are owed through the invoice they adjust, so they owe nothing themselves. */
export const AMOUNT_DUE = sql`(case
    when i.kind = 'adjustment' then 0
    when i.status = 'issued' then i.total
    when i.status = 'adjusted' then i.total + coalesce((select sum(a.total) from invoices a
      where a.related_invoice_id = i.id and a.kind = 'adjustment' and a.status = 'issued'), 0)
    else 0 end
    - coalesce((select r.water_paid + r.vat_paid + r.fees_paid from invoice_receivables r where r.invoice_id = i.id), 0)
  )::int8`;

export const SUMMARY_SELECT = sql`
  i.id, i.customer_id, c.code as customer_code, c.name as customer_name, i.book_id, c.book_id as customer_book_id, c.sequence_no, i.period, i.kind, i.status,
  i.consumption, i.subtotal, i.vat, i.environment_fee, i.drainage_fee, i.drainage_vat, i.total, i.needs_recalculation,
  i.run_id, i.created_at, i.warnings, s.template_symbol || s.invoice_symbol as series, i.number,
  i.issued_on::text as issued_on, i.lookup_code, i.related_invoice_id, i.cancel_reason, i.correction_reason,
  ${AMOUNT_DUE} as amount_due`;

/** The joins SUMMARY_SELECT reads: `invoices i`, its customer `c` and its series `s`. */
export const SUMMARY_FROM = sql`invoices i join customers c on c.id = i.customer_id
  left join invoice_series s on s.id = i.series_id`;

/** jsonb comes back parsed from postgres.js and as text from some PGlite paths. */
export function jsonWarnings(v: unknown): BillWarning[] {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(parsed) ? (parsed as BillWarning[]) : [];
}

export function toSummary(r: Record<string, unknown>): InvoiceSummary {
  return {
    id: Number(r.id),
    customerId: Number(r.customer_id),
    customerCode: String(r.customer_code),
    customerName: String(r.customer_name),
    bookId: Number(r.book_id),
    sequenceNo: Number(r.sequence_no),
    period: String(r.period),
    kind: String(r.kind),
    status: String(r.status),
    consumption: Number(r.consumption),
    subtotal: Number(r.subtotal),
    vat: Number(r.vat),
    environmentFee: Number(r.environment_fee),
    drainageFee: Number(r.drainage_fee),
    drainageVat: Number(r.drainage_vat),
    total: Number(r.total),
    needsRecalculation: Boolean(r.needs_recalculation),
    runId: r.run_id === null ? null : Number(r.run_id),
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    warnings: jsonWarnings(r.warnings),
    series: r.series == null ? null : String(r.series),
    number: r.number == null ? null : Number(r.number),
    issuedOn: r.issued_on == null ? null : String(r.issued_on),
    lookupCode: r.lookup_code == null ? null : String(r.lookup_code),
    relatedInvoiceId: r.related_invoice_id == null ? null : Number(r.related_invoice_id),
    cancelReason: r.cancel_reason == null ? null : String(r.cancel_reason),
    correctionReason: r.correction_reason == null ? null : String(r.correction_reason),
    amountDue: Number(r.amount_due ?? 0),
  };
}

/** Invoices are read (and printed) by billing clerks and by invoice clerks alike. */
export function canReadInvoices(actor: Actor, bookId: number, right: 'access' | 'print' = 'access'): boolean {
  return canOnBook(actor, bookId, 'invoices', right) || canOnBook(actor, bookId, 'billing', right);
}

/** The books on which the actor has the right through either object; null = every book (admin). */
export function booksWithInvoiceRight(actor: Actor, right: 'access' | 'print'): number[] | null {
  const invoices = booksWithRight(actor, 'invoices', right);
  const billing = booksWithRight(actor, 'billing', right);
  return invoices === null || billing === null ? null : [...new Set([...invoices, ...billing])];
}

function assertBillingRight(actor: Actor, bookId: number): void {
  if (!canReadInvoices(actor, bookId)) throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
}

export interface InvoicePage {
  rows: InvoiceSummary[];
  total: number;
  totalConsumption: number;
  totalAmount: number;
}

export async function listBookInvoices(
  db: DbOrTx,
  actor: Actor,
  input: {
    bookId: number;
    period: string;
    kind?: string | null;
    needsRecalculation?: boolean | null;
    offset?: number | null;
    limit?: number | null;
  },
): Promise<InvoicePage> {
  assertBillingRight(actor, input.bookId);
  // A book's invoices are those of the customers it holds now; i.book_id (where it was billed) is for reports only.
  const where = sql`c.book_id = ${input.bookId} and i.period = ${input.period}
    ${input.kind ? sql`and i.kind = ${input.kind}` : sql``}
    ${input.needsRecalculation != null ? sql`and i.needs_recalculation = ${input.needsRecalculation}` : sql``}`;
  const limit = Math.min(Math.max(input.limit ?? 2000, 1), 5000);
  const [rows, totals] = await Promise.all([
    db.execute(sql`
      select ${SUMMARY_SELECT} from ${SUMMARY_FROM}
      where ${where} order by c.sequence_no, i.kind, i.id offset ${Math.max(input.offset ?? 0, 0)} limit ${limit}`),
    db.execute(sql`
      select count(*)::int8 as n, coalesce(sum(i.consumption), 0)::int8 as m3, coalesce(sum(i.total), 0)::int8 as amount
      from invoices i join customers c on c.id = i.customer_id where ${where}`),
  ]);
  const t = rowsOf<{ n: number; m3: number; amount: number }>(totals)[0];
  return {
    rows: rowsOf<Record<string, unknown>>(rows).map(toSummary),
    total: Number(t?.n ?? 0),
    totalConsumption: Number(t?.m3 ?? 0),
    totalAmount: Number(t?.amount ?? 0),
  };
}

export async function getInvoice(db: DbOrTx, actor: Actor, id: number): Promise<InvoiceDetail> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${SUMMARY_SELECT} from ${SUMMARY_FROM} where i.id = ${id}`),
  );
  if (!row || !canReadInvoices(actor, Number(row.customer_book_id))) throw notFound('hóa đơn');
  const lines = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ordinal, kind, description, tariff_version_id, tier, quantity, unit_price, amount
      from invoice_lines where invoice_id = ${id} order by ordinal`),
  );
  const chain = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with recursive up as (
        select x.id, x.related_invoice_id from invoices x where x.id = ${id}
        union all
        select p.id, p.related_invoice_id from invoices p join up on p.id = up.related_invoice_id
      ), down as (
        select r.id from up r where r.related_invoice_id is null
        union all
        select ch.id from invoices ch join down on ch.related_invoice_id = down.id
      )
      select ${SUMMARY_SELECT} from ${SUMMARY_FROM} where i.id in (select id from down)
      order by i.issued_at nulls last, i.id`),
  );
  const [einvoice] = rowsOf(await db.execute(sql`select 1 from einvoices where invoice_id = ${id}`));
  return {
    ...toSummary(row),
    chain: chain.length > 1 ? chain.map(toSummary) : [],
    hasEinvoice: einvoice !== undefined,
    lines: lines.map((l) => ({
      ordinal: Number(l.ordinal),
      kind: String(l.kind),
      description: String(l.description),
      tariffVersionId: l.tariff_version_id === null ? null : Number(l.tariff_version_id),
      tier: l.tier === null ? null : Number(l.tier),
      quantity: Number(l.quantity),
      unitPrice: Number(l.unit_price),
      amount: Number(l.amount),
    })),
  };
}

export async function listCustomerInvoices(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; limit?: number | null },
): Promise<InvoiceSummary[]> {
  const [c] = rowsOf<{ book_id: number }>(
    await db.execute(sql`select book_id from customers where id = ${input.customerId}`),
  );
  if (!c || !canReadInvoices(actor, Number(c.book_id))) throw notFound('khách hàng');
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${SUMMARY_SELECT} from ${SUMMARY_FROM}
      where i.customer_id = ${input.customerId} order by i.period desc, i.kind limit ${Math.min(Math.max(input.limit ?? 24, 1), 240)}`),
  );
  return rows.map(toSummary);
}
