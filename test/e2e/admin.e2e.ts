import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser?.close());

describe('catalogs and permissions', () => {
  let page: Page;
  before(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin');
  });
  after(async () => page?.close());

  it('filters a catalog by column, operator and value', async () => {
    await page.goto(`${baseUrl}/catalogs/wards`);
    await page.getByTestId('grid-row').first().waitFor();
    const all = await page.getByTestId('grid-row').count();
    await page.getByTestId('filter-column').selectOption('kind');
    await page.getByTestId('filter-op').selectOption('eq');
    await page.getByTestId('filter-value').selectOption('commune');
    await page.getByTestId('filter-apply').click();
    await page.getByTestId('filter-chip').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="grid-row"]').length < n, all);
    const texts = await page.getByTestId('grid-row').allInnerTexts();
    assert.ok(texts.length > 0 && texts.every((t) => t.includes('Xã')), `only communes remain: ${texts.join(' | ')}`);
    await screenshot(page, 'catalog-wards');
  });

  it('shows the permission matrix of a user', async () => {
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('user-row').filter({ hasText: 'nv01' }).click();
    await page.getByTestId('permission-matrix').waitFor();
    await page.getByTestId('perm-document-customers-edit').waitFor();
    await screenshot(page, 'permissions');
  });
});

describe('read-only user', () => {
  it('xem01 sees customers but cannot add, edit or delete them', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'xem01');
    await page.goto(`${baseUrl}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    assert.equal(await page.getByTestId('btn-add').isDisabled(), true);
    assert.equal(await page.getByTestId('btn-edit').isDisabled(), true);
    assert.equal(await page.getByTestId('btn-delete').isDisabled(), true);
    // The UI only mirrors the rights; the API refuses on its own.
    const res = await page.request.post(`${baseUrl}/api/graphql`, {
      data: { query: 'mutation { deleteCustomer(id: 1) }' },
    });
    const body = await res.json();
    assert.equal(body.errors[0].extensions.code, 'FORBIDDEN');
    await page.close();
  });
});
