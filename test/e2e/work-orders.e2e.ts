import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, pressUntilVisible, screenshot, signIn } from './browser';

/**
 * Issue 10's back office, as the demo admin does it at 1366×768: a customer phones to ask for a meter check; the clerk
 * takes it with F4 (finding the customer with the customers' search), hands it to installation team DTC01, starts
 * the work, closes it with the result, and finds it in the customer's "Yêu cầu" tab. The overdue list opens from its
 * address.
 */

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(page, 'admin');
});
after(async () => browser?.close());

const statusOf = (p: Page) => p.getByTestId('work-order-detail').getAttribute('data-status');

describe('work orders in the back office', () => {
  let trackingCode = '';
  let customerHref = '';

  it('takes a phone request for an existing customer with F4 and opens it', async () => {
    await page.goto(`${baseUrl}/work-orders`);
    await page.getByTestId('work-orders-screen').waitFor({ timeout: 60_000 });
    await screenshot(page, 'work-orders');
    const dialog = page.getByTestId('intake-dialog');
    await pressUntilVisible(page, 'F4', dialog);

    await page.getByTestId('field-kind').selectOption('METER_CHECK');
    await page.getByTestId('field-source').selectOption('PHONE');
    // Saving without a customer is refused beside the picker, before anything is sent.
    await page.getByTestId('field-description').fill('Khách báo đồng hồ quay khi không dùng nước');
    await page.keyboard.press('Alt+KeyS');
    await page.getByTestId('error-customerId').waitFor();

    await page.getByTestId('customer-search').fill('KH00001');
    const hit = page.getByTestId('customer-hit').first();
    await hit.waitFor({ timeout: 30_000 });
    const customerId = await hit.getAttribute('data-customer-id');
    await hit.click();
    assert.equal(await page.getByTestId('picked-customer').getAttribute('data-customer-id'), customerId);
    // The customer on file fills the caller's name; the clerk types the number they called from.
    assert.ok((await page.getByTestId('field-applicantName').inputValue()).length > 2);
    await page.getByTestId('field-applicantPhone').fill('0912 345 678');
    await page.keyboard.press('Alt+KeyS');

    const toast = page.getByTestId('toast-success').filter({ hasText: 'Đã tiếp nhận yêu cầu' });
    await toast.waitFor({ timeout: 30_000 });
    trackingCode = /YC[0-9A-Z]{8}/.exec((await toast.textContent()) ?? '')?.[0] ?? '';
    assert.ok(trackingCode, 'the toast gives the tracking code');
    await page.waitForURL(/\/work-orders\/\d+$/, { timeout: 30_000 });
    const title = page.getByTestId('work-order-title');
    await title.waitFor({ timeout: 30_000 });
    assert.match((await title.textContent()) ?? '', new RegExp(`${trackingCode}.*Kiểm định đồng hồ`));
    assert.equal(await statusOf(page), 'RECEIVED');
    // A meter check is due within 5 days (VIETNAM-RULES): not overdue on the day it arrives.
    assert.equal(await page.getByTestId('work-order-deadline').first().getAttribute('data-overdue'), 'false');
    customerHref = (await page.getByTestId('work-order-customer').getAttribute('href')) ?? '';
    assert.match(customerHref, new RegExp(`customer=${customerId}$`));
  });

  it('assigns it to a team with F2', async () => {
    const dialog = page.getByTestId('assign-dialog');
    await pressUntilVisible(page, 'F2', dialog);
    const team = page.getByTestId('field-teamId');
    const value = await team.locator('option', { hasText: 'DTC01' }).getAttribute('value');
    await team.selectOption(value!);
    // The dialog's own note (the page's note form below has a field of the same name).
    await dialog.getByTestId('field-note').fill('Kiểm tra trong tuần');
    await page.keyboard.press('Alt+KeyS');
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForSelector('[data-testid="work-order-detail"][data-status="ASSIGNED"]', { timeout: 30_000 });
    assert.match(await page.getByTestId('work-order-detail').innerText(), /Đội thi công số 1/);
  });

  it('starts the work and completes it with the result', async () => {
    await page.getByTestId('action-status').click();
    const dialog = page.getByTestId('status-dialog');
    await dialog.waitFor();
    assert.equal(await page.getByTestId('field-status').inputValue(), 'IN_PROGRESS');
    await page.getByTestId('status-save').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForSelector('[data-testid="work-order-detail"][data-status="IN_PROGRESS"]', { timeout: 30_000 });

    const form = page.getByTestId('completion-form');
    await form.waitFor();
    assert.equal(await form.getAttribute('data-completion'), 'resolution');
    await page.getByTestId('field-resolution').fill('Đã kiểm định tại chỗ: đồng hồ chạy đúng, sai số trong giới hạn.');
    await page.getByTestId('complete-save').click();
    await page.waitForSelector('[data-testid="work-order-detail"][data-status="DONE"]', { timeout: 30_000 });
    await page.getByTestId('toast-success').filter({ hasText: 'Đã hoàn thành yêu cầu' }).first().waitFor();

    // The timeline: received, assigned, in progress, done — each with who did it.
    const events = page.getByTestId('timeline-event');
    assert.deepEqual(await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-to'))), [
      'RECEIVED',
      'ASSIGNED',
      'IN_PROGRESS',
      'DONE',
    ]);
    assert.match(await events.last().innerText(), /Đã kiểm định tại chỗ/);
    // A closed order offers no more actions.
    assert.equal(await page.getByTestId('action-assign').isDisabled(), true);
    await screenshot(page, 'work-order-detail');
  });

  it('shows the request in the customer’s “Yêu cầu” tab', async () => {
    await page.goto(`${baseUrl}${customerHref}`);
    const tab = page.getByTestId('tab-workOrders');
    await tab.waitFor({ timeout: 60_000 });
    await page.waitForSelector(
      `[data-testid="detail-title"][data-customer-id="${/customer=(\d+)/.exec(customerHref)?.[1]}"]`,
      {
        timeout: 60_000,
      },
    );
    await tab.click();
    const row = page.getByTestId('customer-work-order-row').filter({ hasText: trackingCode });
    await row.waitFor({ timeout: 30_000 });
    assert.equal(await row.getAttribute('data-status'), 'DONE');
  });

  it('opens the overdue list from its address: only open requests past their deadline', async () => {
    await page.goto(`${baseUrl}/work-orders?overdue=1`);
    await page.getByTestId('work-orders-screen').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('tab-overdue').getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('filter-overdue').isChecked(), true);
    const flags = await page
      .getByTestId('work-order-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-overdue')));
    assert.ok(
      flags.every((f) => f === 'true'),
      'every row of the overdue list is overdue',
    );
    // The request just done is not among them.
    assert.equal(await page.getByTestId('work-order-row').filter({ hasText: trackingCode }).count(), 0);
  });
});
