import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';

/** Debian's Chromium, headless (playwright gives it a fresh temporary profile), with the flags this closed network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="username"]', login);
  await page.fill('input[name="password"]', `${login}-demo-2026`);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** A portal suite's browser: the administrator signed in at 1366×768 beside an anonymous phone (390×844, touch). */
export interface PhoneSession {
  browser: Browser;
  admin: Page;
  phone: BrowserContext;
  page: Page;
}

export async function openPhone(): Promise<PhoneSession> {
  const browser = await launchBrowser();
  try {
    const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(admin, 'admin');
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    return { browser, admin, phone, page };
  } catch (error) {
    // The suite's after() never sees a browser that failed to sign in: close it here, or the run hangs on it.
    await browser.close();
    throw error;
  }
}

/** A GraphQL call with `p`'s session; any error fails the test (setup and read-backs, not what a test asserts). */
export async function graphqlAs(p: Page, query: string, variables?: Record<string, unknown>) {
  const res = await p.request.post(`${baseUrl}/api/graphql`, { data: { query, variables }, timeout: 120_000 });
  const body = (await res.json()) as { data: any; errors?: { message: string }[] };
  assert.equal(body.errors, undefined, `${query.slice(0, 60)}… answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Screenshots of the main screens feed the README (docs/screenshots). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('docs', 'screenshots', `${name}.png`), fullPage: false });
}

/**
 * Presses a shortcut until `shown` appears. A server-rendered screen shows its rows before React has hydrated it and
 * bound its keys; under load that gap reaches seconds, and a key pressed in it does nothing (as it would for a
 * person). Retried at most 10 times over ~10 s, so a shortcut that never works still fails.
 */
export async function pressUntilVisible(page: Page, key: string, shown: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await shown.waitFor({ timeout: 1_000 });
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}
