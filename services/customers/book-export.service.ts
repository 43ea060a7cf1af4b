import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { bookOf } from './book.service';

/** One exported customer line (every main field of SPEC §1 plus the active meter and the current contract). */
interface ExportRow {
  sequenceNo: number;
  code: string;
  name: string;
  customerType: number;
  taxCode: string | null;
  citizenId: string | null;
  address: string;
  wardName: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  serviceTypeName: string | null;
  households: number;
  persons: number;
  masterMeterName: string | null;
  meterSerial: string | null;
  meterTypeName: string | null;
  sealNo: string | null;
  verifiedOn: string | null;
  meterInstalledOn: string | null;
  initialIndex: number | null;
  contractNumber: string | null;
  signedOn: string | null;
  bankAccount: string | null;
  bankName: string | null;
  wastewaterFeeMode: string;
  wastewaterFeeBp: number | null;
  status: number;
  isPreferential: boolean;
  preferentialUntil: string | null;
}

type Col = {
  header: string;
  width: number;
  value: (r: ExportRow) => string | number | Date | null;
  date?: boolean;
  int?: boolean;
};

/** "2026-01-05" → a Date at UTC midnight, so Excel shows the same calendar day everywhere. */
function excelDate(d: string | null): Date | null {
  if (!d) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(d));
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

const WASTEWATER: Record<string, string> = { standard: 'Theo quy định', exempt: 'Miễn phí', custom: 'Tỷ lệ riêng' };

/** The sheet's columns, in order; the header texts are what users (and tests) read. */
export const BOOK_EXPORT_COLUMNS: Col[] = [
  { header: 'Stt', width: 7, value: (r) => r.sequenceNo, int: true },
  { header: 'Mã khách hàng', width: 14, value: (r) => r.code },
  { header: 'Tên khách hàng', width: 30, value: (r) => r.name },
  { header: 'Loại khách hàng', width: 16, value: (r) => (r.customerType === 1 ? '1 – Tổ chức' : '0 – Cá nhân') },
  { header: 'Mã số thuế', width: 14, value: (r) => r.taxCode },
  { header: 'Số CCCD', width: 14, value: (r) => r.citizenId },
  { header: 'Địa chỉ', width: 40, value: (r) => r.address },
  { header: 'Phường – xã', width: 20, value: (r) => r.wardName },
  { header: 'Điện thoại', width: 13, value: (r) => r.phone },
  { header: 'Fax', width: 12, value: (r) => r.fax },
  { header: 'Email', width: 24, value: (r) => r.email },
  { header: 'Loại dịch vụ', width: 30, value: (r) => r.serviceTypeName },
  { header: 'Số hộ', width: 7, value: (r) => r.households, int: true },
  { header: 'Nhân khẩu', width: 9, value: (r) => r.persons, int: true },
  { header: 'Đồng hồ tổng', width: 20, value: (r) => r.masterMeterName },
  { header: 'Seri đồng hồ', width: 14, value: (r) => r.meterSerial },
  { header: 'Loại đồng hồ', width: 18, value: (r) => r.meterTypeName },
  { header: 'Số tem', width: 12, value: (r) => r.sealNo },
  { header: 'Ngày kiểm định', width: 13, value: (r) => excelDate(r.verifiedOn), date: true },
  { header: 'Ngày lắp đồng hồ', width: 13, value: (r) => excelDate(r.meterInstalledOn), date: true },
  { header: 'Chỉ số đầu', width: 10, value: (r) => r.initialIndex, int: true },
  { header: 'Số hợp đồng', width: 16, value: (r) => r.contractNumber },
  { header: 'Ngày ký hợp đồng', width: 13, value: (r) => excelDate(r.signedOn), date: true },
  { header: 'Số tài khoản', width: 16, value: (r) => r.bankAccount },
  { header: 'Ngân hàng', width: 24, value: (r) => r.bankName },
  {
    header: 'Phí nước thải',
    width: 16,
    value: (r) =>
      r.wastewaterFeeMode === 'custom' && r.wastewaterFeeBp !== null
        ? `Tỷ lệ riêng ${(r.wastewaterFeeBp / 100).toLocaleString('vi-VN')}%`
        : (WASTEWATER[r.wastewaterFeeMode] ?? r.wastewaterFeeMode),
  },
  { header: 'Trạng thái', width: 14, value: (r) => (r.status === 1 ? '1 – Đang sử dụng' : '0 – Ngưng') },
  { header: 'Ưu đãi', width: 8, value: (r) => (r.isPreferential ? 'Có' : '') },
  { header: 'Hạn ưu đãi', width: 12, value: (r) => excelDate(r.preferentialUntil), date: true },
];

/** ASCII, file-system-safe form of a book code for the download name. */
function safeCode(code: string): string {
  return (
    code
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'so'
  );
}

/**
 * The customers of one reading book as an .xlsx workbook (SPEC §1 "export one book to Excel"): a title row with
 * the book code and name, a Vietnamese header row, one row per customer in sequence order. Requires the
 * customers `export` right on the book; a book the actor does not hold is reported as missing.
 */
export async function exportBookWorkbook(
  db: DbOrTx,
  actor: Actor,
  bookId: number,
): Promise<{ fileName: string; buffer: Buffer }> {
  if (!Number.isSafeInteger(bookId) || bookId <= 0) throw notFound('sổ đọc');
  if (!canOnBook(actor, bookId, 'customers', 'access')) throw notFound('sổ đọc');
  if (!canOnBook(actor, bookId, 'customers', 'export')) {
    throw new AppError('FORBIDDEN', 'Bạn không có quyền xuất dữ liệu khách hàng của sổ đọc này.');
  }
  const book = await bookOf(db, bookId);
  if (!book) throw notFound('sổ đọc');

  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.sequence_no as "sequenceNo", c.code, c.name, c.customer_type as "customerType", c.tax_code as "taxCode",
        c.citizen_id as "citizenId", c.address, w.name as "wardName", c.phone, c.fax, c.email, st.name as "serviceTypeName",
        c.households, c.persons, mm.name as "masterMeterName", m.serial as "meterSerial", mt.name as "meterTypeName",
        m.seal_no as "sealNo", m.verified_on::text as "verifiedOn", m.installed_on::text as "meterInstalledOn",
        m.initial_index as "initialIndex", ct.number as "contractNumber", ct.signed_on::text as "signedOn",
        c.bank_account as "bankAccount", c.bank_name as "bankName", c.wastewater_fee_mode as "wastewaterFeeMode",
        c.wastewater_fee_bp as "wastewaterFeeBp", c.status, c.is_preferential as "isPreferential",
        c.preferential_until::text as "preferentialUntil"
      from customers c
      left join wards w on w.id = c.ward_id
      left join service_types st on st.id = c.service_type_id
      left join master_meters mm on mm.id = c.master_meter_id
      left join meters m on m.customer_id = c.id and m.is_active
      left join meter_types mt on mt.id = m.meter_type_id
      left join contracts ct on ct.customer_id = c.id and ct.is_current
      where c.book_id = ${bookId}
      order by c.sequence_no, c.id`),
  ).map((r): ExportRow => ({
    ...(r as unknown as ExportRow),
    sequenceNo: Number(r.sequenceNo),
    customerType: Number(r.customerType),
    households: Number(r.households),
    persons: Number(r.persons),
    status: Number(r.status),
    initialIndex: r.initialIndex === null || r.initialIndex === undefined ? null : Number(r.initialIndex),
    wastewaterFeeBp: r.wastewaterFeeBp === null || r.wastewaterFeeBp === undefined ? null : Number(r.wastewaterFeeBp),
    isPreferential: r.isPreferential === true || r.isPreferential === 't',
  }));

  const wb = new ExcelJS.Workbook();
  wb.creator = actor.fullName;
  wb.created = new Date();
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheetName = book.code.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'So';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  const cols = BOOK_EXPORT_COLUMNS;
  ws.columns = cols.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = `Sổ đọc ${book.code} – ${book.name} (${rows.length} khách hàng)`;
  title.font = { bold: true, size: 14 };
  title.height = 22;
  ws.mergeCells(1, 1, 1, Math.min(cols.length, 10));

  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD1ECFE' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF94A3B8' } } };
  });

  for (const r of rows) {
    const row = ws.addRow(cols.map((c) => c.value(r)));
    cols.forEach((c, i) => {
      if (c.date) row.getCell(i + 1).numFmt = 'dd/mm/yyyy';
      else if (!c.int) row.getCell(i + 1).numFmt = '@';
    });
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + rows.length, column: cols.length } };

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `so-${safeCode(book.code)}.xlsx`, buffer };
}
