import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  parseBankStatement,
  parseCsv,
  parseStatementAmount,
  parseStatementDate,
  type ParsedStatement,
  type StatementCell,
} from '@/domain/payments/bank-statement';
import { parseStatementFile } from '@/services/payments/bank-statement-file';
import { AppError } from '@/services/errors';

const parsed = (rows: StatementCell[][]): ParsedStatement => {
  const p = parseBankStatement(rows);
  if ('unreadable' in p) throw new Error(p.reason);
  return p;
};

const vn = (iso: string) => new Date(`${iso}+07:00`).toISOString();

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

describe('CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,"b, c","say ""hi"""\r\n1,"two\nlines",3\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
  });

  it('takes the delimiter Excel used: semicolons in a Vietnamese locale, tabs', () => {
    expect(parseCsv('Ngày;Số tiền\n01/03/2026;"1.000,00"')).toEqual([
      ['Ngày', 'Số tiền'],
      ['01/03/2026', '1.000,00'],
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a last record without a line break and empty fields', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });
});

describe('amounts and dates', () => {
  it.each([
    [1500000, 1500000],
    ['1500000', 1500000],
    ['1.500.000', 1500000],
    ['1,500,000', 1500000],
    ['1 500 000 VND', 1500000],
    ['1.500.000 đ', 1500000],
    ['1.500.000,00', 1500000],
    ['1,500,000.00', 1500000],
    ['+250,000', 250000],
    ['-250.000', -250000],
    ['(250,000)', -250000],
    ['1.500', 1500],
    ['', null],
    [null, null],
  ] as [StatementCell, number | null][])('%j is %j', (cell, expected) => {
    expect(parseStatementAmount(cell)).toEqual(expected);
  });

  it.each(['1.500,50', '12,5', 'abc', '1.500.000.00', '1,50'])('%j is not whole VND', (cell) => {
    expect(parseStatementAmount(cell)).toHaveProperty('error');
  });

  it('reads day-first Vietnam dates, ISO, Excel dates and serials', () => {
    expect(parseStatementDate('15/03/2026')?.toISOString()).toBe(vn('2026-03-15T00:00:00'));
    expect(parseStatementDate('15-03-2026 10:22:33')?.toISOString()).toBe(vn('2026-03-15T10:22:33'));
    expect(parseStatementDate('2026-03-15 10:22')?.toISOString()).toBe(vn('2026-03-15T10:22:00'));
    expect(parseStatementDate('2026-03-15T03:22:33Z')?.toISOString()).toBe('2026-03-15T03:22:33.000Z');
    // exceljs gives the wall clock shown in Excel as UTC fields.
    expect(parseStatementDate(new Date(Date.UTC(2026, 2, 15, 10, 22)))?.toISOString()).toBe(vn('2026-03-15T10:22:00'));
    expect(parseStatementDate(46096)?.toISOString()).toBe(vn('2026-03-15T00:00:00'));
    expect(parseStatementDate('31/02/2026')).toBeNull();
    expect(parseStatementDate('hôm qua')).toBeNull();
  });
});

describe('statement layouts', () => {
  it('reads a Vietcombank-like sheet: title rows, the account, credit and debit columns, a totals row', () => {
    const s = parsed([
      ['SAO KÊ TÀI KHOẢN'],
      ['Số tài khoản: 0011 0012 3456', null, 'Loại tiền: VND'],
      ['Từ ngày 01/03/2026 đến ngày 31/03/2026'],
      [],
      ['STT', 'Ngày giao dịch', 'Số tham chiếu', 'Số tiền ghi nợ', 'Số tiền ghi có', 'Số dư', 'Mô tả'],
      ['1', '02/03/2026', '5213 - 12345', '', '250.000', '10.250.000', 'MBVCB.123.TN KH000123 202603.CT tu 0123'],
      ['2', '02/03/2026', '5213 - 12346', '1.000.000', '', '9.250.000', 'PHI DICH VU'],
      ['3', '03/03/2026', '5213 - 12347', '', '99.000', '9.349.000', 'chuyen tien'],
      ['', 'Tổng cộng', '', '1.000.000', '349.000', '', ''],
    ]);
    expect(s.account).toBe('001100123456');
    expect(s.headerRow).toBe(5);
    expect(s.skippedDebits).toBe(1);
    expect(s.rejected).toEqual([]);
    expect(s.lines).toEqual([
      {
        row: 6,
        externalId: '5213 - 12345',
        amount: 250000,
        receivedAt: new Date(vn('2026-03-02T00:00:00')),
        description: 'MBVCB.123.TN KH000123 202603.CT tu 0123',
      },
      {
        row: 8,
        externalId: '5213 - 12347',
        amount: 99000,
        receivedAt: new Date(vn('2026-03-03T00:00:00')),
        description: 'chuyen tien',
      },
    ]);
  });

  it('reads bilingual headers (Techcombank-like) and a "Nợ/Có" column is not taken for debit and credit', () => {
    const s = parsed([
      [
        'Ngày GD / Transaction Date',
        'Mã giao dịch / Reference No.',
        'Nợ/Có',
        'Số tiền / Amount',
        'Diễn giải / Details',
      ],
      ['05/03/2026 08:10:00', 'FT26064000001', 'C', '150,000', 'TNKH000123202603'],
      ['05/03/2026 09:00:00', 'FT26064000002', 'D', '20,000', 'Phi SMS'],
    ]);
    expect(s.lines.map((l) => [l.externalId, l.amount])).toEqual([['FT26064000001', 150000]]);
    expect(s.skippedDebits).toBe(1);
    expect(s.account).toBeNull();
  });

  it('reads English headers with one signed amount column', () => {
    const s = parsed([
      ['Date', 'Reference', 'Amount', 'Description'],
      ['2026-03-06', 'R1', '+300000', 'TN KH000123 202603'],
      ['2026-03-06', 'R2', '-5000', 'fee'],
    ]);
    expect(s.lines.map((l) => [l.externalId, l.amount])).toEqual([['R1', 300000]]);
    expect(s.skippedDebits).toBe(1);
  });

  it('rejects unreadable lines with their row and reason, and keeps the good ones', () => {
    const s = parsed([
      ['Ngày giao dịch', 'Số tham chiếu', 'Ghi có', 'Nội dung'],
      ['07/03/2026', 'A1', '100.000', 'ok'],
      ['07/03/2026', '', '100.000', 'no reference'],
      ['ngày 7', 'A3', '100.000', 'bad date'],
      ['07/03/2026', 'A4', '100.000,50', 'half a dong'],
      ['07/03/2026', 'A5', '200.000.000.000', 'too much'],
    ]);
    expect(s.lines.map((l) => l.externalId)).toEqual(['A1']);
    expect(s.rejected.map((r) => [r.row, r.externalId])).toEqual([
      [3, null],
      [4, 'A3'],
      [5, 'A4'],
      [6, 'A5'],
    ]);
    expect(s.rejected[0]!.reason).toContain('số tham chiếu');
    expect(s.rejected[1]!.reason).toContain('Ngày giao dịch');
    expect(s.rejected[2]!.reason).toContain('lẻ');
  });

  it('says which columns it needs when there is no header', () => {
    const p = parseBankStatement([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(p).toHaveProperty('unreadable', true);
    expect((p as { reason: string }).reason).toContain('Số tham chiếu');
  });
});

describe('statement files', () => {
  it('reads a real .xlsx written with exceljs: Excel dates and numbers, the title above the table', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sao kê');
    ws.addRow(['SAO KÊ TÀI KHOẢN']);
    ws.addRow(['Số tài khoản', '113000123456']);
    ws.addRow([]);
    ws.addRow(['Ngày giao dịch', 'Số tham chiếu', 'Ghi nợ', 'Ghi có', 'Nội dung giao dịch']);
    ws.addRow([new Date(Date.UTC(2026, 2, 10, 14, 5)), 'FT001', null, 350000, 'TN KH000123 202603']);
    ws.addRow([new Date(Date.UTC(2026, 2, 10, 15, 0)), 'FT002', 12000, null, 'Phí']);
    ws.addRow([new Date(Date.UTC(2026, 2, 11)), 123456789, null, { formula: '100000*2', result: 200000 }, 'KH9']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { format, statement } = await parseStatementFile(bytes);
    expect(format).toBe('xlsx');
    expect(statement.account).toBe('113000123456');
    expect(statement.skippedDebits).toBe(1);
    expect(statement.lines).toEqual([
      {
        row: 5,
        externalId: 'FT001',
        amount: 350000,
        receivedAt: new Date(vn('2026-03-10T14:05:00')),
        description: 'TN KH000123 202603',
      },
      {
        row: 7,
        externalId: '123456789',
        amount: 200000,
        receivedAt: new Date(vn('2026-03-11T00:00:00')),
        description: 'KH9',
      },
    ]);
  });

  it('reads a CSV in UTF-8 and in UTF-16 (Excel "Unicode text"), and refuses another encoding', async () => {
    const csv =
      'Ngày giao dịch,Số tham chiếu,Số tiền ghi có,Nội dung\r\n12/03/2026,R9,"1,000,000",TN KH000123 202603\r\n';
    const utf8 = await parseStatementFile(new TextEncoder().encode(csv));
    expect(utf8.format).toBe('csv');
    expect(utf8.statement.lines.map((l) => [l.externalId, l.amount])).toEqual([['R9', 1000000]]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(csv.replace(/,/g, '\t'), 'utf16le')]);
    expect((await parseStatementFile(utf16)).statement.lines).toHaveLength(1);
    // "Ngày" in Windows-1258 is not valid UTF-8.
    const legacy = new Uint8Array([0x4e, 0x67, 0xe0, 0x79, 0x2c, 0x41, 0x0a]);
    expect(await codeOf(parseStatementFile(legacy))).toBe('BANK_STATEMENT_UNREADABLE');
  });

  it('refuses a file that is no statement, an old .xls and a broken workbook', async () => {
    expect(await codeOf(parseStatementFile(new TextEncoder().encode('hello,world\n1,2\n')))).toBe(
      'BANK_STATEMENT_UNREADABLE',
    );
    expect(
      await codeOf(parseStatementFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))),
    ).toBe('BANK_STATEMENT_UNREADABLE');
    expect(await codeOf(parseStatementFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe('INVALID_FILE');
  });
});
