/**
 * How the invoice screens word and link an invoice: Vietnamese labels of its status and kind, its printed
 * number, and the file routes (PDF, XML, listing) the browser opens.
 */
import { fmtInt } from '@/components/readings/format';
import type { InvoiceKind, InvoiceStatus } from './invoices.documents';

export { fmtInt };

/** Whole VND without the currency sign, as the grids and the invoice print it: 1234567 → "1.234.567". */
export const fmtMoney = (n: number | null | undefined): string => fmtInt(n);

export const STATUS_LABELS: Record<InvoiceStatus, string> = {
  DRAFT: 'Nháp',
  ISSUED: 'Đã phát hành',
  CANCELLED: 'Đã hủy',
  REPLACED: 'Đã bị thay thế',
  ADJUSTED: 'Đã điều chỉnh',
};

export const STATUS_TONES: Record<InvoiceStatus, string> = {
  DRAFT: 'bg-slate-100 text-slate-700',
  ISSUED: 'bg-emerald-100 text-emerald-800',
  CANCELLED: 'bg-red-100 text-red-800',
  REPLACED: 'bg-amber-100 text-amber-900',
  ADJUSTED: 'bg-sky-100 text-sky-800',
};

export const KIND_LABELS: Record<InvoiceKind, string> = {
  REGULAR: 'Tiền nước',
  BACKBILL: 'Truy thu',
  REPLACEMENT: 'Thay thế',
  ADJUSTMENT: 'Điều chỉnh',
};

export const STATUS_ORDER: readonly InvoiceStatus[] = ['DRAFT', 'ISSUED', 'CANCELLED', 'REPLACED', 'ADJUSTED'];
export const KIND_ORDER: readonly InvoiceKind[] = ['REGULAR', 'BACKBILL', 'REPLACEMENT', 'ADJUSTMENT'];

/** "1C26TAA – 00000123", or "" for a draft. */
export function seriesNumber(inv: { series: string | null; number: number | null }): string {
  if (!inv.series || inv.number === null) return '';
  return `${inv.series} – ${String(inv.number).padStart(8, '0')}`;
}

/** Only an issued invoice is cancelled (one with live adjustments is refused by the server, which says why). */
export const isCancellable = (status: InvoiceStatus): boolean => status === 'ISSUED';

/** Issued invoices (adjusted ones too) are corrected by a replacement or a further adjustment. */
export const isCorrectable = (status: InvoiceStatus): boolean => status === 'ISSUED' || status === 'ADJUSTED';

/** A draft has no e-invoice; every numbered invoice has (or gets) one. */
export const hasXml = (inv: { status: InvoiceStatus; hasEinvoice?: boolean }): boolean =>
  inv.hasEinvoice === true || inv.status !== 'DRAFT';

/** The file routes of app/api (same rights as the screens). */
export const invoiceFiles = {
  pdf: (id: number, opts: { copy2?: boolean; download?: boolean } = {}) => {
    const q = new URLSearchParams();
    if (opts.copy2) q.set('copy', '2');
    if (opts.download) q.set('download', '1');
    const s = q.toString();
    return `/api/invoices/${id}/pdf${s ? `?${s}` : ''}`;
  },
  xml: (id: number) => `/api/invoices/${id}/xml`,
  bookPdf: (
    bookId: number,
    period: string,
    opts: { fromSeq?: number | null; toSeq?: number | null; copy2?: boolean },
  ) => {
    const q = new URLSearchParams();
    if (opts.fromSeq != null) q.set('fromSeq', String(opts.fromSeq));
    if (opts.toSeq != null) q.set('toSeq', String(opts.toSeq));
    if (opts.copy2) q.set('copy', '2');
    const s = q.toString();
    return `/api/books/${bookId}/invoices/${period}/pdf${s ? `?${s}` : ''}`;
  },
  listing: (period: string, bookId: number | null, format: 'pdf' | 'xlsx') => {
    const q = new URLSearchParams({ period });
    if (bookId !== null) q.set('bookId', String(bookId));
    q.set('format', format);
    return `/api/invoices/listing?${q.toString()}`;
  },
};
