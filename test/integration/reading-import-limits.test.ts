/**
 * A reading import is refused from the workbook's zip directory and row count before exceljs opens it: a
 * few MB of well-compressed rows would otherwise cost seconds and hundreds of MB to parse.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildReadingTemplate, importReadings } from '@/services/readings/reading-import.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { addCustomer, enterReadings, type TestCustomer } from '../helpers/billing-fixtures';
import { unzip, zip } from '../helpers/zip';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;
let template: Buffer;
const PERIOD = '2026-03';
const SHEET = 'xl/worksheets/sheet1.xml';

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  customer = await addCustomer(database.db, f);
  await enterReadings(database.db, f.clerk, '2026-02', [[customer.id, 20]]);
  template = await buildReadingTemplate(database.db, f.clerk, f.bookIds[0], PERIOD);
});
afterAll(async () => database?.close());

/** The template with `extra` appended to the data of its reading sheet. */
function withRows(extra: string, claimSize?: (name: string, size: number) => number): Buffer {
  const parts = unzip(template);
  const xml = parts.get(SHEET)!.toString('utf8');
  expect(xml).toContain('</sheetData>');
  parts.set(SHEET, Buffer.from(xml.replace('</sheetData>', `${extra}</sheetData>`), 'utf8'));
  return zip(parts, claimSize);
}

// Whether exceljs was asked to open a workbook: a refusal "before exceljs loads it" leaves this untouched.
// (A behaviour, not a stopwatch: the seconds exceljs would take belong to a benchmark, not a test.)
const openedByExcelJS = () => vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
afterEach(() => vi.restoreAllMocks());

const run = (file: Buffer) =>
  importReadings(database.db, f.clerk, { bookId: f.bookIds[0], period: PERIOD, file, acceptValid: false });

describe('reading import size limits', () => {
  it('refuses a well-compressed workbook of 300,000 rows before exceljs loads it', async () => {
    const rows: string[] = [];
    for (let r = 10; r < 300_010; r++)
      rows.push(`<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>X</t></is></c></row>`);
    const file = withRows(rows.join(''));
    expect(file.byteLength).toBeLessThan(4 * 1024 * 1024);
    const opened = openedByExcelJS();
    await expect(run(file)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'Tệp Excel có quá nhiều dòng: mỗi tệp tối đa 20.000 dòng.',
    });
    expect(opened).not.toHaveBeenCalled();
  });

  it('refuses a workbook whose content inflates past the bound, from its zip directory alone', async () => {
    const padding = `<row r="10"><c r="I10" t="inlineStr"><is><t>${'a'.repeat(40 * 1024 * 1024)}</t></is></c></row>`;
    const file = withRows(padding);
    const opened = openedByExcelJS();
    await expect(run(file)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringContaining('quá lớn sau khi giải nén'),
    });
    expect(opened).not.toHaveBeenCalled();
  });

  it('refuses a workbook whose zip directory understates an entry, without inflating past the claim', async () => {
    const padding = `<row r="10"><c r="I10" t="inlineStr"><is><t>${'a'.repeat(40 * 1024 * 1024)}</t></is></c></row>`;
    const file = withRows(padding, (name, size) => (name === SHEET ? 10_000 : size));
    await expect(run(file)).rejects.toMatchObject({ code: 'INVALID_FILE' });
  });

  it('refuses a file that is not a zip with INVALID_FILE', async () => {
    await expect(run(Buffer.from('Mã KH,Chỉ số mới\nKH1,30\n'))).rejects.toMatchObject({ code: 'INVALID_FILE' });
  });

  it('still imports a normal template, rewritten by the same zip writer', async () => {
    const parts = unzip(template);
    const xml = parts.get(SHEET)!.toString('utf8');
    // The customer's row 5 ends at "Chỉ số cũ" (column F): add "Chỉ số mới" (column G) after it.
    const filledXml = xml.replace(/(<row r="5"[^>]*>.*?)(<\/row>)/, '$1<c r="G5"><v>35</v></c>$2');
    expect(filledXml).toContain('<c r="G5"><v>35</v></c>');
    parts.set(SHEET, Buffer.from(filledXml, 'utf8'));
    const opened = openedByExcelJS();
    const result = await run(zip(parts));
    expect(result).toMatchObject({ applied: true, totalRows: 1, validRows: 1, saved: 1, errors: [] });
    // The same spy sees exceljs open an accepted file, so its silence above means something.
    expect(opened).toHaveBeenCalled();
  });
});
