/**
 * The screens as a clerk at a 1366×768 office screen finds them (issue 7): enough customer rows to work in,
 * the readings grid without sideways scrolling, F4 typing straight into the first field, rights shown before a
 * button is pressed, and the keyboard's way past the menu.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, pressUntilVisible, screenshot, signIn } from './browser';

const OFFICE_SCREEN = { width: 1366, height: 768 };

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

/** Rows of a grid that are wholly inside its scrolling viewport. */
async function fullyVisibleRows(page: Page, rowTestId: string): Promise<number> {
  return page.evaluate((testId) => {
    const rows = [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
    if (rows.length === 0) return 0;
    let viewport: HTMLElement | null = rows[0]!.parentElement;
    while (viewport && !/(auto|scroll)/.test(getComputedStyle(viewport).overflowY)) viewport = viewport.parentElement;
    const box = (viewport ?? document.documentElement).getBoundingClientRect();
    const bottom = Math.min(box.bottom, window.innerHeight);
    return rows.filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= box.top - 0.5 && b.bottom <= bottom + 0.5;
    }).length;
  }, rowTestId);
}

describe('a clerk at 1366×768', () => {
  let page: Page;
  before(async () => {
    page = await browser.newPage({ viewport: OFFICE_SCREEN });
    await signIn(page, 'admin');
  });
  after(async () => page?.close());

  it('sees at least 15 customers of the book at once', async () => {
    await page.goto(`${baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    const visible = await fullyVisibleRows(page, 'customer-row');
    assert.ok(visible >= 15, `customer rows in view: ${visible}`);
    await screenshot(page, 'customers-1366');
  });

  it('reads the whole readings grid, anomaly column included, without scrolling sideways', async () => {
    await page.goto(`${baseUrl}/readings`);
    await page.getByTestId('reading-row').first().waitFor();
    const overflow = await page.evaluate(() => {
      const grid = document.querySelector<HTMLElement>('[data-testid="reading-grid"]')!;
      let el: HTMLElement | null = grid;
      const wider: string[] = [];
      while (el && el !== document.body) {
        if (el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowX))
          wider.push(`${el.tagName}.${el.className.slice(0, 40)} ${el.scrollWidth}>${el.clientWidth}`);
        el = el.parentElement;
      }
      return { wider, page: document.documentElement.scrollWidth - window.innerWidth };
    });
    assert.deepEqual(overflow.wider, [], 'no scroll container around the grid is wider than its box');
    assert.ok(overflow.page <= 0, `the page itself scrolls sideways by ${overflow.page}px`);
    // The bar is one line high and clips what does not fit: nothing may be cut off at this width.
    const toolbar = await page.getByTestId('readings-toolbar').evaluate((el) => ({
      clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
      height: el.getBoundingClientRect().height,
    }));
    assert.deepEqual(toolbar, { clipped: false, height: 48 });
    await screenshot(page, 'readings-1366');
  });

  it('F4 on a catalog puts the cursor in the first field, so typing at once fills it', async () => {
    await page.goto(`${baseUrl}/catalogs/wards`);
    await page.getByTestId('grid-row').first().waitFor();
    await pressUntilVisible(page, 'F4', page.getByRole('dialog'));
    await page.keyboard.type('P-E2E');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return { tag: el?.tagName, inDialog: !!el?.closest('[role="dialog"]'), value: el?.value };
    });
    assert.deepEqual(focused, { tag: 'INPUT', inDialog: true, value: 'P-E2E' });
    await page.keyboard.press('Escape');
  });

  it('reaches the screen past the menu with the first Tab, and the site has an icon', async () => {
    await page.goto(`${baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#main-content');
    const icon = await page.request.get(`${baseUrl}/icon.svg`);
    assert.equal(icon.status(), 200);
  });
});

describe('a user without the right sees it before pressing anything', () => {
  it('xem01: "Chỉ xem" on customers, and the billing button disabled with its reason', async () => {
    const page = await browser.newPage({ viewport: OFFICE_SCREEN });
    await signIn(page, 'xem01');
    await page.goto(`${baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    assert.equal(await page.getByTestId('read-only-badge').first().innerText(), 'Chỉ xem');
    const add = page.getByTestId('btn-add');
    assert.equal(await add.isDisabled(), true);
    assert.match((await add.getAttribute('title')) ?? '', /không có quyền/);

    await page.goto(`${baseUrl}/billing`);
    const run = page.getByTestId('run-button');
    await run.waitFor();
    assert.equal(await run.isDisabled(), true);
    assert.match(await page.getByTestId('run-disabled-reason').innerText(), /không có quyền/);
    await page.close();
  });
});
