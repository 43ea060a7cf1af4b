/**
 * A partner's daily reconciliation (VIETNAM-RULES "Payments"): the partner's file of the day, our ledger (the
 * partner's payments of that business day) and the bank credit the partner sent for it, matched three ways.
 * Pure: the service reads the ledger and the bank lines, this module parses the file and decides the exceptions.
 *
 * The file (README "Partner reconciliation file"): UTF-8 CSV (RFC 4180 quoting, a BOM and CRLF tolerated), the
 * columns transactionId, customerCode, amount, paidAt, status, in that order or in any order under a header row.
 * amount is whole VND in plain digits; paidAt is RFC 3339 with an offset, or `YYYY-MM-DD HH:MM[:SS]` in Vietnam
 * time; status is PAID or REVERSED (paid, then taken back).
 */
import { parseInstant } from '@/domain/time/calendar';

const RECONCILIATION_COLUMNS = ['transactionId', 'customerCode', 'amount', 'paidAt', 'status'] as const;
type Column = (typeof RECONCILIATION_COLUMNS)[number];

type ExceptionKind = 'only_partner' | 'only_ours' | 'amount_differs' | 'reversed';

/** The id the bank-credit comparison is stored under (partner ids are compared per transaction, this once a day). */
export const BANK_CREDIT_KEY = '(bank-credit)';

/** The largest amount a row may carry (the payments CHECK says the same). */
const MAX_AMOUNT = 100_000_000_000;
const MAX_ERRORS = 50;

export interface PartnerFileRow {
  /** 1-based line of the file (the header counts), for error messages. */
  line: number;
  transactionId: string;
  customerCode: string;
  amount: number;
  paidAt: Date;
  status: 'PAID' | 'REVERSED';
}

export interface FileProblem {
  line: number;
  message: string;
}

/** A payment of the partner in our ledger. */
export interface LedgerPayment {
  paymentId: number;
  transactionId: string;
  customerCode: string;
  amount: number;
  status: 'posted' | 'reversed';
}

/** Money the partner transferred to our account for the day (a bank line naming the partner). */
export interface BankCredit {
  id: number;
  externalId: string;
  amount: number;
}

interface ReconciliationIssue {
  kind: ExceptionKind;
  transactionId: string;
  customerCode: string | null;
  partnerAmount: number | null;
  ourAmount: number | null;
  paymentId: number | null;
  details: Record<string, unknown>;
}

export interface ReconciliationTotals {
  /** What the partner says it collected and kept (PAID rows). */
  partnerPaid: number;
  partnerReversed: number;
  /** Posted payments of the partner in our ledger, among those compared. */
  ourPosted: number;
  /** The bank credits naming the partner; null when none was found (the money may arrive later). */
  bankCredit: number | null;
}

export interface ReconciliationOutcome {
  matched: number;
  exceptions: ReconciliationIssue[];
  totals: ReconciliationTotals;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Lines are 1-based. */
function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

const normalizeHeader = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** A paidAt cell: RFC 3339 with an offset, or a Vietnam wall-clock time without one. */
function parsePaidAt(value: string): Date | null {
  const withOffset = parseInstant(value);
  if (withOffset) return withOffset;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(value)) return parseInstant(`${value}+07:00`);
  return null;
}

/**
 * Parses a partner's file. Every problem is listed with its line (at most 50); a file with any problem must be
 * refused whole, since a reconciliation of part of a file would report its missing rows as ours-only.
 */
export function parsePartnerFile(
  text: string,
  options: { maxRows: number },
): { rows: PartnerFileRow[]; problems: FileProblem[] } {
  const records = csvRecords(text);
  const problems: FileProblem[] = [];
  const rows: PartnerFileRow[] = [];
  let order: Column[] = [...RECONCILIATION_COLUMNS];
  let start = 0;
  const first = records[0];
  if (first?.fields.some((f) => normalizeHeader(f) === 'transactionid')) {
    start = 1;
    const byName = new Map(RECONCILIATION_COLUMNS.map((c) => [c.toLowerCase(), c]));
    const named = first.fields.map((h) => byName.get(normalizeHeader(h)));
    const missing = RECONCILIATION_COLUMNS.filter((c) => !named.includes(c));
    if (missing.length > 0 || named.length !== RECONCILIATION_COLUMNS.length || named.some((c) => !c)) {
      return {
        rows: [],
        problems: [
          {
            line: first.line,
            message: `Dòng tiêu đề phải gồm đúng các cột ${RECONCILIATION_COLUMNS.join(', ')}${missing.length ? ` (thiếu ${missing.join(', ')})` : ''}.`,
          },
        ],
      };
    }
    order = named as Column[];
  }
  if (records.length - start > options.maxRows)
    return {
      rows: [],
      problems: [{ line: 0, message: `Tệp có quá nhiều dòng: tối đa ${options.maxRows} giao dịch.` }],
    };
  const seen = new Map<string, number>();
  for (const record of records.slice(start)) {
    if (problems.length >= MAX_ERRORS) break;
    const { line, fields } = record;
    const fail = (message: string) => problems.push({ line, message });
    if (fields.length !== RECONCILIATION_COLUMNS.length) {
      fail(`Cần ${RECONCILIATION_COLUMNS.length} cột, dòng này có ${fields.length}.`);
      continue;
    }
    const cell = Object.fromEntries(order.map((c, i) => [c, fields[i]!.trim()])) as Record<Column, string>;
    if (
      cell.transactionId === '' ||
      cell.transactionId.length > 64 ||
      /[\u0000-\u001f\u007f]/.test(cell.transactionId)
    ) {
      fail('Mã giao dịch phải có từ 1 đến 64 ký tự, không chứa ký tự điều khiển.');
      continue;
    }
    const earlier = seen.get(cell.transactionId);
    if (earlier !== undefined) {
      fail(`Mã giao dịch ${cell.transactionId} lặp lại (đã có ở dòng ${earlier}).`);
      continue;
    }
    seen.set(cell.transactionId, line);
    if (cell.customerCode === '' || cell.customerCode.length > 32) {
      fail('Mã khách hàng phải có từ 1 đến 32 ký tự.');
      continue;
    }
    const amount = /^\d{1,12}$/.test(cell.amount) ? Number(cell.amount) : NaN;
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_AMOUNT) {
      fail(`Số tiền "${cell.amount}" không hợp lệ: cần số nguyên dương (đồng), chỉ gồm chữ số, tối đa 100 tỷ.`);
      continue;
    }
    const paidAt = parsePaidAt(cell.paidAt);
    if (!paidAt) {
      fail(`Thời điểm thanh toán "${cell.paidAt}" không hợp lệ: cần dạng 2026-05-01T09:15:00+07:00.`);
      continue;
    }
    const status = cell.status.toUpperCase();
    if (status !== 'PAID' && status !== 'REVERSED') {
      fail(`Trạng thái "${cell.status}" không hợp lệ: chỉ nhận PAID hoặc REVERSED.`);
      continue;
    }
    rows.push({
      line,
      transactionId: cell.transactionId,
      // Customer codes are upper case (the partner API upper-cases what it is sent).
      customerCode: cell.customerCode.toUpperCase(),
      amount,
      paidAt,
      status,
    });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 0, message: 'Tệp không có giao dịch nào.' });
  return { rows, problems };
}

const sameCustomer = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * Matches the partner's rows and our payments by the partner's transaction id, then the partner's net money with
 * its bank credit. Per transaction, in this order:
 * - in the file as PAID, not in our ledger → only_partner; posted in our ledger, not in the file → only_ours;
 * - on both sides with a different state (paid there, reversed here, or the other way) → reversed;
 * - on both sides, same state, different amount → amount_differs (a different customer code is reported the same
 *   way, with `customerDiffers` in the details: the money went to someone else);
 * - a transaction reversed on the one side it appears on holds no money anywhere and counts as matched.
 * With bank credits given, their sum must equal the partner's PAID total, else one amount_differs under
 * BANK_CREDIT_KEY. No bank credit yet is no exception (partners often transfer a day later): totals say so.
 */
export function matchReconciliation(
  file: readonly PartnerFileRow[],
  ours: readonly LedgerPayment[],
  bank: readonly BankCredit[],
): ReconciliationOutcome {
  const byId = new Map(ours.map((p) => [p.transactionId, p]));
  const inFile = new Set<string>();
  const exceptions: ReconciliationIssue[] = [];
  let matched = 0;
  let partnerPaid = 0;
  let partnerReversed = 0;
  let ourPosted = 0;

  for (const row of file) {
    inFile.add(row.transactionId);
    if (row.status === 'PAID') partnerPaid += row.amount;
    else partnerReversed += row.amount;
    const our = byId.get(row.transactionId);
    if (our?.status === 'posted') ourPosted += our.amount;
    const base = {
      transactionId: row.transactionId,
      customerCode: row.customerCode,
      partnerAmount: row.amount,
      ourAmount: our?.amount ?? null,
      paymentId: our?.paymentId ?? null,
    };
    if (!our) {
      if (row.status === 'PAID') exceptions.push({ ...base, kind: 'only_partner', details: { partnerStatus: 'PAID' } });
      else matched++;
      continue;
    }
    const theirsPaid = row.status === 'PAID';
    const oursPaid = our.status === 'posted';
    if (theirsPaid !== oursPaid) {
      exceptions.push({
        ...base,
        kind: 'reversed',
        details: { partnerStatus: row.status, ourStatus: our.status },
      });
      continue;
    }
    const customerDiffers = !sameCustomer(row.customerCode, our.customerCode);
    if (row.amount !== our.amount || customerDiffers) {
      exceptions.push({
        ...base,
        kind: 'amount_differs',
        details: {
          partnerStatus: row.status,
          ourStatus: our.status,
          ...(customerDiffers ? { customerDiffers: true, ourCustomerCode: our.customerCode } : {}),
        },
      });
      continue;
    }
    matched++;
  }

  for (const our of ours) {
    if (inFile.has(our.transactionId)) continue;
    if (our.status === 'reversed') {
      matched++;
      continue;
    }
    ourPosted += our.amount;
    exceptions.push({
      kind: 'only_ours',
      transactionId: our.transactionId,
      customerCode: our.customerCode,
      partnerAmount: null,
      ourAmount: our.amount,
      paymentId: our.paymentId,
      details: { ourStatus: our.status },
    });
  }

  const bankCredit = bank.length === 0 ? null : bank.reduce((s, b) => s + b.amount, 0);
  if (bankCredit !== null && bankCredit !== partnerPaid) {
    exceptions.push({
      kind: 'amount_differs',
      transactionId: BANK_CREDIT_KEY,
      customerCode: null,
      partnerAmount: partnerPaid,
      ourAmount: bankCredit,
      paymentId: null,
      details: {
        source: 'bank',
        bankTransactionIds: bank.map((b) => b.id),
        bankReferences: bank.map((b) => b.externalId),
      },
    });
  }

  return { matched, exceptions, totals: { partnerPaid, partnerReversed, ourPosted, bankCredit } };
}

/** Whether a bank line's description names the partner: its code as a whole word, in any case. */
export function namesPartner(description: string, partnerCode: string): boolean {
  const code = partnerCode.toUpperCase();
  const text = description.toUpperCase();
  let from = 0;
  for (;;) {
    const at = text.indexOf(code, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + code.length] ?? '';
    if (!/[A-Z0-9_]/.test(before) && !/[A-Z0-9_]/.test(after)) return true;
    from = at + 1;
  }
}
