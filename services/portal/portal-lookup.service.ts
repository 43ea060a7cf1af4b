/**
 * The portal's bill lookup without an account: a customer code plus a second factor printed on every invoice (the
 * last 4 digits of the phone on file, or the number of any of the customer's issued invoices). A right proof answers
 * the open bills, their amounts, VietQR payloads and short-lived download links, and 12 months of consumption.
 *
 * An unknown code and a wrong second factor are one answer (PORTAL_LOOKUP_FAILED, one message) after the same work:
 * the same counters, the same single lookup statement (a code nobody has still runs it and compares against a
 * constant), a constant-time comparison, and every refusal padded to at least MIN_FAILURE_MS after the lookup began.
 */
import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { currentPeriodInVietnam } from '@/domain/billing/periods';
import { addPeriods } from '@/domain/reading/period';
import { portalLookupSchema, type PortalLookupInput } from '@/schemas/portal-lookup';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { AppError } from '@/services/errors';
import { invoiceVietQr, loadInvoiceSettings } from '@/services/invoices/invoice-documents.service';
import {
  consumeLookup,
  PORTAL_LIMITS,
  releaseProofAttempt,
  reserveProofAttempt,
  type PortalLimits,
} from './portal-limits';
import { PORTAL_LINK_TTL_SECONDS, signPortalLink } from './portal-token';

/**
 * Every refused proof is answered no sooner than this after the lookup began. The work itself differs by well under a
 * millisecond between an unknown code and a wrong factor; the floor also hides a slow moment of the database.
 */
export const MIN_FAILURE_MS = 250;

export const PORTAL_LOOKUP_FAILED_MESSAGE =
  'Mã khách hàng hoặc thông tin xác minh không đúng. Vui lòng kiểm tra lại trên hóa đơn tiền nước.';

export interface PortalInvoice {
  id: number;
  period: string;
  series: string;
  number: number;
  issuedOn: string;
  total: number;
  amountDue: number;
  /** The VietQR (EMVCo) payload of the amount due; '' when the company has no receiving account set. */
  vietQr: string;
  pdfUrl: string;
  xmlUrl: string;
}

export interface PortalConsumption {
  period: string;
  /** m³ read in the period (all meters of the period together); null when nothing was read. */
  m3: number | null;
}

export interface PortalBills {
  customerName: string;
  maskedAddress: string;
  invoices: PortalInvoice[];
  totalDue: number;
  consumption: PortalConsumption[];
  /** When the download links stop working (a new lookup gives new ones). */
  linksExpireAt: Date;
}

export interface PortalLookupOptions {
  limits?: PortalLimits;
  /** The refusal floor; tests measure the unpadded work with 0. */
  minFailureMs?: number;
  now?: Date;
}

/**
 * The address as the portal shows it: the numbers of its first part (house number, alley, lane) masked, the street,
 * ward and district kept. Enough for a customer to recognise their connection; a script that harvests lookups with
 * a guessed or leaked code gets no door to knock on. The invoice documents themselves carry the full address, as the
 * law requires of an invoice, one download at a time.
 */
export function maskAddress(address: string): string {
  const comma = address.indexOf(',');
  const head = comma < 0 ? address : address.slice(0, comma);
  const tail = comma < 0 ? '' : address.slice(comma);
  return head.replace(/\d/g, '*') + tail;
}

/** The last 4 digits of a phone number, or null when it has fewer. */
function phoneLast4(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

interface ProofRow {
  id: number | null;
  name: string | null;
  phone: string | null;
  address: string | null;
  invoice_match: boolean | null;
}

/**
 * Checks the proof in one statement that runs for every code: the code is a value joined to customers, so a code
 * nobody has still executes the same plan and returns one row of nulls.
 */
async function readProof(db: DbOrTx, code: string, invoiceNumber: number): Promise<ProofRow> {
  const [row] = rowsOf<ProofRow>(
    await db.execute(sql`
      select c.id, c.name, c.phone, c.address,
        exists (select 1 from invoices i where i.customer_id = c.id and i.number = ${invoiceNumber}
          and i.status <> 'draft') as invoice_match
      from (values (${code}::text)) as k(code)
      left join customers c on c.code = k.code`),
  );
  return row ?? { id: null, name: null, phone: null, address: null, invoice_match: null };
}

/** Whether the verifier proves the customer; both factors are always evaluated, the phone in constant time. */
function proves(row: ProofRow, verifier: string): boolean {
  const last4 = phoneLast4(row.phone);
  // Fixed-length operands: a missing customer or phone compares against a value no verifier can be.
  const expected = Buffer.from(last4 ?? '----', 'utf8');
  const given = Buffer.from(verifier.length === 4 ? verifier : '++++', 'utf8');
  const phoneMatch = timingSafeEqual(expected, given) && row.id !== null && last4 !== null;
  const invoiceMatch = row.id !== null && row.invoice_match === true;
  return phoneMatch || invoiceMatch;
}

/** The customer's open invoices: issued (or adjusted) invoices that still ask for money, oldest first. */
async function openInvoices(db: DbOrTx, customerId: number) {
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select * from (
        select i.id, i.period, i.number, s.template_symbol || s.invoice_symbol as series, i.issued_on::text as issued_on,
          i.total, ${AMOUNT_DUE} as amount_due
        from invoices i join invoice_series s on s.id = i.series_id
        where i.customer_id = ${customerId} and i.number is not null and i.kind <> 'adjustment'
          and i.status in ('issued', 'adjusted')
      ) open where open.amount_due > 0
      order by open.period, open.id`),
  );
}

/** 12 consecutive periods ending at the customer's latest reading (never after the current period). */
async function consumptionHistory(db: DbOrTx, customerId: number, now: Date): Promise<PortalConsumption[]> {
  const current = currentPeriodInVietnam(now);
  const rows = rowsOf<{ period: string; m3: number }>(
    await db.execute(sql`
      select period, sum(consumption)::int as m3 from readings
      where customer_id = ${customerId} and period <= ${current}
        and period > to_char(
          (coalesce((select max(period) from readings where customer_id = ${customerId} and period <= ${current}), ${current})
            || '-01')::date - interval '12 months', 'YYYY-MM')
      group by period`),
  );
  const byPeriod = new Map(rows.map((r) => [String(r.period), Number(r.m3)]));
  const last = [...byPeriod.keys()].sort().at(-1) ?? current;
  return Array.from({ length: 12 }, (_, i) => {
    const period = addPeriods(last, i - 11);
    return { period, m3: byPeriod.get(period) ?? null };
  });
}

export interface ProvedCustomer {
  id: number;
  /** The code as normalized by the schema (upper case, no spaces). */
  code: string;
  name: string;
  address: string;
}

/**
 * Checks a customer code and its second factor with every protection of the lookup: the input schema, the
 * per-address budget, the per-code lock, one statement for known and unknown codes, and every refusal padded to
 * MIN_FAILURE_MS. The bill lookup and a portal account linking a code (portal-account.service.ts) both prove a code
 * here, so they share one budget and one lock. Refusals as for lookupPortalBills.
 */
export async function provePortalCustomer(
  db: DbOrTx,
  ip: string | null,
  rawInput: PortalLookupInput,
  options: PortalLookupOptions = {},
): Promise<ProvedCustomer> {
  const parsed = portalLookupSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', issue?.message ?? 'Dữ liệu không hợp lệ.', {
      field: issue?.path.map(String).join('.') ?? '',
    });
  }
  const { customerCode, verifier } = parsed.data;
  const limits = options.limits ?? PORTAL_LIMITS;
  const started = performance.now();

  await consumeLookup(db, ip, limits);
  await reserveProofAttempt(db, customerCode, limits);
  const row = await readProof(db, customerCode, Number(verifier));
  if (!proves(row, verifier) || row.id === null) {
    const floor = options.minFailureMs ?? MIN_FAILURE_MS;
    const wait = floor - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    throw new AppError('PORTAL_LOOKUP_FAILED', PORTAL_LOOKUP_FAILED_MESSAGE);
  }
  await releaseProofAttempt(db, customerCode);
  return { id: Number(row.id), code: customerCode, name: String(row.name), address: row.address ?? '' };
}

/**
 * A customer's open invoices as the portal shows them (amounts, VietQR payloads, download links valid until
 * `expiresAt`, epoch seconds). Only for a customer the caller proved: a lookup's proof or a portal account's link.
 */
export async function portalInvoicesOf(
  db: DbOrTx,
  customer: { id: number; code: string },
  expiresAt: number,
): Promise<PortalInvoice[]> {
  const [settings, invoiceRows] = await Promise.all([loadInvoiceSettings(db), openInvoices(db, customer.id)]);
  return invoiceRows.map((r): PortalInvoice => {
    const id = Number(r.id);
    const period = String(r.period);
    const number = Number(r.number);
    const amountDue = Number(r.amount_due);
    const token = signPortalLink(id, expiresAt);
    return {
      id,
      period,
      series: String(r.series),
      number,
      issuedOn: String(r.issued_on),
      total: Number(r.total),
      amountDue,
      vietQr: invoiceVietQr(settings, { customerCode: customer.code, period, amountDue, number }),
      pdfUrl: `/api/portal/invoices/${id}/pdf?token=${token}`,
      xmlUrl: `/api/portal/invoices/${id}/xml?token=${token}`,
    };
  });
}

/** When download links made now stop working, in epoch seconds. */
export const portalLinksExpiry = (now: Date) => Math.floor(now.getTime() / 1000) + PORTAL_LINK_TTL_SECONDS;

/**
 * The bills of a customer for a visitor who proves the code. `ip` is the caller's address (the per-address budget);
 * every refusal is an AppError: VALIDATION_FAILED (malformed input), RATE_LIMITED (PortalRateLimitedError, with the
 * seconds to wait), PORTAL_LOOKUP_FAILED (unknown code or wrong factor, alike).
 */
export async function lookupPortalBills(
  db: DbOrTx,
  ip: string | null,
  rawInput: PortalLookupInput,
  options: PortalLookupOptions = {},
): Promise<PortalBills> {
  const now = options.now ?? new Date();
  const customer = await provePortalCustomer(db, ip, rawInput, options);
  const expiresAt = portalLinksExpiry(now);
  const [invoices, consumption] = await Promise.all([
    portalInvoicesOf(db, customer, expiresAt),
    consumptionHistory(db, customer.id, now),
  ]);
  return {
    customerName: customer.name,
    maskedAddress: maskAddress(customer.address),
    invoices,
    totalDue: invoices.reduce((sum, i) => sum + i.amountDue, 0),
    consumption,
    linksExpireAt: new Date(expiresAt * 1000),
  };
}

/**
 * The customer id behind a code for a visitor who proves it with the lookup's second factor, under the lookup's
 * budgets (the address's lookups, the code's wrong proofs) and with its one answer for an unknown code and a wrong
 * factor (PORTAL_LOOKUP_FAILED, padded to MIN_FAILURE_MS). The portal's service requests use it: a request about a
 * connection is accepted only from someone who holds its bill.
 */
export async function proveCustomerCode(
  db: DbOrTx,
  ip: string | null,
  rawInput: PortalLookupInput,
  options: Pick<PortalLookupOptions, 'limits' | 'minFailureMs'> = {},
): Promise<number> {
  const parsed = portalLookupSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', issue?.message ?? 'Dữ liệu không hợp lệ.', {
      field: issue?.path.map(String).join('.') ?? '',
    });
  }
  const { customerCode, verifier } = parsed.data;
  const limits = options.limits ?? PORTAL_LIMITS;
  const started = performance.now();
  await consumeLookup(db, ip, limits);
  await reserveProofAttempt(db, customerCode, limits);
  const row = await readProof(db, customerCode, Number(verifier));
  if (!proves(row, verifier) || row.id === null) {
    const wait = (options.minFailureMs ?? MIN_FAILURE_MS) - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    throw new AppError('PORTAL_LOOKUP_FAILED', PORTAL_LOOKUP_FAILED_MESSAGE);
  }
  await releaseProofAttempt(db, customerCode);
  return Number(row.id);
}
