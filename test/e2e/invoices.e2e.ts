import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { extractPdfPages } from '../helpers/pdf-text';
import { baseUrl, launchBrowser, pressUntilVisible, screenshot, signIn } from './browser';

/**
 * Issue 8's "done when", as a clerk does it at 1366×768: bill book S05 for last month on the billing screen, issue
 * its invoices on the invoice screen (F9), print the whole book as one PDF, reprint copy 2 for one customer, cancel
 * one invoice with a reason and replace another, and see the statuses in the grid. S05 and last month keep clear of
 * the other suites (readings bills S01 for this month).
 */

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(page, 'admin');
});
after(async () => browser?.close());

/** Last month in Vietnam (UTC+7): the demo holds readings up to it and nobody has billed it. */
function lastPeriodVN(): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

/** Fetches a file route with the page's cookies (the signed-in session). */
async function fetchFile(path: string): Promise<{ type: string; body: Buffer }> {
  const res = await page.request.get(`${baseUrl}${path}`, { timeout: 120_000 });
  assert.equal(res.status(), 200, `${path} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
  return { type: res.headers()['content-type'] ?? '', body: await res.body() };
}

async function frameSrc(): Promise<string> {
  const src = await page.getByTestId('pdf-frame').getAttribute('src');
  assert.ok(src, 'the preview shows a PDF');
  return src;
}

async function closeDialog(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('pdf-preview-dialog').waitFor({ state: 'detached' });
}

/** The grid's row of the n-th (0-based) visible invoice, in sequence order. */
const gridRow = (n: number) => page.locator('[data-testid="invoice-row"]').nth(n);

describe('invoices', () => {
  const period = lastPeriodVN();
  let bookId = '';
  let issued = 0;
  let cancelledCode = '';
  let replacedCode = '';

  it('bills book S05 for last month on the billing screen', async () => {
    await page.goto(`${baseUrl}/billing`);
    await page.getByTestId('run-button').waitFor({ timeout: 60_000 });
    await page.getByTestId('scope-book').check();
    const picker = page.getByTestId('book-picker');
    bookId = await picker.evaluate(
      (el) => [...(el as HTMLSelectElement).options].find((x) => x.text.startsWith('S05'))?.value ?? '',
    );
    assert.ok(bookId, 'book S05 is offered');
    await picker.selectOption(bookId);
    const periodInput = page.getByTestId('period-input');
    await periodInput.fill(`${period.slice(5, 7)}/${period.slice(0, 4)}`);
    await periodInput.press('Enter');
    await page.waitForSelector(`[data-testid="period-input"][data-period="${period}"]`);
    await page.getByTestId('run-button').click();
    await page.waitForSelector('[data-testid="run-panel"][data-status="DONE"]', { timeout: 180_000 });
    assert.ok(digits(await page.getByTestId('sum-invoices').textContent()) > 0, 'the run made drafts');
  });

  it('issues the book’s drafts with F9 after the confirmation', async () => {
    await page.goto(`${baseUrl}/invoices?book=${bookId}&period=${period}`);
    await page.waitForSelector('[data-testid="invoice-row"][data-status="DRAFT"]', { timeout: 60_000 });
    const drafts = digits(await page.getByTestId('totals-count').textContent());
    assert.ok(drafts > 0);

    const dialog = page.getByTestId('issue-dialog');
    await pressUntilVisible(page, 'F9', dialog);
    assert.match((await page.getByTestId('issue-counts').textContent()) ?? '', /hóa đơn nháp sẽ được phát hành/);
    await page.getByTestId('issue-confirm').click();
    const toast = page.getByTestId('toast-success').filter({ hasText: 'Đã phát hành' });
    await toast.waitFor({ timeout: 120_000 });
    const text = (await toast.textContent()) ?? '';
    issued = Number((/Đã phát hành ([\d.]+) hóa đơn/.exec(text)?.[1] ?? '0').replace(/\./g, ''));
    assert.ok(issued > 0, text);
    assert.match(text, /ký hiệu 1C\d\dTAA số [\d.]+–[\d.]+/, 'the toast gives the series and the numbers');
    await page.waitForSelector('[data-testid="invoice-row"][data-status="ISSUED"]', { timeout: 30_000 });
    assert.equal(await gridRow(0).getAttribute('data-status'), 'ISSUED');
    assert.match((await gridRow(0).textContent()) ?? '', /Đã phát hành/);
    assert.match((await gridRow(0).textContent()) ?? '', /1C\d\dTAA – \d{8}/);
  });

  it('prints the whole book as one PDF, one page per invoice', async () => {
    await page.getByTestId('btn-book-print').click();
    await page.getByTestId('pdf-preview-dialog').waitFor();
    // The cursor waits in the range fields; Alt+S previews (an empty range: the whole book).
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'field-fromSeq');
    await page.keyboard.press('Alt+KeyS');
    await page.getByTestId('pdf-frame').waitFor();
    const src = await frameSrc();
    assert.equal(src, `/api/books/${bookId}/invoices/${period}/pdf`);
    const pdf = await fetchFile(src);
    assert.equal(pdf.type, 'application/pdf');
    const pages = await extractPdfPages(new Uint8Array(pdf.body));
    assert.equal(pages.length, digits(await page.getByTestId('totals-count').textContent()));
    assert.ok(pages.length >= issued);
    await closeDialog();
  });

  it('reprints copy 2 of one customer’s invoice', async () => {
    await gridRow(0).click();
    await page.getByTestId('btn-copy2').click();
    await page.getByTestId('pdf-preview-dialog').waitFor();
    const src = await frameSrc();
    assert.match(src, /^\/api\/invoices\/\d+\/pdf\?copy=2$/);
    const pdf = await fetchFile(src);
    assert.equal(pdf.type, 'application/pdf');
    const pages = await extractPdfPages(new Uint8Array(pdf.body));
    assert.equal(pages.length, 1);
    assert.match(pages[0]!, /Liên 2/);
    await closeDialog();
  });

  it('cancels an invoice with a reason (Delete on the grid)', async () => {
    const row = gridRow(0);
    cancelledCode = (await row.getAttribute('data-code')) ?? '';
    await row.click();
    await page.keyboard.press('Delete');
    const dialog = page.getByTestId('cancel-invoice-dialog');
    await dialog.waitFor();
    // An empty reason is refused in the browser.
    await page.getByTestId('reason-save').click();
    await page.getByTestId('error-reason').waitFor();
    await page.getByTestId('field-reason').fill('Khách hàng báo ghi sai chỉ số mới');
    await page.getByTestId('reason-save').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForSelector(`[data-testid="invoice-row"][data-code="${cancelledCode}"][data-status="CANCELLED"]`, {
      timeout: 30_000,
    });
    assert.match(
      (await page.locator(`[data-testid="invoice-row"][data-code="${cancelledCode}"]`).textContent()) ?? '',
      /Đã hủy/,
    );
  });

  it('issues a replacement of another invoice and shows the chain', async () => {
    const row = page.locator('[data-testid="invoice-row"][data-status="ISSUED"]').first();
    replacedCode = (await row.getAttribute('data-code')) ?? '';
    assert.notEqual(replacedCode, cancelledCode);
    await row.click();
    await page.getByTestId('btn-replace').click();
    const dialog = page.getByTestId('replace-invoice-dialog');
    await dialog.waitFor();
    await page.getByTestId('field-reason').fill('Sai số nhân khẩu, lập hóa đơn thay thế');
    await page.getByTestId('reason-save').click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('toast-success').filter({ hasText: 'hóa đơn thay thế' }).waitFor({ timeout: 30_000 });

    const rows = (status: string) =>
      `[data-testid="invoice-row"][data-code="${replacedCode}"][data-status="${status}"]`;
    await page.waitForSelector(rows('REPLACED'), { timeout: 30_000 });
    await page.waitForSelector(rows('ISSUED'), { timeout: 30_000 });
    assert.match((await page.locator(rows('REPLACED')).textContent()) ?? '', /Đã bị thay thế/);
    assert.match((await page.locator(rows('ISSUED')).textContent()) ?? '', /Thay thế/);

    // The detail opens on the replacement, with the original in its chain.
    const detail = page.getByTestId('invoice-detail');
    await detail.waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-testid="invoice-chain"] li:nth-child(2)', { timeout: 30_000 });
    assert.match((await page.getByTestId('invoice-chain').textContent()) ?? '', /Đã bị thay thế/);
    assert.match((await page.getByTestId('invoice-correction-reason').textContent()) ?? '', /Sai số nhân khẩu/);
    await page.getByTestId('vietqr').waitFor();
    await screenshot(page, 'invoices');
  });
});
