import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, graphqlAs, openPhone, screenshot } from './browser';

/**
 * Issue 10's bill lookup on a phone, on the demo data. The demo has readings but no issued invoices, so an
 * administrator first bills one customer of book S08 for last month and issues the book's drafts through the GraphQL
 * API (the same mutations the billing and invoice screens send; S08 and one customer keep clear of the other suites).
 * Then an anonymous visitor on a 390×844 touch screen looks the bill up with the customer code and the last 4 digits
 * of the phone on file: the open bill, its amount and its VietQR code show, and the PDF link serves the invoice.
 */

let browser: Browser;
let admin: Page;
let phone: BrowserContext;
let page: Page;

before(async () => {
  ({ browser, admin, phone, page } = await openPhone());
});
after(async () => browser?.close());

/** Last month in Vietnam (UTC+7): the demo holds readings up to it. */
function lastPeriodVN(): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

describe('portal bill lookup on a phone', () => {
  const period = lastPeriodVN();
  let code = '';
  let last4 = '';
  let name = '';

  it('an administrator bills and issues one customer’s invoice through the API (setup)', async () => {
    const books = await graphqlAs(admin, `{ readingBooks(filter: { limit: 100 }) { rows { id code } } }`);
    const s08 = books.readingBooks.rows.find((b: { code: string }) => b.code === 'S08');
    assert.ok(s08, 'the demo has book S08');
    const list = await graphqlAs(
      admin,
      `query($b: Int!) { bookCustomers(bookId: $b, limit: 200) { rows { id code name phone } } }`,
      { b: s08.id },
    );
    const customer = list.bookCustomers.rows.find((c: { phone: string | null }) =>
      /\d{4}$/.test((c.phone ?? '').replace(/\D/g, '')),
    );
    assert.ok(customer, 'a customer of S08 has a phone on file');
    code = customer.code;
    name = customer.name;
    last4 = customer.phone.replace(/\D/g, '').slice(-4);

    const run = await graphqlAs(
      admin,
      `mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id status } }`,
      { input: { period, scope: { kind: 'customer', customerId: customer.id } } },
    );
    assert.equal(run.startBillingRun.status, 'DONE');
    const issued = await graphqlAs(
      admin,
      `mutation($input: IssueInvoicesInput!) { issueInvoices(input: $input) { issued series firstNumber } }`,
      { input: { period, bookIds: [s08.id] } },
    );
    assert.ok(issued.issueInvoices.issued >= 1, JSON.stringify(issued));
  });

  it('the portal carries the company’s name in its title, not the staff application’s', async () => {
    await page.goto(`${baseUrl}/tra-cuu`);
    const title = await page.title();
    assert.match(title, /^Tra cứu hóa đơn · /);
    assert.doesNotMatch(title, /Cấp nước — Quản lý/);
  });

  it('refuses a wrong second factor with the generic message', async () => {
    await page.getByTestId('portal-code').fill(code);
    await page.getByTestId('portal-verifier').fill(last4 === '0000' ? '1111' : '0000');
    await page.getByTestId('portal-submit').click();
    const error = page.getByTestId('portal-error');
    await error.waitFor({ timeout: 30_000 });
    assert.match((await error.textContent()) ?? '', /không đúng/);
  });

  it('looks the bill up with the code and the phone’s last 4 digits: the open bill, its amount and the QR', async () => {
    await page.getByTestId('portal-verifier').fill(last4);
    await page.getByTestId('portal-submit').click();
    await page.getByTestId('portal-results').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('portal-customer').textContent(), name);
    const invoice = page.getByTestId('portal-invoice').first();
    assert.match((await invoice.textContent()) ?? '', new RegExp(`Kỳ ${period.slice(5, 7)}/${period.slice(0, 4)}`));
    assert.match((await page.getByTestId('portal-total').textContent()) ?? '', /[1-9][\d.]*\s₫/);
    const qr = invoice.getByTestId('vietqr');
    await qr.waitFor({ state: 'visible', timeout: 30_000 });
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 150 && box.x >= 0 && box.x + box.width <= 390, 'the QR fits the phone screen');
    await page.getByTestId('portal-chart').waitFor();
    await screenshot(page, 'portal-lookup');
  });

  it('the PDF link serves the invoice without a session, and a tampered link is refused', async () => {
    const href = await page.getByTestId('portal-pdf').first().getAttribute('href');
    assert.ok(href && /^\/api\/portal\/invoices\/\d+\/pdf\?token=/.test(href), href ?? 'no link');
    const pdf = await phone.request.get(`${baseUrl}${href}`, { timeout: 120_000 });
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    const tampered = await phone.request.get(
      `${baseUrl}${href.replace(/token=(\d)/, (_, d) => `token=${(Number(d) + 1) % 10}`)}`,
    );
    assert.equal(tampered.status(), 403);
  });
});
