/**
 * Invoice, receipt and listing documents for PDF tests and the PDF benchmark: plain objects, no database.
 */
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import type { ReceiptDocument } from '@/domain/invoices/receipt-document';

/** A VietQR (EMVCo) payload for 199,635 đ to a Vietcombank account; tests only need a realistic string. */
const VIETQR =
  '00020101021238570010A00000072701270006970436011300710001234560208QRIBFTTA53037045406199635' +
  '5802VN62150811KH0001234566304ABCD';

/** Tiers 10 + 10 + 5 m³, 5% VAT, 10% environmental fee: total 199,635 đ. */
export function sampleInvoiceDocument(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    id: 1,
    status: 'ISSUED',
    templateSymbol: '1',
    invoiceSymbol: 'C26TAA',
    number: 123,
    issuedOn: '2026-01-20',
    seller: {
      name: 'Công ty Cổ phần Cấp nước Bến Thành',
      address: '194 Pasteur, Phường Xuân Hòa, Thành phố Hồ Chí Minh',
      taxCode: '0301234567',
      phone: '028 3829 1777',
      bankName: 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)',
      bankAccount: '0071000123456',
    },
    buyer: {
      customerCode: 'KH000123456',
      name: 'Nguyễn Thị Hương',
      address: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
      taxCode: null,
    },
    water: {
      period: '2026-01',
      bookCode: 'S01',
      sequenceNo: 12,
      readingFrom: '2025-12-15',
      readingTo: '2026-01-15',
      oldIndex: 1234,
      newIndex: 1259,
      consumption: 25,
      households: 1,
      persons: 4,
    },
    lines: [
      {
        ordinal: 1,
        kind: 'water',
        description: 'Tiền nước bậc 1 (0–10 m³)',
        unit: 'm³',
        quantity: 10,
        unitPrice: 5973,
        amount: 59730,
        vatRate: '5%',
      },
      {
        ordinal: 2,
        kind: 'water',
        description: 'Tiền nước bậc 2 (10–20 m³)',
        unit: 'm³',
        quantity: 10,
        unitPrice: 7052,
        amount: 70520,
        vatRate: '5%',
      },
      {
        ordinal: 3,
        kind: 'water',
        description: 'Tiền nước bậc 3 (trên 20 m³)',
        unit: 'm³',
        quantity: 5,
        unitPrice: 8669,
        amount: 43345,
        vatRate: '5%',
      },
      {
        ordinal: 4,
        kind: 'vat',
        description: 'Thuế GTGT',
        unit: null,
        quantity: null,
        unitPrice: null,
        amount: 8680,
        vatRate: '5%',
      },
      {
        ordinal: 5,
        kind: 'environment_fee',
        description: 'Phí bảo vệ môi trường đối với nước thải (10%)',
        unit: null,
        quantity: null,
        unitPrice: null,
        amount: 17360,
        vatRate: 'KCT',
      },
    ],
    subtotal: 173595,
    vat: 8680,
    fees: 17360,
    total: 199635,
    totalInWords: 'Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng',
    vietQr: VIETQR,
    lookupCode: 'TC26A7K9Q2',
    related: null,
    cancelReason: null,
    ...overrides,
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Quốc'];
const GIVEN = ['Hương', 'Dũng', 'Lan', 'Tuấn', 'Phượng', 'Khải', 'Nhung', 'Thắng', 'Yến', 'Hiếu', 'Ánh'];

/** The i-th invoice (0-based) of a synthetic book: sequence i + 1, a distinct name and number. */
export function syntheticBookInvoice(i: number): InvoiceDocument {
  const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`;
  const base = sampleInvoiceDocument();
  return {
    ...base,
    id: i + 1,
    number: 1000 + i,
    buyer: { ...base.buyer, customerCode: `KH${String(100000 + i).padStart(9, '0')}`, name },
    water: { ...base.water, sequenceNo: i + 1, oldIndex: 1000 + i, newIndex: 1025 + i },
    lookupCode: `TC26${String(i).padStart(6, '0')}`,
  };
}

export function* syntheticBook(count: number): Generator<InvoiceDocument> {
  for (let i = 0; i < count; i++) yield syntheticBookInvoice(i);
}

export function sampleReceiptDocument(overrides: Partial<ReceiptDocument> = {}): ReceiptDocument {
  return {
    id: 7,
    company: {
      name: 'Công ty Cổ phần Cấp nước Bến Thành',
      address: '194 Pasteur, Phường Xuân Hòa, Thành phố Hồ Chí Minh',
      taxCode: '0301234567',
    },
    receiptNumber: 'PT2601-000123',
    receivedOn: '2026-01-25',
    customer: { code: 'KH000123456', name: 'Nguyễn Thị Hương', address: '12 Lê Lợi, Phường Sài Gòn' },
    payerName: 'Trần Văn Đức',
    reason: null,
    items: [
      { series: '1C26TAA', number: 123, period: '2026-01', amount: 199635 },
      { series: '1C25TAA', number: 9876, period: '2025-12', amount: 150000 },
    ],
    total: 349635,
    totalInWords: 'Ba trăm bốn mươi chín nghìn sáu trăm ba mươi lăm đồng',
    cashierName: 'Lê Thị Thu Hà',
    paymentMethod: 'CASH',
    ...overrides,
  };
}
