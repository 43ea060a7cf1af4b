import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';

/**
 * The id of the seller version matching the company row now, recorded first when the company's printed details
 * changed since the last one. Issuing names it on every invoice it numbers, so a later edit of the company's name,
 * address, tax code, contacts or bank account leaves issued invoices as they were printed. Null without a company.
 */
export async function currentSellerVersion(tx: DbOrTx): Promise<number | null> {
  const [row] = rowsOf<{ id: number | null }>(
    await tx.execute(sql`
      with c as (
        select name, address, tax_code, phone, email, bank_name, bank_account from companies order by id limit 1
      ), latest as (
        select * from company_profile_versions order by id desc limit 1
      ), ins as (
        insert into company_profile_versions (name, address, tax_code, phone, email, bank_name, bank_account)
        select c.name, c.address, c.tax_code, c.phone, c.email, c.bank_name, c.bank_account from c
        where not exists (
          select 1 from latest l
          where l.name = c.name and l.address is not distinct from c.address
            and l.tax_code is not distinct from c.tax_code and l.phone is not distinct from c.phone
            and l.email is not distinct from c.email and l.bank_name is not distinct from c.bank_name
            and l.bank_account is not distinct from c.bank_account)
        returning id
      )
      select coalesce((select id from ins), (select id from latest)) as id`),
  );
  return row?.id == null ? null : Number(row.id);
}
