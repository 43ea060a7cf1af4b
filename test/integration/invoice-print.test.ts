import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@/domain/billing/periods';
import { checkCrc } from '@/domain/invoices/vietqr';
import { awaitBillingRun } from '@/jobs/billing-runs';
import { renderInvoiceBook, renderInvoicePdf, renderListingPdf } from '@/pdf/render';
import { invoiceListingWorkbook } from '@/services/invoices/invoice-listing-xlsx';
import { invoiceListing, printableBook, printableInvoice } from '@/services/invoices/invoice-print.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { extractPdfPages } from '../helpers/pdf-text';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
const PERIOD = '2026-03';
const people: TestCustomer[] = [];
const NAMES = ['Nguyễn Thị Hương', 'Trần Văn Đức', 'Lê Thị Ánh Tuyết'];

async function collect(out: PassThrough): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of out) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  const types = await seedPublishedTariffs(database.db, f.admin);
  await database.db
    .execute(sql`update companies set tax_code = '0108123456', address = '18 Thanh Niên, Ba Đình, Hà Nội',
    bank_bin = '970415', bank_account = '113000123456', bank_name = 'VietinBank', words_dialect = 'NORTH'`);
  for (const [i, name] of NAMES.entries())
    people.push(
      await addCustomer(database.db, f, { name, sequenceNo: (i + 1) * 10, serviceTypeId: types.get('HN_SH') }),
    );
  // 25 m3 for the first customer: the Hanoi worked example of VIETNAM-RULES.md (total 199,635).
  await enterReadings(database.db, f.admin, PERIOD, [
    [people[0]!.id, 25],
    [people[1]!.id, 8],
    [people[2]!.id, 31],
  ]);
  const run = await gql(
    database.db,
    f.admin,
    `mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id } }`,
    {
      input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0]] } },
    },
  );
  await awaitBillingRun(run.data!.startBillingRun.id);
  const year = Number(todayInVietnam(new Date()).slice(0, 4));
  await database.db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
    values ('1', ${`C${String(year % 100).padStart(2, '0')}TAA`}, ${year}, true)`);
  await issueInvoices(database.db, f.admin, { period: PERIOD, bookIds: [f.bookIds[0]] });
}, 120_000);
afterAll(async () => database?.close());

async function idOf(customerId: number): Promise<number> {
  const r = await database.db.execute(
    sql`select id from invoices where customer_id = ${customerId} and period = ${PERIOD}`,
  );
  return Number(
    (r as unknown as { rows?: { id: number }[] }).rows?.[0]?.id ?? (r as unknown as { id: number }[])[0]!.id,
  );
}

describe('printing invoices from the database', () => {
  it('prints one invoice with the buyer’s name, the worked example’s amounts, the words and a valid VietQR', async () => {
    const { doc } = await printableInvoice(database.db, f.clerk, await idOf(people[0]!.id));
    expect(doc.total).toBe(199_635);
    expect(doc.totalInWords).toBe('Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng');
    expect(checkCrc(doc.vietQr)).toBe(true);
    expect(doc.water.consumption).toBe(25);
    expect(doc.water.newIndex).toBe(25);
    const text = (await extractPdfPages(await renderInvoicePdf(doc))).join('\n');
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).toContain('199.635');
    expect(text).toContain('Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng');
    expect(text).toContain('00000001');
    const copy2 = (await extractPdfPages(await renderInvoicePdf(doc, { copy: 2 }))).join('\n');
    expect(copy2).toContain('Liên 2');
  });

  it('refuses another book’s invoice as not found, and a user without the print right', async () => {
    const id = await idOf(people[0]!.id);
    await expect(printableInvoice(database.db, f.outsider, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await database.db.execute(sql`update user_permissions set can_print = false
      where user_id = ${f.viewer.userId}`);
    await expect(printableInvoice(database.db, f.viewer, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      printableBook(database.db, f.outsider, { bookId: f.bookIds[0], period: PERIOD }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prints the book as one PDF, a page per invoice in sequence order, and a sequence range', async () => {
    const book = await printableBook(database.db, f.clerk, { bookId: f.bookIds[0], period: PERIOD });
    expect(book.count).toBe(3);
    const out = new PassThrough();
    const [result, pdf] = await Promise.all([
      renderInvoiceBook(book.documents(), { chunkSize: 2 }, out).then((r) => (out.end(), r)),
      collect(out),
    ]);
    expect(result).toMatchObject({ invoices: 3, pages: 3 });
    const pages = await extractPdfPages(pdf);
    expect(pages.map((p) => NAMES.findIndex((n) => p.includes(n)))).toEqual([0, 1, 2]);

    const range = await printableBook(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: PERIOD,
      fromSeq: 20,
      toSeq: 30,
    });
    expect(range.count).toBe(2);
    await expect(
      printableBook(database.db, f.clerk, { bookId: f.bookIds[0], period: PERIOD, fromSeq: 900 }),
    ).rejects.toMatchObject({ code: 'NOTHING_TO_PRINT' });
  });

  it('lists the book’s invoices as PDF and Excel with the same rows and totals', async () => {
    const listing = await invoiceListing(database.db, f.clerk, { period: PERIOD, bookId: f.bookIds[0] });
    expect(listing.rows.map((r) => r.customerName)).toEqual(NAMES);
    const text = (await extractPdfPages(await renderListingPdf(listing))).join('\n');
    expect(text).toContain('Lê Thị Ánh Tuyết');
    expect(text).toContain('199.635');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await invoiceListingWorkbook(listing)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(4).value;
      if (typeof v === 'string' && NAMES.includes(v)) names.push(v);
    });
    expect(names).toEqual(NAMES);
    const last = ws.getRow(ws.rowCount);
    expect(Number(last.getCell(12).value)).toBe(listing.rows.reduce((a, r) => a + r.total, 0));
    const outsider = await invoiceListing(database.db, f.outsider, { period: PERIOD });
    expect(outsider.rows).toEqual([]);
  });
});
