import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { buildReadingTemplate, importReadings } from '@/services/readings/reading-import.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { addCustomer, enterReadings, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
const c: TestCustomer[] = [];
let other: TestCustomer;
const PERIOD = '2026-03';

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  for (let i = 0; i < 5; i++)
    c.push(await addCustomer(database.db, f, { name: `Khách ${i + 1}` }, { initialIndex: i === 3 ? 99_995 : 0 }));
  other = await addCustomer(database.db, f, { name: 'Sổ khác', bookId: f.bookIds[1] });
  for (const [period, index] of [
    ['2026-01', 10],
    ['2026-02', 20],
  ] as const) {
    await enterReadings(
      database.db,
      f.clerk,
      period,
      c.filter((_, i) => i !== 3).map((x) => [x.id, index] as const),
    );
  }
});
afterAll(async () => database?.close());

async function readingsOfPeriod(): Promise<
  { customer_id: number; current_index: number | null; consumption: number; is_estimated: boolean; source: string }[]
> {
  return rowsOf(
    await database.db.execute(
      sql`select customer_id, current_index, consumption, is_estimated, source from readings where period = ${PERIOD} order by customer_id`,
    ),
  );
}

/** Reads the template back, lets `fill` type into it, and returns the new file. */
async function filled(
  fill: (ws: ExcelJS.Worksheet, rowOf: (code: string) => ExcelJS.Row) => void,
  period = PERIOD,
): Promise<Buffer> {
  const template = await buildReadingTemplate(database.db, f.clerk, f.bookIds[0], period);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Chỉ số')!;
  const rowOf = (code: string) => {
    for (let r = 5; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === code) return ws.getRow(r);
    throw new Error(`no row for ${code}`);
  };
  fill(ws, rowOf);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading template', () => {
  it('lists the book in sequence order with the previous index, for the book and period it names', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildReadingTemplate(database.db, f.clerk, f.bookIds[0], PERIOD)) as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet('Chỉ số')!;
    expect(ws.getCell('A1').value).toBe('BẢNG GHI CHỈ SỐ – SỔ S01 – KỲ 03/2026');
    expect([ws.getCell('B2').value, ws.getCell('D2').value]).toEqual(['S01', PERIOD]);
    expect(ws.getRow(4).values).toEqual([
      undefined,
      'STT',
      'Mã KH',
      'Tên khách hàng',
      'Địa chỉ',
      'Số seri đồng hồ',
      'Chỉ số cũ',
      'Chỉ số mới',
      'Mã ghi chỉ số',
      'Ghi chú',
    ]);
    const rows = [5, 6, 7, 8, 9].map((r) => [ws.getRow(r).getCell(2).value, ws.getRow(r).getCell(6).value]);
    expect(rows).toEqual(c.map((x, i) => [x.code, i === 3 ? 99_995 : 20]));
    expect(wb.getWorksheet('Mã ghi chỉ số')!.getRow(3).values).toEqual([undefined, 'house_closed', 'Nhà đóng cửa']);
  });
});

describe('reading import', () => {
  let mixed: Buffer;

  beforeAll(async () => {
    mixed = await filled((ws, rowOf) => {
      rowOf(c[0]!.code).getCell(7).value = 31; // good
      rowOf(c[1]!.code).getCell(7).value = 'ba mươi'; // not a number
      rowOf(c[2]!.code).getCell(8).value = 'Nhà đóng cửa'; // no index, a code: estimated
      rowOf(c[3]!.code).getCell(7).value = 4; // the meter rolled over 99,999
      rowOf(c[4]!.code).getCell(8).value = 'mất đồng hồ'; // unknown code
      ws.getRow(11).values = [null, 'KH9999999', null, null, null, null, 12];
      ws.getRow(12).values = [null, other.code, null, null, null, null, 12];
      ws.getRow(13).values = [null, c[0]!.code, null, null, null, null, 33];
    });
  });

  it('reports every bad row with its Excel row number and reason, and writes nothing', async () => {
    const r = await importReadings(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: PERIOD,
      file: mixed,
      acceptValid: false,
    });
    expect(r).toMatchObject({ applied: false, totalRows: 8, validRows: 3, errorRows: 5, saved: 0 });
    expect(r.errors.map((e) => [e.row, e.customerCode, e.message])).toEqual([
      [6, c[1]!.code, 'Chỉ số mới "ba mươi" phải là số nguyên không âm.'],
      [9, c[4]!.code, 'Mã ghi chỉ số "mất đồng hồ" không hợp lệ.'],
      [11, 'KH9999999', 'Không có khách hàng mã KH9999999.'],
      [12, other.code, `Khách hàng ${other.code} không thuộc sổ S01.`],
      [13, c[0]!.code, `Khách hàng ${c[0]!.code} có nhiều dòng chỉ số cho cùng đồng hồ.`],
    ]);
    expect(await readingsOfPeriod()).toEqual([]);
  });

  it('saves the valid rows only when the user accepts them', async () => {
    const r = await importReadings(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: PERIOD,
      file: mixed,
      acceptValid: true,
    });
    expect(r).toMatchObject({ applied: true, validRows: 3, saved: 3, anomalies: 1 }); // the roll-over
    expect(
      (await readingsOfPeriod()).map((x) => [
        Number(x.customer_id),
        x.current_index === null ? null : Number(x.current_index),
        Number(x.consumption),
        x.is_estimated,
        x.source,
      ]),
    ).toEqual([
      [c[0]!.id, 31, 11, false, 'import'],
      [c[2]!.id, null, 10, true, 'import'],
      [c[3]!.id, 4, 9, false, 'import'],
    ]);
  });

  it('applies a fully valid file without asking', async () => {
    const good = await filled((_ws, rowOf) => {
      rowOf(c[1]!.code).getCell(7).value = 29;
      rowOf(c[4]!.code).getCell(7).value = '30';
    });
    const r = await importReadings(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: PERIOD,
      file: good,
      acceptValid: false,
    });
    // The template carries the rows already saved (their index or code), so they come back unchanged.
    expect(r).toMatchObject({ applied: true, errorRows: 0, blankRows: 0, saved: 5 });
    expect((await readingsOfPeriod()).length).toBe(5);
  });

  it('refuses a file of another period whatever the user accepts, and a file that is not a workbook', async () => {
    const april = await filled((_ws, rowOf) => {
      rowOf(c[0]!.code).getCell(7).value = 40;
    }, '2026-04');
    const r = await importReadings(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: PERIOD,
      file: april,
      acceptValid: true,
    });
    expect(r.applied).toBe(false);
    expect(r.errors[0]).toMatchObject({ row: 2, message: 'Tệp là của kỳ 2026-04, không phải kỳ 2026-03.' });
    await expect(
      importReadings(database.db, f.clerk, {
        bookId: f.bookIds[0],
        period: PERIOD,
        file: Buffer.from('not excel'),
        acceptValid: true,
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_FILE',
    });
  });

  it('refuses users without the import right on the book, changing nothing', async () => {
    const before = await readingsOfPeriod();
    await expect(buildReadingTemplate(database.db, f.outsider, f.bookIds[0], PERIOD)).rejects.toMatchObject({
      code: 'BOOK_FORBIDDEN',
    });
    await expect(
      importReadings(database.db, f.outsider, { bookId: f.bookIds[0], period: PERIOD, file: mixed, acceptValid: true }),
    ).rejects.toMatchObject({
      code: 'BOOK_FORBIDDEN',
    });
    await expect(
      importReadings(database.db, f.viewer, { bookId: f.bookIds[0], period: PERIOD, file: mixed, acceptValid: true }),
    ).rejects.toMatchObject({
      code: 'BOOK_FORBIDDEN',
    });
    expect(await readingsOfPeriod()).toEqual(before);
  });
});

describe('reading import text', () => {
  it('stores a note typed in decomposed Unicode (NFD) composed (NFC)', async () => {
    const note = 'Đồng hồ bị mờ số, khách báo rò rỉ';
    const file = await filled((_ws, rowOf) => {
      rowOf(c[4]!.code).getCell(7).value = 35;
      rowOf(c[4]!.code).getCell(9).value = note.normalize('NFD');
    }, '2026-06');
    const r = await importReadings(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: '2026-06',
      file,
      acceptValid: true,
    });
    expect(r.applied).toBe(true);
    const [row] = rowsOf<{ note: string }>(
      await database.db.execute(sql`select note from readings where period = '2026-06' and customer_id = ${c[4]!.id}`),
    );
    expect(row?.note).toBe(note);
  });
});
