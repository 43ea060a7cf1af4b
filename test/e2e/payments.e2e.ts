import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { extractPdfPages } from '../helpers/pdf-text';
import { baseUrl, launchBrowser, pressUntilVisible, screenshot, signIn } from './browser';

/**
 * Issue 9's counter, as the clerk nv01 does it at 1366×768: bill book S02 for the month before last and issue its
 * invoices (so the counter has something to take), open the counter on that book and month, tick one customer's
 * "đủ", save with Alt+S, see the row paid with its receipt, open the receipt, and reverse the payment with a reason.
 * S02 and the month before last keep clear of the other suites (invoices bills S05 last month, readings S01 this
 * month).
 */

let browser: Browser;
let context: BrowserContext;
let page: Page;
before(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await signIn(page, 'nv01');
});
after(async () => browser?.close());

/** The month before last in Vietnam (UTC+7): the demo has readings for it and no other suite bills S02 then. */
function periodBeforeLastVN(): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
}

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

describe('payments at the counter', () => {
  const period = periodBeforeLastVN();
  let bookId = '';
  let invoiceId = '';
  let customerName = '';
  let paymentId = '';

  it('bills and issues book S02 for the month before last', async () => {
    await page.goto(`${baseUrl}/billing`);
    await page.getByTestId('run-button').waitFor({ timeout: 60_000 });
    await page.getByTestId('scope-book').check();
    const picker = page.getByTestId('book-picker');
    bookId = await picker.evaluate(
      (el) => [...(el as HTMLSelectElement).options].find((x) => x.text.startsWith('S02'))?.value ?? '',
    );
    assert.ok(bookId, 'book S02 is offered to nv01');
    await picker.selectOption(bookId);
    const periodInput = page.getByTestId('period-input');
    await periodInput.fill(`${period.slice(5, 7)}/${period.slice(0, 4)}`);
    await periodInput.press('Enter');
    await page.waitForSelector(`[data-testid="period-input"][data-period="${period}"]`);
    await page.getByTestId('run-button').click();
    await page.waitForSelector('[data-testid="run-panel"][data-status="DONE"]', { timeout: 180_000 });
    assert.ok(digits(await page.getByTestId('sum-invoices').textContent()) > 0, 'the run made drafts');

    await page.goto(`${baseUrl}/invoices?book=${bookId}&period=${period}`);
    await page.waitForSelector('[data-testid="invoice-row"][data-status="DRAFT"]', { timeout: 60_000 });
    await pressUntilVisible(page, 'F9', page.getByTestId('issue-dialog'));
    await page.getByTestId('issue-confirm').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Đã phát hành' }).waitFor({ timeout: 120_000 });
  });

  it('opens the counter on the book and month with the issued invoices in sequence order', async () => {
    await page.goto(`${baseUrl}/payments/counter?book=${bookId}&period=${period}`);
    const row = page.locator('[data-testid="counter-row"][data-paid="false"]').first();
    await row.waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('period-input').getAttribute('data-period'), period);
    assert.match(
      (await page.getByTestId('counter-totals').textContent()) ?? '',
      /\d+ hóa đơn · còn phải thu [\d.]+ đồng/,
    );
    invoiceId = (await row.getAttribute('data-invoice-id')) ?? '';
    assert.ok(invoiceId);
    customerName = (await row.getAttribute('data-name')) ?? '';
    assert.ok(customerName.length > 3, customerName);
  });

  it('ticks one customer’s “đủ”, saves with Alt+S and sees the row paid with its receipt', async () => {
    const tick = page.getByTestId(`full-${invoiceId}`);
    // A click before React has hydrated the server-rendered grid does nothing (as it would for a person): retried.
    for (let attempt = 0; attempt < 10 && !(await tick.isChecked()); attempt++) {
      await tick.click();
      if (!(await tick.isChecked())) await page.waitForTimeout(1_000);
    }
    assert.equal(await tick.isChecked(), true);
    const due = digits(await page.getByTestId(`amount-${invoiceId}`).inputValue());
    assert.ok(due > 0);
    assert.equal(digits(await page.getByTestId('counter-typed-sum').textContent()), due);

    await page.keyboard.press('Alt+KeyS');
    const toast = page.getByTestId('toast-success').filter({ hasText: 'Đã thu 1 khoản' });
    await toast.waitFor({ timeout: 60_000 });
    assert.equal(digits((await toast.textContent())?.replace(/^.*tổng/, '') ?? ''), due);
    const paid = page.locator(`[data-testid="counter-row"][data-invoice-id="${invoiceId}"][data-paid="true"]`);
    await paid.waitFor({ timeout: 30_000 });
    assert.match((await paid.textContent()) ?? '', /Đã thu đủ/);
    const receipt = paid.locator('[data-testid^="receipt-"]').first();
    assert.match((await receipt.textContent()) ?? '', /^PT\d{8}$/);
    paymentId = ((await receipt.getAttribute('data-testid')) ?? '').replace('receipt-', '');
    await screenshot(page, 'payments-counter');
  });

  it('opens the receipt (phiếu thu) in a new tab: a PDF with the customer and the amount', async () => {
    const receipt = page.getByTestId(`receipt-${paymentId}`);
    const href = (await receipt.getAttribute('href')) ?? '';
    assert.equal(href, `/api/payments/${paymentId}/receipt`);
    assert.equal(await receipt.getAttribute('target'), '_blank');
    // The new tab asks for the receipt (whether Chromium shows the PDF or saves it, the request is the proof).
    const [tab, request] = await Promise.all([
      context.waitForEvent('page'),
      context.waitForEvent('request', (r) => r.url().endsWith(href)),
      receipt.click(),
    ]);
    const answered = await request.response();
    if (answered) assert.equal(answered.status(), 200);
    await tab.close();

    const res = await page.request.get(`${baseUrl}${href}`, { timeout: 60_000 });
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const text = (await extractPdfPages(new Uint8Array(await res.body()))).join('\n');
    assert.match(text, /PHIẾU THU/);
    assert.ok(text.includes(customerName), `the receipt names ${customerName}`);
  });

  it('reverses the payment with a reason: the invoice is owed again', async () => {
    await page.getByTestId(`reverse-${paymentId}`).click();
    const dialog = page.getByTestId('reverse-payment-dialog');
    await dialog.waitFor();
    // An empty reason is refused in the browser.
    await page.getByTestId('reverse-save').click();
    await page.getByTestId('error-reason').waitFor();
    await page.getByTestId('field-reason').fill('Thu nhầm khách hàng, hoàn lại tiền');
    await page.getByTestId('reverse-save').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('toast-success').filter({ hasText: 'Đã hủy khoản thu' }).waitFor({ timeout: 30_000 });
    await page.waitForSelector(`[data-testid="counter-row"][data-invoice-id="${invoiceId}"][data-paid="false"]`, {
      timeout: 30_000,
    });
    assert.equal(await page.getByTestId(`receipt-${paymentId}`).count(), 0);

    // The reversed receipt still opens, marked cancelled.
    const res = await page.request.get(`${baseUrl}/api/payments/${paymentId}/receipt`, { timeout: 60_000 });
    const text = (await extractPdfPages(new Uint8Array(await res.body()))).join('\n');
    assert.match(text, /ĐÃ HỦY/);
  });
});
