/**
 * The partner API over real HTTP (test/helpers/partner-http.ts): authentication refusals write nothing, bills are
 * masked, payments are idempotent byte for byte, overpayment follows the partner's setting, reversal only the same
 * business day, status after a time-out, the bank's notification; and the demo seed's DEMO_BANK signs in.
 */
import { Agent } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { createPartner, listPartners, rotatePartnerSecret, updatePartner } from '@/services/payments/partner.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';
import {
  partnerRequest,
  signedRequest,
  startPartnerServer,
  type PartnerServer,
  type SignedCall,
} from '../helpers/partner-http';

const current = vi.hoisted(() => ({ database: null as unknown as Database }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/app-database', () => ({ getAppDatabase: async () => current.database }));

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let server: PartnerServer;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** A partner allowed from this machine; `other` a second one, to check partners never see each other's payments. */
const bank = { id: 0, code: 'BANK_A', secret: '' };
const other = { id: 0, code: 'WALLET_B', secret: '' };
let an: TestCustomer;
let debtor: TestCustomer;
let paidUp: TestCustomer;
let invoiceIds: number[] = [];

const call = (c: Omit<SignedCall, 'partnerId' | 'secret'> & Partial<SignedCall>) =>
  partnerRequest(server.url, { partnerId: bank.code, secret: bank.secret, ...c }, agent);

/** Every table a partner call may write: a refusal leaves all of them as they were. */
async function writes(): Promise<string> {
  const [row] = rowsOf<Record<string, unknown>>(
    await database.db.execute(sql`select
      (select count(*) from payments)::int as payments,
      (select count(*) from payment_allocations)::int as allocations,
      (select count(*) from payment_reversals)::int as reversals,
      (select count(*) from invoice_receivables)::int as receivables,
      (select coalesce(sum(water_paid + vat_paid + fees_paid), 0)::int8 as paid from invoice_receivables)::text as paid,
      (select count(*) from bank_transactions)::int as bank`),
  );
  return JSON.stringify(row);
}

const nowIso = () => new Date().toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  current.database = database;
  f = await createOrgFixture(database.db);
  await database.db.execute(sql`update companies set bank_bin = '970415', bank_account = '113000123456'`);
  an = await addCustomer(database.db, f, { name: 'Nguyễn Văn An', address: '12 Phố Hàng Bông, Hoàn Kiếm' });
  debtor = await addCustomer(database.db, f, { name: 'Trần Thị Thu Hương', address: '5 Ngõ Huế' });
  paidUp = await addCustomer(database.db, f, { name: 'Lê Minh', address: '7 Phố Huế' });
  invoiceIds = [
    await issuedInvoice(database.db, {
      customerId: an.id,
      period: '2026-01',
      water: 100_000,
      vat: 5_000,
      fees: 10_000,
    }),
    await issuedInvoice(database.db, { customerId: an.id, period: '2026-02', water: 80_000, vat: 4_000, fees: 8_000 }),
  ];
  await issuedInvoice(database.db, {
    customerId: debtor.id,
    period: '2026-02',
    water: 50_000,
    vat: 2_500,
    fees: 5_000,
  });
  const a = await createPartner(database.db, f.admin, {
    code: bank.code,
    name: 'Ngân hàng A',
    allowList: ['127.0.0.1'],
    allowOverpayment: false,
    notifiesBank: true,
    active: true,
  });
  Object.assign(bank, { id: a.partner.id, secret: a.secret });
  const b = await createPartner(database.db, f.admin, {
    code: other.code,
    name: 'Ví điện tử B',
    allowList: ['127.0.0.0/8', '::1'],
    allowOverpayment: true,
    notifiesBank: false,
    active: true,
  });
  Object.assign(other, { id: b.partner.id, secret: b.secret });
  server = await startPartnerServer();
}, 120_000);
afterAll(async () => {
  agent.destroy();
  await server?.close();
  await database?.close();
});

describe('authentication', () => {
  it('stores the secret encrypted, never in clear', async () => {
    const [row] = rowsOf<{ secret_ciphertext: string }>(
      await database.db.execute(sql`select secret_ciphertext from partners where code = ${bank.code}`),
    );
    expect(row!.secret_ciphertext).not.toContain(bank.secret);
    expect(row!.secret_ciphertext.startsWith('v1.')).toBe(true);
  });

  it('answers a good signature', async () => {
    const r = await call({ path: '/api/partners/v1/bills', body: { customerCode: paidUp.code } });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ customerCode: paidUp.code, invoices: [], totalDue: 0 });
  });

  const pay = () => ({
    transactionId: `REFUSED-${Math.random().toString(36).slice(2, 8)}`,
    customerCode: an.code,
    amount: 10_000,
    paidAt: nowIso(),
  });

  it.each([
    ['an unknown partner', { partnerId: 'NO_SUCH_BANK' }, 'PARTNER_UNKNOWN'],
    ['no X-Partner-Id', { partnerId: '' }, 'PARTNER_UNKNOWN'],
    ['a signature made with another secret', { secret: 'doan-mo-bi-mat' }, 'PARTNER_BAD_SIGNATURE'],
    ['no signature', { signature: '' }, 'PARTNER_BAD_SIGNATURE'],
    // Offsets from the moment of the call (the table is built before the tests run).
    ['a timestamp 301 s old', { timestamp: -301 }, 'PARTNER_CLOCK_SKEW'],
    ['a timestamp 301 s ahead', { timestamp: 301 }, 'PARTNER_CLOCK_SKEW'],
    ['a stale timestamp of yesterday', { timestamp: -86_400 }, 'PARTNER_CLOCK_SKEW'],
    ['a timestamp in milliseconds', { timestamp: 0 }, 'PARTNER_CLOCK_SKEW'],
    // The other partner's signature under this partner's id.
    ['a valid signature of another partner', { secret: '' }, 'PARTNER_BAD_SIGNATURE'],
  ] as const)('refuses %s with 401 and writes nothing', async (_what, overrides, code) => {
    const before = await writes();
    const o = { ...overrides } as Partial<SignedCall>;
    if (o.secret === '') o.secret = other.secret;
    if (o.timestamp !== undefined)
      o.timestamp = o.timestamp === 0 ? Date.now() : Math.floor(Date.now() / 1000) + o.timestamp;
    const r = await call({ path: '/api/partners/v1/payments', body: pay(), ...o });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(await writes()).toBe(before);
  });

  it('refuses a replay: the same timestamp and signature over another body', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const first = { ...pay(), customerCode: debtor.code, amount: 1_000 };
    const ok = await call({ path: '/api/partners/v1/payments', body: first, timestamp });
    expect(ok.status).toBe(201);
    const sent = signedRequest({ path: '', body: first, timestamp, partnerId: bank.code, secret: bank.secret }).headers[
      'x-signature'
    ]!;
    const before = await writes();
    const forged = await call({
      path: '/api/partners/v1/payments',
      body: { ...first, amount: 57_500, transactionId: `${first.transactionId}X` },
      timestamp,
      signature: sent,
    });
    expect(forged.status).toBe(401);
    expect(forged.json().error.code).toBe('PARTNER_BAD_SIGNATURE');
    // The very same request again is not a new payment either: the transaction id makes it a retry.
    const again = await call({ path: '/api/partners/v1/payments', body: first, timestamp, signature: sent });
    expect(again.status).toBe(201);
    expect(again.text).toBe(ok.text);
    expect(await writes()).toBe(before);
  });

  it('refuses an address outside the allow-list, whatever X-Forwarded-For the client writes', async () => {
    await updatePartner(database.db, f.admin, bank.id, {
      name: 'Ngân hàng A',
      allowList: ['203.0.113.0/24'],
      allowOverpayment: false,
      notifiesBank: true,
      active: true,
    });
    try {
      const before = await writes();
      for (const headers of [{}, { 'x-forwarded-for': '203.0.113.7' }] as Record<string, string>[]) {
        const r = await call({ path: '/api/partners/v1/payments', body: pay(), headers });
        expect(r.status).toBe(401);
        expect(r.json().error.code).toBe('PARTNER_ADDRESS_NOT_ALLOWED');
      }
      expect(await writes()).toBe(before);
    } finally {
      await updatePartner(database.db, f.admin, bank.id, {
        name: 'Ngân hàng A',
        allowList: ['127.0.0.1'],
        allowOverpayment: false,
        notifiesBank: true,
        active: true,
      });
    }
  });

  it('refuses a deactivated partner as unknown, and the old secret after a rotation', async () => {
    const temp = await createPartner(database.db, f.admin, {
      code: 'TEMP_STORE',
      name: 'Cửa hàng tạm',
      allowList: ['127.0.0.1', '::1'],
      allowOverpayment: false,
      notifiesBank: false,
      active: true,
    });
    const bills = (secret: string) =>
      partnerRequest(
        server.url,
        { path: '/api/partners/v1/bills', body: { customerCode: an.code }, partnerId: 'TEMP_STORE', secret },
        agent,
      );
    expect((await bills(temp.secret)).status).toBe(200);
    const rotated = await rotatePartnerSecret(database.db, f.admin, temp.partner.id);
    expect(rotated.secret).not.toBe(temp.secret);
    const old = await bills(temp.secret);
    expect([old.status, old.json().error.code]).toEqual([401, 'PARTNER_BAD_SIGNATURE']);
    expect((await bills(rotated.secret)).status).toBe(200);
    await updatePartner(database.db, f.admin, temp.partner.id, {
      name: 'Cửa hàng tạm',
      allowList: ['127.0.0.1'],
      allowOverpayment: false,
      notifiesBank: false,
      active: false,
    });
    const off = await bills(rotated.secret);
    expect([off.status, off.json().error.code]).toEqual([401, 'PARTNER_UNKNOWN']);
  });

  it('answers malformed JSON 400 and an oversized body 413, writing nothing', async () => {
    const before = await writes();
    const bad = await call({ path: '/api/partners/v1/payments', body: '{"transactionId": ' });
    expect([bad.status, bad.json().error.code]).toEqual([400, 'BAD_REQUEST']);
    const huge = await call({ path: '/api/partners/v1/payments', body: JSON.stringify({ pad: 'x'.repeat(70_000) }) });
    expect([huge.status, huge.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await writes()).toBe(before);
  });
});

describe('bills', () => {
  it('lists the open invoices oldest first with the total, the name and address masked', async () => {
    const r = await call({ path: '/api/partners/v1/bills', body: { customerCode: an.code } });
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body).toEqual({
      customerCode: an.code,
      name: 'Ng*** V** A*',
      address: '1* P** Hà** Bô**, Ho** Ki**',
      invoices: [
        { id: invoiceIds[0], period: '2026-01', series: '1C26TPT', number: expect.any(Number), amountDue: 115_000 },
        { id: invoiceIds[1], period: '2026-02', series: '1C26TPT', number: expect.any(Number), amountDue: 92_000 },
      ],
      totalDue: 207_000,
      credit: 0,
    });
    for (const word of ['Nguyễn', 'Văn', 'Hàng Bông']) expect(r.text).not.toContain(word);
  });

  it('answers 404 CUSTOMER_NOT_FOUND for an unknown code and 400 for a malformed one', async () => {
    const r = await call({ path: '/api/partners/v1/bills', body: { customerCode: 'KH999999' } });
    expect([r.status, r.json().error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    const bad = await call({ path: '/api/partners/v1/bills', body: { customerCode: "1' or '1'='1" } });
    expect([bad.status, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('payments', () => {
  it('pays oldest first and answers a retry with the first answer, byte for byte and with the same status', async () => {
    const body = { transactionId: 'A-0001', customerCode: an.code, amount: 150_000, paidAt: nowIso() };
    const first = await call({ path: '/api/partners/v1/payments', body });
    expect(first.status).toBe(201);
    const answer = first.json();
    expect(answer).toMatchObject({
      transactionId: 'A-0001',
      receiptNumber: expect.stringMatching(/^PT\d{8}$/),
      status: 'POSTED',
      customerCode: an.code,
      amount: 150_000,
      businessDay: todayInVietnam(new Date(body.paidAt)),
      paid: [
        { invoiceId: invoiceIds[0], period: '2026-01', amount: 115_000 },
        { invoiceId: invoiceIds[1], period: '2026-02', amount: 35_000 },
      ],
      credit: 0,
    });
    const before = await writes();
    // The same payment later, with a later timestamp and the instant written in Vietnam time: the same answer.
    const sameInstant = new Date(body.paidAt).getTime() + 7 * 3600_000;
    const local = `${new Date(sameInstant).toISOString().slice(0, 23)}+07:00`;
    for (const retry of [body, { ...body, paidAt: local }]) {
      const again = await call({ path: '/api/partners/v1/payments', body: retry });
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
    }
    expect(await writes()).toBe(before);
    const [count] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from payments where external_id = 'A-0001'`),
    );
    expect(count!.n).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_CONFLICT to the same transaction id with other data, writing nothing', async () => {
    const before = await writes();
    for (const change of [{ amount: 150_001 }, { customerCode: debtor.code }, { paidAt: '2026-01-01T00:00:00Z' }]) {
      const body = { transactionId: 'A-0001', customerCode: an.code, amount: 150_000, paidAt: nowIso(), ...change };
      const r = await call({ path: '/api/partners/v1/payments', body });
      if ('paidAt' in change) {
        // Too old to be a payment at all: refused before the id is even looked at.
        expect([r.status, r.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
        continue;
      }
      expect([r.status, r.json().error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    }
    const shifted = { transactionId: 'A-0001', customerCode: an.code, amount: 150_000, paidAt: nowIso() };
    const r = await call({ path: '/api/partners/v1/payments', body: shifted });
    expect([r.status, r.json().error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(await writes()).toBe(before);
  });

  it('keeps transaction ids per partner: another partner may use the same id', async () => {
    const body = { transactionId: 'A-0001', customerCode: debtor.code, amount: 500, paidAt: nowIso() };
    const r = await partnerRequest(
      server.url,
      { path: '/api/partners/v1/payments', body, partnerId: other.code, secret: other.secret },
      agent,
    );
    expect(r.status).toBe(201);
    expect(r.json()).toMatchObject({ transactionId: 'A-0001', customerCode: debtor.code, amount: 500 });
  });

  it('refuses an amount above the total due when the partner may not overpay, writing nothing', async () => {
    const [due] = rowsOf<{ d: number }>(
      await database.db.execute(sql`select coalesce(sum(total), 0)::int8 - coalesce((select sum(water_paid + vat_paid
        + fees_paid) from invoice_receivables where customer_id = ${an.id}), 0) as d from invoices
        where customer_id = ${an.id}`),
    );
    const totalDue = Number(due!.d);
    expect(totalDue).toBe(57_000);
    const before = await writes();
    const over = await call({
      path: '/api/partners/v1/payments',
      body: { transactionId: 'A-OVER', customerCode: an.code, amount: totalDue + 1, paidAt: nowIso() },
    });
    expect([over.status, over.json().error.code]).toEqual([422, 'PAYMENT_OVERPAYMENT_REFUSED']);
    expect(over.json().error.message).toContain('57.000');
    const nothing = await call({
      path: '/api/partners/v1/payments',
      body: { transactionId: 'A-NONE', customerCode: paidUp.code, amount: 1_000, paidAt: nowIso() },
    });
    expect([nothing.status, nothing.json().error.code]).toEqual([422, 'PAYMENT_NOTHING_DUE']);
    expect(await writes()).toBe(before);
    // The refused id was not remembered: paying exactly what is due under it works.
    const exact = await call({
      path: '/api/partners/v1/payments',
      body: { transactionId: 'A-OVER', customerCode: an.code, amount: totalDue, paidAt: nowIso() },
    });
    expect(exact.status).toBe(201);
    expect(exact.json()).toMatchObject({ credit: 0, paid: [{ invoiceId: invoiceIds[1], amount: 57_000 }] });
  });

  it('takes the excess as credit when the partner may overpay', async () => {
    const r = await partnerRequest(
      server.url,
      {
        path: '/api/partners/v1/payments',
        body: { transactionId: 'B-CREDIT', customerCode: paidUp.code, amount: 30_000, paidAt: nowIso() },
        partnerId: other.code,
        secret: other.secret,
      },
      agent,
    );
    expect(r.status).toBe(201);
    expect(r.json()).toMatchObject({ status: 'POSTED', paid: [], credit: 30_000 });
    const bills = await partnerRequest(
      server.url,
      {
        path: '/api/partners/v1/bills',
        body: { customerCode: paidUp.code },
        partnerId: other.code,
        secret: other.secret,
      },
      agent,
    );
    expect(bills.json()).toMatchObject({ totalDue: 0, credit: 30_000 });
  });

  it('refuses malformed fields with 400 and a stable code', async () => {
    const base = { transactionId: 'A-BAD', customerCode: an.code, amount: 1_000, paidAt: nowIso() };
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 1000.5 }, 'PAYMENT_INVALID_AMOUNT'],
      [{ amount: '1000' }, 'PAYMENT_INVALID_AMOUNT'],
      [{ amount: 0 }, 'PAYMENT_INVALID_AMOUNT'],
      [{ amount: 100_000_000_001 }, 'PAYMENT_INVALID_AMOUNT'],
      [{ transactionId: '' }, 'VALIDATION_FAILED'],
      [{ transactionId: 'x'.repeat(65) }, 'VALIDATION_FAILED'],
      [{ transactionId: 'có dấu' }, 'VALIDATION_FAILED'],
      [{ paidAt: '2026-03-01 08:00' }, 'VALIDATION_FAILED'],
      [{ paidAt: new Date(Date.now() + 3600_000).toISOString() }, 'VALIDATION_FAILED'],
    ];
    const before = await writes();
    for (const [change, code] of cases) {
      const r = await call({ path: '/api/partners/v1/payments', body: { ...base, ...change } });
      expect([JSON.stringify(change), r.status, r.json().error.code]).toEqual([JSON.stringify(change), 400, code]);
    }
    const notObject = await call({ path: '/api/partners/v1/payments', body: [base] });
    expect([notObject.status, notObject.json().error.code]).toEqual([400, 'BAD_REQUEST']);
    expect(await writes()).toBe(before);
  });
});

describe('status and reversal', () => {
  it('answers the status of a payment, 404 for an id this partner never used', async () => {
    const r = await call({ method: 'GET', path: '/api/partners/v1/payments/A-0001' });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ transactionId: 'A-0001', status: 'POSTED', amount: 150_000, reversedAt: null });
    const missing = await call({ method: 'GET', path: '/api/partners/v1/payments/NEVER-SENT' });
    expect([missing.status, missing.json().error.code]).toEqual([404, 'PARTNER_TRANSACTION_NOT_FOUND']);
    // WALLET_B has no B-only id under BANK_A.
    const foreign = await call({ method: 'GET', path: '/api/partners/v1/payments/B-CREDIT' });
    expect(foreign.status).toBe(404);
    // A GET is signed over the empty body: a signature over anything else is refused.
    const forged = await call({ method: 'GET', path: '/api/partners/v1/payments/A-0001', signature: 'a'.repeat(64) });
    expect([forged.status, forged.json().error.code]).toEqual([401, 'PARTNER_BAD_SIGNATURE']);
  });

  it('reverses a payment the same business day, reopens what it paid, and answers a second reverse the same', async () => {
    const paid = await call({
      path: '/api/partners/v1/payments',
      body: { transactionId: 'A-REV', customerCode: debtor.code, amount: 20_000, paidAt: nowIso() },
    });
    expect(paid.status).toBe(201);
    const dueBefore = (await call({ path: '/api/partners/v1/bills', body: { customerCode: debtor.code } })).json();
    const r = await call({ path: '/api/partners/v1/payments/A-REV/reverse', body: { reason: 'Khách hủy giao dịch' } });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({
      transactionId: 'A-REV',
      status: 'REVERSED',
      amount: 20_000,
      paid: [],
      credit: 0,
      reversedAt: expect.any(String),
      reversalReason: 'Khách hủy giao dịch',
    });
    const dueAfter = (await call({ path: '/api/partners/v1/bills', body: { customerCode: debtor.code } })).json();
    expect(dueAfter.totalDue).toBe(dueBefore.totalDue + 20_000);
    const before = await writes();
    const again = await call({ path: '/api/partners/v1/payments/A-REV/reverse', body: {} });
    expect(again.status).toBe(200);
    expect(again.text).toBe(r.text);
    const status = await call({ method: 'GET', path: '/api/partners/v1/payments/A-REV' });
    expect(status.text).toBe(r.text);
    expect(await writes()).toBe(before);
    // A reversed id stays used: paying under it again is a retry of the first answer, not a new payment.
    const retry = await call({
      path: '/api/partners/v1/payments',
      body: { transactionId: 'A-REV', customerCode: debtor.code, amount: 20_000, paidAt: paid.json().paidAt },
    });
    expect([retry.status, retry.text]).toEqual([201, paid.text]);
  });

  it('refuses to reverse a payment of another business day, writing nothing', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const paid = await call({
      path: '/api/partners/v1/payments',
      body: { transactionId: 'A-OLD', customerCode: debtor.code, amount: 5_000, paidAt: yesterday },
    });
    expect(paid.status).toBe(201);
    expect(paid.json().businessDay).not.toBe(todayInVietnam(new Date()));
    const before = await writes();
    const r = await call({ path: '/api/partners/v1/payments/A-OLD/reverse', body: {} });
    expect([r.status, r.json().error.code]).toEqual([422, 'PAYMENT_REVERSAL_DAY_PASSED']);
    expect(await writes()).toBe(before);
    expect((await call({ method: 'GET', path: '/api/partners/v1/payments/A-OLD' })).json().status).toBe('POSTED');
    const unknown = await call({ path: '/api/partners/v1/payments/NOPE/reverse', body: {} });
    expect([unknown.status, unknown.json().error.code]).toEqual([404, 'PARTNER_TRANSACTION_NOT_FOUND']);
  });
});

describe('bank notifications', () => {
  it('pays the customer the payment code names, once, and refuses an unsigned notification', async () => {
    const body = {
      transactionId: 'FT26001234',
      account: '1130 0012 3456',
      amount: 12_000,
      receivedAt: nowIso(),
      description: `CT DEN:0123 TN ${debtor.code} 202602 thanh toan tien nuoc`,
    };
    const before = await writes();
    const unsigned = await call({ path: '/api/partners/v1/bank-transactions', body, signature: 'b'.repeat(64) });
    expect([unsigned.status, unsigned.json().error.code]).toEqual([401, 'PARTNER_BAD_SIGNATURE']);
    expect(await writes()).toBe(before);
    const r = await call({ path: '/api/partners/v1/bank-transactions', body });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      transactionId: 'FT26001234',
      status: 'MATCHED',
      receiptNumber: expect.stringMatching(/^PT\d{8}$/),
    });
    const again = await call({ path: '/api/partners/v1/bank-transactions', body });
    expect(again.json()).toEqual({ ...r.json(), status: 'DUPLICATE' });
    const stray = await call({
      path: '/api/partners/v1/bank-transactions',
      body: { ...body, transactionId: 'FT26009999', description: 'chuyen tien' },
    });
    expect(stray.json()).toEqual({ transactionId: 'FT26009999', status: 'SUSPENSE', receiptNumber: null });
  });

  it('refuses a notification from a partner that is not the company’s bank, writing nothing', async () => {
    const before = await writes();
    const r = await call({
      partnerId: other.code,
      secret: other.secret,
      path: '/api/partners/v1/bank-transactions',
      body: {
        transactionId: 'FT26007777',
        account: '113000123456',
        amount: 57_500,
        receivedAt: nowIso(),
        description: `TN ${debtor.code} 202602`,
      },
    });
    expect([r.status, r.json().error.code]).toEqual([403, 'PARTNER_NOT_A_BANK']);
    expect(await writes()).toBe(before);
  });
});

describe('administration over GraphQL', () => {
  it('lets an admin add a partner and shows its secret only in that answer', async () => {
    const created = await gql(
      database.db,
      f.admin,
      `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { secret partner { id code allowList } } }`,
      {
        input: {
          code: 'momo_demo',
          name: 'Ví MoMo (thử)',
          allowList: ['198.51.100.0/24', ' 198.51.100.9 '],
          allowOverpayment: false,
          notifiesBank: false,
          active: true,
        },
      },
    );
    expect(created.errors).toEqual([]);
    expect(created.data!.createPartner.partner).toMatchObject({
      code: 'MOMO_DEMO',
      allowList: ['198.51.100.0/24', '198.51.100.9'],
    });
    expect(created.data!.createPartner.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = await gql(database.db, f.admin, `{ partners { code name allowList allowOverpayment active } }`);
    expect(JSON.stringify(list.data)).not.toContain(created.data!.createPartner.secret);
    expect((list.data!.partners as { code: string }[]).map((p) => p.code)).toContain('MOMO_DEMO');
    const duplicate = await gql(
      database.db,
      f.admin,
      `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { secret } }`,
      {
        input: {
          code: 'MOMO_DEMO',
          name: 'Lần hai',
          allowList: [],
          allowOverpayment: false,
          notifiesBank: false,
          active: true,
        },
      },
    );
    expect(duplicate.code).toBe('DUPLICATE_CODE');
    const badList = await gql(
      database.db,
      f.admin,
      `mutation($id: Int!, $input: UpdatePartnerInput!) { updatePartner(id: $id, input: $input) { id } }`,
      {
        id: created.data!.createPartner.partner.id,
        input: { name: 'Ví MoMo', allowList: ['momo.vn'], allowOverpayment: false, notifiesBank: false, active: true },
      },
    );
    expect(badList.code).toBe('VALIDATION_FAILED');
    expect(badList.errors[0]!.message).toContain('momo.vn');
  });

  it('refuses a non-admin', async () => {
    for (const actor of [f.clerk, f.viewer, f.outsider]) {
      const r = await gql(database.db, actor, `{ partners { id } }`);
      expect(r.code).toBe('FORBIDDEN');
      await expect(listPartners(database.db, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('the ledger after all of it', () => {
  it('has no broken invariant', async () => {
    expect(await ledgerViolations(database.db)).toEqual([]);
  });
});

describe('the demo seed', () => {
  it('seeds DEMO_BANK with the published secret, callable from this machine only', async () => {
    const { seedDemo, DEMO_PARTNER } = await import('@/db/seed/demo');
    const demo = await createTestDatabase();
    try {
      const summary = await seedDemo(demo.db, { customers: 0, today: '2026-03-15' });
      expect(summary.partners).toEqual(['DEMO_BANK']);
      current.database = demo;
      const asDemo = (path: string, body: unknown) =>
        partnerRequest(server.url, { path, body, partnerId: 'DEMO_BANK', secret: 'demo-partner-secret-2026' }, agent);
      // Authenticated: the unknown customer is the only complaint.
      const r = await asDemo('/api/partners/v1/bills', { customerCode: 'KH000001' });
      expect([r.status, r.json().error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
      const [row] = rowsOf<{ allow_list: string[] | string }>(
        await demo.db.execute(sql`select allow_list from partners where code = 'DEMO_BANK'`),
      );
      expect(String(row!.allow_list)).toContain('127.0.0.1/32');
      expect(DEMO_PARTNER.allowList).toEqual(['127.0.0.1/32', '::1/128', '::ffff:127.0.0.1']);
    } finally {
      current.database = database;
      await demo.close();
    }
  });
});
