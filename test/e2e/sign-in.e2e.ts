import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

describe('sign-in', () => {
  it('refuses a wrong password with the same message as an unknown user', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.fill('input[name="username"]', 'nv01');
    await page.fill('input[name="password"]', 'sai-mat-khau');
    await page.click('button[type="submit"]');
    const wrong = await page.getByTestId('login-error').textContent();
    await page.goto(`${baseUrl}/login`);
    await page.fill('input[name="username"]', 'khongco');
    await page.fill('input[name="password"]', 'sai-mat-khau');
    await page.click('button[type="submit"]');
    const unknown = await page.getByTestId('login-error').textContent();
    assert.equal(wrong, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    assert.equal(unknown, wrong);
    await screenshot(page, 'login');
    await page.close();
  });

  it('signs in and lands on the back office', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin');
    assert.match(page.url(), /\/customers/);
    await page.close();
  });
});
