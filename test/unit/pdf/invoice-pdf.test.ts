import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { mmToPt, PAPER_PRESETS, resolvePaper } from '@/pdf/paper';
import { qrRuns } from '@/pdf/qr-code';
import { renderInvoicePdf } from '@/pdf/render';
import { sampleInvoiceDocument } from '@/test/helpers/pdf-fixtures';
import { extractPdfPages, pdfPageSizes } from '@/test/helpers/pdf-text';

/** pdf.js puts line ends where lines end; the checks below are about content, not line breaks. */
const flat = (text: string) => text.replace(/\n/g, ' ');

describe('renderInvoicePdf', () => {
  it('prints the customer with diacritics, Vietnamese amounts, the words, the series and number, and the QR block', async () => {
    const [page, ...rest] = await extractPdfPages(await renderInvoicePdf(sampleInvoiceDocument()));
    expect(rest).toHaveLength(0);
    const text = flat(page!);
    expect(text).toContain('HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN NƯỚC)');
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).toContain('Công ty Cổ phần Cấp nước Bến Thành');
    expect(text).toContain('Ký hiệu: 1C26TAA');
    expect(text).toContain('Số: 00000123');
    expect(text).toContain('Ngày 20 tháng 01 năm 2026');
    expect(text).toContain('Tổng cộng tiền thanh toán');
    expect(text).toContain('199.635');
    expect(text).toContain('173.595');
    expect(text).toContain('Số tiền viết bằng chữ: Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng');
    expect(text).toContain('Tiền nước bậc 2 (10–20 m³)');
    expect(text).toContain('Chỉ số cũ: 1.234');
    expect(text).toContain('Chỉ số mới: 1.259');
    expect(text).toContain('Số tài khoản: 0071000123456');
    expect(text).toContain('Mã tra cứu hóa đơn điện tử: TC26A7K9Q2');
    expect(text).not.toContain('Liên 2');
    expect(text).not.toContain('BẢN NHÁP');
  });

  it('marks copy 2 "Liên 2 – bản sao"', async () => {
    const [page] = await extractPdfPages(await renderInvoicePdf(sampleInvoiceDocument(), { copy: 2 }));
    expect(flat(page!)).toContain('Liên 2 – bản sao');
  });

  it('watermarks a draft and leaves its number blank', async () => {
    const doc = sampleInvoiceDocument({ status: 'DRAFT', number: null, issuedOn: null, lookupCode: null });
    const text = flat((await extractPdfPages(await renderInvoicePdf(doc)))[0]!);
    expect(text).toContain('BẢN NHÁP');
    expect(text).toContain('(chưa cấp số)');
    expect(text).not.toContain('00000123');
  });

  it('marks a cancelled invoice "ĐÃ HỦY" with its reason and offers no payment QR', async () => {
    const doc = sampleInvoiceDocument({ status: 'CANCELLED', cancelReason: 'Ghi sai chỉ số mới' });
    const text = flat((await extractPdfPages(await renderInvoicePdf(doc)))[0]!);
    expect(text).toContain('ĐÃ HỦY');
    expect(text).toContain('Lý do hủy: Ghi sai chỉ số mới');
    expect(text).not.toContain('Quét mã VietQR');
  });

  it('names the invoice a replacement replaces', async () => {
    const doc = sampleInvoiceDocument({
      related: {
        relation: 'REPLACES',
        templateSymbol: '1',
        invoiceSymbol: 'C26TAA',
        number: 45,
        issuedOn: '2026-01-18',
      },
    });
    const text = flat((await extractPdfPages(await renderInvoicePdf(doc)))[0]!);
    expect(text).toContain('Thay thế cho hóa đơn ký hiệu 1C26TAA, số 00000045, ngày 18/01/2026');
  });

  it('prints on the paper asked for: presets and a custom size in millimetres', async () => {
    const doc = sampleInvoiceDocument();
    const [a5] = await pdfPageSizes(await renderInvoicePdf(doc));
    expect(a5!.width).toBeCloseTo(mmToPt(148), 1);
    expect(a5!.height).toBeCloseTo(mmToPt(210), 1);
    const [a4] = await pdfPageSizes(await renderInvoicePdf(doc, { paper: 'A4' }));
    expect(a4!.width).toBeCloseTo(mmToPt(210), 1);
    expect(a4!.height).toBeCloseTo(mmToPt(297), 1);
    const [form] = await pdfPageSizes(await renderInvoicePdf(doc, { paper: 'CONTINUOUS' }));
    expect(form!.width).toBeCloseTo(mmToPt(PAPER_PRESETS.CONTINUOUS.widthMm), 1);
    expect(form!.height).toBeCloseTo(mmToPt(PAPER_PRESETS.CONTINUOUS.heightMm), 1);
    const [custom] = await pdfPageSizes(
      await renderInvoicePdf(doc, { paper: { widthMm: 200, heightMm: 250, marginMm: 5 } }),
    );
    expect(custom!.width).toBeCloseTo(mmToPt(200), 1);
    expect(custom!.height).toBeCloseTo(mmToPt(250), 1);
  });
});

describe('resolvePaper', () => {
  it('fills the margins of a custom size from marginMm and refuses sizes that cannot hold an invoice', () => {
    expect(resolvePaper({ widthMm: 210, heightMm: 140, marginMm: 6, marginLeftMm: 15 })).toEqual({
      widthMm: 210,
      heightMm: 140,
      marginTopMm: 6,
      marginRightMm: 6,
      marginBottomMm: 6,
      marginLeftMm: 15,
    });
    expect(() => resolvePaper({ widthMm: 20, heightMm: 140 })).toThrow(RangeError);
    expect(() => resolvePaper({ widthMm: 100, heightMm: 100, marginMm: 40 })).toThrow(RangeError);
    expect(() => resolvePaper({ widthMm: 100, heightMm: 100, marginMm: -1 })).toThrow(RangeError);
    expect(() => resolvePaper('A3' as never)).toThrow(RangeError);
  });
});

describe('qrRuns', () => {
  it('covers exactly the dark modules of the QR code, one rectangle per horizontal run', () => {
    const payload = sampleInvoiceDocument().vietQr;
    const { size, runs } = qrRuns(payload);
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size);
    const drawn = new Set<string>();
    for (const [x, y, width] of runs) for (let i = 0; i < width; i++) drawn.add(`${x + i},${y}`);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) expect(drawn.has(`${x},${y}`)).toBe(Boolean(modules.get(y, x)));
    }
  });
});
