/**
 * A bank statement file as rows of cells for domain/payments/bank-statement.ts: an Excel workbook (checked from its
 * zip directory before exceljs opens it, like the reading import) or a CSV text (UTF-8, with or without BOM, or
 * UTF-16 as Excel's "Unicode text" writes it).
 */
import ExcelJS from 'exceljs';
import { parseBankStatement, parseCsv, type StatementCell } from '@/domain/payments/bank-statement';
import { AppError } from '@/services/errors';
import { assertXlsxWithin } from '@/services/files/xlsx-guard';

/** A month of a busy account is a few thousand credits; more is split into several files. */
const STATEMENT_MAX_ROWS = 20_000;
/** A statement row is about 300 bytes of sheet XML and shared strings; 2 KB a row leaves room for styled exports. */
const STATEMENT_MAX_XML_BYTES = STATEMENT_MAX_ROWS * 2048 + 2 * 1024 * 1024;

export type StatementFormat = 'xlsx' | 'csv';

const unreadable = (message: string) => new AppError('BANK_STATEMENT_UNREADABLE', message);

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The old binary .xls (OLE2 compound file): exceljs cannot read it. */
function isOle2(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

function cellValue(cell: ExcelJS.Cell): StatementCell {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('result' in v) {
      const r = v.result;
      return typeof r === 'string' || typeof r === 'number' || r instanceof Date ? r : null;
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return null;
}

async function xlsxRows(bytes: Uint8Array): Promise<StatementCell[][][]> {
  assertXlsxWithin(bytes, {
    maxRows: STATEMENT_MAX_ROWS,
    slackRows: 100,
    maxUncompressedBytes: STATEMENT_MAX_XML_BYTES,
  });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_FILE', 'Tệp không phải là tệp Excel (.xlsx) hợp lệ.');
  }
  return wb.worksheets.map((ws) => {
    const rows: StatementCell[][] = [];
    // Index = Excel row - 1, so the parser's row numbers are the ones the user sees in Excel.
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: StatementCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellValue(cell);
      });
      rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
    });
    return Array.from(rows, (r) => r ?? []);
  });
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable(
      'Tệp CSV không phải mã UTF-8: hãy lưu lại từ Excel bằng "CSV UTF-8 (Comma delimited)" hoặc tải tệp Excel (.xlsx).',
    );
  }
}

/**
 * The statement's sheets as rows of cells: every worksheet of a workbook (the caller takes the first one holding a
 * statement table), or the one table of a CSV.
 */
async function readStatementFile(bytes: Uint8Array): Promise<{ format: StatementFormat; sheets: StatementCell[][][] }> {
  if (bytes.length === 0) throw unreadable('Tệp sao kê rỗng.');
  if (isOle2(bytes))
    throw unreadable('Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc CSV rồi tải lên.');
  if (isZip(bytes)) return { format: 'xlsx', sheets: await xlsxRows(bytes) };
  const text = decodeText(bytes);
  if (/\u0000/.test(text)) throw unreadable('Tệp không phải tệp CSV hay Excel (.xlsx).');
  const rows = parseCsv(text);
  if (rows.length > STATEMENT_MAX_ROWS + 100)
    throw new AppError(
      'FILE_TOO_LARGE',
      `Tệp sao kê có quá nhiều dòng: mỗi tệp tối đa ${STATEMENT_MAX_ROWS.toLocaleString('vi-VN')} dòng.`,
    );
  return { format: 'csv', sheets: [rows] };
}

/** The first sheet that parses as a statement, or the reason none does. */
export async function parseStatementFile(bytes: Uint8Array) {
  const { format, sheets } = await readStatementFile(bytes);
  let reason = 'Tệp không có trang tính nào.';
  for (const rows of sheets) {
    const parsed = parseBankStatement(rows);
    if (!('unreadable' in parsed)) return { format, statement: parsed };
    reason = parsed.reason;
  }
  throw unreadable(reason);
}
