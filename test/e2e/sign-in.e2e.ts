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

  it('without JavaScript, posts the form: the password is in no URL, a refusal shows its message, the right one signs in', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const urls: string[] = [];
    const posts: string[] = [];
    page.on('request', (request) => {
      urls.push(request.url());
      if (request.method() === 'POST') posts.push(request.url());
    });

    // An old link with credentials in the query is cleaned up before anything renders.
    await page.goto(`${baseUrl}/login?username=nv01&password=trong-url-2026`);
    assert.doesNotMatch(page.url(), /password|trong-url/);
    urls.length = 0;
    posts.length = 0;

    assert.equal((await page.getAttribute('form', 'method'))?.toLowerCase(), 'post');
    await page.fill('input[name="username"]', 'nv01');
    await page.fill('input[name="password"]', 'sai-khong-js');
    await page.click('button[type="submit"]');
    await page.getByTestId('login-error').waitFor();
    assert.equal(await page.getByTestId('login-error').textContent(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
    assert.equal(await page.inputValue('input[name="username"]'), 'nv01');

    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', 'admin-demo-2026');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname.startsWith('/customers'), { timeout: 30_000 });

    assert.equal(posts.length, 2, `two form posts, got ${posts.join(', ')}`);
    for (const url of urls) assert.doesNotMatch(url, /sai-khong-js|admin-demo-2026|password=/);
    await context.close();
  });

  it('signs in and lands on the back office', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin');
    assert.match(page.url(), /\/customers/);
    await page.close();
  });

  it('sends the security headers, and the pages run under their content security policy', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    const response = await page.goto(`${baseUrl}/login`);
    const headers = response!.headers();
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.doesNotMatch(headers['content-security-policy'] ?? '', /unsafe-eval/, 'production pages need no eval');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.match(headers['permissions-policy'] ?? '', /camera=\(\)/);
    await signIn(page, 'admin');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(violations, []);
    await page.close();
  });
});
