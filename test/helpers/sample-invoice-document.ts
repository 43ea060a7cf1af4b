import { amountInWords } from '@/domain/invoices/amount-in-words';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';

/** VIETNAM-RULES.md's worked example (Hanoi tariff, 1 household, 25 m³): 173.595 + VAT 8.680 + fee 17.360. */
export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    id: 4711,
    status: 'ISSUED',
    templateSymbol: '1',
    invoiceSymbol: 'C26TAA',
    number: 123,
    issuedOn: '2026-11-05',
    seller: {
      name: 'Công ty Cổ phần Cấp nước Sơn Tây',
      address: 'Số 1 phố Quang Trung, phường Sơn Tây, Hà Nội',
      taxCode: '0100105052',
      phone: '024 3383 2211',
      bankName: 'Ngân hàng TMCP Công Thương Việt Nam',
      bankAccount: '0011001932418',
    },
    buyer: {
      customerCode: 'KH0000123',
      name: 'Nguyễn Thị Ánh & Con <Hộ kinh doanh>',
      address: 'Ngõ 12 đường Lê Lợi, phường Sơn Tây, Hà Nội',
      taxCode: null,
    },
    water: {
      period: '2026-10',
      bookCode: 'ST-01',
      sequenceNo: 40,
      readingFrom: '2026-09-28',
      readingTo: '2026-10-28',
      oldIndex: 1_250,
      newIndex: 1_275,
      consumption: 25,
      households: 1,
      persons: 4,
    },
    lines: [
      line(1, 'tier', 'Tiền nước bậc 1 (0–10 m³)', 10, 5_973, 59_730, '5%'),
      line(2, 'tier', 'Tiền nước bậc 2 (10–20 m³)', 10, 7_052, 70_520, '5%'),
      line(3, 'tier', 'Tiền nước bậc 3 (20–30 m³)', 5, 8_669, 43_345, '5%'),
      {
        ordinal: 4,
        kind: 'vat',
        description: 'Thuế GTGT 5%',
        unit: null,
        quantity: null,
        unitPrice: null,
        amount: 8_680,
        vatRate: '5%',
      },
      {
        ordinal: 5,
        kind: 'environment_fee',
        description: 'Phí bảo vệ môi trường đối với nước thải 10%',
        unit: null,
        quantity: null,
        unitPrice: null,
        amount: 17_360,
        vatRate: null,
      },
    ],
    subtotal: 173_595,
    vat: 8_680,
    fees: 17_360,
    total: 199_635,
    totalInWords: amountInWords(199_635, 'NORTH'),
    vietQr: '',
    lookupCode: 'ABC123XYZ',
    related: null,
    ...overrides,
  };
}

function line(
  ordinal: number,
  kind: string,
  description: string,
  quantity: number,
  unitPrice: number,
  amount: number,
  vatRate: string,
): InvoiceDocument['lines'][number] {
  return { ordinal, kind, description, unit: 'm³', quantity, unitPrice, amount, vatRate };
}
