/**
 * An installation quote (bảng dự toán / báo giá lắp đặt) as printed: the plain object pdf/work-order-quote-document.tsx
 * draws. Amounts are whole VND; every text is already Vietnamese.
 */
import type { QuoteLine } from './quote';

export interface WorkOrderQuoteDocument {
  company: { name: string; address: string; taxCode: string | null; phone: string | null };
  trackingCode: string;
  /** ISO date (YYYY-MM-DD) of the quote. */
  quotedOn: string;
  applicant: { name: string; phone: string; address: string };
  /** The purpose of use, when the request gave one. */
  serviceTypeName: string | null;
  lines: QuoteLine[];
  total: number;
  totalInWords: string;
  /** Days the quote stays valid. */
  validDays: number;
}

export const QUOTE_VALID_DAYS = 30;
