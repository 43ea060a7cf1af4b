/**
 * The company's own details: its name, tax code, address, phone, hotline, email and office hours. Invoices print
 * them as the seller and the portal shows them on every page (portal-company.service.ts); only administrators read
 * and change them here.
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { companies } from '@/db/schema/org';
import { toNfcDeep } from '@/domain/text/nfc';
import { companyProfileSchema, type CompanyProfile, type CompanyProfileInput } from '@/schemas/company-profile';
import type { Actor } from '@/services/auth/actor';
import { AppError, forbidden } from '@/services/errors';

const columns = {
  name: companies.name,
  taxCode: companies.taxCode,
  address: companies.address,
  phone: companies.phone,
  hotline: companies.hotline,
  email: companies.email,
  officeHours: companies.officeHours,
};

function requireAdmin(actor: Actor, what: string): void {
  if (!actor.isAdmin) throw forbidden(what);
}

/** The first refusal of the schema, under the field it concerns; phone numbers and e-mail keep their own codes. */
function refusal(field: string, message: string): AppError {
  const code = field === 'phone' || field === 'hotline' ? 'INVALID_PHONE' : field === 'email' ? 'INVALID_EMAIL' : null;
  return new AppError(code ?? 'VALIDATION_FAILED', message, { field });
}

/** The company's details (admins only); an empty database (before the first seed) answers an unnamed company. */
export async function getCompanyProfile(db: DbOrTx, actor: Actor): Promise<CompanyProfile> {
  requireAdmin(actor, 'xem thông tin công ty');
  const [row] = await db.select(columns).from(companies).orderBy(asc(companies.id)).limit(1);
  return row ?? { name: '', taxCode: null, address: null, phone: null, hotline: null, email: null, officeHours: null };
}

/**
 * Replaces the company's details with `input` (admins only): every field is written, an empty one clears it.
 * Checked by the schema the form uses; text is composed to NFC first, as every input is, so lengths count what the
 * user sees and searches match.
 */
export async function updateCompanyProfile(
  db: DbOrTx,
  actor: Actor,
  input: CompanyProfileInput,
): Promise<CompanyProfile> {
  requireAdmin(actor, 'sửa thông tin công ty');
  const parsed = companyProfileSchema.safeParse(toNfcDeep(input));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refusal(String(issue.path[0] ?? ''), issue.message);
  }
  const values = parsed.data;
  return db.transaction(async (tx) => {
    const [first] = await tx
      .select({ id: companies.id })
      .from(companies)
      .orderBy(asc(companies.id))
      .limit(1)
      .for('update');
    // A database set up without the demo seed has no company row yet: the first save makes it.
    const [saved] = first
      ? await tx.update(companies).set(values).where(eq(companies.id, first.id)).returning(columns)
      : await tx.insert(companies).values(values).returning(columns);
    if (!saved) throw new AppError('INTERNAL', 'Không lưu được thông tin công ty.');
    return saved;
  });
}
