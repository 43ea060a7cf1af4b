/**
 * The PDF entry points: pure functions of their inputs (no database), used by route handlers and jobs.
 */
import type { Writable } from 'node:stream';
import { createElement, type ReactElement } from 'react';
import { renderToBuffer } from '@react-pdf/renderer';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import type { InvoiceListingDocument } from '@/domain/invoices/invoice-listing-document';
import type { ReceiptDocument } from '@/domain/invoices/receipt-document';
import type { WorkOrderQuoteDocument } from '@/domain/work-orders/quote-document';
import type {
  CollectionReportDocument,
  CollectorSettlementSheetDocument,
  DebtReportDocument,
} from '@/domain/payments/payment-reports';
import { CollectionReportPdfDocument } from './collection-report-document';
import { CollectorSettlementPdfDocument } from './collector-settlement-document';
import { DebtReportPdfDocument } from './debt-report-document';
import { loadPdfFonts } from './fonts';
import { InvoicesPdfDocument, type InvoicePrintOptions } from './invoice-document';
import { InvoiceListingPdfDocument } from './invoice-listing-document';
import { resolvePaper, type PaperOption } from './paper';
import { PdfJoiner } from './pdf-joiner';
import { ReceiptPdfDocument } from './receipt-document';
import { WorkOrderQuotePdfDocument } from './work-order-quote-document';

type PdfElement = Parameters<typeof renderToBuffer>[0];

/** Every component rendered here returns a <Document>; react-pdf's type wants to see its props on the element. */
function asDocument(element: ReactElement): PdfElement {
  return element as PdfElement;
}

interface InvoiceRenderOptions {
  /** A preset or a custom size in millimetres; A5 when left out. */
  paper?: PaperOption;
  copy?: 1 | 2;
  /** The PDF's title (document properties). */
  title?: string;
}

export interface InvoiceBookRenderOptions extends InvoiceRenderOptions {
  /**
   * Invoices rendered per react-pdf document before they are joined into the output. react-pdf keeps a whole
   * document in memory (2,000 invoices peak near 0.9 GB), so the book is rendered in chunks of this size.
   */
  chunkSize?: number;
  /** Called after each chunk with the number of invoices written so far (job progress). */
  onProgress?: (rendered: number) => void | Promise<void>;
}

const DEFAULT_BOOK_CHUNK_SIZE = 100;

function printOptions(options: InvoiceRenderOptions): InvoicePrintOptions {
  return { paper: resolvePaper(options.paper, 'A5'), copy: options.copy ?? 1 };
}

async function renderInvoices(
  docs: readonly InvoiceDocument[],
  print: InvoicePrintOptions,
  title: string | undefined,
): Promise<Buffer> {
  await loadPdfFonts();
  return renderToBuffer(asDocument(createElement(InvoicesPdfDocument, { docs, options: print, title })));
}

/** One invoice as a PDF file. */
export async function renderInvoicePdf(doc: InvoiceDocument, options: InvoiceRenderOptions = {}): Promise<Buffer> {
  const title = options.title ?? `Hóa đơn ${doc.templateSymbol}${doc.invoiceSymbol} ${doc.number ?? 'nháp'}`;
  return renderInvoices([doc], printOptions(options), title);
}

/**
 * A book (or any run of invoices) as ONE PDF written to `out`, one page per invoice in the order given. The invoices
 * are pulled from `docs` a chunk at a time, so the caller can stream them from the database; memory stays flat
 * however long the book is. Does not end `out`.
 */
export async function renderInvoiceBook(
  docs: AsyncIterable<InvoiceDocument> | Iterable<InvoiceDocument>,
  options: InvoiceBookRenderOptions,
  out: Writable,
): Promise<{ invoices: number; pages: number; bytes: number }> {
  const chunkSize = options.chunkSize ?? DEFAULT_BOOK_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  const print = printOptions(options);
  const joiner = new PdfJoiner(out, { title: options.title ?? 'Sổ hóa đơn tiền nước' });
  let invoices = 0;
  let chunk: InvoiceDocument[] = [];

  const flush = async () => {
    const pdf = await renderInvoices(chunk, print, undefined);
    invoices += chunk.length;
    chunk = [];
    await joiner.append(pdf);
    await options.onProgress?.(invoices);
  };

  for await (const doc of docs) {
    chunk.push(doc);
    if (chunk.length >= chunkSize) await flush();
  }
  if (chunk.length > 0) await flush();
  if (invoices === 0) throw new RangeError('renderInvoiceBook: there are no invoices to print');
  const { pages, bytes } = await joiner.finish();
  return { invoices, pages, bytes };
}

/** The receipt (phiếu thu) of one payment; A5 landscape unless told otherwise. */
export async function renderReceiptPdf(doc: ReceiptDocument, options: { paper?: PaperOption } = {}): Promise<Buffer> {
  await loadPdfFonts();
  const paper = resolvePaper(options.paper ?? { widthMm: 210, heightMm: 148, marginMm: 10 });
  return renderToBuffer(asDocument(createElement(ReceiptPdfDocument, { doc, paper })));
}

/** The invoice listing (bảng kê hóa đơn) of a book or a period, landscape A4. */
export async function renderListingPdf(doc: InvoiceListingDocument): Promise<Buffer> {
  await loadPdfFonts();
  return renderToBuffer(asDocument(createElement(InvoiceListingPdfDocument, { doc })));
}

/** The debt report by book or route and age, landscape A4. */
export async function renderDebtReportPdf(doc: DebtReportDocument): Promise<Buffer> {
  await loadPdfFonts();
  return renderToBuffer(asDocument(createElement(DebtReportPdfDocument, { doc })));
}

/** Collections by channel, collector or day, portrait A4. */
export async function renderCollectionReportPdf(doc: CollectionReportDocument): Promise<Buffer> {
  await loadPdfFonts();
  return renderToBuffer(asDocument(createElement(CollectionReportPdfDocument, { doc })));
}

/** A collector's settlement sheet of one day, portrait A4. */
export async function renderCollectorSettlementPdf(doc: CollectorSettlementSheetDocument): Promise<Buffer> {
  await loadPdfFonts();
  return renderToBuffer(asDocument(createElement(CollectorSettlementPdfDocument, { doc })));
}

/** The installation quote of a new-connection request, portrait A4. */
export async function renderWorkOrderQuotePdf(doc: WorkOrderQuoteDocument): Promise<Buffer> {
  await loadPdfFonts();
  return renderToBuffer(asDocument(createElement(WorkOrderQuotePdfDocument, { doc, paper: resolvePaper('A4') })));
}
