/**
 * What the print routes print, with their rights: one invoice (copy 1 or 2), a book's invoices of a period in
 * sequence order streamed in chunks, and the invoice listing (bảng kê) of a book or a whole period. Printing needs
 * the `print` right on the invoice's (customer's current) book; another book's invoice reads as not found.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import type { InvoiceListingDocument } from '@/domain/invoices/invoice-listing-document';

type InvoiceListingRow = InvoiceListingDocument['rows'][number];
import type { PaperOption } from '@/pdf/paper';
import type { Actor } from '@/services/auth/actor';
import { booksWithInvoiceRight, canReadInvoices } from '@/services/billing/invoice.service';
import { AppError, notFound } from '@/services/errors';
import {
  documentStatus,
  invoiceDocumentsByIds,
  loadInvoiceSettings,
  type InvoiceSettings,
} from './invoice-documents.service';

const CHUNK = 200;

/** The company's paper setting as the renderer takes it: a preset, or a custom size in millimetres. */
export function paperOf(paper: InvoiceSettings['paper']): PaperOption {
  if (paper.preset === 'CUSTOM' && paper.widthMm && paper.heightMm)
    return { widthMm: paper.widthMm, heightMm: paper.heightMm, marginMm: paper.marginMm ?? 10 };
  return paper.preset === 'A4' || paper.preset === 'CONTINUOUS' ? paper.preset : 'A5';
}

const canPrint = (actor: Actor, bookId: number) => canReadInvoices(actor, bookId, 'print');

function assertPrint(actor: Actor, bookId: number): void {
  if (!canReadInvoices(actor, bookId)) throw notFound('sổ đọc');
  if (!canPrint(actor, bookId)) throw new AppError('FORBIDDEN', 'Bạn không có quyền in hóa đơn của sổ này.');
}

export async function printableInvoice(
  db: DbOrTx,
  actor: Actor,
  id: number,
): Promise<{ doc: InvoiceDocument; settings: InvoiceSettings }> {
  const [row] = rowsOf<{ book_id: number }>(
    await db.execute(sql`select c.book_id from invoices i join customers c on c.id = i.customer_id where i.id = ${id}`),
  );
  if (!row || !canReadInvoices(actor, Number(row.book_id))) throw notFound('hóa đơn');
  if (!canPrint(actor, Number(row.book_id)))
    throw new AppError('FORBIDDEN', 'Bạn không có quyền in hóa đơn của sổ này.');
  const settings = await loadInvoiceSettings(db);
  const [doc] = await invoiceDocumentsByIds(db, settings, [id]);
  if (!doc) throw notFound('hóa đơn');
  return { doc, settings };
}

export interface PrintableBook {
  bookCode: string;
  count: number;
  settings: InvoiceSettings;
  /** The documents in sequence order, read CHUNK at a time as the renderer pulls them. */
  documents: () => AsyncGenerator<InvoiceDocument>;
}

/** A book's invoices of a period (cancelled and replaced left out), optionally a range of sequence numbers. */
export async function printableBook(
  db: DbOrTx,
  actor: Actor,
  input: { bookId: number; period: string; fromSeq?: number | null; toSeq?: number | null },
): Promise<PrintableBook> {
  assertPrint(actor, input.bookId);
  const [book] = rowsOf<{ code: string }>(
    await db.execute(sql`select code from reading_books where id = ${input.bookId}`),
  );
  if (!book) throw notFound('sổ đọc');
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`
      select i.id from invoices i join customers c on c.id = i.customer_id
      where c.book_id = ${input.bookId} and i.period = ${input.period} and i.status not in ('cancelled', 'replaced')
        ${input.fromSeq != null ? sql`and c.sequence_no >= ${input.fromSeq}` : sql``}
        ${input.toSeq != null ? sql`and c.sequence_no <= ${input.toSeq}` : sql``}
      order by c.sequence_no, i.kind desc, i.id`),
  ).map((r) => Number(r.id));
  if (ids.length === 0)
    throw new AppError('NOTHING_TO_PRINT', 'Sổ không có hóa đơn nào của kỳ này (trong khoảng số thứ tự đã chọn).');
  const settings = await loadInvoiceSettings(db);
  return {
    bookCode: String(book.code),
    count: ids.length,
    settings,
    documents: async function* () {
      for (let i = 0; i < ids.length; i += CHUNK)
        yield* await invoiceDocumentsByIds(db, settings, ids.slice(i, i + CHUNK));
    },
  };
}

/**
 * The listing of a book, or of the whole period over every book the user may print, in book and sequence order.
 * Read straight from the invoice rows (no lines), so a period of 1,000,000 invoices is one scan.
 */
export async function invoiceListing(
  db: DbOrTx,
  actor: Actor,
  input: { period: string; bookId?: number | null },
): Promise<InvoiceListingDocument> {
  let books: number[] | null;
  if (input.bookId != null) {
    assertPrint(actor, input.bookId);
    books = [input.bookId];
  } else {
    books = booksWithInvoiceRight(actor, 'print');
  }
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.sequence_no, b.code as book_code, c.code as customer_code, coalesce(i.buyer_name, c.name) as customer_name,
        coalesce(s.template_symbol || s.invoice_symbol, '') as series, i.number, i.issued_on::text as issued_on,
        i.consumption, i.subtotal, i.vat + i.drainage_vat as vat, i.environment_fee + i.drainage_fee as fees, i.total,
        i.status
      from invoices i join customers c on c.id = i.customer_id join reading_books b on b.id = c.book_id
      left join invoice_series s on s.id = i.series_id
      where i.period = ${input.period}
        ${books === null ? sql`` : sql`and c.book_id = any(${pgArray(books)}::int4[])`}
      order by b.code, c.sequence_no, i.kind desc, i.id`),
  );
  const [book] =
    input.bookId != null
      ? rowsOf<{ code: string; name: string }>(
          await db.execute(sql`select code, name from reading_books where id = ${input.bookId}`),
        )
      : [];
  const settings = await loadInvoiceSettings(db);
  return {
    company: { name: settings.seller.name, address: settings.seller.address, taxCode: settings.seller.taxCode },
    period: input.period,
    book: book ? { code: String(book.code), name: String(book.name) } : null,
    printedOn: todayInVietnam(new Date()),
    rows: rows.map((r): InvoiceListingRow => ({
      sequenceNo: Number(r.sequence_no),
      bookCode: String(r.book_code),
      customerCode: String(r.customer_code),
      customerName: String(r.customer_name),
      series: String(r.series),
      number: r.number == null ? null : Number(r.number),
      issuedOn: r.issued_on == null ? null : String(r.issued_on),
      consumption: Number(r.consumption),
      subtotal: Number(r.subtotal),
      vat: Number(r.vat),
      fees: Number(r.fees),
      total: Number(r.total),
      status: documentStatus(r.status),
    })),
  };
}
