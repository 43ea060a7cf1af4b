import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, graphqlAs, openPhone } from './browser';
import { sentTo, waitForMail } from './mailbox';

/**
 * Issue 10's customer accounts on a phone (390×844, touch), on the demo data: a customer asks for a sign-in link at
 * /dang-nhap, reads the mail the app delivered to the SMTP server test/e2e/run.ts runs, opens the link and lands on
 * /tai-khoan; links a demo customer code with the phone's last 4 digits; switches SMS notices off and on; signs out;
 * and the used link no longer signs anyone in. An administrator only reads a customer code and phone through the API.
 */

let browser: Browser;
let admin: Page;
let phone: BrowserContext;
let page: Page;
const email = `khach.${Date.now()}@example.vn`;
let signInLink = '';

before(async () => {
  ({ browser, admin, phone, page } = await openPhone());
});
after(async () => browser?.close());

/** The sign-in link in a mail's text part. */
function linkIn(text: string): string {
  const match = /https?:\/\/\S+\/api\/portal-auth\/callback\/nodemailer\?\S+/.exec(text);
  assert.ok(match, `no sign-in link in: ${text}`);
  return match[0];
}

describe('a customer account on a phone', () => {
  let code = '';
  let last4 = '';

  it('a demo customer with a phone on file (setup, read as the administrator)', async () => {
    const books = await graphqlAs(admin, `{ readingBooks(filter: { limit: 100 }) { rows { id code } } }`);
    // Not S08: the bill lookup suite bills and looks up a customer of S08 (and its per-code lock stays its own).
    const book = books.readingBooks.rows.filter((b: { code: string }) => b.code !== 'S08').at(-1);
    assert.ok(book, 'the demo has a book besides S08');
    const list = await graphqlAs(
      admin,
      `query($b: Int!) { bookCustomers(bookId: $b, limit: 200) { rows { code phone } } }`,
      { b: book.id },
    );
    const customer = list.bookCustomers.rows.find((c: { phone: string | null }) =>
      /\d{4}$/.test((c.phone ?? '').replace(/\D/g, '')),
    );
    assert.ok(customer, `a customer of ${book.code} has a phone on file`);
    code = customer.code;
    last4 = customer.phone.replace(/\D/g, '').slice(-4);
  });

  it('the portal menu leads to the sign-in page, which asks for an email only', async () => {
    await page.goto(`${baseUrl}/tra-cuu`);
    await page.getByRole('link', { name: 'Đăng nhập / Tài khoản' }).click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap', { timeout: 30_000 });
    await page.getByTestId('portal-email').waitFor();
  });

  it('asking for a link shows “check your mail”, and the mail arrives with a one-time link', async () => {
    await page.getByTestId('portal-email').fill(email);
    await page.getByTestId('portal-sign-in').click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap/kiem-tra-email', { timeout: 30_000 });
    await page.getByTestId('portal-check-mail').waitFor();
    const mail = await waitForMail((m) => sentTo(m, email));
    assert.match(mail.subject ?? '', /^Đăng nhập cổng thông tin khách hàng – /);
    signInLink = linkIn(mail.text ?? '');
    assert.ok(signInLink.startsWith(baseUrl), `the link points at the portal: ${signInLink}`);
  });

  it('the link signs the customer in and lands on their account', async () => {
    await page.goto(signInLink);
    await page.waitForURL((url) => url.pathname === '/tai-khoan', { timeout: 30_000 });
    assert.equal(await page.getByTestId('portal-account-email').textContent(), email);
    await page.getByTestId('portal-no-customers').waitFor();
    const cookies = await phone.cookies(baseUrl);
    assert.ok(cookies.some((c) => c.name === 'capnuoc.portal-session' && c.httpOnly));
    assert.ok(!cookies.some((c) => c.name.includes('authjs.session-token')), 'no staff session was made');
  });

  it('a wrong proof is refused, the right one links the code and shows it', async () => {
    await page.getByTestId('link-code').fill(code);
    await page.getByTestId('link-verifier').fill(last4 === '0000' ? '1111' : '0000');
    await page.getByTestId('link-submit').click();
    await page.getByTestId('link-error').waitFor({ timeout: 30_000 });
    assert.match((await page.getByTestId('link-error').textContent()) ?? '', /không đúng/);

    await page.getByTestId('link-verifier').fill(last4);
    await page.getByTestId('link-submit').click();
    await page.getByTestId('link-ok').waitFor({ timeout: 30_000 });
    const linked = page.locator(`[data-testid="portal-linked-customer"][data-code="${code}"]`);
    await linked.waitFor({ timeout: 30_000 });
    const box = await linked.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the customer card fits the phone screen');
  });

  it('switches SMS notices off and on again for the linked customer', async () => {
    const linked = page.locator(`[data-testid="portal-linked-customer"][data-code="${code}"]`);
    const sms = linked.getByTestId('notice-SMS');
    assert.equal(await sms.getAttribute('aria-pressed'), 'true');
    await sms.click();
    await linked.locator('[data-testid="notice-SMS"][aria-pressed="false"]').waitFor({ timeout: 30_000 });
    await linked.getByTestId('notice-SMS').click();
    await linked.locator('[data-testid="notice-SMS"][aria-pressed="true"]').waitFor({ timeout: 30_000 });
  });

  it('a staff field refuses the customer’s session', async () => {
    const res = await page.request.post(`${baseUrl}/api/graphql`, { data: { query: '{ me { login } }' } });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    assert.equal(body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('signs out, and the used link signs nobody in again', async () => {
    await page.getByTestId('portal-sign-out').click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap', { timeout: 30_000 });
    await page.goto(`${baseUrl}/tai-khoan`);
    await page.waitForURL((url) => url.pathname === '/dang-nhap', { timeout: 30_000 });
    await page.goto(signInLink);
    await page.waitForURL((url) => url.pathname === '/dang-nhap', { timeout: 30_000 });
    assert.match((await page.getByTestId('portal-sign-in-error').textContent()) ?? '', /hết hạn hoặc đã được dùng/);
  });
});
