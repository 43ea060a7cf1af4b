/**
 * Invoices as InvoiceDocument: the one plain object that the PDF, the e-invoice XML and the VietQR code are drawn
 * from. Loaded in chunks by id (a book's 2,000 invoices are read 200 at a time), with the company's settings read
 * once per caller.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { amountInWords, type AmountReading } from '@/domain/invoices/amount-in-words';
import type { InvoiceDocument, InvoiceDocumentLine, InvoiceDocumentStatus } from '@/domain/invoices/invoice-document';
import { paymentCode, vietQrPayload } from '@/domain/invoices/vietqr';
import { type Actor } from '@/services/auth/actor';
import { canReadInvoices, AMOUNT_DUE } from '@/services/billing/invoice.service';
import { notFound } from '@/services/errors';

export interface InvoiceSettings {
  seller: {
    name: string;
    address: string;
    taxCode: string | null;
    phone: string | null;
    email: string | null;
    bankName: string | null;
    bankAccount: string | null;
  };
  bankBin: string | null;
  wordsDialect: AmountReading;
  paper: { preset: string; widthMm?: number; heightMm?: number; marginMm?: number };
  einvoiceMode: 'SELF' | 'PROVIDER';
  paymentOrder: 'OLDEST' | 'NEWEST';
}

export async function loadInvoiceSettings(db: DbOrTx): Promise<InvoiceSettings> {
  const [c] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select name, address, tax_code, phone, email, bank_bin, bank_account, bank_name, words_dialect, invoice_paper,
        einvoice_mode, payment_order
      from companies order by id limit 1`),
  );
  const str = (v: unknown) => (v == null || v === '' ? null : String(v));
  const paper = typeof c?.invoice_paper === 'string' ? JSON.parse(c.invoice_paper) : c?.invoice_paper;
  return {
    seller: {
      name: String(c?.name ?? ''),
      address: String(c?.address ?? ''),
      taxCode: str(c?.tax_code),
      phone: str(c?.phone),
      email: str(c?.email),
      bankName: str(c?.bank_name),
      bankAccount: str(c?.bank_account),
    },
    bankBin: str(c?.bank_bin),
    wordsDialect: c?.words_dialect === 'SOUTH' ? 'SOUTH' : 'NORTH',
    paper: (paper as InvoiceSettings['paper'] | null) ?? { preset: 'A5' },
    einvoiceMode: c?.einvoice_mode === 'PROVIDER' ? 'PROVIDER' : 'SELF',
    paymentOrder: c?.payment_order === 'NEWEST' ? 'NEWEST' : 'OLDEST',
  };
}

const STATUS: Readonly<Record<string, InvoiceDocumentStatus>> = {
  draft: 'DRAFT',
  issued: 'ISSUED',
  cancelled: 'CANCELLED',
  replaced: 'REPLACED',
  adjusted: 'ADJUSTED',
};

/** A stored status (draft, issued …) as the printed document names it. */
export function documentStatus(stored: unknown): InvoiceDocumentStatus {
  return STATUS[String(stored)] ?? 'DRAFT';
}

/** The VAT rate printed on a line (TSuat): water and its subscription 5 %, the wastewater fee outside VAT. */
function vatRateOf(kind: string, drainageRate: string | null): string | null {
  switch (kind) {
    case 'tier':
    case 'subscription':
    case 'backbill_amount':
      return '5%';
    case 'environment_fee':
      return 'KCT';
    case 'drainage':
      return drainageRate;
    default:
      return null;
  }
}

/** The VietQR payload for an amount due (a static code when nothing is due), or '' when no bank account is set. */
export function invoiceVietQr(
  settings: InvoiceSettings,
  inv: { customerCode: string; period: string; amountDue: number; number: number | null },
): string {
  if (!settings.bankBin || !settings.seller.bankAccount) return '';
  return vietQrPayload({
    bankBin: settings.bankBin,
    accountNumber: settings.seller.bankAccount,
    amount: inv.amountDue > 0 ? inv.amountDue : null,
    billNumber: inv.number === null ? null : String(inv.number),
    purpose: paymentCode(inv.customerCode, inv.period),
  });
}

/** Documents of the given invoice ids, in the order of the ids. No rights are checked here: callers check. */
export async function invoiceDocumentsByIds(
  db: DbOrTx,
  settings: InvoiceSettings,
  ids: readonly number[],
): Promise<InvoiceDocument[]> {
  if (ids.length === 0) return [];
  const idArray = pgArray(ids);
  const [heads, lines] = await Promise.all([
    db.execute(sql`
      select i.id, i.status, i.kind, i.period, i.consumption, i.subtotal, i.vat, i.environment_fee, i.drainage_fee,
        i.drainage_vat, i.total, i.number, i.issued_on::text as issued_on, i.lookup_code, i.cancel_reason,
        ${AMOUNT_DUE} as amount_due,
        s.template_symbol, s.invoice_symbol,
        coalesce(i.buyer_name, c.name) as buyer_name, coalesce(i.buyer_address, c.address) as buyer_address,
        case when i.number is null then c.tax_code else i.buyer_tax_code end as buyer_tax_code,
        c.code as customer_code, c.phone, c.email, c.households, c.persons, c.sequence_no, b.code as book_code,
        r.previous_index, r.current_index, r.reading_to, r.reading_from,
        o.kind as related_kind, os.template_symbol as related_template, os.invoice_symbol as related_symbol,
        o.number as related_number, o.issued_on::text as related_issued_on,
        sv.id as seller_version_id, sv.name as seller_name, sv.address as seller_address, sv.tax_code as seller_tax_code,
        sv.phone as seller_phone, sv.email as seller_email, sv.bank_name as seller_bank_name,
        sv.bank_account as seller_bank_account
      from unnest(${idArray}::int8[]) with ordinality as x(id, ord)
      join invoices i on i.id = x.id
      join customers c on c.id = i.customer_id
      join reading_books b on b.id = i.book_id
      left join invoice_series s on s.id = i.series_id
      left join invoices o on o.id = i.related_invoice_id
      left join invoice_series os on os.id = o.series_id
      left join company_profile_versions sv on sv.id = i.seller_version_id
      left join lateral (
        select cur.previous_index, cur.current_index, (cur.entered_at at time zone 'Asia/Ho_Chi_Minh')::date::text as reading_to,
          (select (max(p.entered_at) at time zone 'Asia/Ho_Chi_Minh')::date::text from readings p
            where p.customer_id = i.customer_id and p.period < i.period
              and p.period >= to_char((i.period || '-01')::date - interval '3 months', 'YYYY-MM')) as reading_from
        from readings cur where cur.customer_id = i.customer_id and cur.period = i.period
        order by cur.entered_at desc limit 1) r on true
      order by x.ord`),
    db.execute(sql`
      select invoice_id, ordinal, kind, description, quantity, unit_price, amount from invoice_lines
      where invoice_id = any(${idArray}::int8[]) order by invoice_id, ordinal`),
  ]);
  const linesByInvoice = new Map<number, Record<string, unknown>[]>();
  for (const l of rowsOf<Record<string, unknown>>(lines)) {
    const id = Number(l.invoice_id);
    const list = linesByInvoice.get(id) ?? [];
    list.push(l);
    linesByInvoice.set(id, list);
  }
  const str = (v: unknown) => (v == null || v === '' ? null : String(v));
  return rowsOf<Record<string, unknown>>(heads).map((h) => {
    const id = Number(h.id);
    const drainageFee = Number(h.drainage_fee);
    const drainageRate = drainageFee > 0 ? `${Math.round((Number(h.drainage_vat) * 100) / drainageFee)}%` : null;
    const docLines: InvoiceDocumentLine[] = (linesByInvoice.get(id) ?? []).map((l, k) => {
      const kind = String(l.kind);
      const isWater = kind === 'tier' || kind === 'backbill_amount';
      const quantity = Number(l.quantity);
      return {
        ordinal: k + 1,
        kind,
        description: String(l.description),
        unit: isWater && quantity !== 0 ? 'm³' : null,
        quantity: isWater && quantity !== 0 ? quantity : null,
        unitPrice: isWater && Number(l.unit_price) !== 0 ? Number(l.unit_price) : null,
        amount: Number(l.amount),
        vatRate: vatRateOf(kind, drainageRate),
      };
    });
    const total = Number(h.total);
    const number = h.number == null ? null : Number(h.number);
    const customerCode = String(h.customer_code);
    const period = String(h.period);
    const amountDue = Number(h.amount_due);
    const relatedKind = str(h.related_kind);
    return {
      id,
      status: documentStatus(h.status),
      templateSymbol: String(h.template_symbol ?? ''),
      invoiceSymbol: String(h.invoice_symbol ?? ''),
      number,
      issuedOn: str(h.issued_on),
      // An issued invoice prints the seller as it was when numbered; a draft (and an invoice issued before versions
      // were kept) the company as it is.
      seller:
        h.seller_version_id == null
          ? settings.seller
          : {
              name: String(h.seller_name),
              address: String(h.seller_address ?? ''),
              taxCode: str(h.seller_tax_code),
              phone: str(h.seller_phone),
              email: str(h.seller_email),
              bankName: str(h.seller_bank_name),
              bankAccount: str(h.seller_bank_account),
            },
      buyer: {
        name: String(h.buyer_name),
        address: String(h.buyer_address),
        taxCode: str(h.buyer_tax_code),
        phone: str(h.phone),
        email: str(h.email),
        customerCode,
      },
      water: {
        period,
        bookCode: String(h.book_code),
        sequenceNo: Number(h.sequence_no),
        readingFrom: str(h.reading_from),
        readingTo: str(h.reading_to),
        oldIndex: h.previous_index == null ? null : Number(h.previous_index),
        newIndex: h.current_index == null ? null : Number(h.current_index),
        consumption: Number(h.consumption),
        households: Number(h.households),
        persons: Number(h.persons),
      },
      lines: docLines,
      subtotal: Number(h.subtotal),
      vat: Number(h.vat) + Number(h.drainage_vat),
      fees: Number(h.environment_fee) + drainageFee,
      total,
      totalInWords: amountInWords(total, settings.wordsDialect),
      vietQr: invoiceVietQr(settings, { customerCode, period, amountDue, number }),
      lookupCode: str(h.lookup_code),
      related:
        relatedKind && h.related_number != null && String(h.kind) !== 'regular' && String(h.kind) !== 'backbill'
          ? {
              relation: String(h.kind) === 'adjustment' ? 'ADJUSTS' : 'REPLACES',
              templateSymbol: String(h.related_template),
              invoiceSymbol: String(h.related_symbol),
              number: Number(h.related_number),
              issuedOn: String(h.related_issued_on),
            }
          : null,
      cancelReason: str(h.cancel_reason),
    };
  });
}

/** One invoice's document, for a user who may read the invoice (another book's reads as not found). */
export async function getInvoiceDocument(db: DbOrTx, actor: Actor, id: number): Promise<InvoiceDocument> {
  const [row] = rowsOf<{ book_id: number }>(
    await db.execute(sql`select c.book_id from invoices i join customers c on c.id = i.customer_id where i.id = ${id}`),
  );
  if (!row || !canReadInvoices(actor, Number(row.book_id))) throw notFound('hóa đơn');
  const settings = await loadInvoiceSettings(db);
  const [doc] = await invoiceDocumentsByIds(db, settings, [id]);
  if (!doc) throw notFound('hóa đơn');
  return doc;
}
