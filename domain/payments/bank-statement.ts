/**
 * Reading a bank statement (sao kê) exported as CSV or Excel: find the header row by its column names (Vietnamese or
 * English, as Vietcombank, VietinBank, BIDV, Techcombank, MB and others print them), then read each transaction
 * line: the credits become bank transactions to match, debits are skipped, and a line that cannot be read is
 * rejected with its reason. Pure: the service turns the file into rows of cells (exceljs or parseCsv) and writes.
 */
import { foldVietnamese } from '@/domain/text/normalize';

/** A cell as the service hands it over: text, a number or a date from Excel, or nothing. */
export type StatementCell = string | number | Date | null | undefined;

interface StatementLine {
  /** 1-based row in the file (the Excel row, the CSV record), for messages. */
  row: number;
  /** The bank's reference: the bank transaction id the webhook reports too. */
  externalId: string;
  amount: number;
  receivedAt: Date;
  description: string;
}

export interface StatementRejection {
  row: number;
  externalId: string | null;
  reason: string;
}

export interface ParsedStatement {
  /** The account number printed above the table ("Số tài khoản: …"), digits and letters only; null when absent. */
  account: string | null;
  headerRow: number;
  lines: StatementLine[];
  rejected: StatementRejection[];
  /** Money going out (or lines with no credit): not ours to match. */
  skippedDebits: number;
}

/** What parseBankStatement answers when no row looks like the table's header. */
export interface UnreadableStatement {
  unreadable: true;
  reason: string;
}

/** The most one statement line may carry, as for a payment: more is a misread column. */
const STATEMENT_MAX_AMOUNT = 100_000_000_000;
const EXTERNAL_ID_MAX = 64;
const HEADER_SEARCH_ROWS = 40;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

type Field = 'date' | 'reference' | 'credit' | 'debit' | 'amount' | 'kind' | 'description';

/**
 * Header names per column, best first (a file with "Ngày giao dịch" and "Ngày hiệu lực" takes the former). Compared
 * folded (no diacritics, lower case) with the whole header or with one half of a bilingual one ("Ngày GD / Date").
 */
const HEADER_NAMES: Record<Field, string[]> = {
  date: [
    'ngay giao dich',
    'ngay gd',
    'thoi gian giao dich',
    'thoi gian',
    'transaction date',
    'trans date',
    'txn date',
    'ngay hach toan',
    'posting date',
    'ngay',
    'date',
    'ngay hieu luc',
    'value date',
    'effective date',
  ],
  reference: [
    'so tham chieu',
    'ma giao dich',
    'ma gd',
    'so giao dich',
    'so but toan',
    'ma tham chieu',
    'so chung tu',
    'so ct',
    'reference',
    'reference no',
    'reference number',
    'ref no',
    'ref',
    'transaction id',
    'transaction no',
    'transaction number',
    'trans id',
    'txn id',
    'so ref',
  ],
  credit: [
    'so tien ghi co',
    'ghi co',
    'phat sinh co',
    'so tien co',
    'tien vao',
    'so tien vao',
    'co',
    'credit',
    'credit amount',
    'cr',
    'money in',
  ],
  debit: [
    'so tien ghi no',
    'ghi no',
    'phat sinh no',
    'so tien no',
    'tien ra',
    'so tien ra',
    'no',
    'debit',
    'debit amount',
    'dr',
    'money out',
  ],
  amount: ['so tien', 'so tien giao dich', 'amount', 'transaction amount'],
  kind: ['loai giao dich', 'loai', 'no/co', 'co/no', 'c/d', 'd/c', 'dr/cr', 'cr/dr', 'type', 'debit/credit'],
  description: [
    'noi dung',
    'noi dung giao dich',
    'noi dung chuyen khoan',
    'mo ta',
    'dien giai',
    'chi tiet giao dich',
    'description',
    'transaction description',
    'details',
    'transaction details',
    'remark',
    'remarks',
    'narrative',
  ],
};

/** Fields tried whole before any header is split at "/": "Nợ/Có" is the kind column, not debit and credit. */
const WHOLE_FIRST: Field[] = ['kind'];

/** Text of a cell as written: numbers as digits, dates ISO, NFC (some keyboards store decomposed Vietnamese). */
function cellString(cell: StatementCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return cell.normalize('NFC').trim();
}

function fold(text: string): string {
  return foldVietnamese(text)
    .replace(/[.:*#]+$/g, '')
    .replace(/\s*\/\s*/g, '/')
    .trim();
}

/** The names a header cell answers to: the whole, and each half of "Vietnamese / English", without "(VND)". */
function headerForms(cell: StatementCell): { whole: string; parts: string[] } {
  const whole = fold(cellString(cell).replace(/\([^)]*\)/g, ' '));
  const parts = whole
    .split(/[/\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { whole, parts };
}

/** Column index per field for one row, or null when the row is not a header. */
function headerColumns(row: readonly StatementCell[]): Partial<Record<Field, number>> | null {
  const taken = new Set<number>();
  const columns: Partial<Record<Field, number>> = {};
  const forms = row.map(headerForms);
  const rank = (field: Field, col: number, wholeOnly: boolean): number => {
    const f = forms[col]!;
    const names = HEADER_NAMES[field];
    const candidates = wholeOnly ? [f.whole] : [f.whole, ...f.parts];
    let best = Infinity;
    for (const c of candidates) {
      const at = names.indexOf(c);
      if (at >= 0 && at < best) best = at;
    }
    return best;
  };
  const pick = (field: Field, wholeOnly: boolean) => {
    let bestCol = -1;
    let bestRank = Infinity;
    for (let col = 0; col < forms.length; col++) {
      if (taken.has(col)) continue;
      const r = rank(field, col, wholeOnly);
      if (r < bestRank) {
        bestRank = r;
        bestCol = col;
      }
    }
    if (bestCol >= 0) {
      columns[field] = bestCol;
      taken.add(bestCol);
    }
  };
  for (const field of WHOLE_FIRST) pick(field, true);
  for (const field of ['reference', 'description', 'credit', 'debit', 'date', 'amount', 'kind'] as Field[])
    if (columns[field] === undefined) pick(field, false);
  const hasMoney = columns.credit !== undefined || columns.amount !== undefined;
  if (columns.date === undefined || columns.reference === undefined || columns.description === undefined || !hasMoney)
    return null;
  return columns;
}

const ACCOUNT_LABELS = ['so tai khoan', 'tai khoan', 'so tk', 'account number', 'account no', 'account'];

/** "Số tài khoản: 0011 0012 3456" above the table, or the label in one cell and the number in the next. */
function findAccount(rows: readonly (readonly StatementCell[])[], before: number): string | null {
  for (let r = 0; r < before; r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const folded = foldVietnamese(cellString(row[c]));
      // "Tên tài khoản", "Account name" and "Tài khoản đối ứng" are other things: the label must end the words.
      const label = ACCOUNT_LABELS.find((l) => folded.startsWith(l) && !/^[a-z]/.test(folded.slice(l.length).trim()));
      if (!label) continue;
      const inCell = accountNumberIn(folded.slice(label.length));
      if (inCell) return inCell;
      const next = row
        .slice(c + 1)
        .map(cellString)
        .find(Boolean);
      if (next) return accountNumberIn(next);
    }
  }
  return null;
}

function accountNumberIn(text: string): string | null {
  const m = /\d[\d .-]*\d/.exec(text);
  if (!m) return null;
  const digits = m[0].replace(/[ .-]/g, '');
  return digits.length >= 6 ? digits : null;
}

const AMOUNT = /^(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/;

/**
 * Whole VND from a cell: 1500000, "1.500.000", "1,500,000", "1 500 000 VND", "1.500.000,00", "+1,500,000",
 * "(1,500,000)" (negative). "1.500" is one thousand five hundred: a lone separator before three digits groups
 * thousands. Null when empty; an error text when it is not a whole amount.
 */
export function parseStatementAmount(cell: StatementCell): number | null | { error: string } {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) return { error: 'là ngày tháng, không phải số tiền' };
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { error: 'không phải số' };
    if (!Number.isInteger(cell)) return { error: 'có phần lẻ dưới một đồng' };
    return cell;
  }
  let text = foldVietnamese(cell)
    .replace(/[\s\u00a0]/g, '')
    .replace(/^vnd/, '')
    .replace(/(vnd|dong|d)$/, '');
  if (text === '' || text === '-') return null;
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    sign = -sign;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  const notAmount = { error: `"${cell.trim().slice(0, 30)}" không phải số tiền` };
  const m = AMOUNT.exec(text);
  if (!m) return notAmount;
  const [, whole, thousands, decimalSep, decimals] = m;
  if (decimalSep !== undefined && decimalSep === thousands) return notAmount;
  if (decimals !== undefined && /[1-9]/.test(decimals)) return { error: 'có phần lẻ dưới một đồng' };
  const value = Number(whole!.replace(/[.,]/g, ''));
  if (!Number.isSafeInteger(value)) return { error: 'quá lớn' };
  return sign * value;
}

function vietnamTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(utc - VIETNAM_OFFSET_MS);
}

/**
 * The moment of a statement line. Statements print Vietnam time, day first: "15/03/2026", "15-03-2026 10:22:33",
 * "2026-03-15 10:22"; ISO with an offset is taken as written. An Excel date cell arrives as a Date whose UTC fields
 * are the wall clock shown (how exceljs reads dates), so it is shifted to Vietnam time; an Excel serial number too.
 */
export function parseStatementDate(cell: StatementCell): Date | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return vietnamTime(
      cell.getUTCFullYear(),
      cell.getUTCMonth() + 1,
      cell.getUTCDate(),
      cell.getUTCHours(),
      cell.getUTCMinutes(),
      cell.getUTCSeconds(),
    );
  }
  if (typeof cell === 'number') {
    // Excel serial days since 1899-12-30, within 1954–2119.
    if (!(cell > 20000 && cell < 80000)) return null;
    const ms = Math.round((cell - 25569) * 86_400_000);
    return parseStatementDate(new Date(ms));
  }
  const text = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const time = /(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
  const dayFirst = new RegExp(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})/.source + time.source).exec(text);
  if (dayFirst) {
    const [, d, mo, y, h, mi, s] = dayFirst;
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    return vietnamTime(year, Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  }
  const yearFirst = new RegExp(/^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})/.source + time.source).exec(text);
  if (yearFirst) {
    const [, y, mo, d, h, mi, s] = yearFirst;
    return vietnamTime(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  }
  return null;
}

/** A type column's credit marks: C, CR, Có, Credit, Ghi có; D, DR, Nợ, Debit, Ghi nợ are debits. */
function kindOf(cell: StatementCell): 'credit' | 'debit' | null {
  const k = fold(cellString(cell));
  if (['c', 'cr', 'co', 'credit', 'ghi co', '+'].includes(k)) return 'credit';
  if (['d', 'dr', 'no', 'debit', 'ghi no', '-'].includes(k)) return 'debit';
  return null;
}

/**
 * The statement in `rows` (the first sheet's rows or the CSV's records, in file order). The header is the first of
 * the top 40 rows naming a date, a reference, a description and a credit (or a signed amount) column. Rows with
 * neither a reference nor a readable date (totals, blank, the closing balance) are passed over; a transaction row that
 * cannot be read is rejected with its reason; debits are counted and skipped.
 */
export function parseBankStatement(rows: readonly (readonly StatementCell[])[]): ParsedStatement | UnreadableStatement {
  let header = -1;
  let columns: Partial<Record<Field, number>> | null = null;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS) && !columns; r++) {
    columns = headerColumns(rows[r] ?? []);
    if (columns) header = r;
  }
  if (!columns)
    return {
      unreadable: true,
      reason:
        'Không tìm thấy dòng tiêu đề của sao kê: cần các cột Ngày giao dịch (Date), Số tham chiếu (Reference), ' +
        'Số tiền ghi có (Credit) hoặc Số tiền (Amount), và Nội dung (Description).',
    };
  const col = columns;
  const lines: StatementLine[] = [];
  const rejected: StatementRejection[] = [];
  let skippedDebits = 0;
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const at = (field: Field): StatementCell => (col[field] === undefined ? null : row[col[field]]);
    const dateCell = at('date');
    const externalId = cellString(at('reference'));
    // Totals, notes and the closing balance carry no reference and no real date ("Tổng cộng" in the date column).
    if (externalId === '' && parseStatementDate(dateCell) === null) continue;
    const rowNumber = r + 1;
    const reject = (reason: string) => rejected.push({ row: rowNumber, externalId: externalId || null, reason });

    let credit: number | null = null;
    if (col.credit !== undefined) {
      const c = parseStatementAmount(at('credit'));
      if (c !== null && typeof c === 'object') {
        reject(`Số tiền ghi có ${c.error}.`);
        continue;
      }
      credit = c;
    }
    if (credit === null && col.amount !== undefined) {
      const a = parseStatementAmount(at('amount'));
      if (a !== null && typeof a === 'object') {
        reject(`Số tiền ${a.error}.`);
        continue;
      }
      const kind = col.kind === undefined ? null : kindOf(at('kind'));
      if (a !== null) credit = kind === 'debit' ? -Math.abs(a) : kind === 'credit' ? Math.abs(a) : a;
    }
    if (credit === null || credit <= 0) {
      skippedDebits++;
      continue;
    }
    if (!externalId) {
      reject('Thiếu số tham chiếu (mã giao dịch của ngân hàng): không thể chống trùng.');
      continue;
    }
    if (externalId.length > EXTERNAL_ID_MAX) {
      reject(`Số tham chiếu dài quá ${EXTERNAL_ID_MAX} ký tự.`);
      continue;
    }
    const receivedAt = parseStatementDate(dateCell);
    if (!receivedAt) {
      reject(`Ngày giao dịch "${cellString(dateCell).slice(0, 30)}" không đọc được (cần dạng ngày/tháng/năm).`);
      continue;
    }
    if (credit > STATEMENT_MAX_AMOUNT) {
      reject('Số tiền ghi có vượt quá 100 tỷ đồng: kiểm tra lại cột số tiền.');
      continue;
    }
    lines.push({ row: rowNumber, externalId, amount: credit, receivedAt, description: cellString(at('description')) });
  }
  return { account: findAccount(rows, header), headerRow: header + 1, lines, rejected, skippedDebits };
}

/**
 * RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, a leading BOM dropped. The
 * delimiter is the one of comma, semicolon and tab found most often in a line of the first 20 (Excel in a
 * Vietnamese locale writes semicolons). Blank lines give empty records.
 */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && body[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    for (const line of lines) {
      // Delimiters inside quotes do not count.
      const count = line.replace(/"[^"]*"/g, '').split(d).length - 1;
      if (count > bestCount) {
        bestCount = count;
        best = d;
      }
    }
  }
  return best;
}
