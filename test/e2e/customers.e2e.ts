import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const name = `Đỗ Thị Thử Nghiệm ${stamp}`;
const renamed = `Đỗ Thị Đã Sửa ${stamp}`;

async function pickBook(page: Page, code: string) {
  const picker = page.getByTestId('book-picker');
  const value = await picker.locator('option', { hasText: `${code} –` }).getAttribute('value');
  await picker.selectOption(value!);
  await page.getByTestId('customer-grid').waitFor();
}

async function graphqlAs(page: Page, query: string, variables?: Record<string, unknown>) {
  const res = await page.request.post(`${baseUrl}/api/graphql`, { data: { query, variables } });
  return (await res.json()) as { data: any; errors?: any[] };
}

describe('customers screen', () => {
  let page: Page;
  before(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'nv01');
    await page.goto(`${baseUrl}/customers`);
    await pickBook(page, 'S01');
  });
  after(async () => page?.close());

  it('adds a customer with F4 and Alt+S', async () => {
    await screenshot(page, 'customers');
    await page.keyboard.press('F4');
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    await page.locator('[name="name"]').fill(name);
    await page.locator('[name="address"]').fill('18 Phố Thử Nghiệm, Ba Đình');
    await page.locator('[name="phone"]').fill('0912 000 111');
    await page.locator('[name="meter.serial"]').fill(`E2E${stamp}`);
    await page.locator('[name="meter.installedOn"]').fill('2026-11-01');
    await page.locator('[name="meter.initialIndex"]').fill('0');
    await page.locator('[name="contract.signedOn"]').fill('2026-11-01');
    await page.keyboard.press('Alt+S');
    await page.getByTestId('toast-success').first().waitFor();
    const row = page.getByTestId('customer-row').filter({ hasText: name });
    await row.waitFor();
    assert.match((await row.getAttribute('data-code')) ?? '', /^KH\d{7}$/);
  });

  it('edits it with F2 and shows the change in the history', async () => {
    await page.getByTestId('customer-row').filter({ hasText: name }).click();
    await page.keyboard.press('F2');
    await page.locator('[name="name"]').fill(renamed);
    await page.keyboard.press('Alt+S');
    await page.getByTestId('customer-row').filter({ hasText: renamed }).waitFor();
    await page.getByTestId('tab-history').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: renamed });
    await entry.waitFor();
    assert.match(await entry.innerText(), new RegExp(name));
    await screenshot(page, 'customer-history');
  });

  it('moves it to book S02 and exports S02 to Excel with it inside', async () => {
    await page.getByTestId('customer-row').filter({ hasText: renamed }).click();
    await page.getByTestId('btn-move').click();
    const target = page.getByTestId('move-target');
    const value = await target.locator('option', { hasText: 'S02' }).getAttribute('value');
    await target.selectOption(value!);
    await page.getByTestId('move-confirm').click();
    await page.getByTestId('customer-row').filter({ hasText: renamed }).waitFor({ state: 'detached' });
    await pickBook(page, 'S02');
    // Moved customers go to the end of the book: filter inside the book instead of scrolling 1,000 rows.
    await page.getByTestId('book-filter').fill(renamed);
    await page.getByTestId('customer-row').filter({ hasText: renamed }).waitFor();

    const href = await page.getByTestId('btn-export').getAttribute('href');
    const res = await page.request.get(`${baseUrl}${href}`);
    assert.equal(res.status(), 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('S02')!;
    const cells: string[] = [];
    sheet.eachRow((r) => cells.push(r.values ? JSON.stringify(r.values) : ''));
    assert.ok(
      cells.some((c) => c.includes(renamed)),
      'the exported book holds the moved customer',
    );
  });

  it('a user who lacks a book cannot find its customers', async () => {
    // An administrator's view tells which customer sits in book S05 (branch CN2, outside nv01's books).
    const admin = await browser.newPage();
    await signIn(admin, 'admin');
    const books = await graphqlAs(admin, `{ readingBooks(filter: { limit: 100 }) { rows { id code } } }`);
    const s05 = books.data.readingBooks.rows.find((b: any) => b.code === 'S05');
    const list = await graphqlAs(
      admin,
      `query($b: Int!) { bookCustomers(bookId: $b, limit: 1) { rows { code name } } }`,
      { b: s05.id },
    );
    const hidden = list.data.bookCustomers.rows[0];
    await admin.close();

    await page.getByTestId('global-search').fill(hidden.code);
    await page.getByTestId('global-search').press('Enter');
    await page.getByTestId('global-search-empty').waitFor();
    const direct = await graphqlAs(page, `query($b: Int!) { bookCustomers(bookId: $b) { total } }`, { b: s05.id });
    assert.equal(direct.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });
});
