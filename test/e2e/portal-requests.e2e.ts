import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, graphqlAs, openPhone, screenshot } from './browser';

/**
 * Issue 10's requests on a phone, on the demo data: a citizen registers a new connection with a PDF of their
 * citizen ID and gets a tracking code (the OpenStreetMap tiles cannot load in this closed network, so the
 * coordinates are typed by hand: the page must work without the map); then a demo customer asks for their meter
 * to be relocated, proving the customer code with the phone's last 4 digits, and the tracking page shows the
 * request. An administrator only reads a customer (code and phone) through the API.
 */

let browser: Browser;
let admin: Page;
let page: Page;
let scratch: string;

before(async () => {
  ({ browser, admin, page } = await openPhone());
  scratch = mkdtempSync(path.join(tmpdir(), 'e2e-portal-requests-'));
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A small valid PDF, as a phone's scanner app would save it. */
function writePdf(name: string): string {
  const file = path.join(scratch, name);
  writeFileSync(
    file,
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  return file;
}

describe('portal registration and requests on a phone', () => {
  let registrationCode = '';

  it('the home page and the menu lead to the three request pages', async () => {
    await page.goto(`${baseUrl}/`);
    for (const id of ['home-registration', 'home-service-request', 'home-tracking']) {
      await page.getByTestId(id).waitFor();
    }
    await page.getByTestId('home-registration').click();
    await page.waitForURL(/\/dang-ky-lap-dat$/);
    assert.match(await page.title(), /^Đăng ký lắp đặt · /);
  });

  it('registers a new connection with a PDF document and answers a tracking code, without the map tiles', async () => {
    const box = await page.getByTestId('map-box').boundingBox();
    assert.ok(box && box.height >= 250 && box.width <= 390, 'the map box is reserved and fits the screen');

    await page.getByTestId('reg-name').fill('Trần Thị Thu Hà');
    await page.getByTestId('reg-citizen-id').fill('001195012345');
    await page.getByTestId('reg-phone').fill('0983 246 810');
    await page.getByTestId('reg-email').fill('thuha@example.com');
    await page.getByTestId('reg-address').fill('18 ngõ 42 Kim Mã');
    const wards = page.getByTestId('reg-ward');
    const firstWard = await wards.locator('option').nth(1).getAttribute('value');
    assert.ok(firstWard, 'the ward select lists the demo wards');
    await wards.selectOption(firstWard);
    await page.getByTestId('reg-persons').fill('5');
    await page.getByTestId('reg-lat').fill('21.0321');
    await page.getByTestId('reg-lng').fill('105.8240');

    await page.getByTestId('document-kind').selectOption('CITIZEN_ID');
    await page.getByTestId('document-file').setInputFiles(writePdf('cccd.pdf'));
    await page.getByTestId('document-name').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('document-name').textContent(), 'cccd.pdf');

    await page.getByTestId('request-submit').click();
    const code = page.getByTestId('tracking-code');
    await code.waitFor({ timeout: 60_000 });
    registrationCode = ((await code.textContent()) ?? '').trim();
    assert.match(registrationCode, /^YC[0-9A-Z]{8}$/);
    await screenshot(page, 'portal-registration');
  });

  it('the tracking page shows the registration with the phone’s last 4 digits', async () => {
    await page.getByTestId('go-tracking').click();
    await page.waitForURL(/\/theo-doi\?ma=/);
    assert.equal(await page.getByTestId('track-code').inputValue(), registrationCode);
    await page.getByTestId('track-verifier').fill('6810');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('track-kind').textContent(), 'Lắp đặt mới');
    assert.equal(await page.getByTestId('track-status').textContent(), 'Đã tiếp nhận');
  });

  it('a wrong verifier gets the one refusal, as an unknown code does', async () => {
    await page.getByTestId('track-verifier').fill('0000');
    await page.getByTestId('track-submit').click();
    const error = page.getByTestId('track-error');
    await error.waitFor({ timeout: 30_000 });
    assert.equal(await error.getAttribute('data-code'), 'PORTAL_TRACKING_FAILED');
  });

  it('a demo customer asks for a meter relocation and follows it on the tracking page', async () => {
    const books = await graphqlAs(admin, `{ readingBooks(filter: { limit: 100 }) { rows { id code } } }`);
    const book = books.readingBooks.rows.find((b: { code: string }) => b.code === 'S05') ?? books.readingBooks.rows[0];
    const list = await graphqlAs(
      admin,
      `query($b: Int!) { bookCustomers(bookId: $b, limit: 200) { rows { id code name phone } } }`,
      { b: book.id },
    );
    const customer = list.bookCustomers.rows.find((c: { phone: string | null }) =>
      /\d{4}$/.test((c.phone ?? '').replace(/\D/g, '')),
    );
    assert.ok(customer, 'a demo customer has a phone on file');
    const last4 = customer.phone.replace(/\D/g, '').slice(-4);

    await page.goto(`${baseUrl}/yeu-cau?loai=RELOCATION`);
    assert.equal(await page.getByTestId('svc-kind').inputValue(), 'RELOCATION');
    await page.getByTestId('svc-code').fill(customer.code);
    await page.getByTestId('svc-verifier').fill(last4);
    await page.getByTestId('svc-name').fill(customer.name);
    await page.getByTestId('svc-phone').fill('0977 135 246');
    await page.getByTestId('svc-new-address').fill('Ra ngoài cổng, sát tường rào bên trái');
    await page.getByTestId('svc-description').fill('Sửa nhà, đồng hồ đang nằm trong bếp.');
    await page.getByTestId('request-submit').click();
    const code = page.getByTestId('tracking-code');
    await code.waitFor({ timeout: 60_000 });
    const trackingCode = ((await code.textContent()) ?? '').trim();
    assert.match(trackingCode, /^YC[0-9A-Z]{8}$/);

    await page.getByTestId('go-tracking').click();
    await page.waitForURL(/\/theo-doi\?ma=/);
    await page.getByTestId('track-verifier').fill('5246');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('track-kind').textContent(), 'Di dời đồng hồ');
    assert.equal(await page.getByTestId('track-status').textContent(), 'Đã tiếp nhận');
    assert.match((await page.getByTestId('track-timeline').textContent()) ?? '', /Đã tiếp nhận/);
    // The tracking page carries nothing personal: not the customer's name.
    assert.doesNotMatch((await page.getByTestId('track-result').textContent()) ?? '', new RegExp(customer.name));
    await screenshot(page, 'portal-tracking');
  });
});
