/**
 * The receivables ledger, inside a caller's transaction. Every function here takes the customer's ledger lock
 * first (FOR NO KEY UPDATE on the customer row: it does not block foreign-key checks of other writers), so all the
 * money movements of one customer happen one after the other and never deadlock: a payment locks the customer and
 * then receivables; a correction locks the invoice, then the customer, then receivables; issuing locks drafts and
 * then customers. The CHECKs of invoice_receivables and payments are the last word: whatever a bug here computes,
 * the database refuses an invoice paid past its due and a payment allocated past its amount.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import {
  COMPONENTS,
  type AllocationLine,
  type Component,
  type ComponentAmounts,
  type OpenInvoice,
  type PaymentOrder,
  allocateAmount,
  orderOpenInvoices,
  releaseExcess,
} from '@/domain/payments/allocation';

type Row = Record<string, unknown>;

/** Takes the ledger lock of the customers, in id order. */
export async function lockLedger(tx: DbOrTx, customerIds: readonly number[]): Promise<void> {
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await tx.execute(sql`select id from customers where id = any(${pgArray(ids)}::int4[]) order by id for no key update`);
}

async function paymentOrder(tx: DbOrTx): Promise<PaymentOrder> {
  const [row] = rowsOf<Row>(await tx.execute(sql`select payment_order from companies order by id limit 1`));
  return row?.payment_order === 'NEWEST' ? 'NEWEST' : 'OLDEST';
}

/**
 * What each invoice owes per component today: an issued invoice its own amounts, an adjusted one its amounts plus
 * its issued adjustments; a draft, cancelled or replaced invoice (and an adjustment itself) owes nothing.
 */
const DUE_SQL = sql`
  select i.id as invoice_id, i.customer_id,
    case when i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'
      then i.subtotal + coalesce(adj.subtotal, 0) else 0 end as water_due,
    case when i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'
      then i.vat + coalesce(adj.vat, 0) else 0 end as vat_due,
    case when i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'
      then (i.total - i.subtotal - i.vat) + coalesce(adj.total - adj.subtotal - adj.vat, 0) else 0 end as fees_due
  from invoices i
  left join lateral (
    select sum(a.subtotal) as subtotal, sum(a.vat) as vat, sum(a.total) as total from invoices a
    where i.status = 'adjusted' and a.related_invoice_id = i.id and a.kind = 'adjustment' and a.status = 'issued'
  ) adj on true`;

/**
 * Makes sure the invoices have receivable rows with today's dues, and locks them (id order). A due that fell below
 * what is paid (the invoice was cancelled, replaced or adjusted down) is brought back within it by taking the
 * excess off the newest allocations: that money becomes the payments' credit again. Returns the payments that got
 * money back. A constant number of statements for any number of invoices, plus a few per invoice that must give
 * money back (rare: only after a correction).
 */
async function syncReceivables(tx: DbOrTx, invoiceIds: readonly number[]): Promise<number[]> {
  const ids = [...new Set(invoiceIds)].sort((a, b) => a - b);
  if (ids.length === 0) return [];
  await tx.execute(sql`insert into invoice_receivables (invoice_id, customer_id, water_due, vat_due, fees_due)
    select d.invoice_id, d.customer_id, d.water_due, d.vat_due, d.fees_due from (${DUE_SQL}
      where i.id = any(${pgArray(ids)}::int8[])) d
    on conflict (invoice_id) do nothing`);
  const rows = rowsOf<Row>(
    await tx.execute(sql`select r.invoice_id, r.water_due as old_water_due, r.vat_due as old_vat_due,
        r.fees_due as old_fees_due, r.water_paid, r.vat_paid, r.fees_paid
      from invoice_receivables r where r.invoice_id = any(${pgArray(ids)}::int8[]) order by r.invoice_id for update`),
  );
  const dues = new Map(
    rowsOf<Row>(await tx.execute(sql`${DUE_SQL} where i.id = any(${pgArray(ids)}::int8[])`)).map((d) => [
      Number(d.invoice_id),
      { water: Number(d.water_due), vat: Number(d.vat_due), fees: Number(d.fees_due) } as ComponentAmounts,
    ]),
  );
  const freed = new Set<number>();
  const changed: { invoiceId: number; due: ComponentAmounts }[] = [];
  for (const r of rows) {
    const invoiceId = Number(r.invoice_id);
    const due = dues.get(invoiceId)!;
    if (
      due.water !== Number(r.old_water_due) ||
      due.vat !== Number(r.old_vat_due) ||
      due.fees !== Number(r.old_fees_due)
    )
      changed.push({ invoiceId, due });
    const paid: ComponentAmounts = { water: Number(r.water_paid), vat: Number(r.vat_paid), fees: Number(r.fees_paid) };
    for (const component of COMPONENTS) {
      const excess = paid[component] - Math.max(0, due[component]);
      if (excess <= 0) continue;
      const perPayment = rowsOf<Row>(
        await tx.execute(sql`select payment_id, sum(amount) as amount from payment_allocations
          where invoice_id = ${invoiceId} and component = ${component}
          group by payment_id having sum(amount) > 0 order by min(id)`),
      );
      const released = releaseExcess(
        excess,
        perPayment.map((p) => ({ paymentId: Number(p.payment_id), amount: Number(p.amount) })),
      );
      for (const x of released) {
        await moveOff(tx, x.paymentId, invoiceId, component, x.amount, 'correction');
        freed.add(x.paymentId);
      }
    }
  }
  if (changed.length > 0)
    await tx.execute(sql`update invoice_receivables r set water_due = u.water, vat_due = u.vat, fees_due = u.fees
      from unnest(${pgArray(changed.map((c) => c.invoiceId))}::int8[], ${pgArray(changed.map((c) => c.due.water))}::int8[],
        ${pgArray(changed.map((c) => c.due.vat))}::int8[], ${pgArray(changed.map((c) => c.due.fees))}::int8[])
        as u(invoice_id, water, vat, fees)
      where r.invoice_id = u.invoice_id`);
  return [...freed];
}

/** Takes `amount` of a payment off an invoice's component (a new negative allocation; counters follow). */
async function moveOff(
  tx: DbOrTx,
  paymentId: number,
  invoiceId: number,
  component: Component,
  amount: number,
  reason: 'reversal' | 'correction',
): Promise<void> {
  await tx.execute(sql`insert into payment_allocations (payment_id, invoice_id, component, amount, reason)
    values (${paymentId}, ${invoiceId}, ${component}, ${-amount}, ${reason})`);
  await tx.execute(sql`update invoice_receivables set ${sql.raw(`${component}_paid`)} = ${sql.raw(`${component}_paid`)} - ${amount}
    where invoice_id = ${invoiceId}`);
  await tx.execute(sql`update payments set allocated = allocated - ${amount} where id = ${paymentId}`);
}

/**
 * The customers' open invoices with what each component still asks, receivables created and locked, by customer.
 * Only issued and adjusted invoices can be open. The caller holds the customers' ledger locks.
 */
async function openInvoicesOf(tx: DbOrTx, customerIds: readonly number[]): Promise<Map<number, OpenInvoice[]>> {
  const byCustomer = new Map<number, OpenInvoice[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return byCustomer;
  const candidates = rowsOf<Row>(
    await tx.execute(sql`select i.id from invoices i
      left join invoice_receivables r on r.invoice_id = i.id
      where i.customer_id = any(${pgArray([...new Set(customerIds)])}::int4[])
        and i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'
        and (r.invoice_id is null or r.water_paid + r.vat_paid + r.fees_paid
          < greatest(r.water_due, 0) + greatest(r.vat_due, 0) + greatest(r.fees_due, 0))`),
  );
  if (candidates.length === 0) return byCustomer;
  const ids = candidates.map((c) => Number(c.id));
  await syncReceivables(tx, ids);
  const rows = rowsOf<Row>(
    await tx.execute(sql`select r.*, i.period, i.issued_on::text as issued_on from invoice_receivables r
      join invoices i on i.id = r.invoice_id where r.invoice_id = any(${pgArray(ids)}::int8[])`),
  );
  for (const r of rows) {
    const open: OpenInvoice = {
      invoiceId: Number(r.invoice_id),
      period: String(r.period),
      issuedOn: String(r.issued_on ?? ''),
      remaining: {
        water: Math.max(0, Number(r.water_due)) - Number(r.water_paid),
        vat: Math.max(0, Number(r.vat_due)) - Number(r.vat_paid),
        fees: Math.max(0, Number(r.fees_due)) - Number(r.fees_paid),
      },
    };
    if (open.remaining.water + open.remaining.vat + open.remaining.fees > 0)
      byCustomer.get(Number(r.customer_id))?.push(open);
  }
  return byCustomer;
}

/**
 * Puts the lines of payments on invoices (the receivables are locked by openInvoicesOf): one INSERT of every line,
 * one UPDATE of the receivables and one of the payments, however many payments.
 */
async function putOn(
  tx: DbOrTx,
  batch: readonly { paymentId: number; lines: readonly AllocationLine[] }[],
  reason: 'payment' | 'credit',
): Promise<void> {
  const lines = batch.flatMap((b) => b.lines.map((l) => ({ ...l, paymentId: b.paymentId })));
  if (lines.length === 0) return;
  await tx.execute(sql`insert into payment_allocations (payment_id, invoice_id, component, amount, reason)
    select u.payment_id, u.invoice_id, u.component, u.amount, ${reason}
    from unnest(${pgArray(lines.map((l) => l.paymentId))}::int8[], ${pgArray(lines.map((l) => l.invoiceId))}::int8[],
      ${pgArray(lines.map((l) => l.component))}::text[], ${pgArray(lines.map((l) => l.amount))}::int8[])
      with ordinality as u(payment_id, invoice_id, component, amount, ord)
    order by u.ord`);
  const perInvoice = new Map<number, ComponentAmounts>();
  for (const l of lines) {
    const sums = perInvoice.get(l.invoiceId) ?? { water: 0, vat: 0, fees: 0 };
    sums[l.component] += l.amount;
    perInvoice.set(l.invoiceId, sums);
  }
  const inv = [...perInvoice.entries()];
  await tx.execute(sql`update invoice_receivables r set water_paid = r.water_paid + u.water,
      vat_paid = r.vat_paid + u.vat, fees_paid = r.fees_paid + u.fees
    from unnest(${pgArray(inv.map(([id]) => id))}::int8[], ${pgArray(inv.map(([, c]) => c.water))}::int8[],
      ${pgArray(inv.map(([, c]) => c.vat))}::int8[], ${pgArray(inv.map(([, c]) => c.fees))}::int8[])
      as u(invoice_id, water, vat, fees)
    where r.invoice_id = u.invoice_id`);
  const perPayment = new Map<number, number>();
  for (const l of lines) perPayment.set(l.paymentId, (perPayment.get(l.paymentId) ?? 0) + l.amount);
  const pay = [...perPayment.entries()];
  await tx.execute(sql`update payments p set allocated = p.allocated + u.amount
    from unnest(${pgArray(pay.map(([id]) => id))}::int8[], ${pgArray(pay.map(([, a]) => a))}::int8[]) as u(id, amount)
    where p.id = u.id`);
}

/**
 * Spreads new payments over their customers' open invoices (each payment's preferred invoice first, payments in the
 * order given) and returns each one's lines and credit. The caller holds the customers' ledger locks.
 */
export async function allocateNewPayments(
  tx: DbOrTx,
  payments: readonly { id: number; customerId: number; amount: number; preferredInvoiceId?: number | null }[],
): Promise<{ lines: AllocationLine[]; credit: number }[]> {
  if (payments.length === 0) return [];
  const open = await openInvoicesOf(
    tx,
    payments.map((p) => p.customerId),
  );
  const order = await paymentOrder(tx);
  const results = payments.map((p) => {
    const list = open.get(p.customerId) ?? [];
    const { lines, left } = allocateAmount(p.amount, orderOpenInvoices(list, order, p.preferredInvoiceId));
    open.set(p.customerId, deduct(list, lines));
    return { lines, credit: left };
  });
  await putOn(
    tx,
    payments.map((p, k) => ({ paymentId: p.id, lines: results[k]!.lines })),
    'payment',
  );
  return results;
}

/**
 * Uses the customers' credit (money of posted payments not on any invoice) on their open invoices, the oldest
 * payment first. Called after issuing, after a correction, and after a payment is reversed. Takes the ledger locks.
 */
export async function applyCredit(
  tx: DbOrTx,
  customerIds: readonly number[],
  preferredInvoiceId?: number | null,
): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return;
  const withCredit = rowsOf<Row>(
    await tx.execute(sql`select distinct customer_id from payments
      where customer_id = any(${pgArray(ids)}::int4[]) and allocated < amount and status = 'posted'`),
  ).map((r) => Number(r.customer_id));
  if (withCredit.length === 0) return;
  await lockLedger(tx, withCredit);
  const order = await paymentOrder(tx);
  const credits = rowsOf<Row>(
    await tx.execute(sql`select id, customer_id, amount - allocated as credit from payments
      where customer_id = any(${pgArray(withCredit)}::int4[]) and allocated < amount and status = 'posted'
      order by paid_at, id`),
  );
  const open = await openInvoicesOf(tx, withCredit);
  const batch: { paymentId: number; lines: AllocationLine[] }[] = [];
  for (const c of credits) {
    const customerId = Number(c.customer_id);
    const list = orderOpenInvoices(open.get(customerId) ?? [], order, preferredInvoiceId);
    if (list.length === 0) continue;
    const { lines } = allocateAmount(Number(c.credit), list);
    batch.push({ paymentId: Number(c.id), lines });
    open.set(customerId, deduct(list, lines));
  }
  await putOn(tx, batch, 'credit');
}

function deduct(open: OpenInvoice[], lines: readonly AllocationLine[]): OpenInvoice[] {
  const next = open.map((o) => ({ ...o, remaining: { ...o.remaining } }));
  for (const line of lines) {
    const inv = next.find((o) => o.invoiceId === line.invoiceId);
    if (inv) inv.remaining[line.component] -= line.amount;
  }
  return next.filter((o) => o.remaining.water + o.remaining.vat + o.remaining.fees > 0);
}

/**
 * Takes every allocation of a payment back (new negative lines) and marks it reversed; the invoices it paid are
 * open again. The caller holds the ledger lock and has checked the right and the reason, and writes the reversal row.
 */
export async function unallocatePayment(tx: DbOrTx, paymentId: number): Promise<void> {
  const held = rowsOf<Row>(
    await tx.execute(sql`select invoice_id, component, sum(amount) as amount from payment_allocations
      where payment_id = ${paymentId} group by invoice_id, component having sum(amount) > 0
      order by invoice_id, component`),
  );
  const invoiceIds = held.map((h) => Number(h.invoice_id));
  if (invoiceIds.length > 0)
    await tx.execute(sql`select invoice_id from invoice_receivables
      where invoice_id = any(${pgArray(invoiceIds)}::int8[]) order by invoice_id for update`);
  for (const h of held)
    await moveOff(tx, paymentId, Number(h.invoice_id), h.component as Component, Number(h.amount), 'reversal');
  await tx.execute(sql`update payments set status = 'reversed' where id = ${paymentId}`);
}

/**
 * After an invoice of the customer was cancelled, replaced or adjusted: dues are brought up to date, money that no
 * longer belongs on it is freed, and the customer's credit pays what is open (the replacement first).
 */
export async function settleCorrection(
  tx: DbOrTx,
  customerId: number,
  invoiceIds: readonly number[],
  preferredInvoiceId?: number | null,
): Promise<void> {
  await lockLedger(tx, [customerId]);
  await syncReceivables(tx, invoiceIds);
  await applyCredit(tx, [customerId], preferredInvoiceId);
}

/** Customers among the invoices' who have credit: issuing uses their credit on the new invoices at once. */
export async function applyCreditToIssued(tx: DbOrTx, invoiceIds: readonly number[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  const customers = rowsOf<Row>(
    await tx.execute(sql`select distinct p.customer_id from payments p
      where p.allocated < p.amount and p.status = 'posted'
        and p.customer_id in (select customer_id from invoices where id = any(${pgArray(invoiceIds)}::int8[]))`),
  ).map((r) => Number(r.customer_id));
  await applyCredit(tx, customers);
}
