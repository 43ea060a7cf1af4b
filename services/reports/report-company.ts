import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { ReportCompany } from '@/domain/payments/payment-reports';

/** The company named at the top of every report (one company per database). */
export async function reportCompany(db: DbOrTx): Promise<ReportCompany> {
  const [row] = rowsOf<{ name: string; address: string | null; tax_code: string | null }>(
    await db.execute(sql`select name, address, tax_code from companies order by id limit 1`),
  );
  return { name: row ? String(row.name) : '', address: row?.address ?? null, taxCode: row?.tax_code ?? null };
}
