import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';

/**
 * The reading entry screen with the keyboard (SPEC §2): book S01 of the demo (2,000 customers, 12 past
 * periods ending the month before this one), the current period; Enter saves and moves to the next row,
 * an absurd index is flagged as typed and by the server, and the values survive a reload. Then the month's
 * billing run for the book and the tariff catalog, for the README screenshots.
 */

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, 'nv01');
});
after(async () => browser?.close());

/** YYYY-MM of today in Vietnam (UTC+7), the period the screen opens on. */
function currentPeriodVN(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

interface Target {
  code: string;
  previous: number;
  typed: number;
}

async function activeTestId(p: Page): Promise<string | null> {
  return p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** The visible rows of the grid in screen order: customer code (from the input's test id) and previous index. */
async function visibleRows(p: Page): Promise<{ code: string; previous: number; top: number }[]> {
  const rows = await p.$$eval('[data-testid="reading-row"]', (els) =>
    els.map((el) => {
      const input = el.querySelector<HTMLInputElement>('input[data-testid^="reading-input-"]');
      const cells = el.querySelectorAll('[role="gridcell"]');
      return {
        code: (input?.getAttribute('data-testid') ?? '').replace('reading-input-', ''),
        previous: (cells[4]?.textContent ?? '').replace(/\D/g, ''),
        top: parseFloat((el as HTMLElement).style.top || '0'),
      };
    }),
  );
  return rows
    .filter((r) => r.code && !r.code.endsWith('-old'))
    .sort((a, b) => a.top - b.top)
    .map((r) => ({ code: r.code, previous: Number(r.previous), top: r.top }));
}

describe('reading entry', () => {
  const period = currentPeriodVN();
  const targets: Target[] = [];

  it('opens book S01 on the current period, ready to type', async () => {
    await page.goto(`${baseUrl}/readings`);
    const picker = page.getByTestId('book-picker');
    await picker.waitFor({ timeout: 60_000 });
    const s01 = await picker.evaluate((el) => {
      const o = [...(el as HTMLSelectElement).options].find((x) => x.text.startsWith('S01'));
      return o?.value ?? null;
    });
    assert.ok(s01, 'book S01 is offered to nv01');
    if ((await picker.inputValue()) !== s01) await picker.selectOption(s01);
    await page.waitForSelector('[data-testid="reading-grid"] [data-testid="reading-row"]', { timeout: 60_000 });
    assert.equal(await page.getByTestId('period-input').getAttribute('data-period'), period);
    assert.equal(await page.getByTestId('lock-state').getAttribute('data-locked'), 'false');
    const counts = await page.getByTestId('reading-counts').textContent();
    assert.match(counts ?? '', /2\.000/, 'the book has 2,000 rows');
  });

  it('enters indexes with the keyboard: Enter saves and moves to the next row', async () => {
    // Work on rows not read yet (the list does not re-filter while typing).
    await page.getByTestId('filter-unread').click();
    await page.waitForTimeout(200);
    const rows = (await visibleRows(page)).slice(0, 4);
    assert.equal(rows.length, 4);

    const first = rows[0]!;
    await page.getByTestId(`reading-input-${first.code}`).click();
    for (let i = 0; i < 3; i++) {
      const row = rows[i]!;
      assert.equal(await activeTestId(page), `reading-input-${row.code}`);
      // The side panel shows the focused customer's last periods and the 3-period average: type a usual month.
      const panel = page.getByTestId('history-panel');
      await page.waitForFunction(
        (code) => document.querySelector('[data-testid="history-panel"]')?.getAttribute('data-customer') === code,
        row.code,
      );
      await page.getByTestId('history-table').waitFor({ timeout: 15_000 });
      const avgText =
        (await panel
          .getByText(/TB 3 kỳ/)
          .first()
          .textContent()) ?? '';
      const avg = Number((/TB 3 kỳ:\s*([\d.]+)/.exec(avgText)?.[1] ?? '0').replace(/\./g, ''));
      const typed = row.previous + Math.max(1, avg);
      targets.push({ code: row.code, previous: row.previous, typed });
      await page.keyboard.type(String(typed));
      assert.equal(
        digits(await page.getByTestId(`consumption-${row.code}`).textContent()),
        typed - row.previous,
        'm3 computed as typed',
      );
      await page.keyboard.press('Enter');
    }

    // The fourth row: an absurd index, flagged while typing, before anything is saved.
    const absurd = rows[3]!;
    assert.equal(await activeTestId(page), `reading-input-${absurd.code}`);
    const typed = Math.min(99_999, absurd.previous + 5_000);
    targets.push({ code: absurd.code, previous: absurd.previous, typed });
    await page.keyboard.type(String(typed));
    const badge = page.getByTestId(`anomaly-${absurd.code}`);
    assert.equal(await badge.getAttribute('data-source'), 'local');
    assert.match((await badge.textContent()) ?? '', /Tăng cao/);
    await page.keyboard.press('Enter');

    // The server's verdict replaces the preview once the row is saved.
    await page.waitForSelector(`[data-testid="anomaly-${absurd.code}"][data-source="server"]`, { timeout: 15_000 });
    assert.match((await badge.textContent()) ?? '', /Tăng cao/);
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
    for (const t of targets.slice(0, 3)) {
      assert.equal(
        await page.getByTestId(`anomaly-${t.code}`).getAttribute('data-count'),
        '0',
        `${t.code} is not flagged`,
      );
      assert.equal(await page.getByTestId(`row-status-${t.code}`).getAttribute('data-state'), 'saved');
    }
  });

  it('keeps the values after a reload', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid="reading-grid"] [data-testid="reading-row"]', { timeout: 60_000 });
    for (const t of targets) {
      await page.getByTestId('reading-search').fill(t.code);
      const input = page.getByTestId(`reading-input-${t.code}`);
      await input.waitFor({ timeout: 10_000 });
      assert.equal(await input.inputValue(), String(t.typed), `${t.code} kept its index`);
      assert.equal(digits(await page.getByTestId(`consumption-${t.code}`).textContent()), t.typed - t.previous);
    }
    const absurd = targets[3]!;
    assert.equal(await page.getByTestId(`anomaly-${absurd.code}`).getAttribute('data-source'), 'server');
    assert.match((await page.getByTestId(`anomaly-${absurd.code}`).textContent()) ?? '', /Tăng cao/);

    // Screenshot: the flagged customer focused, its history beside the grid.
    await page.getByTestId('reading-search').fill('');
    await page.getByTestId(`reading-input-${absurd.code}`).click();
    await page.getByTestId('history-chart').waitFor({ timeout: 15_000 });
    await screenshot(page, 'readings');
  });

  it('takes back a mistaken reading by emptying the index', async () => {
    await page.getByTestId('filter-unread').click();
    await page.waitForTimeout(200);
    const row = (await visibleRows(page))[0]!;
    const input = page.getByTestId(`reading-input-${row.code}`);
    await input.click();
    await page.keyboard.type(String(row.previous + 7));
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/graphql') && (r.request().postData() ?? '').includes('saveReading'),
    );
    await page.keyboard.press('Enter');
    await saved;
    await input.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    const cleared = page.waitForResponse(
      (r) => r.url().endsWith('/api/graphql') && (r.request().postData() ?? '').includes('clearReading'),
    );
    await page.keyboard.press('Enter');
    const body = await (await cleared).json();
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    await page.reload();
    await page.waitForSelector('[data-testid="reading-grid"] [data-testid="reading-row"]', { timeout: 60_000 });
    await page.getByTestId('reading-search').fill(row.code);
    await page.getByTestId(`reading-input-${row.code}`).waitFor({ timeout: 10_000 });
    assert.equal(
      await page.getByTestId(`reading-input-${row.code}`).inputValue(),
      '',
      'the reading is gone after a reload',
    );
    await page.getByTestId('reading-search').fill('');
  });
});

describe('billing run', () => {
  it('bills book S01 for the period with a progress bar and the end summary', async () => {
    await page.goto(`${baseUrl}/billing`);
    await page.getByTestId('run-button').waitFor({ timeout: 60_000 });
    await page.getByTestId('scope-book').check();
    const picker = page.getByTestId('book-picker');
    const s01 = await picker.evaluate(
      (el) => [...(el as HTMLSelectElement).options].find((x) => x.text.startsWith('S01'))?.value ?? '',
    );
    await picker.selectOption(s01);
    await page.getByTestId('run-button').click();
    await page.getByTestId('progress-bar').waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-testid="run-panel"][data-status="DONE"]', { timeout: 120_000 });
    assert.equal(await page.getByTestId('progress-bar').getAttribute('aria-valuenow'), '100');
    assert.ok(digits(await page.getByTestId('sum-invoices').textContent()) >= 3, 'the entered readings are billed');
    assert.match((await page.getByTestId('sum-amount').textContent()) ?? '', /₫/);
    // The flagged reading keeps its customer out of the run until a supervisor clears it.
    await page.getByTestId('skip-reason-anomaly_open').waitFor({ timeout: 10_000 });
    await page.getByTestId('runs-table').waitFor({ timeout: 10_000 });
    // Let the progress bar's width transition (500 ms) finish before the picture.
    await page.waitForTimeout(800);
    await screenshot(page, 'billing');
  });
});

describe('tariffs', () => {
  it('shows the Hanoi household tiers and the worked example in the calculator', async () => {
    await page.goto(`${baseUrl}/tariffs`);
    await page.getByTestId('service-type-grid').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="service-type-row"]', { hasText: 'HN_SH' }).first().click();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="calc-type"]') as HTMLSelectElement | null)?.value === 'HN_SH',
    );
    await page.getByTestId('calc-m3').fill('25');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="calc-total"]')?.textContent?.replace(/\D/g, '') === '199635',
      undefined,
      { timeout: 15_000 },
    );
    assert.equal(await page.locator('[data-testid="tier-row"]').count(), 4);
    await screenshot(page, 'tariffs');
  });
});
