/**
 * One invoice as printed and as sent to the tax authority: the plain object the PDF (pdf/) and the
 * e-invoice XML (services/einvoices) are both drawn from, so the paper copy and the legal XML can never
 * disagree. Amounts are whole VND; every text is already in Vietnamese.
 */

export type InvoiceDocumentStatus = 'DRAFT' | 'ISSUED' | 'CANCELLED' | 'REPLACED' | 'ADJUSTED';

/** How a correction invoice relates to the one it names (TTHDLQuan/TCHDon: 1 replace, 2 adjust). */
type InvoiceRelation = 'REPLACES' | 'ADJUSTS';

interface InvoiceParty {
  name: string;
  address: string;
  taxCode: string | null;
  phone?: string | null;
  email?: string | null;
  /** The seller's bank account, printed beside the VietQR code. */
  bankName?: string | null;
  bankAccount?: string | null;
}

export interface InvoiceDocumentLine {
  /** STT: 1, 2, 3 … in print order. */
  ordinal: number;
  /** water | vat | environment_fee | drainage_fee | drainage_vat | adjustment … (InvoiceLine.kind). */
  kind: string;
  /** THHDVu: e.g. "Tiền nước bậc 1 (0–10 m³)". */
  description: string;
  /** DVTinh: "m³" for water tiers, null for fee and tax lines. */
  unit: string | null;
  quantity: number | null;
  unitPrice: number | null;
  amount: number;
  /** TSuat for this line: "5%", "10%", "KCT" (not subject to VAT), "KKKNT" … */
  vatRate: string | null;
}

export interface InvoiceDocument {
  id: number;
  status: InvoiceDocumentStatus;
  /** Template symbol (1 digit, "1" = VAT invoice). */
  templateSymbol: string;
  /** Invoice symbol, 6 characters, e.g. "C26TAA". */
  invoiceSymbol: string;
  /** Null while a draft. */
  number: number | null;
  /** ISO date (YYYY-MM-DD) of issue; null while a draft. */
  issuedOn: string | null;
  seller: InvoiceParty;
  buyer: InvoiceParty & { customerCode: string };
  /** Water details (TTKhac on the XML). */
  water: {
    period: string; // YYYY-MM
    bookCode: string;
    sequenceNo: number;
    readingFrom: string | null; // ISO date of the previous reading
    readingTo: string | null; // ISO date of this reading
    oldIndex: number | null;
    newIndex: number | null;
    consumption: number;
    households: number;
    persons: number;
  };
  lines: InvoiceDocumentLine[];
  /** Water amount before VAT (TgTCThue). */
  subtotal: number;
  /** VAT of all lines (TgTThue). */
  vat: number;
  /** Fees outside VAT (environmental fee) and the drainage service with its own VAT, all included in total. */
  fees: number;
  /** TgTTTBSo. */
  total: number;
  /** TgTTTBChu, already in words by the company's North/South reading. */
  totalInWords: string;
  /** The EMVCo/VietQR payload string for the amount due. */
  vietQr: string;
  /** The code a customer types on the e-invoice lookup page. */
  lookupCode: string | null;
  /** The invoice a correction names, if any. */
  related: {
    relation: InvoiceRelation;
    templateSymbol: string;
    invoiceSymbol: string;
    number: number;
    issuedOn: string;
  } | null;
  /** Why it was cancelled, if it was. */
  cancelReason?: string | null;
}
