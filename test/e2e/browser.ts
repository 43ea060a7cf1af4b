import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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
