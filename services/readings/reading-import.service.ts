/**
 * Readings sent as Excel files (SPEC §2): a template per book and period, and the import of a filled
 * one. Every row is validated with the same rules as typed entry; errors are reported per row with the
 * Excel row number and a Vietnamese reason, and nothing is written unless every row is valid or the user
 * accepts saving the valid rows only.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { periodLabel } from '@/domain/billing/periods';
import { READING_CODES, READING_CODE_LABELS, type ReadingCode } from '@/domain/reading/anomaly';
import { foldVietnamese } from '@/domain/text/normalize';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { assertXlsxWithin } from '@/services/files/xlsx-guard';
import { assertNotFuture, assertPeriodsOpen, lockedBooks } from './period-lock.service';
import { assertReadingsRight } from './reading-access';
import { loadReadingContext } from './reading-context';
import { buildSheetRows } from './reading-sheet';
import { prepareEntries, writeReadings, type ReadingEntry } from './reading-writer';

const SHEET_NAME = 'Chỉ số';
const CODES_SHEET = 'Mã ghi chỉ số';
const HEADERS = [
  'STT',
  'Mã KH',
  'Tên khách hàng',
  'Địa chỉ',
  'Số seri đồng hồ',
  'Chỉ số cũ',
  'Chỉ số mới',
  'Mã ghi chỉ số',
  'Ghi chú',
] as const;
const HEADER_ROW = 4;
const MAX_IMPORT_ROWS = 20_000;
/**
 * What a full file may inflate to: a filled 20,000-row template with long names and addresses is about
 * 575 bytes a row (sheet XML plus shared strings); 1.5 KB a row leaves room for other producers' markup.
 */
const MAX_IMPORT_XML_BYTES = MAX_IMPORT_ROWS * 1536 + 1024 * 1024;

async function bookCode(db: DbOrTx, bookId: number): Promise<string> {
  const [b] = rowsOf<{ code: string }>(await db.execute(sql`select code from reading_books where id = ${bookId}`));
  if (!b) throw notFound('sổ đọc');
  return String(b.code);
}

/** The template of a book and period: one row per customer and meter in sequence order, previous index filled. */
export async function buildReadingTemplate(db: DbOrTx, actor: Actor, bookId: number, period: string): Promise<Buffer> {
  assertReadingsRight(actor, bookId, 'add');
  const code = await bookCode(db, bookId);
  const rows = buildSheetRows(await loadReadingContext(db, period, { bookId }));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'capnuoc';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.getCell('A1').value = `BẢNG GHI CHỈ SỐ – SỔ ${code} – KỲ ${periodLabel(period)}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  // Machine-read on import: the file must come back for the same book and period.
  ws.getCell('A2').value = 'Mã sổ';
  ws.getCell('B2').value = code;
  ws.getCell('C2').value = 'Kỳ';
  ws.getCell('D2').value = period;
  ws.getCell('A3').value =
    'Nhập cột "Chỉ số mới"; không đọc được đồng hồ thì để trống và chọn "Mã ghi chỉ số". Không sửa các cột khác.';
  ws.getRow(HEADER_ROW).values = [...HEADERS];
  ws.getRow(HEADER_ROW).font = { bold: true };
  ws.columns = [
    { width: 7 },
    { width: 13 },
    { width: 28 },
    { width: 40 },
    { width: 16 },
    { width: 11 },
    { width: 11 },
    { width: 24 },
    { width: 24 },
  ];
  rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      r.sequenceNo,
      r.customerCode,
      r.customerName,
      r.address,
      r.meterSerial,
      r.previousIndex,
      r.fixedCurrentIndex ?? r.currentIndex ?? r.suggestedCurrentIndex ?? null,
      r.readingId !== null && r.code !== 'normal' ? READING_CODE_LABELS[r.code as ReadingCode] : null,
      r.note,
    ];
    row.getCell(8).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'${CODES_SHEET}'!$B$2:$B$${READING_CODES.length + 1}`],
    };
  });
  const codes = wb.addWorksheet(CODES_SHEET);
  codes.getRow(1).values = ['Mã', 'Diễn giải'];
  READING_CODES.forEach((c, i) => (codes.getRow(i + 2).values = [c, READING_CODE_LABELS[c]]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ImportRowError {
  /** Excel row number (1-based, as Excel shows it); 0 for errors about the whole file. */
  row: number;
  customerCode: string | null;
  field: string | null;
  message: string;
}

export interface ImportResult {
  /** Whether readings were written. */
  applied: boolean;
  /** Data rows found (blank rows excluded). */
  totalRows: number;
  validRows: number;
  errorRows: number;
  /** Rows without an index nor a code: left unread. */
  blankRows: number;
  saved: number;
  /** Saved readings flagged as anomalies. */
  anomalies: number;
  errors: ImportRowError[];
}

/** A cell as trimmed NFC text: spreadsheets typed on some keyboards hold decomposed Vietnamese. */
function cellText(cell: ExcelJS.Cell): string {
  return rawCellText(cell).normalize('NFC');
}

function rawCellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('result' in v) return String(v.result ?? '').trim();
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v).trim();
}

const CODE_BY_TEXT = new Map<string, ReadingCode>(
  READING_CODES.flatMap((c) => [
    [foldVietnamese(c), c],
    [foldVietnamese(READING_CODE_LABELS[c]), c],
  ]),
);

interface ParsedRow {
  row: number;
  customerCode: string;
  serial: string | null;
  currentIndex: number | null;
  code: ReadingCode;
  note: string | null;
}

function parseWorkbookRows(
  ws: ExcelJS.Worksheet,
  errors: ImportRowError[],
): { parsed: ParsedRow[]; blank: number; invalid: number } {
  let header = 0;
  const col: Record<string, number> = {};
  for (let r = 1; r <= Math.min(ws.rowCount, 20) && header === 0; r++) {
    ws.getRow(r).eachCell((cell, c) => {
      const t = foldVietnamese(cellText(cell));
      if (t === 'ma kh') header = r;
      col[t] = c;
    });
    if (header === 0) for (const k of Object.keys(col)) delete col[k];
  }
  const need = { code: col['ma kh'], current: col['chi so moi'] };
  if (!header || need.code === undefined || need.current === undefined) {
    errors.push({
      row: 0,
      customerCode: null,
      field: null,
      message: 'Không tìm thấy dòng tiêu đề có cột "Mã KH" và "Chỉ số mới": hãy dùng mẫu tải từ màn hình ghi chỉ số.',
    });
    return { parsed: [], blank: 0, invalid: 0 };
  }
  const serialCol = col['so seri dong ho'];
  const codeCol = col['ma ghi chi so'];
  const noteCol = col['ghi chu'];
  const parsed: ParsedRow[] = [];
  let blank = 0;
  let invalid = 0;
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const customerCode = cellText(row.getCell(need.code)).toUpperCase();
    const indexText = cellText(row.getCell(need.current));
    const codeText = codeCol ? cellText(row.getCell(codeCol)) : '';
    if (!customerCode && !indexText && !codeText) continue;
    const fail = (field: string, message: string) => {
      invalid++;
      errors.push({ row: r, customerCode: customerCode || null, field, message });
    };
    if (!customerCode) {
      fail('customerCode', 'Thiếu mã khách hàng.');
      continue;
    }
    let code: ReadingCode = 'normal';
    if (codeText) {
      const found = CODE_BY_TEXT.get(foldVietnamese(codeText));
      if (!found) {
        fail('code', `Mã ghi chỉ số "${codeText}" không hợp lệ.`);
        continue;
      }
      code = found;
    }
    let currentIndex: number | null = null;
    if (indexText) {
      const n = Number(indexText.replace(/[.,\s](?=\d{3}\b)/g, ''));
      if (!Number.isSafeInteger(n) || n < 0) {
        fail('currentIndex', `Chỉ số mới "${indexText}" phải là số nguyên không âm.`);
        continue;
      }
      currentIndex = n;
    } else if (code === 'normal') {
      blank++;
      continue;
    }
    parsed.push({
      row: r,
      customerCode,
      serial: serialCol ? cellText(row.getCell(serialCol)) || null : null,
      currentIndex,
      code,
      note: noteCol ? cellText(row.getCell(noteCol)) || null : null,
    });
  }
  return { parsed, blank, invalid };
}

/** The file's own book and period (cells B2 and D2 of the template), when present, must match. */
function checkFileIdentity(ws: ExcelJS.Worksheet, code: string, period: string, errors: ImportRowError[]): void {
  if (foldVietnamese(cellText(ws.getCell('A2'))) !== 'ma so') return;
  const fileBook = cellText(ws.getCell('B2'));
  const filePeriod = cellText(ws.getCell('D2'));
  if (fileBook && fileBook !== code) {
    errors.push({
      row: 2,
      customerCode: null,
      field: 'bookId',
      message: `Tệp là của sổ ${fileBook}, không phải sổ ${code}.`,
    });
  }
  if (filePeriod && filePeriod !== period) {
    errors.push({
      row: 2,
      customerCode: null,
      field: 'period',
      message: `Tệp là của kỳ ${filePeriod}, không phải kỳ ${period}.`,
    });
  }
}

export async function importReadings(
  db: DbOrTx,
  actor: Actor,
  input: { bookId: number; period: string; file: Buffer; acceptValid: boolean },
): Promise<ImportResult> {
  assertReadingsRight(actor, input.bookId, 'add');
  assertNotFuture(input.period);
  const code = await bookCode(db, input.bookId);
  await assertPeriodsOpen(db, input.period, [input.bookId]);

  // exceljs builds every cell of every sheet in memory: refuse an oversized workbook from its zip directory first.
  assertXlsxWithin(input.file, {
    maxRows: MAX_IMPORT_ROWS,
    slackRows: 100,
    maxUncompressedBytes: MAX_IMPORT_XML_BYTES,
  });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(input.file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_FILE', 'Tệp không phải là tệp Excel (.xlsx) hợp lệ.');
  }
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) throw new AppError('INVALID_FILE', 'Tệp Excel không có trang tính nào.');
  if (ws.rowCount > MAX_IMPORT_ROWS + 20)
    throw new AppError('FILE_TOO_LARGE', `Mỗi tệp tối đa ${MAX_IMPORT_ROWS} dòng.`);

  const errors: ImportRowError[] = [];
  checkFileIdentity(ws, code, input.period, errors);
  const { parsed, blank, invalid } = parseWorkbookRows(ws, errors);
  const fileErrors = errors.filter((e) => e.row <= 2 && e.field !== 'customerCode').length > 0;

  // Customers by code: those of another book are an error of the row, not silently skipped.
  const codes = [...new Set(parsed.map((p) => p.customerCode))];
  const found = rowsOf<{ id: number; code: string; book_id: number }>(
    await db.execute(sql`select id, code, book_id from customers where code = any(${pgArray(codes)}::text[])`),
  );
  const byCode = new Map(found.map((c) => [String(c.code), { id: Number(c.id), bookId: Number(c.book_id) }]));
  const entries: ReadingEntry[] = [];
  const entryRows: ParsedRow[] = [];
  for (const p of parsed) {
    const c = byCode.get(p.customerCode);
    // A code of a book the user cannot read is reported like an unknown code: the file must not probe other books.
    if (!c || (c.bookId !== input.bookId && !canOnBook(actor, c.bookId, 'readings', 'access'))) {
      errors.push({
        row: p.row,
        customerCode: p.customerCode,
        field: 'customerCode',
        message: `Không có khách hàng mã ${p.customerCode}.`,
      });
    } else if (c.bookId !== input.bookId) {
      errors.push({
        row: p.row,
        customerCode: p.customerCode,
        field: 'customerCode',
        message: `Khách hàng ${p.customerCode} không thuộc sổ ${code}.`,
      });
    } else {
      entries.push({
        customerId: c.id,
        currentIndex: p.currentIndex,
        code: p.code,
        note: p.note,
        meterSerial: p.serial,
      });
      entryRows.push(p);
    }
  }

  return db.transaction(async (tx) => {
    const ctx = await loadReadingContext(tx, input.period, { bookId: input.bookId });
    // A file row names its meter by serial: the old or the new meter of a replacement.
    for (const e of entries) {
      const meters = ctx.customers.get(e.customerId)?.meters ?? [];
      const bySerial = e.meterSerial
        ? meters.find((m) => m.serial.toUpperCase() === e.meterSerial!.toUpperCase())
        : undefined;
      if (bySerial) e.meterId = bySerial.id;
    }
    const { prepared, errors: entryErrors } = prepareEntries(ctx, entries, {
      locked: await lockedBooks(tx, input.period, [input.bookId]),
      canWrite: (bookId, isNew) => canOnBook(actor, bookId, 'readings', isNew ? 'add' : 'edit'),
    });
    for (const e of entryErrors) {
      const p = entryRows[e.index]!;
      errors.push({ row: p.row, customerCode: p.customerCode, field: e.field ?? null, message: e.message });
    }
    errors.sort((a, b) => a.row - b.row);
    const errorRows = new Set(errors.filter((e) => e.row > 2).map((e) => e.row)).size;
    const apply = !fileErrors && prepared.length > 0 && (errors.length === 0 || input.acceptValid);
    const saved = apply ? await writeReadings(tx, actor, input.period, prepared, 'import') : [];
    return {
      applied: apply,
      totalRows: parsed.length + invalid,
      validRows: prepared.length,
      errorRows,
      blankRows: blank,
      saved: saved.length,
      anomalies: apply ? prepared.filter((p) => p.evaluation.anomalies.length > 0).length : 0,
      errors,
    };
  });
}
