import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerFieldsSchema, meterInputSchema, contractInputSchema } from '@/services/customers/customer-input';
import { createCustomer } from '@/services/customers/customer.service';
import { BOOK_EXPORT_COLUMNS, exportBookWorkbook } from '@/services/customers/book-export.service';
import { AppError } from '@/services/errors';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
const created: { code: string; name: string; sequenceNo: number }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  const people = [
    { name: 'Nguyễn Văn An', sequenceNo: 30, phone: '0912 345 678', serial: 'EX001' },
    { name: 'Trần Thị Bình', sequenceNo: 10, phone: null, serial: 'EX002' },
    {
      name: 'Công ty TNHH Nước Sạch',
      sequenceNo: 20,
      phone: '0243 8888 999',
      serial: null,
      customerType: 1,
      taxCode: '0101234567',
    },
  ];
  for (const p of people) {
    const row = await createCustomer(database.db, f.clerk, {
      customer: customerFieldsSchema.parse({
        bookId: f.bookIds[0],
        sequenceNo: p.sequenceNo,
        name: p.name,
        customerType: p.customerType ?? 0,
        taxCode: p.taxCode ?? null,
        address: `${p.sequenceNo} Phố Phúc Xá, Ba Đình`,
        wardId: f.wardId,
        serviceTypeId: f.serviceTypeId,
        households: 1,
        persons: 4,
        phone: p.phone,
        wastewaterFeeMode: p.customerType ? 'custom' : 'standard',
        wastewaterFeeBp: p.customerType ? 1500 : null,
        status: 1,
        isPreferential: false,
      }),
      meter: p.serial
        ? meterInputSchema.parse({
            serial: p.serial,
            installedOn: '2026-01-05',
            initialIndex: 7,
            meterTypeId: f.meterTypeId,
            verifiedOn: '2025-12-20',
          })
        : null,
      contract: contractInputSchema.parse({ signedOn: '2026-01-02', installationTeamId: f.teamId }),
    });
    created.push({ code: row.code, name: row.name, sequenceNo: row.sequenceNo });
  }
  // A customer of another book must not appear in the export of book 0.
  await createCustomer(database.db, f.clerk, {
    customer: customerFieldsSchema.parse({
      bookId: f.bookIds[1],
      name: 'Lê Văn Khác Sổ',
      customerType: 0,
      address: '1 Ngõ Khác',
      households: 1,
      persons: 1,
      wastewaterFeeMode: 'standard',
      status: 1,
      isPreferential: false,
    }),
  });
});
afterAll(async () => database?.close());

async function readBack(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const headerIndex = (ws: ExcelJS.Worksheet, header: string) => {
  let found = -1;
  ws.getRow(2).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  return found;
};

describe('book export', () => {
  it('builds a workbook with a title row, Vietnamese headers and one row per customer in sequence order', async () => {
    const { fileName, buffer } = await exportBookWorkbook(database.db, f.clerk, f.bookIds[0]);
    expect(fileName).toBe('so-S01.xlsx');
    const wb = await readBack(buffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('S01');
    expect(String(ws.getRow(1).getCell(1).value)).toContain('S01');
    expect(String(ws.getRow(1).getCell(1).value)).toContain('Sổ 01');

    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers).toEqual(BOOK_EXPORT_COLUMNS.map((c) => c.header));
    expect(headers).toEqual(
      expect.arrayContaining([
        'Stt',
        'Mã khách hàng',
        'Tên khách hàng',
        'Địa chỉ',
        'Điện thoại',
        'Seri đồng hồ',
        'Trạng thái',
      ]),
    );

    const col = (h: string) => headerIndex(ws, h);
    const data: { seq: unknown; code: unknown; name: unknown }[] = [];
    for (let r = 3; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      data.push({
        seq: row.getCell(col('Stt')).value,
        code: row.getCell(col('Mã khách hàng')).value,
        name: row.getCell(col('Tên khách hàng')).value,
      });
    }
    const expected = [...created].sort((a, b) => a.sequenceNo - b.sequenceNo);
    expect(data).toEqual(expected.map((c) => ({ seq: c.sequenceNo, code: c.code, name: c.name })));

    const an = ws.getRow(3 + expected.findIndex((c) => c.name === 'Nguyễn Văn An'));
    expect(an.getCell(col('Điện thoại')).value).toBe('0912345678');
    expect(an.getCell(col('Seri đồng hồ')).value).toBe('EX001');
    expect(an.getCell(col('Loại đồng hồ')).value).toBe('Actaris DN15');
    expect(an.getCell(col('Chỉ số đầu')).value).toBe(7);
    expect(an.getCell(col('Số hợp đồng')).value).toMatch(/^KH\d{7}\/01$/);
    expect(an.getCell(col('Phường – xã')).value).toBe('Phường Phúc Xá');
    expect(an.getCell(col('Loại dịch vụ')).value).toBe('Sinh hoạt Hà Nội');
    const signed = an.getCell(col('Ngày ký hợp đồng')).value as Date;
    expect(signed).toBeInstanceOf(Date);
    expect(signed.toISOString().slice(0, 10)).toBe('2026-01-02');

    const org = ws.getRow(3 + expected.findIndex((c) => c.name.startsWith('Công ty')));
    expect(org.getCell(col('Mã số thuế')).value).toBe('0101234567');
    expect(org.getCell(col('Phí nước thải')).value).toBe('Tỷ lệ riêng 15%');
    expect(org.getCell(col('Seri đồng hồ')).value).toBeNull();
  });

  it('exports an empty book as title and header only', async () => {
    const { buffer } = await exportBookWorkbook(database.db, f.admin, f.bookIds[2]);
    const ws = (await readBack(buffer)).worksheets[0]!;
    expect(ws.name).toBe('S03');
    expect(ws.rowCount).toBe(2);
  });

  it('refuses a user who does not hold the book, and one without the export right', async () => {
    await expect(exportBookWorkbook(database.db, f.outsider, f.bookIds[0])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(exportBookWorkbook(database.db, f.clerk, f.bookIds[2])).rejects.toBeInstanceOf(AppError);
    // The viewer holds book 0 with access only: no export right.
    await expect(exportBookWorkbook(database.db, f.viewer, f.bookIds[0])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportBookWorkbook(database.db, f.admin, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
