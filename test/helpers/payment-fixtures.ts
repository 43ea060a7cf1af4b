/**
 * Issued invoices with chosen amounts, straight into the tables (the billing engine has its own tests): what the
 * payments tests need is money owed, in known components, by known customers.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';

/** The fixture's invoice series (created once per database). */
async function seriesId(db: DbOrTx): Promise<number> {
  const [found] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from invoice_series where invoice_symbol = 'C26TPT'`),
  );
  if (found) return Number(found.id);
  const [row] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default, active)
      values ('1', 'C26TPT', 2026, false, true) returning id`),
  );
  return Number(row!.id);
}

export interface IssuedInvoiceInput {
  customerId: number;
  period: string;
  /** Water amount (subtotal), its VAT, and fees (environment fee; drainage 0). */
  water: number;
  vat: number;
  fees: number;
  kind?: 'regular' | 'backbill';
}

/** An ISSUED invoice of the customer's current book, numbered in the fixture series. Returns its id. */
export async function issuedInvoice(db: Db | DbOrTx, input: IssuedInvoiceInput): Promise<number> {
  const series = await seriesId(db);
  const total = input.water + input.vat + input.fees;
  const [next] = rowsOf<{ n: number }>(
    await db.execute(sql`select coalesce(max(number), 0) + 1 as n from invoices where series_id = ${series}`),
  );
  const number = Number(next!.n);
  const [row] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into invoices (customer_id, book_id, period, kind, status, consumption, subtotal, vat,
        environment_fee, drainage_fee, drainage_vat, total, series_id, number, issued_on, issued_at, lookup_code)
      select c.id, c.book_id, ${input.period}, ${input.kind ?? 'regular'}, 'issued', 10, ${input.water}, ${input.vat},
        ${input.fees}, 0, 0, ${total}, ${series}, ${number}, (${input.period} || '-28')::date, now(),
        ${`LK${String(number).padStart(8, '0')}`}
      from customers c where c.id = ${input.customerId}
      returning id`),
  );
  if (!row) throw new Error(`issuedInvoice: no customer ${input.customerId}`);
  return Number(row.id);
}

/** The ledger's invariants, read in SQL: every failure is described, so a test can expect an empty list. */
export async function ledgerViolations(db: DbOrTx): Promise<string[]> {
  const problems: string[] = [];
  const check = async (what: string, query: ReturnType<typeof sql>) => {
    const rows = rowsOf<Record<string, unknown>>(await db.execute(query));
    for (const r of rows) problems.push(`${what}: ${JSON.stringify(r)}`);
  };
  await check(
    'payment.allocated differs from its allocations',
    sql`select p.id, p.allocated, coalesce(sum(a.amount), 0) as sum from payments p
      left join payment_allocations a on a.payment_id = p.id group by p.id having p.allocated <> coalesce(sum(a.amount), 0)`,
  );
  await check(
    'receivable paid differs from its allocations',
    sql`select r.invoice_id, r.water_paid, r.vat_paid, r.fees_paid from invoice_receivables r
      where r.water_paid <> coalesce((select sum(amount) from payment_allocations a where a.invoice_id = r.invoice_id and a.component = 'water'), 0)
         or r.vat_paid <> coalesce((select sum(amount) from payment_allocations a where a.invoice_id = r.invoice_id and a.component = 'vat'), 0)
         or r.fees_paid <> coalesce((select sum(amount) from payment_allocations a where a.invoice_id = r.invoice_id and a.component = 'fees'), 0)`,
  );
  await check(
    'a payment holds a negative net amount on an invoice component',
    sql`select payment_id, invoice_id, component, sum(amount) from payment_allocations
      group by payment_id, invoice_id, component having sum(amount) < 0`,
  );
  await check(
    'a reversed payment still holds money',
    sql`select id from payments where status = 'reversed' and allocated <> 0`,
  );
  await check(
    'a reversed payment has no reversal row, or a reversal row a posted payment',
    sql`select p.id from payments p left join payment_reversals r on r.payment_id = p.id
      where (p.status = 'reversed') <> (r.payment_id is not null)`,
  );
  return problems;
}
