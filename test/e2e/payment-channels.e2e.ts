import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { partnerRequest } from '../helpers/partner-http';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser';

/**
 * Issue 9's other ways money comes in, on the demo data as nv01 sees them: the demo bank (DEMO_BANK, its published
 * secret, from this machine) pays one customer's bill over the partner API; a bank statement naming another
 * customer's payment code is imported on the bank-transfer screen and matched; the debt report then shows both
 * invoices paid. Signed in as the administrator: the clerk nv01 holds neither book S03 nor the report rights. Book S03 for the month before last keeps clear of the other suites (counter: S02; invoices: S05).
 */

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await signIn(page, 'admin');
});
after(async () => browser?.close());

function periodBeforeLastVN(): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
}

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await page.request.post(`${baseUrl}/api/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json' },
    timeout: 180_000,
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  return body.data!;
}

interface Row {
  invoiceId: number;
  customerCode: string;
  amountDue: number;
}

describe('partner, bank statement and the debt report', () => {
  const period = periodBeforeLastVN();
  let bookId = 0;
  let bookDebtBefore = 0;
  let rows: Row[] = [];

  it('bills and issues book S03 for the month before last (through the API, as the screens do)', async () => {
    const { readingBooks } = await gql<{ readingBooks: { rows: { id: number; code: string }[] } }>(
      `{ readingBooks(filter: { search: "S03" }) { rows { id code } } }`,
    );
    bookId = readingBooks.rows.find((b) => b.code === 'S03')!.id;
    const run = await gql<{ startBillingRun: { id: number } }>(
      `mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id } }`,
      { input: { period, scope: { kind: 'books', bookIds: [bookId] } } },
    );
    for (let i = 0; i < 180; i++) {
      const { billingRun } = await gql<{ billingRun: { status: string } }>(
        `query($id: Int!) { billingRun(id: $id) { status } }`,
        { id: run.startBillingRun.id },
      );
      if (billingRun.status === 'DONE') break;
      assert.notEqual(billingRun.status, 'FAILED');
      await page.waitForTimeout(1_000);
    }
    const issued = await gql<{ issueInvoices: { issued: number } }>(
      `mutation($input: IssueInvoicesInput!) { issueInvoices(input: $input) { issued } }`,
      { input: { period, bookIds: [bookId] } },
    );
    assert.ok(issued.issueInvoices.issued > 2);
    const sheet = await gql<{ counterSheet: { rows: Row[] } }>(
      `query($bookId: Int!, $period: Period!) { counterSheet(bookId: $bookId, period: $period) {
        rows { invoiceId customerCode amountDue } } }`,
      { bookId, period },
    );
    rows = sheet.counterSheet.rows.filter((r) => r.amountDue > 0);
    assert.ok(rows.length >= 2);
  });

  it('shows the book’s debt in the debt report before anything is paid', async () => {
    await page.goto(`${baseUrl}/payments/reports`);
    const row = page.locator('[data-testid="debt-table"] tbody tr').filter({ hasText: 'S03' });
    await row.waitFor({ timeout: 60_000 });
    bookDebtBefore = digits(await row.locator('td').last().textContent());
    assert.ok(bookDebtBefore >= rows[0]!.amountDue + rows[1]!.amountDue);
  });

  it('the demo bank pays one customer’s bill over the partner API; a retry gets the same answer', async () => {
    const target = rows[0]!;
    const call = {
      partnerId: 'DEMO_BANK',
      secret: 'demo-partner-secret-2026',
      path: '/api/partners/v1/payments',
      body: {
        transactionId: `E2E-${Date.now()}`,
        customerCode: target.customerCode,
        amount: target.amountDue,
        paidAt: new Date().toISOString(),
      },
    };
    const bills = await partnerRequest(baseUrl, {
      ...call,
      path: '/api/partners/v1/bills',
      body: { customerCode: target.customerCode },
    });
    assert.equal(bills.status, 200);
    assert.ok(bills.json().totalDue >= target.amountDue);
    const first = await partnerRequest(baseUrl, call);
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json().status, 'POSTED');
    const again = await partnerRequest(baseUrl, call);
    assert.equal(again.status, 201);
    assert.equal(again.text, first.text);
  });

  it('imports a bank statement on the bank-transfer screen: the line with a payment code is matched', async () => {
    const target = rows[1]!;
    const csv = [
      'Số tài khoản: 113000123456',
      'Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Nội dung',
      `${new Date().toLocaleDateString('en-GB')} 08:15:00;E2EFT${Date.now()};;"${target.amountDue.toLocaleString('de-DE')}";` +
        `"MBVCB.8812.TN ${target.customerCode} ${period.replace('-', '')}.CT tu 0123456789"`,
      '',
    ].join('\r\n');
    await page.goto(`${baseUrl}/payments/bank`);
    await page.getByTestId('btn-bank-import').waitFor({ timeout: 60_000 });
    for (let attempt = 0; attempt < 10; attempt++) {
      await page.getByTestId('btn-bank-import').click();
      if (await page.getByTestId('bank-statement-dialog').isVisible()) break;
      await page.waitForTimeout(1_000);
    }
    await page.getByTestId('bank-statement-file').setInputFiles({
      name: 'sao-ke.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByTestId('bank-statement-submit').click();
    const matched = page.getByTestId('bank-statement-matched');
    await page.getByTestId('bank-statement-result').waitFor({ timeout: 60_000 });
    assert.equal(digits(await matched.locator('div').first().textContent()), 1);
    await screenshot(page, 'payments-bank-statement');
  });

  it('the debt report shows the book’s debt down by both payments', async () => {
    await page.goto(`${baseUrl}/payments/reports`);
    const row = page.locator('[data-testid="debt-table"] tbody tr').filter({ hasText: 'S03' });
    await row.waitFor({ timeout: 60_000 });
    const after = digits(await row.locator('td').last().textContent());
    assert.equal(after, bookDebtBefore - rows[0]!.amountDue - rows[1]!.amountDue);
    await screenshot(page, 'payments-debt-report');
  });
});
