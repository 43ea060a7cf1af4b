import { describe, expect, it } from 'vitest';
import { listingRowOf, listingTotals, type InvoiceListingDocument } from '@/domain/invoices/invoice-listing-document';
import { LISTING_ROWS_PER_PAGE } from '@/pdf/invoice-listing-document';
import { renderListingPdf, renderReceiptPdf } from '@/pdf/render';
import { sampleReceiptDocument, syntheticBookInvoice } from '@/test/helpers/pdf-fixtures';
import { extractPdfPages, pdfPageSizes } from '@/test/helpers/pdf-text';

const flat = (text: string) => text.replace(/\n/g, ' ');

describe('renderReceiptPdf', () => {
  it('prints the receipt: customer, the invoices paid, total in figures and words, cashier and method', async () => {
    const pages = await extractPdfPages(await renderReceiptPdf(sampleReceiptDocument()));
    expect(pages).toHaveLength(1);
    const text = flat(pages[0]!);
    expect(text).toContain('PHIẾU THU');
    expect(text).toContain('Số: PT2601-000123');
    expect(text).toContain('Ngày 25 tháng 01 năm 2026');
    expect(text).toContain('Tên khách hàng: Nguyễn Thị Hương');
    expect(text).toContain('Người nộp tiền: Trần Văn Đức');
    expect(text).toContain('1C26TAA');
    expect(text).toContain('00000123');
    expect(text).toContain('00009876');
    expect(text).toContain('199.635');
    expect(text).toContain('349.635');
    expect(text).toContain('Số tiền viết bằng chữ: Ba trăm bốn mươi chín nghìn sáu trăm ba mươi lăm đồng');
    expect(text).toContain('Hình thức thanh toán: Tiền mặt');
    expect(text).toContain('Lê Thị Thu Hà');
  });
});

describe('renderListingPdf', () => {
  const rows = Array.from({ length: LISTING_ROWS_PER_PAGE + 5 }, (_, i) => listingRowOf(syntheticBookInvoice(i)));
  rows[1] = { ...rows[1]!, status: 'CANCELLED' };
  const doc: InvoiceListingDocument = {
    company: { name: 'Công ty Cổ phần Cấp nước Bến Thành', address: '194 Pasteur', taxCode: '0301234567' },
    period: '2026-01',
    book: { code: 'S01', name: 'Phường Bến Nghé 1' },
    printedOn: '2026-01-21',
    rows,
  };

  it('sums every invoice except cancelled and replaced ones', () => {
    const totals = listingTotals(rows);
    expect(totals.invoices).toBe(rows.length - 1);
    expect(totals.total).toBe((rows.length - 1) * 199635);
    expect(totals.consumption).toBe((rows.length - 1) * 25);
  });

  it('prints a landscape A4 table with the header and page number on every page and totals on the last', async () => {
    const pdf = await renderListingPdf(doc);
    const sizes = await pdfPageSizes(pdf);
    expect(sizes).toHaveLength(2);
    for (const size of sizes) expect(size.width).toBeGreaterThan(size.height);
    const pages = (await extractPdfPages(pdf)).map(flat);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('BẢNG KÊ HÓA ĐƠN TIỀN NƯỚC');
      expect(page).toContain('Sổ S01 – Phường Bến Nghé 1 – Kỳ 01/2026');
      expect(page).toContain(`Trang ${i + 1}/2`);
      expect(page).toContain('Tên khách hàng');
    }
    expect(pages[0]).toContain(rows[0]!.customerName);
    expect(pages[0]).toContain('Đã hủy');
    expect(pages[0]).not.toContain(`Tổng cộng (`);
    const last = rows[rows.length - 1]!;
    expect(pages[1]).toContain(last.customerName);
    expect(pages[1]).toContain(`Tổng cộng (${rows.length - 1} hóa đơn)`);
    // 40 invoices × 199,635 đ, the cancelled one left out.
    expect(pages[1]).toContain('7.985.400');
  });
});
