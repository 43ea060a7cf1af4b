import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { pgErrorCode } from '@/services/errors';
import { getInvoiceSettings, updateInvoiceSettings } from '@/services/invoices/invoice-settings.service';
import { applyCreditToIssued, settleCorrection } from '@/services/payments/ledger';
import { customerBalance, postPayment, reversePaymentInTx } from '@/services/payments/payment.service';
import { addCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
}, 60_000);
afterAll(async () => database?.close());

const db = () => database.db;
const violates = (constraint: string) => (e: unknown) => pgErrorCode(e)?.constraint === constraint;

async function amountDue(invoiceId: number): Promise<number> {
  const [row] = rowsOf<{ due: number }>(
    await db().execute(sql`select (case when i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'
        then i.total + coalesce((select sum(a.total) from invoices a where a.related_invoice_id = i.id
          and a.kind = 'adjustment' and a.status = 'issued'), 0) else 0 end)
        - coalesce((select r.water_paid + r.vat_paid + r.fees_paid from invoice_receivables r where r.invoice_id = i.id), 0)
        as due from invoices i where i.id = ${invoiceId}`),
  );
  return Number(row!.due);
}

async function heldBy(paymentId: number): Promise<Record<string, number>> {
  const rows = rowsOf<{ invoice_id: number; component: string; amount: number }>(
    await db().execute(sql`select invoice_id, component, sum(amount) as amount from payment_allocations
      where payment_id = ${paymentId} group by invoice_id, component having sum(amount) <> 0`),
  );
  return Object.fromEntries(rows.map((r) => [`${r.invoice_id}:${r.component}`, Number(r.amount)]));
}

const pay = (customerId: number, amount: number, preferredInvoiceId?: number) =>
  db().transaction((tx) =>
    postPayment(tx, {
      customerId,
      amount,
      channel: 'counter',
      paidAt: new Date(),
      recordedBy: f.clerk.userId,
      preferredInvoiceId,
    }),
  );

const reverse = (paymentId: number) =>
  db().transaction((tx) =>
    reversePaymentInTx(tx, paymentId, { reason: 'Nhập nhầm số tiền', reversedBy: f.clerk.userId }),
  );

async function replace(tx: DbOrTx, originalId: number, amounts: { water: number; vat: number; fees: number }) {
  const [orig] = rowsOf<{ customer_id: number; period: string; series_id: number }>(
    await tx.execute(sql`select customer_id, period, series_id from invoices where id = ${originalId}`),
  );
  const [row] = rowsOf<{ id: number }>(
    await tx.execute(sql`insert into invoices (customer_id, book_id, period, kind, status, consumption, subtotal, vat,
        environment_fee, drainage_fee, drainage_vat, total, series_id, number, issued_on, related_invoice_id,
        correction_reason)
      select customer_id, book_id, period, 'replacement', 'issued', 5, ${amounts.water}, ${amounts.vat}, ${amounts.fees},
        0, 0, ${amounts.water + amounts.vat + amounts.fees}, series_id,
        (select max(number) + 1 from invoices where series_id = ${orig!.series_id}), current_date, id, 'Sai chỉ số'
      from invoices where id = ${originalId} returning id`),
  );
  await tx.execute(sql`update invoices set status = 'replaced' where id = ${originalId}`);
  await settleCorrection(tx, Number(orig!.customer_id), [originalId, Number(row!.id)], Number(row!.id));
  return Number(row!.id);
}

async function adjust(tx: DbOrTx, originalId: number, delta: { water: number; vat: number; fees: number }) {
  const [orig] = rowsOf<{ customer_id: number; series_id: number }>(
    await tx.execute(sql`select customer_id, series_id from invoices where id = ${originalId}`),
  );
  await tx.execute(sql`insert into invoices (customer_id, book_id, period, kind, status, consumption, subtotal, vat,
      environment_fee, drainage_fee, drainage_vat, total, series_id, number, issued_on, related_invoice_id,
      correction_reason)
    select customer_id, book_id, period, 'adjustment', 'issued', 0, ${delta.water}, ${delta.vat}, ${delta.fees}, 0, 0,
      ${delta.water + delta.vat + delta.fees}, series_id,
      (select max(number) + 1 from invoices where series_id = ${orig!.series_id}), current_date, id, 'Điều chỉnh giảm'
    from invoices where id = ${originalId}`);
  await tx.execute(sql`update invoices set status = 'adjusted' where id = ${originalId}`);
  await settleCorrection(tx, Number(orig!.customer_id), [originalId], originalId);
}

describe('the receivables ledger', () => {
  it('pays the oldest invoice first, water before VAT before fees, and keeps the rest as credit', async () => {
    const c = await addCustomer(db(), f);
    const march = await issuedInvoice(db(), {
      customerId: c.id,
      period: '2026-03',
      water: 100_000,
      vat: 5_000,
      fees: 10_000,
    });
    const april = await issuedInvoice(db(), {
      customerId: c.id,
      period: '2026-04',
      water: 80_000,
      vat: 4_000,
      fees: 8_000,
    });
    const { payment, credit } = await pay(c.id, 150_000);
    expect(credit).toBe(0);
    expect(await heldBy(payment.id)).toEqual({
      [`${march}:water`]: 100_000,
      [`${march}:vat`]: 5_000,
      [`${march}:fees`]: 10_000,
      [`${april}:water`]: 35_000,
    });
    expect(await amountDue(march)).toBe(0);
    expect(await amountDue(april)).toBe(57_000);
    const more = await pay(c.id, 60_000);
    expect(more.credit).toBe(3_000);
    expect(await customerBalance(db(), c.id)).toEqual({ totalDue: 0, credit: 3_000, balance: -3_000 });
    expect(await ledgerViolations(db())).toEqual([]);
  });

  it('pays the invoice the cashier named before older ones', async () => {
    const c = await addCustomer(db(), f);
    const march = await issuedInvoice(db(), { customerId: c.id, period: '2026-03', water: 50_000, vat: 0, fees: 0 });
    const april = await issuedInvoice(db(), { customerId: c.id, period: '2026-04', water: 50_000, vat: 0, fees: 0 });
    await pay(c.id, 60_000, april);
    expect(await amountDue(april)).toBe(0);
    expect(await amountDue(march)).toBe(40_000);
  });

  it('pays the newest invoice first once an administrator sets the company to NEWEST', async () => {
    const c = await addCustomer(db(), f);
    const march = await issuedInvoice(db(), { customerId: c.id, period: '2026-03', water: 50_000, vat: 0, fees: 0 });
    const april = await issuedInvoice(db(), { customerId: c.id, period: '2026-04', water: 50_000, vat: 0, fees: 0 });
    const settings = await getInvoiceSettings(db());
    await expect(updateInvoiceSettings(db(), f.clerk, { ...settings, paymentOrder: 'NEWEST' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await updateInvoiceSettings(db(), f.admin, { ...settings, paymentOrder: 'NEWEST' })).paymentOrder).toBe(
      'NEWEST',
    );
    try {
      await pay(c.id, 60_000);
      expect(await amountDue(april)).toBe(0);
      expect(await amountDue(march)).toBe(40_000);
    } finally {
      await updateInvoiceSettings(db(), f.admin, { ...settings, paymentOrder: 'OLDEST' });
    }
  });

  it('uses credit on the next invoice as soon as it is issued', async () => {
    const c = await addCustomer(db(), f);
    await pay(c.id, 70_000);
    expect((await customerBalance(db(), c.id)).credit).toBe(70_000);
    const may = await db().transaction(async (tx) => {
      const id = await issuedInvoice(tx, {
        customerId: c.id,
        period: '2026-05',
        water: 50_000,
        vat: 2_500,
        fees: 5_000,
      });
      await applyCreditToIssued(tx, [id]);
      return id;
    });
    expect(await amountDue(may)).toBe(0);
    expect(await customerBalance(db(), c.id)).toEqual({ totalDue: 0, credit: 12_500, balance: -12_500 });
  });

  it('a reversal reopens what the payment paid, once; a second reversal is refused', async () => {
    const c = await addCustomer(db(), f);
    const inv = await issuedInvoice(db(), { customerId: c.id, period: '2026-03', water: 90_000, vat: 4_500, fees: 0 });
    const { payment } = await pay(c.id, 94_500);
    expect(await amountDue(inv)).toBe(0);
    await reverse(payment.id);
    expect(await amountDue(inv)).toBe(94_500);
    await expect(reverse(payment.id)).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_REVERSED' });
    expect(await ledgerViolations(db())).toEqual([]);
  });

  it('moves what was paid on a replaced invoice to its replacement; the excess of a smaller one becomes credit', async () => {
    const c = await addCustomer(db(), f);
    const orig = await issuedInvoice(db(), {
      customerId: c.id,
      period: '2026-03',
      water: 100_000,
      vat: 5_000,
      fees: 0,
    });
    const { payment } = await pay(c.id, 105_000);
    const replacement = await db().transaction((tx) => replace(tx, orig, { water: 60_000, vat: 3_000, fees: 0 }));
    expect(await amountDue(orig)).toBe(0);
    expect(await amountDue(replacement)).toBe(0);
    expect(await heldBy(payment.id)).toEqual({ [`${replacement}:water`]: 60_000, [`${replacement}:vat`]: 3_000 });
    expect(await customerBalance(db(), c.id)).toEqual({ totalDue: 0, credit: 42_000, balance: -42_000 });
    expect(await ledgerViolations(db())).toEqual([]);
  });

  it('takes back from a downward adjustment only what no longer belongs on the invoice', async () => {
    const c = await addCustomer(db(), f);
    const orig = await issuedInvoice(db(), {
      customerId: c.id,
      period: '2026-03',
      water: 100_000,
      vat: 5_000,
      fees: 10_000,
    });
    await pay(c.id, 115_000);
    await db().transaction((tx) => adjust(tx, orig, { water: -20_000, vat: -1_000, fees: 0 }));
    expect(await amountDue(orig)).toBe(0);
    expect(await customerBalance(db(), c.id)).toEqual({ totalDue: 0, credit: 21_000, balance: -21_000 });
  });

  it('the database itself refuses an invoice paid past its due and a payment allocated past its amount', async () => {
    const c = await addCustomer(db(), f);
    const inv = await issuedInvoice(db(), { customerId: c.id, period: '2026-03', water: 10_000, vat: 0, fees: 0 });
    const { payment } = await pay(c.id, 10_000);
    await expect(
      db().execute(sql`update invoice_receivables set water_paid = water_paid + 1 where invoice_id = ${inv}`),
    ).rejects.toSatisfy(violates('receivable_paid_within_due'));
    await expect(
      db().execute(sql`update payments set allocated = allocated + 1 where id = ${payment.id}`),
    ).rejects.toSatisfy(violates('payment_allocated'));
    await expect(
      db().execute(sql`insert into payment_reversals (payment_id, reason) values (${payment.id}, 'lần một'),
        (${payment.id}, 'lần hai')`),
    ).rejects.toSatisfy(violates('payment_reversals_pkey'));
  });

  it('keeps every invariant over random sequences of charges, payments, reversals and corrections', async () => {
    type Op =
      | { kind: 'charge'; water: number; vat: number; fees: number }
      | { kind: 'pay'; amount: number }
      | { kind: 'payReverse'; amount: number }
      | { kind: 'reverse'; pick: number }
      | { kind: 'replace'; pick: number; factor: number }
      | { kind: 'adjust'; pick: number; cut: number }
      | { kind: 'cancel'; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant('charge' as const),
        water: fc.integer({ min: 1, max: 500_000 }),
        vat: fc.nat(25_000),
        fees: fc.nat(50_000),
      }),
      fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 700_000 }) }),
      fc.record({ kind: fc.constant('payReverse' as const), amount: fc.integer({ min: 1, max: 700_000 }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(20) }),
      fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(20), factor: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('adjust' as const), pick: fc.nat(20), cut: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
    );
    let period = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 14 }), async (ops) => {
        const c = await addCustomer(db(), f);
        const open: number[] = [];
        const posted: number[] = [];
        let charged = 0;
        let paid = 0;
        const chargeOf = async (id: number) => {
          const [r] = rowsOf<{ total: number }>(await db().execute(sql`select total from invoices where id = ${id}`));
          return Number(r!.total);
        };
        for (const o of ops) {
          if (o.kind === 'charge') {
            period += 1;
            const p = `20${String(30 + Math.floor(period / 12)).padStart(2, '0')}-${String((period % 12) + 1).padStart(2, '0')}`;
            const id = await db().transaction(async (tx) => {
              const id = await issuedInvoice(tx, {
                customerId: c.id,
                period: p,
                water: o.water,
                vat: o.vat,
                fees: o.fees,
              });
              await applyCreditToIssued(tx, [id]);
              return id;
            });
            open.push(id);
            charged += o.water + o.vat + o.fees;
          } else if (o.kind === 'pay' || o.kind === 'payReverse') {
            const before = await Promise.all(open.map(amountDue));
            const creditBefore = (await customerBalance(db(), c.id)).credit;
            const { payment } = await pay(c.id, o.amount);
            if (o.kind === 'payReverse') {
              // A reversal straight after the payment restores the state before it, invoice by invoice.
              await reverse(payment.id);
              expect(await Promise.all(open.map(amountDue))).toEqual(before);
              expect((await customerBalance(db(), c.id)).credit).toBe(creditBefore);
            } else {
              posted.push(payment.id);
              paid += o.amount;
            }
          } else if (o.kind === 'reverse' && posted.length > 0) {
            const id = posted.splice(o.pick % posted.length, 1)[0]!;
            const [p] = rowsOf<{ amount: number }>(
              await db().execute(sql`select amount from payments where id = ${id}`),
            );
            await reverse(id);
            paid -= Number(p!.amount);
          } else if ((o.kind === 'replace' || o.kind === 'adjust' || o.kind === 'cancel') && open.length > 0) {
            const k = o.pick % open.length;
            const id = open[k]!;
            const [inv] = rowsOf<{ subtotal: number; vat: number; total: number; status: string }>(
              await db().execute(sql`select subtotal, vat, total, status from invoices where id = ${id}`),
            );
            if (inv!.status !== 'issued') continue;
            const water = Number(inv!.subtotal);
            const vat = Number(inv!.vat);
            const fees = Number(inv!.total) - water - vat;
            if (o.kind === 'replace') {
              const next = { water: Math.floor((water * o.factor) / 10), vat: Math.floor((vat * o.factor) / 10), fees };
              const newId = await db().transaction((tx) => replace(tx, id, next));
              open[k] = newId;
              charged += next.water + next.vat + next.fees - (await chargeOf(id));
            } else if (o.kind === 'adjust') {
              const delta = { water: -Math.floor((water * o.cut) / 10), vat: -Math.floor((vat * o.cut) / 10), fees: 0 };
              await db().transaction((tx) => adjust(tx, id, delta));
              open.splice(k, 1);
              charged += delta.water + delta.vat;
            } else {
              await db().transaction(async (tx) => {
                await tx.execute(
                  sql`update invoices set status = 'cancelled', cancel_reason = 'Hủy thử' where id = ${id}`,
                );
                await settleCorrection(tx, c.id, [id]);
              });
              open.splice(k, 1);
              charged -= await chargeOf(id);
            }
          }
          expect(await ledgerViolations(db())).toEqual([]);
          const balance = await customerBalance(db(), c.id);
          // The balance is exactly what was charged less what was paid and not reversed …
          expect(balance.balance).toBe(charged - paid);
          // … and money never waits as credit while an invoice of the customer is open.
          expect(balance.credit === 0 || balance.totalDue === 0).toBe(true);
          for (const id of open) expect(await amountDue(id)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});
