/**
 * The invoice listing (bảng kê hóa đơn) of a book or a period: one row per invoice, drawn as PDF (pdf/) and as Excel
 * from the same object so the two never disagree. Amounts are whole VND.
 */
import type { InvoiceDocument, InvoiceDocumentStatus } from './invoice-document';

interface InvoiceListingRow {
  sequenceNo: number;
  bookCode: string;
  customerCode: string;
  customerName: string;
  /** "1C26TAA". */
  series: string;
  /** Null while a draft. */
  number: number | null;
  issuedOn: string | null;
  consumption: number;
  subtotal: number;
  vat: number;
  fees: number;
  total: number;
  status: InvoiceDocumentStatus;
}

export interface InvoiceListingDocument {
  company: { name: string; address: string; taxCode: string | null };
  /** YYYY-MM. */
  period: string;
  /** The book listed; null for a listing of the whole period. */
  book: { code: string; name: string } | null;
  /** ISO date the listing was printed. */
  printedOn: string;
  rows: InvoiceListingRow[];
}

export const INVOICE_STATUS_LABELS: Readonly<Record<InvoiceDocumentStatus, string>> = {
  DRAFT: 'Nháp',
  ISSUED: 'Đã phát hành',
  CANCELLED: 'Đã hủy',
  REPLACED: 'Bị thay thế',
  ADJUSTED: 'Bị điều chỉnh',
};

/** Cancelled and replaced invoices are listed but not summed: the money they name is not owed. */
function countsInListingTotals(status: InvoiceDocumentStatus): boolean {
  return status !== 'CANCELLED' && status !== 'REPLACED';
}

interface InvoiceListingTotals {
  invoices: number;
  consumption: number;
  subtotal: number;
  vat: number;
  fees: number;
  total: number;
}

export function listingTotals(rows: readonly InvoiceListingRow[]): InvoiceListingTotals {
  const totals: InvoiceListingTotals = { invoices: 0, consumption: 0, subtotal: 0, vat: 0, fees: 0, total: 0 };
  for (const row of rows) {
    if (!countsInListingTotals(row.status)) continue;
    totals.invoices += 1;
    totals.consumption += row.consumption;
    totals.subtotal += row.subtotal;
    totals.vat += row.vat;
    totals.fees += row.fees;
    totals.total += row.total;
  }
  return totals;
}

export function listingRowOf(doc: InvoiceDocument): InvoiceListingRow {
  return {
    sequenceNo: doc.water.sequenceNo,
    bookCode: doc.water.bookCode,
    customerCode: doc.buyer.customerCode,
    customerName: doc.buyer.name,
    series: `${doc.templateSymbol}${doc.invoiceSymbol}`,
    number: doc.number,
    issuedOn: doc.issuedOn,
    consumption: doc.water.consumption,
    subtotal: doc.subtotal,
    vat: doc.vat,
    fees: doc.fees,
    total: doc.total,
    status: doc.status,
  };
}
