/**
 * Data for the payment reports benchmark (bench/reports.ts): on the scratch `bench` database (1,000,000 generated
 * customers), four months of issued invoices per customer, most of the older ones paid through every channel, a few
 * payments reversed and a few collector days settled. Written straight in SQL in large statements: the figures are
 * what is measured, not how they were made. Idempotent: a second call finds the data and does nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { addPeriods as addMonths } from '@/domain/reading/period';

/** Invoices of these many closed months, the oldest most often paid. */
const MONTHS = 4;
/** Share of customers who paid the invoice of the month `i` months back (1 = last month). */
const PAID_SHARE: Record<number, number> = { 1: 0.35, 2: 0.7, 3: 0.85, 4: 0.92 };
const SERIES = 'K26RPT';

export async function ensureReportData(database: Database, today: string): Promise<{ created: boolean }> {
  // Two stages, each one transaction and marked done by what it writes first: an interrupted run leaves no half
  // stage behind, and the next run resumes at the stage that is missing.
  const invoices = await database.db.transaction((tx) => writeInvoices(tx, today));
  const payments = await database.db.transaction((tx) => writePayments(tx, today));
  if (invoices || payments)
    await database.db.execute(sql`vacuum analyze invoices, invoice_receivables, payments, payment_allocations,
      payment_reversals, collector_settlements`);
  return { created: invoices || payments };
}

async function seriesId(db: DbOrTx): Promise<number | null> {
  const [row] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from invoice_series where invoice_symbol = ${SERIES}`),
  );
  return row ? Number(row.id) : null;
}

async function writeInvoices(db: DbOrTx, today: string): Promise<boolean> {
  if ((await seriesId(db)) !== null) return false;
  const [series] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
      values ('8', ${SERIES}, 2026, false) returning id`),
  );
  const thisMonth = today.slice(0, 7);
  let offset = 0;
  for (let back = MONTHS; back >= 1; back--) {
    const period = addMonths(thisMonth, -back);
    const issuedFrom = `${addMonths(period, 1)}-01`;
    const t0 = performance.now();
    // Issued on the 1st–10th of the next month; amounts vary by customer so sums are not trivial.
    await db.execute(sql`
      insert into invoices (customer_id, book_id, service_type_id, period, kind, status, consumption, subtotal, vat,
        environment_fee, drainage_fee, drainage_vat, total, series_id, number, issued_on, issued_at)
      select c.id, c.book_id, c.service_type_id, ${period}, 'regular', 'issued', 10 + c.id % 20,
        60000 + (c.id % 97) * 1000, 3000 + (c.id % 97) * 50, 6000 + (c.id % 97) * 100, 0, 0,
        69000 + (c.id % 97) * 1150, ${series!.id}, ${offset} + row_number() over (order by c.id),
        ${issuedFrom}::date + (c.id % 10), now()
      from customers c
      on conflict do nothing`);
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from invoices where series_id = ${series!.id} and period = ${period}`,
      ),
    );
    offset += Number(n);
    console.log(
      `  ${period}: ${Number(n).toLocaleString('en-US')} issued invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return true;
}

async function writePayments(db: DbOrTx, today: string): Promise<boolean> {
  const [done] = rowsOf<{ id: number }>(await db.execute(sql`select id from partners where code = 'BENCH_BANK'`));
  if (done) return false;
  const series = { id: (await seriesId(db))! };
  const thisMonth = today.slice(0, 7);
  const [admin] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from users where is_admin order by id limit 1`),
  );
  const [collector] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into users (login, full_name, password_hash)
      values ('thunganbench', 'Thu ngân Bench', 'scrypt$1$1$1$x$x')
      on conflict (login) do update set full_name = excluded.full_name returning id`),
  );
  const [partner] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into partners (code, name, secret_ciphertext)
      values ('BENCH_BANK', 'Ngân hàng Bench', 'x') returning id`),
  );
  for (let back = MONTHS; back >= 1; back--) {
    const period = addMonths(thisMonth, -back);
    const share = PAID_SHARE[back] ?? 0.5;
    const t0 = performance.now();
    // One payment per paid invoice, paid 0–24 days after issue (not after today); channels by customer id.
    {
      const tx = db;
      await tx.execute(sql`drop table if exists paid, posted`);
      await tx.execute(sql`
        create temp table paid as
        select i.id as invoice_id, i.customer_id, i.book_id, i.total, i.subtotal, i.vat, i.environment_fee,
          least(i.issued_on + (i.customer_id % 25), ${today}::date) as day,
          (array['counter', 'collector', 'partner', 'bank_transfer'])[1 + i.customer_id % 4] as channel
        from invoices i
        where i.series_id = ${series!.id} and i.period = ${period}
          and (i.customer_id::int8 * 7919) % 1000 < ${Math.round(share * 1000)}`);
      await tx.execute(sql`
        create temp table posted as
        with ins as (
          insert into payments (customer_id, book_id, channel, amount, allocated, paid_at, business_day, recorded_by,
            collector_id, partner_id, external_id, bank_account, request_fingerprint)
          select customer_id, book_id, channel, total, total,
            (day::timestamp + interval '9 hours' + (invoice_id % 480) * interval '1 minute') at time zone 'Asia/Ho_Chi_Minh',
            day, case when channel = 'counter' then ${admin!.id}::int end,
            case when channel = 'collector' then ${collector!.id}::int end,
            case when channel = 'partner' then ${partner!.id}::int end,
            case when channel in ('partner', 'bank_transfer') then 'BENCH' || invoice_id end,
            case when channel = 'bank_transfer' then '113000999' end,
            case when channel = 'partner' then repeat('0', 64) end
          from paid
          returning id, customer_id, amount)
        select ins.id as payment_id, p.invoice_id, p.subtotal, p.vat, p.environment_fee
        from ins join paid p on p.customer_id = ins.customer_id`);
      await tx.execute(sql`
        insert into invoice_receivables (invoice_id, customer_id, water_due, vat_due, fees_due, water_paid, vat_paid,
          fees_paid)
        select p.invoice_id, i.customer_id, i.subtotal, i.vat, i.environment_fee, i.subtotal, i.vat, i.environment_fee
        from posted p join invoices i on i.id = p.invoice_id`);
      await tx.execute(sql`
        insert into payment_allocations (payment_id, invoice_id, component, amount, reason)
        select payment_id, invoice_id, c.component, c.amount, 'payment'
        from posted cross join lateral (values ('water', subtotal), ('vat', vat), ('fees', environment_fee))
          as c(component, amount)
        where c.amount > 0`);
    }
    console.log(`  ${period}: paid ${Math.round(share * 100)} % in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // One payment in 200 of the last two months was a wrong entry, reversed the same day: it holds nothing.
  {
    const tx = db;
    await tx.execute(sql`create temp table wrong as
      select id, paid_at from payments where business_day >= ${`${addMonths(thisMonth, -1)}-01`}::date and id % 200 = 0`);
    await tx.execute(sql`insert into payment_reversals (payment_id, reason, reversed_by, reversed_at)
      select id, 'Nhập nhầm (bench)', ${admin!.id}, paid_at + interval '1 hour' from wrong`);
    await tx.execute(sql`insert into payment_allocations (payment_id, invoice_id, component, amount, reason)
      select a.payment_id, a.invoice_id, a.component, -a.amount, 'reversal'
      from payment_allocations a join wrong w on w.id = a.payment_id`);
    await tx.execute(sql`update invoice_receivables r set water_paid = 0, vat_paid = 0, fees_paid = 0
      where r.invoice_id in (select a.invoice_id from payment_allocations a join wrong w on w.id = a.payment_id)`);
    await tx.execute(sql`update payments set status = 'reversed', allocated = 0 where id in (select id from wrong)`);
  }
  // The collector's days of last month are settled (handed in a little short on some days).
  await db.execute(sql`insert into collector_settlements (collector_id, day, recorded, payment_count, handed_in,
      confirmed_by)
    select collector_id, business_day, coalesce(sum(amount) filter (where status = 'posted'), 0),
      count(*) filter (where status = 'posted'),
      greatest(coalesce(sum(amount) filter (where status = 'posted'), 0) - case when extract(day from business_day)::int % 7 = 0 then 50000 else 0 end, 0),
      ${admin!.id}
    from payments where collector_id = ${collector!.id}
      and business_day >= ${`${addMonths(thisMonth, -1)}-01`}::date and business_day < ${`${thisMonth}-01`}::date
    group by collector_id, business_day`);
  return true;
}
