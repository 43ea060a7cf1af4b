import { PassThrough } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import { renderInvoiceBook, type InvoiceBookRenderOptions } from '@/pdf/render';
import { syntheticBook, syntheticBookInvoice } from '@/test/helpers/pdf-fixtures';
import { extractPdfPages } from '@/test/helpers/pdf-text';

/** Renders into a stream and collects what was written, as a route handler's response would receive it. */
async function bookBytes(
  docs: Iterable<InvoiceDocument> | AsyncIterable<InvoiceDocument>,
  options: InvoiceBookRenderOptions,
) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await renderInvoiceBook(docs, options, out);
  out.end();
  return { result, bytes: Buffer.concat(chunks) };
}

async function* fromAsync(count: number): AsyncGenerator<InvoiceDocument> {
  for (const doc of syntheticBook(count)) {
    await Promise.resolve();
    yield doc;
  }
}

describe('renderInvoiceBook', () => {
  it(
    'renders 45 invoices in chunks into ONE valid PDF, one page each, in the order given',
    { timeout: 120_000 },
    async () => {
      const progress: number[] = [];
      const { result, bytes } = await bookBytes(syntheticBook(45), {
        chunkSize: 20,
        copy: 2,
        onProgress: (n) => {
          progress.push(n);
        },
      });
      expect(result).toEqual({ invoices: 45, pages: 45, bytes: bytes.length });
      expect(progress).toEqual([20, 40, 45]);

      // Two independent readers accept the joined file.
      expect((await PDFDocument.load(bytes)).getPageCount()).toBe(45);
      const pages = await extractPdfPages(bytes, [1, 21, 45]);
      expect(pages).toHaveLength(45);
      const first = syntheticBookInvoice(0);
      const last = syntheticBookInvoice(44);
      expect(pages[0]).toContain(first.buyer.name);
      expect(pages[0]).toContain(first.buyer.customerCode);
      expect(pages[0]).toContain('Liên 2 – bản sao');
      // The first page of the second chunk: chunks are joined in order, not shuffled or repeated.
      expect(pages[20]).toContain(syntheticBookInvoice(20).buyer.customerCode);
      expect(pages[44]).toContain(last.buyer.name);
      expect(pages[44]).toContain(last.buyer.customerCode);
      expect(pages[44]).toContain('00001044');
    },
  );

  it('takes an async iterable, as a database cursor gives it', { timeout: 60_000 }, async () => {
    const { result, bytes } = await bookBytes(fromAsync(7), { chunkSize: 3 });
    expect(result.pages).toBe(7);
    const pages = await extractPdfPages(bytes);
    expect(pages.map((p) => p.match(/KH\d{9}/)?.[0])).toEqual(
      Array.from({ length: 7 }, (_, i) => syntheticBookInvoice(i).buyer.customerCode),
    );
  });

  it('refuses an empty book and a chunk size below one', async () => {
    await expect(bookBytes([], {})).rejects.toThrow(RangeError);
    await expect(bookBytes(syntheticBook(1), { chunkSize: 0 })).rejects.toThrow(RangeError);
  });
});
