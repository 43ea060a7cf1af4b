/**
 * What the public portal shows of the company (its name in every page title, contacts on every page) and the service
 * types its bill calculator offers. Public by nature: nothing here is a customer's.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';

export interface PortalCompany {
  name: string;
  address: string | null;
  hotline: string | null;
  phone: string | null;
  email: string | null;
  taxCode: string | null;
  /** Free text, one line per group of days (the portal keeps the line breaks). */
  officeHours: string | null;
}

export async function getPortalCompany(db: DbOrTx): Promise<PortalCompany> {
  const [c] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select name, address, hotline, phone, email, tax_code, office_hours from companies order by id limit 1`,
    ),
  );
  const str = (v: unknown) => (v == null || String(v).trim() === '' ? null : String(v));
  return {
    // An empty database (first start) still renders the portal rather than failing its layout.
    name: str(c?.name) ?? 'Công ty cấp nước',
    address: str(c?.address),
    hotline: str(c?.hotline),
    phone: str(c?.phone),
    email: str(c?.email),
    taxCode: str(c?.tax_code),
    officeHours: str(c?.office_hours),
  };
}

export interface PortalServiceType {
  code: string;
  name: string;
  /** How the tariff in effect today splits its tiers: per household, per person, or flat. */
  basis: 'household' | 'person' | 'flat';
}

/** Service types with a tariff in effect today (the calculator can price nothing else), by code. */
export async function listPortalServiceTypes(db: DbOrTx, now: Date = new Date()): Promise<PortalServiceType[]> {
  const today = todayInVietnam(now);
  const rows = rowsOf<{ code: string; name: string; basis: string }>(
    await db.execute(sql`
      select st.code, st.name, v.basis
      from service_types st
      join lateral (select basis from tariff_versions tv
        where tv.service_type_id = st.id and tv.effective_from <= ${today}::date
        order by tv.effective_from desc limit 1) v on true
      order by st.code`),
  );
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    basis: r.basis === 'household' || r.basis === 'person' ? r.basis : 'flat',
  }));
}
