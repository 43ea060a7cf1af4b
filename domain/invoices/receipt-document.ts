/**
 * One receipt (phiếu thu) as printed: the plain object pdf/receipt-document.tsx draws, built by the payments
 * service from a payment and the invoices it settled. Amounts are whole VND; every text is already in Vietnamese.
 */

type ReceiptPaymentMethod = 'CASH' | 'BANK_TRANSFER' | 'VIETQR' | 'CARD' | 'OTHER';

export const RECEIPT_PAYMENT_METHOD_LABELS: Readonly<Record<ReceiptPaymentMethod, string>> = {
  CASH: 'Tiền mặt',
  BANK_TRANSFER: 'Chuyển khoản',
  VIETQR: 'Chuyển khoản qua mã VietQR',
  CARD: 'Thẻ ngân hàng',
  OTHER: 'Khác',
};

interface ReceiptInvoiceItem {
  /** "1C26TAA"; null for a draft that has no series yet. */
  series: string | null;
  /** Null while a draft. */
  number: number | null;
  /** YYYY-MM. */
  period: string;
  /** What this payment put towards that invoice. */
  amount: number;
}

export interface ReceiptDocument {
  id: number;
  company: { name: string; address: string; taxCode: string | null; phone?: string | null };
  /** The receipt's own number, as the payments service formats it (e.g. "PT2601-000123"). */
  receiptNumber: string;
  /** ISO date (YYYY-MM-DD) the money was received. */
  receivedOn: string;
  customer: { code: string; name: string; address: string };
  /** The person who brought the money, when not the customer. */
  payerName?: string | null;
  /** Lý do nộp; a default about water bills is printed when absent. */
  reason?: string | null;
  items: ReceiptInvoiceItem[];
  total: number;
  /** The total in words, by the company's North/South reading. */
  totalInWords: string;
  cashierName: string;
  paymentMethod: ReceiptPaymentMethod;
  /** The payment was reversed: the receipt is printed marked "ĐÃ HỦY". */
  cancelled?: boolean;
}
