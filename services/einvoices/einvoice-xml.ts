/**
 * The e-invoice XML (`HDon`) of one invoice, in the tax authority's format (VIETNAM-RULES.md, "E-invoices";
 * element names and order of the format published with Decision 1450/QĐ-TCT, version 2.1.0), drawn from the same
 * InvoiceDocument as the PDF so the paper copy and the legal XML cannot disagree.
 *
 * Mapping of the document's lines:
 * - tax lines (kind `vat`, `drainage_vat`) are not goods: they become the VAT of their rate in
 *   TToan/THTTLTSuat (their own vatRate, or else the rate of the lines they tax), and their sum TgTThue;
 * - the environmental protection fee (kind `environment_fee`) is a fee outside VAT: TToan/DSLPhi/LPhi;
 * - every other line (tiers, subscription, drainage service, back-billing, adjustments) is a HHDVu of nature
 *   TChat 1 with its TSuat, and their sum is TgTCThue.
 * The XML is only written when those parts add up to the document's total: a mismatch means the document was
 * built wrong, and a signed invoice cannot be corrected afterwards.
 *
 * xmlbuilder2 does the escaping; text is composed to NFC and characters XML 1.0 cannot carry (control
 * characters pasted from spreadsheets) are dropped rather than failing the issue of a whole book.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { InvoiceDocument, InvoiceDocumentLine } from '@/domain/invoices/invoice-document';
import { assertSeries } from '@/domain/invoices/series';
import { InvoiceRuleError } from '@/domain/invoices/invoice-rule-error';
import { AppError } from '../errors';

/** Version of the tax authority's XML format written in TTChung/PBan. */
const EINVOICE_FORMAT_VERSION = '2.1.0';
const INVOICE_NAME = 'Hóa đơn giá trị gia tăng';
const TAX_LINE_KINDS = new Set(['vat', 'drainage_vat']);
const FEE_LINE_KINDS = new Set(['environment_fee']);
/** TCHDon: nature of the correction. */
const CORRECTION_NATURE = { REPLACES: '1', ADJUSTS: '2' } as const;
/** LHDCLQuan 1: the related invoice is an e-invoice under Decree 123/2020. */
const RELATED_INVOICE_KIND_DECREE_123 = '1';

/** The value of DLHDon's Id attribute, which the seller's signature references as "#<Id>". */
export function einvoiceDataId(document: Pick<InvoiceDocument, 'id'>): string {
  return `DLHDon-${document.id}`;
}

function invalid(message: string, detail?: string): AppError {
  return new AppError('EINVOICE_INVALID_DOCUMENT', message, { detail });
}

function text(value: string): string {
  return value.normalize('NFC').trim();
}

/** YYYY-MM → MM/YYYY, as the period is printed. */
function periodText(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[2]}/${m[1]}` : period;
}

function element(parent: XMLBuilder, name: string, value: string | number | null | undefined): void {
  if (value === null || value === undefined) return;
  const s = typeof value === 'number' ? String(value) : text(value);
  if (s !== '') parent.ele(name).txt(s);
}

type ExtraField = [name: string, type: 'string' | 'numeric' | 'date', value: string | number | null];

function extraFields(parent: XMLBuilder, fields: ExtraField[]): void {
  const present = fields.filter(([, , value]) => value !== null && value !== '');
  if (present.length === 0) return;
  const ttKhac = parent.ele('TTKhac');
  for (const [name, type, value] of present) {
    const ttin = ttKhac.ele('TTin');
    element(ttin, 'TTruong', name);
    element(ttin, 'KDLieu', type);
    element(ttin, 'DLieu', value);
  }
}

function vatRateOf(line: InvoiceDocumentLine): string {
  if (!line.vatRate) {
    throw invalid(
      `Dòng ${line.ordinal} của hóa đơn thiếu thuế suất, không lập được hóa đơn điện tử.`,
      `line ${line.ordinal} (${line.kind}) has no vatRate`,
    );
  }
  return line.vatRate;
}

/** The goods lines each tax line taxes, for a tax line that does not name its rate itself. */
const TAXED_KINDS: Record<string, readonly string[]> = {
  vat: ['tier', 'subscription', 'backbill_amount', 'adjustment'],
  drainage_vat: ['drainage'],
};

interface Totals {
  goods: InvoiceDocumentLine[];
  fees: InvoiceDocumentLine[];
  byRate: Map<string, { base: number; tax: number }>;
  beforeTax: number;
  tax: number;
  feeTotal: number;
}

/**
 * The rate a tax line belongs to: its own vatRate when it has one, otherwise the one rate of the goods lines of
 * the kinds it taxes (VAT on water → the tiers' rate; VAT on drainage → the drainage line's rate).
 */
function taxRateOf(line: InvoiceDocumentLine, goods: InvoiceDocumentLine[]): string {
  if (line.vatRate) return line.vatRate;
  const taxed = TAXED_KINDS[line.kind] ?? [];
  const rates = new Set(goods.filter((g) => taxed.includes(g.kind)).map((g) => vatRateOf(g)));
  if (rates.size !== 1) {
    throw invalid(
      `Không xác định được thuế suất của dòng thuế ${line.ordinal}, không lập được hóa đơn điện tử.`,
      `tax line ${line.ordinal} (${line.kind}) without vatRate; taxed rates: ${[...rates].join(', ') || 'none'}`,
    );
  }
  return [...rates][0]!;
}

function totalsOf(document: InvoiceDocument): Totals {
  const goods = document.lines.filter((l) => !TAX_LINE_KINDS.has(l.kind) && !FEE_LINE_KINDS.has(l.kind));
  const taxes = document.lines.filter((l) => TAX_LINE_KINDS.has(l.kind));
  const fees = document.lines.filter((l) => FEE_LINE_KINDS.has(l.kind));
  const byRate = new Map<string, { base: number; tax: number }>();
  const rate = (key: string) => {
    let entry = byRate.get(key);
    if (!entry) byRate.set(key, (entry = { base: 0, tax: 0 }));
    return entry;
  };
  for (const line of goods) rate(vatRateOf(line)).base += line.amount;
  for (const line of taxes) {
    const key = taxRateOf(line, goods);
    if (!byRate.has(key)) {
      throw invalid(
        `Dòng thuế ${line.ordinal} có thuế suất ${key} nhưng không có dòng hàng hóa, dịch vụ nào chịu thuế suất này.`,
      );
    }
    rate(key).tax += line.amount;
  }
  const sum = (lines: InvoiceDocumentLine[]) => lines.reduce((a, l) => a + l.amount, 0);
  return { goods, fees, byRate, beforeTax: sum(goods), tax: sum(taxes), feeTotal: sum(fees) };
}

function checkDocument(document: InvoiceDocument): void {
  if (document.status === 'DRAFT' || document.number === null || document.issuedOn === null) {
    throw invalid('Hóa đơn nháp chưa có số và ngày lập nên chưa lập được hóa đơn điện tử.');
  }
  try {
    assertSeries(document.templateSymbol, document.invoiceSymbol);
  } catch (error) {
    if (error instanceof InvoiceRuleError) throw invalid(error.message, error.code);
    throw error;
  }
  for (const line of document.lines) {
    if (!Number.isSafeInteger(line.amount)) {
      throw invalid(`Số tiền dòng ${line.ordinal} không phải số nguyên đồng.`);
    }
  }
  if (!text(document.seller.name) || !document.seller.taxCode) {
    throw invalid('Thiếu tên hoặc mã số thuế của đơn vị bán, không lập được hóa đơn điện tử.');
  }
  if (!text(document.totalInWords)) throw invalid('Thiếu số tiền bằng chữ.');
}

/**
 * The unsigned `HDon` XML (UTF-8, no indentation) with an empty DSCKS/NBan for the seller's signature.
 * Throws AppError EINVOICE_INVALID_DOCUMENT for a draft, a bad series, or lines that do not add up to the total.
 */
export function buildInvoiceXml(document: InvoiceDocument): string {
  checkDocument(document);
  const totals = totalsOf(document);
  const computed = totals.beforeTax + totals.tax + totals.feeTotal;
  if (computed !== document.total) {
    throw invalid(
      'Tổng các dòng của hóa đơn không khớp với tổng tiền thanh toán, không lập được hóa đơn điện tử.',
      `lines ${computed} ≠ total ${document.total}`,
    );
  }

  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele('HDon');
  const data = root.ele('DLHDon', { Id: einvoiceDataId(document) });

  const general = data.ele('TTChung');
  element(general, 'PBan', EINVOICE_FORMAT_VERSION);
  element(general, 'THDon', INVOICE_NAME);
  element(general, 'KHMSHDon', document.templateSymbol);
  element(general, 'KHHDon', document.invoiceSymbol);
  element(general, 'SHDon', document.number);
  element(general, 'NLap', document.issuedOn);
  element(general, 'DVTTe', 'VND');
  element(general, 'HTTToan', 'TM/CK');
  if (document.related) {
    const related = general.ele('TTHDLQuan');
    element(related, 'TCHDon', CORRECTION_NATURE[document.related.relation]);
    element(related, 'LHDCLQuan', RELATED_INVOICE_KIND_DECREE_123);
    element(related, 'KHMSHDCLQuan', document.related.templateSymbol);
    element(related, 'KHHDCLQuan', document.related.invoiceSymbol);
    element(related, 'SHDCLQuan', document.related.number);
    element(related, 'NLHDCLQuan', document.related.issuedOn);
  }
  const water = document.water;
  extraFields(general, [
    ['Mã khách hàng', 'string', document.buyer.customerCode],
    ['Kỳ hóa đơn', 'string', periodText(water.period)],
    ['Sổ ghi chỉ số', 'string', water.bookCode],
    ['Số thứ tự trong sổ', 'numeric', water.sequenceNo],
    ['Từ ngày', 'date', water.readingFrom],
    ['Đến ngày', 'date', water.readingTo],
    ['Chỉ số cũ', 'numeric', water.oldIndex],
    ['Chỉ số mới', 'numeric', water.newIndex],
    ['Lượng nước tiêu thụ (m³)', 'numeric', water.consumption],
    ['Số hộ', 'numeric', water.households],
    ['Số nhân khẩu', 'numeric', water.persons],
  ]);

  const content = data.ele('NDHDon');
  const seller = content.ele('NBan');
  element(seller, 'Ten', document.seller.name);
  element(seller, 'MST', document.seller.taxCode);
  element(seller, 'DChi', document.seller.address);
  element(seller, 'SDThoai', document.seller.phone);
  element(seller, 'DCTDTu', document.seller.email);
  element(seller, 'STKNHang', document.seller.bankAccount);
  element(seller, 'TNHang', document.seller.bankName);

  const buyer = content.ele('NMua');
  element(buyer, 'Ten', document.buyer.name);
  element(buyer, 'MST', document.buyer.taxCode);
  element(buyer, 'DChi', document.buyer.address);
  element(buyer, 'MKHang', document.buyer.customerCode);
  element(buyer, 'SDThoai', document.buyer.phone);
  element(buyer, 'DCTDTu', document.buyer.email);

  const items = content.ele('DSHHDVu');
  totals.goods.forEach((line, i) => {
    const item = items.ele('HHDVu');
    element(item, 'TChat', '1');
    element(item, 'STT', i + 1);
    element(item, 'THHDVu', line.description);
    element(item, 'DVTinh', line.unit);
    element(item, 'SLuong', line.quantity);
    element(item, 'DGia', line.unitPrice);
    element(item, 'ThTien', line.amount);
    element(item, 'TSuat', vatRateOf(line));
  });

  const payment = content.ele('TToan');
  const byRate = payment.ele('THTTLTSuat');
  for (const [rate, { base, tax }] of totals.byRate) {
    const entry = byRate.ele('LTSuat');
    element(entry, 'TSuat', rate);
    element(entry, 'ThTien', base);
    element(entry, 'TThue', tax);
  }
  element(payment, 'TgTCThue', totals.beforeTax);
  element(payment, 'TgTThue', totals.tax);
  if (totals.fees.length > 0) {
    const fees = payment.ele('DSLPhi');
    for (const line of totals.fees) {
      const fee = fees.ele('LPhi');
      element(fee, 'TLPhi', line.description);
      element(fee, 'TPhi', line.amount);
    }
  }
  element(payment, 'TgTTTBSo', document.total);
  element(payment, 'TgTTTBChu', document.totalInWords);

  root.ele('DSCKS').ele('NBan');
  return root.end({ prettyPrint: false });
}
