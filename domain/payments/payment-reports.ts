/**
 * The payment reports as plain objects: debt by book or route and age, collections by channel, collector or day, and
 * a collector's settlement sheet. The screen, the PDF (pdf/) and the Excel file are all drawn from these, so the three
 * never disagree. Amounts are whole VND.
 *
 * Reversals in the collections report count on their own business day, as a negative entry beside the day's
 * payments: a day already printed, handed in or settled keeps its figures when a payment of it is reversed later.
 * The settlement sheet lists a reversed payment of its day apart and leaves it out of what was recorded (the
 * settlement locks the day, so nothing of it is reversed after the sheet is signed).
 */
import { DEBT_AGE_BUCKETS, emptyDebtAgeAmounts, type DebtAgeAmounts } from './debt-age';

export const PAYMENT_CHANNEL_LABELS: Readonly<Record<string, string>> = {
  counter: 'Tại quầy',
  collector: 'Thu ngân viên',
  partner: 'Đối tác thu hộ',
  bank_transfer: 'Chuyển khoản',
};

export interface ReportCompany {
  name: string;
  address: string | null;
  taxCode: string | null;
}

// ---- debt

export type DebtGroupBy = 'book' | 'route';

export interface DebtReportRow extends DebtAgeAmounts {
  /** The book's or the route's id. */
  id: number;
  code: string;
  name: string;
  /** A book's route, a route's branch (printed beside the name). */
  parentCode: string;
  /** Customers with an open amount. */
  customers: number;
  /** Invoices with an open amount. */
  invoices: number;
  total: number;
}

export interface DebtReportTotals extends DebtAgeAmounts {
  customers: number;
  invoices: number;
  total: number;
}

export interface DebtReportDocument {
  company: ReportCompany;
  /** YYYY-MM-DD: the day ages are counted to; invoices issued after it are left out. */
  asOf: string;
  groupBy: DebtGroupBy;
  printedOn: string;
  rows: DebtReportRow[];
  totals: DebtReportTotals;
}

export function debtReportTotals(rows: readonly DebtReportRow[]): DebtReportTotals {
  const totals: DebtReportTotals = { ...emptyDebtAgeAmounts(), customers: 0, invoices: 0, total: 0 };
  for (const row of rows) {
    for (const bucket of DEBT_AGE_BUCKETS) totals[bucket] += row[bucket];
    totals.customers += row.customers;
    totals.invoices += row.invoices;
    totals.total += row.total;
  }
  return totals;
}

export const DEBT_GROUP_LABELS: Readonly<Record<DebtGroupBy, string>> = { book: 'Sổ đọc', route: 'Tuyến' };

// ---- collections

export type CollectionGroupBy = 'channel' | 'collector' | 'day';

export interface CollectionAmounts {
  /** Payments posted in the range (reversed later or not). */
  paymentCount: number;
  paymentAmount: number;
  /** Reversals made in the range (of payments of any day). */
  reversalCount: number;
  reversalAmount: number;
  /** paymentAmount − reversalAmount. */
  netAmount: number;
}

export interface CollectionReportRow extends CollectionAmounts {
  /** The channel code, the collector's user id (empty for money not taken by a collector), or the day. */
  key: string;
  label: string;
}

export interface CollectionReportDocument {
  company: ReportCompany;
  from: string;
  to: string;
  groupBy: CollectionGroupBy;
  printedOn: string;
  rows: CollectionReportRow[];
  totals: CollectionAmounts;
}

export const COLLECTION_GROUP_LABELS: Readonly<Record<CollectionGroupBy, string>> = {
  channel: 'Kênh thu',
  collector: 'Thu ngân viên',
  day: 'Ngày',
};

/** The row of money no collector took (counter, partners, transfers) when grouping by collector. */
export const NO_COLLECTOR_LABEL = 'Không qua thu ngân viên (quầy, đối tác, chuyển khoản)';

export function collectionTotals(rows: readonly CollectionAmounts[]): CollectionAmounts {
  const t: CollectionAmounts = { paymentCount: 0, paymentAmount: 0, reversalCount: 0, reversalAmount: 0, netAmount: 0 };
  for (const r of rows) {
    t.paymentCount += r.paymentCount;
    t.paymentAmount += r.paymentAmount;
    t.reversalCount += r.reversalCount;
    t.reversalAmount += r.reversalAmount;
    t.netAmount += r.netAmount;
  }
  return t;
}

// ---- a collector's settlement sheet

export interface SettlementSheetPayment {
  id: number;
  /** "PT00000123". */
  receiptNumber: string;
  /** ISO instant. */
  paidAt: string;
  customerCode: string;
  customerName: string;
  bookCode: string;
  amount: number;
  reversed: boolean;
  reversalReason: string | null;
}

export interface SettlementSheetSettlement {
  recorded: number;
  paymentCount: number;
  handedIn: number;
  /** handedIn − recorded: negative is money short. */
  difference: number;
  note: string | null;
  confirmedBy: string;
  /** ISO instant. */
  confirmedAt: string;
}

export interface CollectorSettlementSheetDocument {
  company: ReportCompany;
  collector: { id: number; login: string; fullName: string };
  day: string;
  printedOn: string;
  payments: SettlementSheetPayment[];
  /** What the ledger holds of the day now: payments not reversed. */
  recorded: number;
  paymentCount: number;
  reversedCount: number;
  reversedAmount: number;
  /** The cashier's confirmation, once the day is settled. */
  settlement: SettlementSheetSettlement | null;
}

/** "2026-03-05" → "05/03/2026". */
export function formatReportDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant as Vietnam wall-clock time "05/03/2026 14:07" (UTC+7, no daylight saving). */
export function formatReportDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
  return `${formatReportDate(t.slice(0, 10))} ${t.slice(11, 16)}`;
}
