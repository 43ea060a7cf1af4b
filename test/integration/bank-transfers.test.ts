/**
 * Bank transfers by VietQR: the bank's notifications and imported statements are matched by payment code, deduped
 * on the bank's reference, and what does not match waits in suspense for a cashier to allocate or ignore.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/sql';
import type { GraphQLContext } from '@/graphql/context';
import type { Actor } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { ingestBankTransactions } from '@/services/payments/bank-transfer.service';
import type { StatementImportResult } from '@/services/payments/bank-statement.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));
const { POST: uploadStatement } = await import('@/app/api/payments/bank-statements/route');

const ACCOUNT = '113000123456';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
/** Book 0: a owes February and March, b owes March. Book 2 (outsider's): c. */
let a: TestCustomer;
let b: TestCustomer;
let c: TestCustomer;
const inv: Record<string, number> = {};
let seq = 0;

const at = (iso: string) => new Date(`${iso}+07:00`);
const ref = (prefix = 'FT') => `${prefix}${String(++seq).padStart(8, '0')}`;
const tx = (description: string, amount: number, externalId = ref()) => ({
  bankAccount: ACCOUNT,
  externalId,
  amount,
  receivedAt: at('2026-03-20T09:15:00'),
  description,
});

async function count(table: 'payments' | 'bank_transactions', where = sql`true`): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`),
  );
  return Number(r!.n);
}

async function amountDue(invoiceId: number): Promise<number> {
  const [r] = rowsOf<{ due: number }>(
    await database.db.execute(sql`select i.total - coalesce(r.water_paid + r.vat_paid + r.fees_paid, 0) as due
      from invoices i left join invoice_receivables r on r.invoice_id = i.id where i.id = ${invoiceId}`),
  );
  return Number(r!.due);
}

async function bankRow(externalId: string) {
  const [r] = rowsOf<Record<string, unknown>>(
    await database.db
      .execute(sql`select id::int as id, status, payment_id::int as payment_id, source, resolved_by, resolution_note
      from bank_transactions where external_id = ${externalId}`),
  );
  return r;
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

async function ok<T = Record<string, any>>(actor: Actor, query: string, vars: Record<string, unknown> = {}) {
  const r = await gql<T>(database.db, actor, query, vars);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

const LIST = `query($filter: BankTransactionFilter!, $first: Int, $after: String) {
  bankTransactions(filter: $filter, first: $first, after: $after) {
    totalCount totalAmount pageInfo { hasNextPage endCursor }
    rows { id externalId amount status source description receiptNumber paymentId
      customer { id code name } suggestedCustomer { id code name totalDue credit } resolvedByName resolutionNote }
  } }`;
const PREVIEW = `query($id: Int!, $code: String!) { bankAllocationPreview(id: $id, customerCode: $code) {
  customer { id code name totalDue credit } invoicePeriod creditAfter transaction { id status } } }`;
const ALLOCATE = `mutation($id: Int!, $code: String!, $note: String) {
  allocateBankTransaction(id: $id, customerCode: $code, note: $note) {
    id status receiptNumber paymentId customer { code } resolvedByName resolutionNote } }`;
const IGNORE = `mutation($id: Int!, $note: String!) { ignoreBankTransaction(id: $id, note: $note) {
  id status resolutionNote resolvedByName } }`;

async function upload(actor: Actor, body: BodyInit, headers: Record<string, string> = {}) {
  current.ctx = { db: database.db, actor, ip: '127.0.0.1' } as GraphQLContext;
  const res = await uploadStatement(
    new Request('http://test/api/payments/bank-statements', { method: 'POST', body, headers }),
  );
  return {
    status: res.status,
    body: (await res.json()) as StatementImportResult & { code?: string; message?: string },
  };
}

function multipart(bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.set('file', new File([bytes as BlobPart], name));
  return form;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await database.db.execute(sql`update companies set bank_bin = '970415', bank_account = ${ACCOUNT}`);
  a = await addCustomer(database.db, f);
  b = await addCustomer(database.db, f);
  c = await addCustomer(database.db, f, { bookId: f.bookIds[2] });
  const db = database.db;
  inv.aFeb = await issuedInvoice(db, { customerId: a.id, period: '2026-02', water: 100_000, vat: 5_000, fees: 10_000 });
  inv.aMar = await issuedInvoice(db, {
    customerId: a.id,
    period: '2026-03',
    water: 200_000,
    vat: 10_000,
    fees: 20_000,
  });
  inv.bMar = await issuedInvoice(db, { customerId: b.id, period: '2026-03', water: 100_000, vat: 5_000, fees: 10_000 });
  inv.cMar = await issuedInvoice(db, { customerId: c.id, period: '2026-03', water: 50_000, vat: 2_500, fees: 5_000 });
}, 120_000);
afterAll(async () => database?.close());

describe('bank notifications (webhook-like ingest)', () => {
  it('pays the invoice the payment code names, not the oldest, as a bank-transfer payment', async () => {
    const line = tx(`MBVCB.8123456.TN ${a.code} 202603.CT tu 0123456789 NGUYEN VAN AN`, 230_000);
    const [r] = await ingestBankTransactions(database.db, [line], 'webhook');
    expect(r).toEqual({ externalId: line.externalId, status: 'matched', paymentId: expect.any(Number) });
    expect(await amountDue(inv.aMar!)).toBe(0);
    expect(await amountDue(inv.aFeb!)).toBe(115_000);
    const [p] = rowsOf<Record<string, unknown>>(
      await database.db
        .execute(sql`select customer_id, channel, amount::int as amount, allocated::int as allocated, external_id, bank_account,
        business_day::text as day from payments where id = ${r!.paymentId}`),
    );
    expect(p).toEqual({
      customer_id: a.id,
      channel: 'bank_transfer',
      amount: 230_000,
      allocated: 230_000,
      external_id: line.externalId,
      bank_account: ACCOUNT,
      day: '2026-03-20',
    });
    expect(await bankRow(line.externalId)).toMatchObject({
      status: 'matched',
      payment_id: r!.paymentId,
      source: 'webhook',
    });
  });

  it('matches a description with the spaces dropped, and puts the excess on the customer as credit', async () => {
    const line = tx(`TN${b.code}202603`, 150_000);
    const [r] = await ingestBankTransactions(database.db, [line], 'webhook');
    expect(r!.status).toBe('matched');
    expect(await amountDue(inv.bMar!)).toBe(0);
    const [p] = rowsOf<{ credit: number }>(
      await database.db.execute(sql`select amount - allocated as credit from payments where id = ${r!.paymentId}`),
    );
    expect(Number(p!.credit)).toBe(35_000);
  });

  it('the same notification twice makes one payment; the repeat answers duplicate with the first payment', async () => {
    const line = tx(`TN ${a.code} 202602`, 15_000);
    const [first] = await ingestBankTransactions(database.db, [line], 'webhook');
    const [second] = await ingestBankTransactions(database.db, [line], 'webhook');
    expect(first!.status).toBe('matched');
    expect(second).toEqual({ externalId: line.externalId, status: 'duplicate', paymentId: first!.paymentId });
    expect(await count('payments', sql`external_id = ${line.externalId}`)).toBe(1);
    expect(await count('bank_transactions', sql`external_id = ${line.externalId}`)).toBe(1);
  });

  it('the same notification delivered 6 times at once makes one payment', async () => {
    const line = tx(`TN ${a.code} 202602`, 10_000);
    const results = (
      await Promise.all(Array.from({ length: 6 }, () => ingestBankTransactions(database.db, [line], 'webhook')))
    ).flat();
    expect(results.filter((r) => r.status === 'matched')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(5);
    const paymentIds = new Set(results.map((r) => r.paymentId));
    expect(paymentIds.size).toBe(1);
    expect(await count('payments', sql`external_id = ${line.externalId}`)).toBe(1);
  });

  it('the same bank id twice in one batch counts once, for a payment and for suspense alike', async () => {
    const paying = tx(`TN ${c.code} 202603`, 1_000);
    const parked = tx('KHONG CO MA', 2_000);
    const results = await ingestBankTransactions(
      database.db,
      [paying, parked, { ...paying, amount: 9_000 }, parked],
      'webhook',
    );
    expect(results.map((r) => r.status)).toEqual(['matched', 'suspense', 'duplicate', 'duplicate']);
    expect(results[2]!.paymentId).toBe(results[0]!.paymentId);
    expect(await count('payments', sql`external_id = ${paying.externalId}`)).toBe(1);
    expect(await count('bank_transactions', sql`external_id in (${paying.externalId}, ${parked.externalId})`)).toBe(2);
  });

  it('parks money with no code, or the code of nobody, in suspense without a payment', async () => {
    const lines = [tx('CHUYEN TIEN NUOC THANG 3', 99_000), tx('TN KH999999 202603 NGUYEN VAN X', 88_000)];
    const results = await ingestBankTransactions(database.db, lines, 'webhook');
    expect(results.map((r) => [r.status, r.paymentId])).toEqual([
      ['suspense', null],
      ['suspense', null],
    ]);
    expect(await count('payments', sql`external_id in (${lines[0]!.externalId}, ${lines[1]!.externalId})`)).toBe(0);
  });

  it('refuses a batch for another account, or with an amount that is not whole positive VND, writing nothing', async () => {
    const before = await count('bank_transactions');
    const good = tx(`TN ${a.code} 202602`, 1_000);
    expect(
      await codeOf(
        ingestBankTransactions(database.db, [good, { ...tx('x', 1_000), bankAccount: '999888777' }], 'webhook'),
      ),
    ).toBe('BANK_ACCOUNT_MISMATCH');
    for (const amount of [0, -5_000, 1_000.5, 200_000_000_000])
      expect(await codeOf(ingestBankTransactions(database.db, [good, tx('x', amount)], 'webhook'))).toBe(
        'PAYMENT_INVALID_AMOUNT',
      );
    expect(await count('bank_transactions')).toBe(before);
    // The account as banks print it (spaces, dots) is the same account.
    const spaced = { ...tx('x', 1_000), bankAccount: '1130 0012 3456' };
    expect((await ingestBankTransactions(database.db, [spaced], 'webhook'))[0]!.status).toBe('suspense');
  });

  it('refuses everything while the company has no receiving account', async () => {
    await database.db.execute(sql`update companies set bank_account = null`);
    try {
      expect(await codeOf(ingestBankTransactions(database.db, [tx('x', 1_000)], 'webhook'))).toBe(
        'BANK_ACCOUNT_NOT_CONFIGURED',
      );
    } finally {
      await database.db.execute(sql`update companies set bank_account = ${ACCOUNT}`);
    }
  });
});

describe('the suspense list', () => {
  let waiting: { externalId: string; id: number };

  beforeAll(async () => {
    const line = tx(`chuyen tien nuoc ${b.code} thang 3 NGUYEN THI B`, 60_000);
    await ingestBankTransactions(database.db, [line], 'webhook');
    waiting = { externalId: line.externalId, id: Number((await bankRow(line.externalId))!.id) };
  });

  it('lists suspense lines with a suggested customer and what they owe', async () => {
    const data = await ok(f.clerk, LIST, { filter: { status: 'SUSPENSE', search: waiting.externalId } });
    const row = data.bankTransactions.rows[0];
    expect(data.bankTransactions.totalCount).toBe(1);
    expect(row).toMatchObject({
      id: waiting.id,
      status: 'SUSPENSE',
      source: 'WEBHOOK',
      amount: 60_000,
      paymentId: null,
      suggestedCustomer: { id: b.id, code: b.code, totalDue: 0, credit: 35_000 },
    });
  });

  it('pages newest first with a cursor, no line twice, and the totals of the whole filter', async () => {
    const all = await ok(f.admin, LIST, { filter: {}, first: 500 });
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Record<string, any> = await ok(f.admin, LIST, { filter: {}, first: 3, after });
      expect(page.bankTransactions.totalCount).toBe(all.bankTransactions.totalCount);
      seen.push(...page.bankTransactions.rows.map((r: { id: number }) => r.id));
      if (!page.bankTransactions.pageInfo.hasNextPage) break;
      after = page.bankTransactions.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.bankTransactions.rows.map((r: { id: number }) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    const sum = all.bankTransactions.rows.reduce((s: number, r: { amount: number }) => s + r.amount, 0);
    expect(all.bankTransactions.totalAmount).toBe(sum);
    const day = await ok(f.admin, LIST, { filter: { from: '2026-03-21', to: '2026-03-31' } });
    expect(day.bankTransactions.totalCount).toBe(0);
  });

  it('previews an allocation: the customer, what they owe and what stays as credit', async () => {
    const data = await ok(f.clerk, PREVIEW, { id: waiting.id, code: ` ${a.code.toLowerCase()} ` });
    expect(data.bankAllocationPreview).toMatchObject({
      customer: { id: a.id, code: a.code, totalDue: 90_000 },
      invoicePeriod: null,
      creditAfter: 0,
      transaction: { id: waiting.id, status: 'SUSPENSE' },
    });
  });

  it('allocates to a customer once: a second allocation is refused and makes no second payment', async () => {
    const data = await ok(f.clerk, ALLOCATE, { id: waiting.id, code: a.code, note: 'Khách gọi điện xác nhận' });
    expect(data.allocateBankTransaction).toMatchObject({
      status: 'ALLOCATED',
      customer: { code: a.code },
      resolvedByName: 'Người dùng clerk',
      resolutionNote: 'Khách gọi điện xác nhận',
    });
    expect(data.allocateBankTransaction.receiptNumber).toMatch(/^PT\d{8}$/);
    expect(await amountDue(inv.aFeb!)).toBe(30_000);
    const again = await gql(database.db, f.clerk, ALLOCATE, { id: waiting.id, code: b.code });
    expect(again.code).toBe('BANK_TRANSACTION_RESOLVED');
    expect(await count('payments', sql`external_id = ${waiting.externalId}`)).toBe(1);
  });

  it('two cashiers allocating the same line at once make one payment', async () => {
    const line = tx('KHONG RO NOI DUNG', 5_000);
    await ingestBankTransactions(database.db, [line], 'webhook');
    const id = Number((await bankRow(line.externalId))!.id);
    const results = await Promise.all([
      gql(database.db, f.clerk, ALLOCATE, { id, code: a.code }),
      gql(database.db, f.admin, ALLOCATE, { id, code: b.code }),
    ]);
    expect(results.filter((r) => r.errors.length === 0)).toHaveLength(1);
    expect(results.map((r) => r.code).filter(Boolean)).toEqual(['BANK_TRANSACTION_RESOLVED']);
    expect(await count('payments', sql`external_id = ${line.externalId}`)).toBe(1);
  });

  it('ignores a line with a note; it can then be neither allocated nor ignored again', async () => {
    const line = tx('HOAN TIEN DU AN 12', 7_000_000);
    await ingestBankTransactions(database.db, [line], 'webhook');
    const id = Number((await bankRow(line.externalId))!.id);
    expect((await gql(database.db, f.clerk, IGNORE, { id, note: 'ok' })).code).toBe('VALIDATION_FAILED');
    const data = await ok(f.clerk, IGNORE, { id, note: 'Tiền hoàn dự án, không phải tiền nước' });
    expect(data.ignoreBankTransaction).toMatchObject({ status: 'IGNORED', resolvedByName: 'Người dùng clerk' });
    expect((await gql(database.db, f.clerk, ALLOCATE, { id, code: a.code })).code).toBe('BANK_TRANSACTION_RESOLVED');
    expect((await gql(database.db, f.clerk, IGNORE, { id, note: 'lần hai' })).code).toBe('BANK_TRANSACTION_RESOLVED');
    expect(await count('payments', sql`external_id = ${line.externalId}`)).toBe(0);
  });
});

describe('who may handle bank money', () => {
  let waitingId: number;
  let waitingRef: string;

  beforeAll(async () => {
    const line = tx(`TN ${a.code}`, 40_000);
    await ingestBankTransactions(database.db, [line], 'webhook');
    waitingRef = line.externalId;
    waitingId = Number((await bankRow(line.externalId))!.id);
  });

  it('an outsider sees suspense money but not the payments of customers of books they lack', async () => {
    const data = await ok(f.outsider, LIST, { filter: {}, first: 500 });
    const rows = data.bankTransactions.rows as {
      status: string;
      id: number;
      suggestedCustomer: unknown;
      customer: { code: string } | null;
    }[];
    expect(rows.some((r) => r.id === waitingId)).toBe(true);
    // Paid lines show only for customers of the outsider's own book (c).
    const paid = rows.filter((r) => r.status === 'MATCHED' || r.status === 'ALLOCATED');
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.filter((r) => r.customer?.code !== c.code)).toEqual([]);
    // The suggestion names only customers the viewer may take money for.
    expect(rows.find((r) => r.id === waitingId)!.suggestedCustomer).toBeNull();
    expect(JSON.stringify(data)).not.toContain(`"code":"${a.code}"`);
    const clerk = await ok(f.clerk, LIST, { filter: { status: 'MATCHED' }, first: 500 });
    expect(clerk.bankTransactions.rows.length).toBeGreaterThan(0);
  });

  it('an outsider cannot allocate to a customer of another book: the customer answers as unknown', async () => {
    const before = await count('payments');
    const r = await gql(database.db, f.outsider, ALLOCATE, { id: waitingId, code: a.code });
    expect(r.code).toBe('NOT_FOUND');
    expect(r.errors[0]!.message).not.toContain(a.code);
    expect((await gql(database.db, f.outsider, PREVIEW, { id: waitingId, code: a.code })).code).toBe('NOT_FOUND');
    expect(await count('payments')).toBe(before);
    expect(await bankRow(waitingRef)).toMatchObject({ status: 'suspense', payment_id: null });
    // And a clerk cannot put money on the outsider's customer either.
    expect((await gql(database.db, f.clerk, ALLOCATE, { id: waitingId, code: c.code })).code).toBe('NOT_FOUND');
  });

  it('a viewer (access only) lists but may neither allocate nor ignore; nobody else even lists', async () => {
    expect((await gql(database.db, f.viewer, LIST, { filter: {} })).errors).toEqual([]);
    expect((await gql(database.db, f.viewer, ALLOCATE, { id: waitingId, code: a.code })).code).toBe('FORBIDDEN');
    expect((await gql(database.db, f.viewer, IGNORE, { id: waitingId, note: 'không phải tiền nước' })).code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(database.db, null, LIST, { filter: {} })).code).toBe('UNAUTHENTICATED');
  });

  it('an outsider may allocate suspense money to a customer of their own book', async () => {
    const data = await ok(f.outsider, ALLOCATE, { id: waitingId, code: c.code });
    expect(data.allocateBankTransaction).toMatchObject({ status: 'ALLOCATED', customer: { code: c.code } });
    // …and from then on the line is theirs: the clerk, who lacks book 2, no longer sees it.
    const clerk = await gql(database.db, f.clerk, IGNORE, { id: waitingId, note: 'không phải tiền nước' });
    expect(clerk.code).toBe('NOT_FOUND');
  });
});

describe('statement import', () => {
  /** The reference of a webhook notification the statement will repeat. */
  let seen: { externalId: string; paymentId: number | null };

  beforeAll(async () => {
    const line = tx(`TN ${b.code} 202603`, 12_345);
    const [r] = await ingestBankTransactions(database.db, [line], 'webhook');
    seen = { externalId: line.externalId, paymentId: r!.paymentId };
  });

  async function statementXlsx(rows: (string | number | Date | null)[][], account = ACCOUNT): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sao kê tài khoản');
    ws.addRow(['NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM']);
    ws.addRow(['Số tài khoản:', account]);
    ws.addRow(['Từ ngày 01/03/2026 đến ngày 31/03/2026']);
    ws.addRow(['Ngày giao dịch', 'Số tham chiếu', 'Ghi nợ', 'Ghi có', 'Số dư', 'Nội dung giao dịch']);
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('imports a real .xlsx: matches, parks, dedupes against the webhook, skips debits, rejects bad lines', async () => {
    const matchRef = ref('ST');
    const parkRef = ref('ST');
    const file = await statementXlsx([
      [new Date(Date.UTC(2026, 2, 21, 8, 0)), seen.externalId, null, 12_345, 1, `TN ${b.code} 202603`],
      [new Date(Date.UTC(2026, 2, 21, 9, 0)), matchRef, null, 30_000, 2, `IBFT TN ${a.code} 202602 NGUYEN VAN AN`],
      [new Date(Date.UTC(2026, 2, 21, 10, 0)), parkRef, null, 77_000, 3, 'UNG HO QUY'],
      [new Date(Date.UTC(2026, 2, 21, 11, 0)), ref('ST'), 500_000, null, 4, 'RUT TIEN'],
      ['21/03/2026', '', null, 10_000, 5, 'không có số tham chiếu'],
      ['21/03/2026', ref('ST'), null, '12.345,67', 6, 'số tiền lẻ'],
      ['Tổng cộng', null, 500_000, 129_345, null, null],
    ]);
    const { status, body } = await upload(f.clerk, multipart(file, 'sao-ke-032026.xlsx'));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      format: 'xlsx',
      account: ACCOUNT,
      lines: 5,
      matched: 1,
      suspense: 1,
      duplicate: 1,
      rejected: 2,
      skippedDebits: 1,
      matchedAmount: 30_000,
      suspenseAmount: 77_000,
    });
    expect(body.rejections.map((r) => r.row)).toEqual([9, 10]);
    expect(await amountDue(inv.aFeb!)).toBe(0);
    expect(await bankRow(matchRef)).toMatchObject({ status: 'matched', source: 'statement' });
    expect(await bankRow(parkRef)).toMatchObject({ status: 'suspense', payment_id: null });
    // The webhook's line keeps its payment; the statement made no second one.
    expect(await bankRow(seen.externalId)).toMatchObject({ source: 'webhook', payment_id: seen.paymentId });
    expect(await count('payments', sql`external_id = ${seen.externalId}`)).toBe(1);
    const [recordedBy] = rowsOf<{ recorded_by: number }>(
      await database.db.execute(sql`select recorded_by from payments where external_id = ${matchRef}`),
    );
    expect(Number(recordedBy!.recorded_by)).toBe(f.clerk.userId);
  });

  it('imports a real CSV sent as the raw body; importing it twice changes nothing', async () => {
    const r1 = ref('CSV');
    const r2 = ref('CSV');
    const csv = [
      '\uFEFFSố tài khoản: 1130 0012 3456',
      'Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Nội dung',
      `22/03/2026 07:30:00;${r1};;"50.000";"MBVCB.1.TN ${b.code} 202603.CT tu 01, NGUYEN THI B"`,
      `22/03/2026 08:30:00;${r2};;"20.000";"chuyen khoan"`,
      `22/03/2026 09:30:00;${seen.externalId};;"12.345";"TN ${b.code} 202603"`,
      '',
    ].join('\r\n');
    const bytes = new TextEncoder().encode(csv);
    const first = await upload(f.clerk, bytes as BodyInit, { 'content-type': 'text/csv' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ format: 'csv', matched: 1, suspense: 1, duplicate: 1, rejected: 0 });
    const paymentsBefore = await count('payments');
    const second = await upload(f.clerk, bytes as BodyInit, { 'content-type': 'text/csv' });
    expect(second.body).toMatchObject({ matched: 0, suspense: 0, duplicate: 3, rejected: 0 });
    expect(await count('payments')).toBe(paymentsBefore);
  });

  it('rejects a line whose reference came before with another amount', async () => {
    const file = await statementXlsx([[new Date(Date.UTC(2026, 2, 23)), seen.externalId, null, 99_999, 1, 'x']]);
    const { body } = await upload(f.clerk, multipart(file, 's.xlsx'));
    expect(body).toMatchObject({ duplicate: 0, rejected: 1 });
    expect(body.rejections[0]!.reason).toContain('số tiền khác');
  });

  it('refuses a statement of another account, an unreadable file, and a user without the add right', async () => {
    const before = await count('bank_transactions');
    const other = await statementXlsx(
      [[new Date(Date.UTC(2026, 2, 23)), ref('X'), null, 1_000, 1, 'x']],
      '0071000999999',
    );
    const wrong = await upload(f.clerk, multipart(other, 's.xlsx'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('BANK_ACCOUNT_MISMATCH');
    const junk = await upload(f.clerk, multipart(new TextEncoder().encode('a,b\n1,2\n'), 'x.csv'));
    expect([junk.status, junk.body.code]).toEqual([400, 'BANK_STATEMENT_UNREADABLE']);
    const viewer = await upload(f.viewer, multipart(other, 's.xlsx'));
    expect([viewer.status, viewer.body.code]).toEqual([403, 'FORBIDDEN']);
    const empty = await upload(f.clerk, new FormData());
    expect(empty.body.code).toBe('FILE_REQUIRED');
    expect(await count('bank_transactions')).toBe(before);
  });
});

describe('the ledger', () => {
  it('keeps every invariant after all of the above', async () => {
    expect(await ledgerViolations(database.db)).toEqual([]);
    // Every matched or allocated line has exactly its payment, of its amount, under its reference.
    const broken = rowsOf(
      await database.db.execute(sql`select bt.id from bank_transactions bt left join payments p on p.id = bt.payment_id
        where bt.status in ('matched', 'allocated') and (p.id is null or p.amount <> bt.amount
          or p.external_id <> bt.external_id or p.channel <> 'bank_transfer')`),
    );
    expect(broken).toEqual([]);
  });
});
