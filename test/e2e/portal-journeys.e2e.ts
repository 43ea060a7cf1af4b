import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, graphqlAs, openPhone, pressUntilVisible } from './browser';
import { sentTo, waitForMail } from './mailbox';

/**
 * Issue 10's public journeys followed to their end, on the demo data. A citizen registers a new connection on a phone
 * (390×844, touch) and the confirmation mail with the tracking code arrives in the SMTP mailbox test/e2e/run.ts runs;
 * the demo admin, at 1366×768, takes the registration through the installation pipeline (survey, quote, contract,
 * installed, handover into book S04) and the new customer is in that book and in the customers' search. A demo
 * customer asks on the phone for their meter to be moved; the admin assigns it, starts it and completes it with the new
 * address; the phone's tracking page then shows it done. Books S04 and S06 keep clear of the other suites (readings counts
 * S01's customers; the counter, the bank channels, the invoices and the bill lookup use S02, S03, S05 and S08).
 */

let browser: Browser;
let staff: Page;
let page: Page;
let scratch: string;
const stamp = Date.now().toString(36).toUpperCase();

before(async () => {
  ({ browser, admin: staff, page } = await openPhone());
  scratch = mkdtempSync(path.join(tmpdir(), 'e2e-portal-journeys-'));
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const detail = (p: Page) => p.getByTestId('work-order-detail');

/** Waits for the order's detail to show `status` (each step's mutation answers the order, which re-renders). */
async function reachStatus(p: Page, status: string): Promise<void> {
  await p.waitForSelector(`[data-testid="work-order-detail"][data-status="${status}"]`, { timeout: 30_000 });
}

/** Opens a request in the back office the way a clerk would: the list's search by its tracking code, then its row. */
async function openInBackOffice(p: Page, trackingCode: string): Promise<void> {
  await p.goto(`${baseUrl}/work-orders?q=${trackingCode}`);
  await p.getByTestId('work-orders-screen').waitFor({ timeout: 60_000 });
  const row = p.getByTestId('work-order-row').filter({ hasText: trackingCode });
  await row.waitFor({ timeout: 30_000 });
  await row.getByTestId('work-order-link').click();
  await p.waitForURL(/\/work-orders\/\d+$/, { timeout: 30_000 });
  await p.getByTestId('work-order-title').waitFor({ timeout: 60_000 });
  assert.match((await p.getByTestId('work-order-title').textContent()) ?? '', new RegExp(trackingCode));
  // The step forms are plain forms until React binds them: a click before that would post the page itself.
  await p.waitForLoadState('networkidle');
}

/** Follows the tracking page on the phone with the applicant phone's last 4 digits. */
async function track(trackingCode: string, last4: string): Promise<void> {
  await page.goto(`${baseUrl}/theo-doi?ma=${trackingCode}`);
  assert.equal(await page.getByTestId('track-code').inputValue(), trackingCode);
  await page.getByTestId('track-verifier').fill(last4);
  await page.getByTestId('track-submit').click();
  await page.getByTestId('track-result').waitFor({ timeout: 30_000 });
}

describe('a registration followed to a new customer', () => {
  const applicant = `Phạm Văn Lắp ${stamp}`;
  const email = `dang.ky.${stamp.toLowerCase()}@example.vn`;
  let trackingCode = '';
  let customerCode = '';
  let customerHref = '';

  it('a citizen registers a new connection on the phone and gets a tracking code', async () => {
    await page.goto(`${baseUrl}/dang-ky-lap-dat`);
    await page.getByTestId('reg-name').fill(applicant);
    await page.getByTestId('reg-citizen-id').fill('001090054321');
    await page.getByTestId('reg-phone').fill('0912 468 135');
    await page.getByTestId('reg-email').fill(email);
    await page.getByTestId('reg-address').fill(`Số ${stamp.slice(-3)} ngõ 15 Liễu Giai`);
    const wards = page.getByTestId('reg-ward');
    await wards.selectOption((await wards.locator('option').nth(1).getAttribute('value'))!);
    await page.getByTestId('reg-persons').fill('4');
    await page.getByTestId('reg-lat').fill('21.0365');
    await page.getByTestId('reg-lng').fill('105.8150');
    const pdf = path.join(scratch, 'so-do.pdf');
    writeFileSync(
      pdf,
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    await page.getByTestId('document-kind').selectOption('CITIZEN_ID');
    await page.getByTestId('document-file').setInputFiles(pdf);
    await page.getByTestId('document-name').waitFor({ timeout: 30_000 });
    await page.getByTestId('request-submit').click();
    const code = page.getByTestId('tracking-code');
    await code.waitFor({ timeout: 60_000 });
    trackingCode = ((await code.textContent()) ?? '').trim();
    assert.match(trackingCode, /^YC[0-9A-Z]{8}$/);
  });

  it('the confirmation mail arrives with the tracking code and the tracking link', async () => {
    const mail = await waitForMail((m) => sentTo(m, email) && (m.subject ?? '').includes(trackingCode), 60_000);
    assert.match(mail.subject ?? '', new RegExp(`^Đã tiếp nhận yêu cầu ${trackingCode} – `));
    const text = mail.text ?? '';
    assert.match(text, new RegExp(`Kính gửi quý khách ${applicant}`));
    assert.match(text, /"Lắp đặt mới"/);
    assert.ok(text.includes(`${baseUrl}/theo-doi?ma=${trackingCode}`), `the mail links the tracking page: ${text}`);
  });

  it('staff survey, quote, sign the contract and install the meter', async () => {
    await openInBackOffice(staff, trackingCode);
    assert.equal(await detail(staff).getAttribute('data-status'), 'RECEIVED');
    assert.equal(await staff.getByTestId('step-survey').getAttribute('data-state'), 'current');
    // The coordinates typed on the phone are on the order already.
    assert.equal(Number(await staff.getByTestId('field-latitude').inputValue()), 21.0365);
    await staff.getByTestId('field-notes').fill('Điểm đấu nối cách nhà 12 m, ống chính D100 trên vỉa hè.');
    await staff.getByTestId('survey-save').click();
    await reachStatus(staff, 'SURVEYED');

    await staff.getByTestId('quote-editor').waitFor();
    await staff.getByTestId('quote-name-0').fill('Ống HDPE D25');
    await staff.getByTestId('quote-unit-0').fill('m');
    await staff.getByTestId('quote-quantity-0').fill('12');
    await staff.getByTestId('quote-price-0').fill('45000');
    await staff.getByTestId('quote-add-line').click();
    await staff.getByTestId('quote-name-1').fill('Công lắp đặt');
    await staff.getByTestId('quote-unit-1').fill('lần');
    await staff.getByTestId('quote-quantity-1').fill('1');
    await staff.getByTestId('quote-price-1').fill('800000');
    assert.equal((await staff.getByTestId('quote-total').textContent())?.replace(/\D/g, ''), '1340000');
    await staff.getByTestId('quote-save').click();
    await reachStatus(staff, 'QUOTED');
    assert.equal((await staff.getByTestId('quote-summary').textContent())?.replace(/\D/g, ''), '1340000');

    await staff.getByTestId('field-contractNumber').fill(`HĐ-${stamp}`);
    await staff.getByTestId('contract-save').click();
    await reachStatus(staff, 'CONTRACTED');

    await staff.getByTestId('field-meter.serial').fill(`SN${stamp}`);
    const types = staff.getByTestId('field-meter.meterTypeId');
    await types.selectOption((await types.locator('option').nth(1).getAttribute('value'))!);
    await staff.getByTestId('install-save').click();
    await reachStatus(staff, 'INSTALLED');
  });

  it('the handover into book S04 makes the new customer', async () => {
    const books = staff.getByTestId('field-bookId');
    await books.selectOption((await books.locator('option', { hasText: 'S04 –' }).getAttribute('value'))!);
    await staff.getByTestId('handover-save').click();
    await reachStatus(staff, 'DONE');
    await staff.getByTestId('toast-success').filter({ hasText: 'khách hàng mới đã được tạo' }).first().waitFor();
    assert.equal(await staff.getByTestId('step-handover').getAttribute('data-state'), 'done');
    const link = staff.getByTestId('work-order-customer');
    await link.waitFor({ timeout: 30_000 });
    customerCode = ((await link.locator('.font-mono').textContent()) ?? '').trim();
    assert.match(customerCode, /^KH\d+$/);
    assert.match((await link.textContent()) ?? '', new RegExp(applicant));
    customerHref = (await link.getAttribute('href')) ?? '';
    // Each step is on the timeline, in order.
    const steps = await staff
      .getByTestId('timeline-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
    assert.deepEqual(steps, ['RECEIVED', 'SURVEYED', 'QUOTED', 'CONTRACTED', 'INSTALLED', 'DONE']);
  });

  it('the new customer is in book S04 and the customers’ search finds them', async () => {
    const id = /customer=(\d+)/.exec(customerHref)?.[1];
    assert.ok(id, `the order links its customer: ${customerHref}`);
    await staff.goto(`${baseUrl}${customerHref}`);
    await staff.waitForSelector(`[data-testid="detail-title"][data-customer-id="${id}"]`, { timeout: 60_000 });
    assert.match((await staff.getByTestId('book-picker').locator('option:checked').textContent()) ?? '', /^S04 –/);
    await staff.getByTestId('book-filter').fill(applicant);
    await staff.getByTestId('customer-row').filter({ hasText: customerCode }).waitFor({ timeout: 30_000 });

    await staff.getByTestId('global-search').fill(applicant);
    await staff.getByTestId('global-search').press('Enter');
    await staff
      .getByTestId('search-result')
      .and(staff.locator(`[data-code="${customerCode}"]`))
      .first()
      .waitFor({ timeout: 30_000 });
    // The customer's "Yêu cầu" tab lists the registration that made them.
    await staff.getByTestId('tab-workOrders').click();
    const row = staff.getByTestId('customer-work-order-row').filter({ hasText: trackingCode });
    await row.waitFor({ timeout: 30_000 });
    assert.equal(await row.getAttribute('data-status'), 'DONE');
  });

  it('the phone’s tracking page shows the registration done', async () => {
    await track(trackingCode, '8135');
    assert.equal(await page.getByTestId('track-kind').textContent(), 'Lắp đặt mới');
    assert.equal(await page.getByTestId('track-status').textContent(), 'Hoàn thành');
  });
});

describe('a meter relocation followed to done', () => {
  const newAddress = `Số ${stamp.slice(-3)} phố Đội Cấn, cổng sau`;
  let trackingCode = '';
  let customer: { id: number; code: string; name: string };

  it('a demo customer asks on the phone for their meter to be moved', async () => {
    const books = await graphqlAs(staff, `{ readingBooks(filter: { limit: 100 }) { rows { id code } } }`);
    const book = books.readingBooks.rows.find((b: { code: string }) => b.code === 'S06');
    assert.ok(book, 'the demo has book S06');
    const list = await graphqlAs(
      staff,
      `query($b: Int!) { bookCustomers(bookId: $b, limit: 200) { rows { id code name phone } } }`,
      { b: book.id },
    );
    customer = list.bookCustomers.rows.find((c: { phone: string | null }) =>
      /\d{4}$/.test((c.phone ?? '').replace(/\D/g, '')),
    );
    assert.ok(customer, 'a customer of S06 has a phone on file');
    const last4 = (customer as unknown as { phone: string }).phone.replace(/\D/g, '').slice(-4);

    await page.goto(`${baseUrl}/yeu-cau?loai=RELOCATION`);
    await page.getByTestId('svc-code').fill(customer.code);
    await page.getByTestId('svc-verifier').fill(last4);
    await page.getByTestId('svc-name').fill(customer.name);
    await page.getByTestId('svc-phone').fill('0977 864 209');
    await page.getByTestId('svc-new-address').fill(newAddress);
    await page.getByTestId('svc-description').fill('Xây lại cổng, đồng hồ cần ra sát tường rào.');
    await page.getByTestId('request-submit').click();
    const code = page.getByTestId('tracking-code');
    await code.waitFor({ timeout: 60_000 });
    trackingCode = ((await code.textContent()) ?? '').trim();
    assert.match(trackingCode, /^YC[0-9A-Z]{8}$/);
  });

  it('staff assign it, start it and complete it with the new address', async () => {
    await openInBackOffice(staff, trackingCode);
    assert.equal(await detail(staff).getAttribute('data-status'), 'RECEIVED');
    assert.match((await staff.getByTestId('work-order-customer').textContent()) ?? '', new RegExp(customer.code));

    const dialog = staff.getByTestId('assign-dialog');
    await pressUntilVisible(staff, 'F2', dialog);
    const team = staff.getByTestId('field-teamId');
    await team.selectOption((await team.locator('option', { hasText: 'DTC01' }).getAttribute('value'))!);
    await staff.keyboard.press('Alt+KeyS');
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await reachStatus(staff, 'ASSIGNED');

    await staff.getByTestId('action-status').click();
    await staff.getByTestId('status-dialog').waitFor();
    assert.equal(await staff.getByTestId('field-status').inputValue(), 'IN_PROGRESS');
    await staff.getByTestId('status-save').click();
    await reachStatus(staff, 'IN_PROGRESS');

    const form = staff.getByTestId('completion-form');
    await form.waitFor();
    assert.equal(await form.getAttribute('data-completion'), 'relocation');
    await staff.getByTestId('field-address').fill(newAddress);
    const wards = staff.getByTestId('field-wardId');
    await wards.selectOption((await wards.locator('option').nth(1).getAttribute('value'))!);
    await staff.getByTestId('field-resolution').fill('Đã di dời đồng hồ ra sát tường rào, niêm phong lại.');
    await staff.getByTestId('complete-save').click();
    await reachStatus(staff, 'DONE');
    await staff.getByTestId('toast-success').filter({ hasText: 'Đã hoàn thành yêu cầu' }).first().waitFor();
    const steps = await staff
      .getByTestId('timeline-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
    assert.deepEqual(steps, ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'DONE']);

    // The customer now lives at the new address.
    const moved = await graphqlAs(staff, `query($id: Int!) { customer(id: $id) { address } }`, { id: customer.id });
    assert.equal(moved.customer.address, newAddress);
  });

  it('the phone’s tracking page shows the relocation done', async () => {
    await track(trackingCode, '4209');
    assert.equal(await page.getByTestId('track-kind').textContent(), 'Di dời đồng hồ');
    assert.equal(await page.getByTestId('track-status').textContent(), 'Hoàn thành');
    assert.match((await page.getByTestId('track-timeline').textContent()) ?? '', /Hoàn thành/);
  });
});
