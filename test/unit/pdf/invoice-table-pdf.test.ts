import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument, InvoiceDocumentLine } from '@/domain/invoices/invoice-document';
import { loadPdfFonts, measureTextWidth } from '@/pdf/fonts';
import { invoiceTableLayout, placeGridCells, type InvoiceTableRows } from '@/pdf/invoice-table';
import { mmToPt, resolvePaper, type PaperOption } from '@/pdf/paper';
import { renderInvoicePdf } from '@/pdf/render';
import { sampleInvoiceDocument } from '@/test/helpers/pdf-fixtures';

interface Placed {
  text: string;
  x: number;
  y: number;
}

/** The text items of page 1 with their baseline position, as pdf.js places them. */
async function placedText(pdf: Uint8Array): Promise<Placed[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const content = await (await doc.getPage(1)).getTextContent();
    return content.items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number }]
        : [],
    );
  } finally {
    await doc.destroy();
  }
}

/** The baseline of the one item that reads exactly `text` (pdf.js may split a string where the font kerns). */
function baselineOf(items: Placed[], text: string): number {
  const found = items.filter((item) => item.text === text);
  expect(found, `"${text}" should be printed once`).toHaveLength(1);
  return found[0]!.y;
}

const ADJUSTMENT: InvoiceDocumentLine = {
  ordinal: 9,
  kind: 'adjustment',
  description: 'Điều chỉnh chỉ số',
  unit: 'm³',
  quantity: -2,
  unitPrice: null,
  amount: -11_946,
  vatRate: '5%',
};

const LONG_DESCRIPTION = 'Điều chỉnh giảm do đồng hồ nước chạy sai, kiểm định ngày 12/01/2026 theo biên bản số 45';

function withLine(line: InvoiceDocumentLine, at = 1): InvoiceDocument {
  const doc = sampleInvoiceDocument();
  const lines = [...doc.lines];
  lines.splice(at, 0, line);
  return { ...doc, lines };
}

/** The sample's table rows as the invoice page builds them (tiers, then subtotal, VAT, fee and total). */
function sampleRows(description = 'Tiền nước bậc 1 (0–10 m³)'): InvoiceTableRows {
  return {
    lines: [
      [description, '10', '5.973', '59.730'],
      ['Tiền nước bậc 2 (10–20 m³)', '10', '7.052', '70.520'],
    ],
    summary: [
      ['Cộng tiền nước (chưa thuế)', '173.595'],
      ['Phí bảo vệ môi trường đối với nước thải (10%)', '17.360'],
      ['Tổng cộng tiền thanh toán', '199.635'],
    ],
  };
}

function layoutFor(option: PaperOption) {
  const paper = resolvePaper(option);
  return invoiceTableLayout(paper, mmToPt(paper.widthMm - paper.marginLeftMm - paper.marginRightMm));
}

describe('the invoice amounts table', () => {
  it('measures text with the shaping the renderer uses: width grows with the size and the string', async () => {
    await loadPdfFonts();
    const small = measureTextWidth('Tổng cộng tiền thanh toán', 'regular', 7.5)!;
    expect(small).toBeGreaterThan(0);
    expect(measureTextWidth('Tổng cộng tiền thanh toán', 'regular', 15)).toBeCloseTo(small * 2, 6);
    expect(measureTextWidth('Tổng cộng tiền thanh toán 199.635', 'regular', 7.5)!).toBeGreaterThan(small);
    expect(measureTextWidth('Tổng cộng tiền thanh toán', 'bold', 7.5)!).toBeGreaterThan(small);
  });

  it('draws the grid when every cell fits its column on one line, on every preset, and not otherwise', async () => {
    await loadPdfFonts();
    for (const paper of ['A5', 'A4', 'CONTINUOUS'] as const) {
      const cells = placeGridCells(layoutFor(paper), sampleRows());
      expect(cells, paper).not.toBeNull();
      // Header, two lines and three summary rows; every cell has text, so none is left out.
      expect(cells!.map((cell) => cell.row)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
      // Amounts end at the same right edge, whatever their width.
      const amounts = cells!.filter((cell) => /^\d{1,3}(\.\d{3})*$/.test(cell.text) && cell.row > 0);
      const ends = amounts.map((cell) => cell.x + measureTextWidth(cell.text, cell.face, layoutFor(paper).base)!);
      for (const end of ends.slice(-3)) expect(end).toBeCloseTo(ends.at(-1)!, 6);
    }
    expect(placeGridCells(layoutFor('A5'), sampleRows(LONG_DESCRIPTION))).toBeNull();
    // A line break in a cell takes a second line, which only the per-cell layout gives it.
    expect(placeGridCells(layoutFor('A5'), sampleRows('Điều chỉnh\nchỉ số'))).toBeNull();
    // A character the bundled font lacks would need a fallback font, which only textkit provides.
    expect(placeGridCells(layoutFor('A5'), sampleRows('Tiền nước 水'))).toBeNull();
    // Narrow custom paper: the headers no longer fit their columns.
    expect(placeGridCells(layoutFor({ widthMm: 90, heightMm: 200, marginMm: 5 }), sampleRows())).toBeNull();
  });

  it('prints each tier row on one baseline, rows in order, the total beside its label', async () => {
    const items = await placedText(await renderInvoicePdf(sampleInvoiceDocument()));
    const rows = [
      ['Tiền nước bậc 1 (0–10 m³)', '5.973', '59.730'],
      ['Tiền nước bậc 2 (10–20 m³)', '7.052', '70.520'],
      ['Tiền nước bậc 3 (trên 20 m³)', '8.669', '43.345'],
      ['Cộng tiền nước (chưa thuế)', '173.595'],
      ['Thuế GTGT (5%)', '8.680'],
      ['Phí bảo vệ môi trường đối với nước thải (10%)', '17.360'],
      ['Tổng cộng tiền thanh toán', '199.635'],
    ];
    const baselines = rows.map((cells) => {
      const [first, ...rest] = cells.map((cell) =>
        // The total's amount also appears in the VietQR line, so it is looked up at the label's baseline.
        cell === '199.635' ? NaN : baselineOf(items, cell),
      );
      for (const y of rest) if (!Number.isNaN(y)) expect(y).toBeCloseTo(first!, 1);
      return first!;
    });
    const totals = items.filter((item) => item.text === '199.635').map((item) => item.y);
    expect(totals.some((y) => Math.abs(y - baselines.at(-1)!) < 0.1)).toBe(true);
    // PDF y grows upwards: every row lies below the previous one, one row height apart.
    const steps = baselines.slice(1).map((y, i) => baselines[i]! - y);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 1);
    expect(steps[0]).toBeGreaterThan(0);
  });

  it('keeps the rows after an empty cell (an adjustment without a unit price) on their baselines', async () => {
    const items = await placedText(await renderInvoicePdf(withLine(ADJUSTMENT)));
    const adjustment = baselineOf(items, 'Điều chỉnh chỉ số');
    expect(baselineOf(items, '-2')).toBeCloseTo(adjustment, 1);
    expect(baselineOf(items, '-11.946')).toBeCloseTo(adjustment, 1);
    const next = baselineOf(items, 'Tiền nước bậc 2 (10–20 m³)');
    expect(baselineOf(items, '7.052')).toBeCloseTo(next, 1);
    expect(baselineOf(items, '70.520')).toBeCloseTo(next, 1);
    expect(next).toBeLessThan(adjustment);
  });

  it('falls back to a cell per row when a description wraps, keeping amounts beside their descriptions', async () => {
    const doc = withLine({ ...ADJUSTMENT, description: LONG_DESCRIPTION, unitPrice: 5973 });
    const items = await placedText(await renderInvoicePdf(doc));
    const firstLine = items.find((item) => item.text.startsWith('Điều chỉnh giảm'));
    expect(firstLine).toBeDefined();
    expect(firstLine!.text.length).toBeLessThan(LONG_DESCRIPTION.length);
    expect(baselineOf(items, '-11.946')).toBeCloseTo(firstLine!.y, 1);
    // The next tier starts below the wrapped description, and its amount sits beside it.
    const next = baselineOf(items, 'Tiền nước bậc 2 (10–20 m³)');
    const continued = items.filter(
      (item) =>
        Math.abs(item.x - firstLine!.x) < 0.5 && item.y < firstLine!.y && LONG_DESCRIPTION.includes(item.text.trim()),
    );
    expect(continued.length).toBeGreaterThan(0);
    const lastDescriptionLine = Math.min(...continued.map((item) => item.y));
    expect(next).toBeLessThan(lastDescriptionLine);
    expect(baselineOf(items, '70.520')).toBeCloseTo(next, 1);
  });

  it('sets every page in the bundled faces only, once each: no fallback font for line breaks or grid text', async () => {
    const pdf = await PDFDocument.load(await renderInvoicePdf(sampleInvoiceDocument(), { copy: 2 }));
    const fonts = pdf.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const names = fonts
      .keys()
      .map((key) =>
        fonts
          .lookup(key, PDFDict)
          .lookup(PDFName.of('BaseFont'), PDFName)
          .decodeText()
          .replace(/^[A-Z]{6}\+/, ''),
      )
      .sort();
    expect(names).toEqual(['BeVietnamPro-Bold', 'BeVietnamPro-Italic', 'BeVietnamPro-Regular']);
  });
});
