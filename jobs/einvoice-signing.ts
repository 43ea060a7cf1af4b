/**
 * E-invoices are signed (or sent to the provider) after issuing, by jobs: issuing a book stays one quick
 * transaction, and a signature that fails is retried by the queue without touching the numbers.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { enqueue } from './queue';

/** Invoices per signing job: a few minutes of work, so a retry repeats little. */
const PER_JOB = 500;

export async function enqueueEinvoiceSigning(db: Db, invoiceIds: readonly number[]): Promise<void> {
  for (let i = 0; i < invoiceIds.length; i += PER_JOB)
    await enqueue(db, 'einvoices.sign', { invoiceIds: invoiceIds.slice(i, i + PER_JOB) });
}

/** Every issued invoice of the period still without its e-invoice (after a company-wide issue). */
export async function enqueueUnsignedOfPeriod(db: Db, period: string): Promise<number> {
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`
      select i.id from invoices i where i.period = ${period} and i.number is not null
        and not exists (select 1 from einvoices e where e.invoice_id = i.id)
      order by i.series_id, i.number`),
  ).map((r) => Number(r.id));
  await enqueueEinvoiceSigning(db, ids);
  return ids.length;
}

/** A cancelled invoice the provider issued is cancelled there too, by a job (retried while the provider is down). */
export async function enqueueEinvoiceCancel(db: Db, invoiceId: number): Promise<void> {
  await enqueue(db, 'einvoices.cancel', { invoiceId });
}
