/**
 * A partner's daily reconciliation through the upload route: a real CSV with one row of each kind of exception
 * produces exactly those (and the bank credit is compared with the partner's total), the same file twice answers
 * the first import, a bad file writes nothing, exceptions follow the customers' current books, a cashier resolves.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { GraphQLContext } from '@/graphql/context';
import type { Actor } from '@/services/auth/actor';
import { postPayment, reversePaymentInTx } from '@/services/payments/payment.service';
import {
  listReconciliationExceptions,
  resolveReconciliationException,
} from '@/services/payments/reconciliation.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice, ledgerViolations } from '../helpers/payment-fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));
const { POST: upload } = await import('@/app/api/payments/reconciliations/route');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let f: OrgFixture;
let partnerId: number;
const customers: Record<string, TestCustomer> = {};
const payments: Record<string, number> = {};
const DAY = '2026-05-04';

async function partnerPayment(customer: TestCustomer, transactionId: string, amount: number, hhmm = '09:00') {
  const { payment } = await db.transaction((tx) =>
    postPayment(tx, {
      customerId: customer.id,
      amount,
      channel: 'partner',
      paidAt: new Date(`${DAY}T${hhmm}:00+07:00`),
      partnerId,
      externalId: transactionId,
      requestFingerprint: 'f'.repeat(64),
    }),
  );
  payments[transactionId] = payment.id;
  return payment.id;
}

function send(actor: Actor | null, body: { csv?: string; partnerId?: number | string; day?: string; name?: string }) {
  current.ctx = { db, actor, ip: '127.0.0.1' } as GraphQLContext;
  const form = new FormData();
  if (body.csv !== undefined)
    form.set('file', new File([body.csv], body.name ?? 'DEMO_BANK_20260504.csv', { type: 'text/csv' }));
  form.set('partnerId', String(body.partnerId ?? partnerId));
  form.set('day', body.day ?? DAY);
  return upload(new Request('http://test/api/payments/reconciliations', { method: 'POST', body: form }));
}

async function count(table: 'reconciliations' | 'reconciliation_exceptions'): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`));
  return Number(r!.n);
}

let csv = '';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  f = await createOrgFixture(db);
  const [p] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into partners (code, name, secret_ciphertext)
      values ('DEMO_BANK', 'Ngân hàng Thử nghiệm', 'không-dùng-trong-bài-này') returning id`),
  );
  partnerId = Number(p!.id);
  for (const [key, name, book] of [
    ['match', 'Nguyễn Văn Khớp', 0],
    ['amount', 'Trần Thị Lệch', 0],
    ['ours', 'Lê Văn Riêng', 0],
    ['reversed', 'Phạm Thị Hủy', 0],
    ['partner', 'Hoàng Văn Ngoài', 2],
  ] as const) {
    customers[key] = await addCustomer(db, f, { name, bookId: f.bookIds[book] });
    await issuedInvoice(db, {
      customerId: customers[key].id,
      period: '2026-04',
      water: 100_000,
      vat: 5_000,
      fees: 10_000,
    });
  }
  await partnerPayment(customers.match!, 'FT-MATCH', 115_000);
  await partnerPayment(customers.amount!, 'FT-AMOUNT', 50_000);
  await partnerPayment(customers.ours!, 'FT-OURS', 30_000);
  await partnerPayment(customers.reversed!, 'FT-REV', 20_000);
  // Paid and reversed on both sides: nothing to report.
  const both = await partnerPayment(customers.match!, 'FT-BOTH-REV', 5_000, '10:00');
  await db.transaction((tx) => reversePaymentInTx(tx, both, { reason: 'Đối tác hủy', partnerId }));
  // Another partner's payment the same day is not this reconciliation's business.
  const [other] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into partners (code, name, secret_ciphertext) values ('OTHER_PAY', 'Ví khác', 'x')
      returning id`),
  );
  await db.transaction((tx) =>
    postPayment(tx, {
      customerId: customers.ours!.id,
      amount: 1_000,
      channel: 'partner',
      paidAt: new Date(`${DAY}T11:00:00+07:00`),
      partnerId: Number(other!.id),
      externalId: 'FT-OTHER',
      requestFingerprint: 'e'.repeat(64),
    }),
  );
  // The partner's transfer for the day, 5,000 short of the file's PAID total (115,000 + 55,000 + 40,000).
  await db.execute(sql`insert into bank_transactions (bank_account, external_id, amount, received_at, description,
      source, status)
    values ('113000123456', 'VCB-7781', 205000, '2026-05-04T16:30:00+07:00', 'DEMO_BANK TT THU HO NGAY 04/05/2026',
      'statement', 'suspense'),
      ('113000123456', 'VCB-7782', 90000, '2026-05-04T16:31:00+07:00', 'DEMO_BANK2 TT', 'statement', 'suspense')`);
  csv = [
    'transactionId,customerCode,amount,paidAt,status',
    `FT-MATCH,${customers.match!.code},115000,2026-05-04T09:00:00+07:00,PAID`,
    `FT-AMOUNT,${customers.amount!.code},55000,2026-05-04T09:00:00+07:00,PAID`,
    `FT-REV,${customers.reversed!.code},20000,2026-05-04T09:00:00+07:00,REVERSED`,
    `FT-PARTNER,${customers.partner!.code},40000,2026-05-04 14:20:05,PAID`,
    `FT-BOTH-REV,${customers.match!.code},5000,2026-05-04T10:00:00+07:00,REVERSED`,
    '',
  ].join('\r\n');
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('importing a partner’s daily file', () => {
  it('refuses callers without the payments edit right and files it cannot read, writing nothing', async () => {
    expect((await send(null, { csv })).status).toBe(401);
    const viewer = await send(f.viewer, { csv });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await send(f.clerk, {
      csv: `${csv}FT-X,${customers.match!.code},12.000,2026-05-04T09:00:00+07:00,PAID\nFT-MATCH,KH1,1,2026-05-04T09:00:00+07:00,PAID\n`,
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe('INVALID_FILE');
    expect(body.message).toContain('Dòng 7');
    expect(body.message).toContain('Dòng 8');
    expect(body.message).toContain('lặp lại');
    expect((await send(f.clerk, { csv: '' })).status).toBe(400);
    expect((await send(f.clerk, { csv, partnerId: 'abc' })).status).toBe(400);
    expect((await send(f.clerk, { csv, day: '2026-02-30' })).status).toBe(400);
    expect((await send(f.clerk, { csv, partnerId: 999_999 })).status).toBe(404);
    const huge = await send(f.clerk, { csv: 'x'.repeat(5 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
    expect(await count('reconciliations')).toBe(0);
  });

  it('a real CSV with one row of each kind produces exactly those exceptions, and the bank credit difference', async () => {
    const res = await send(f.clerk, { csv });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      alreadyImported: boolean;
      reconciliation: { id: number; matched: number; exceptions: number; fileName: string; businessDay: string };
      totals: Record<string, number | null>;
      exceptions: {
        kind: string;
        transactionId: string;
        customerCode: string | null;
        customerName: string | null;
        partnerAmount: number | null;
        ourAmount: number | null;
        paymentId: number | null;
      }[];
    };
    expect(body.alreadyImported).toBe(false);
    expect(body.reconciliation).toMatchObject({
      matched: 2,
      exceptions: 5,
      fileName: 'DEMO_BANK_20260504.csv',
      businessDay: DAY,
    });
    expect(body.totals).toEqual({
      partnerPaid: 210_000,
      partnerReversed: 25_000,
      ourPosted: 215_000,
      bankCredit: 205_000,
    });
    const seen = Object.fromEntries(body.exceptions.map((e) => [e.transactionId, e]));
    // The clerk holds book 0 only: FT-PARTNER's customer is in book 2, so that exception is not shown to them.
    expect(Object.keys(seen).sort()).toEqual(['(bank-credit)', 'FT-AMOUNT', 'FT-OURS', 'FT-REV']);
    expect(seen['FT-AMOUNT']).toMatchObject({
      kind: 'amount_differs',
      customerCode: customers.amount!.code,
      customerName: 'Trần Thị Lệch',
      partnerAmount: 55_000,
      ourAmount: 50_000,
      paymentId: payments['FT-AMOUNT'],
    });
    expect(seen['FT-OURS']).toMatchObject({ kind: 'only_ours', partnerAmount: null, ourAmount: 30_000 });
    expect(seen['FT-REV']).toMatchObject({ kind: 'reversed', partnerAmount: 20_000, ourAmount: 20_000 });
    expect(seen['(bank-credit)']).toMatchObject({
      kind: 'amount_differs',
      customerCode: null,
      partnerAmount: 210_000,
      ourAmount: 205_000,
    });
    // All five are stored, the book-2 one included.
    const stored = rowsOf<{ kind: string; transaction_id: string; customer_code: string | null }>(
      await db.execute(sql`select kind, transaction_id, customer_code from reconciliation_exceptions
        order by transaction_id`),
    );
    expect(stored).toEqual([
      { kind: 'amount_differs', transaction_id: '(bank-credit)', customer_code: null },
      { kind: 'amount_differs', transaction_id: 'FT-AMOUNT', customer_code: customers.amount!.code },
      { kind: 'only_ours', transaction_id: 'FT-OURS', customer_code: customers.ours!.code },
      { kind: 'only_partner', transaction_id: 'FT-PARTNER', customer_code: customers.partner!.code },
      { kind: 'reversed', transaction_id: 'FT-REV', customer_code: customers.reversed!.code },
    ]);
    // Reconciling changes no money.
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('the same file again answers the first import, concurrently too; nothing is written twice', async () => {
    const [first] = rowsOf<{ id: number }>(await db.execute(sql`select id from reconciliations`));
    const answers = await Promise.all([send(f.clerk, { csv }), send(f.admin, { csv }), send(f.clerk, { csv })]);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ alreadyImported: true, reconciliation: { id: Number(first!.id) } });
    }
    expect(await count('reconciliations')).toBe(1);
    expect(await count('reconciliation_exceptions')).toBe(5);
  });
});

describe('exceptions follow the customer and are resolved by a cashier', () => {
  const LIST = `query($r: Int) { reconciliationExceptions(reconciliationId: $r, openOnly: true) {
    id kind transactionId customerCode customerName isBankCredit partnerAmount ourAmount resolution } }`;
  const RESOLVE = `mutation($id: Int!, $text: String!) { resolveReconciliationException(id: $id, resolution: $text) {
    id resolution resolvedByName resolvedAt } }`;

  const idOf = async (transactionId: string) => {
    const [r] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from reconciliation_exceptions where transaction_id = ${transactionId}`),
    );
    return Number(r!.id);
  };

  it('each user sees the exceptions of the books they hold; those naming no customer need the edit right', async () => {
    const ids = async (actor: Actor) => {
      const r = await gql(db, actor, LIST, { r: null });
      expect(r.errors).toEqual([]);
      return (r.data!.reconciliationExceptions as { transactionId: string }[]).map((e) => e.transactionId).sort();
    };
    expect(await ids(f.outsider)).toEqual(['(bank-credit)', 'FT-PARTNER']);
    expect(await ids(f.viewer)).toEqual(['FT-AMOUNT', 'FT-OURS', 'FT-REV']);
    expect(await ids(f.admin)).toHaveLength(5);
    const outsider = JSON.stringify((await gql(db, f.outsider, LIST, {})).data);
    expect(outsider).not.toContain('Trần Thị Lệch');
    const list = await gql(
      db,
      f.outsider,
      `{ reconciliations { partnerCode businessDay matched exceptions openExceptions } }`,
    );
    expect(list.data!.reconciliations).toEqual([
      { partnerCode: 'DEMO_BANK', businessDay: DAY, matched: 2, exceptions: 5, openExceptions: 5 },
    ]);
    expect((await gql(db, f.viewer, LIST, {})).errors).toEqual([]);
  });

  it('a cashier resolves an exception once, with a note; others are refused', async () => {
    const amountId = await idOf('FT-AMOUNT');
    expect((await gql(db, f.viewer, RESOLVE, { id: amountId, text: 'Đã gọi đối tác' })).code).toBe('FORBIDDEN');
    // The outsider does not see a customer of book 0 at all.
    expect((await gql(db, f.outsider, RESOLVE, { id: amountId, text: 'Đã gọi đối tác' })).code).toBe('NOT_FOUND');
    expect((await gql(db, f.clerk, RESOLVE, { id: amountId, text: '  ' })).code).toBe('VALIDATION_FAILED');
    const done = await gql(db, f.clerk, RESOLVE, {
      id: amountId,
      text: 'Đối tác xác nhận thu 50.000 đ, tệp ghi nhầm',
    });
    expect(done.errors).toEqual([]);
    expect(done.data!.resolveReconciliationException).toMatchObject({
      id: amountId,
      resolution: 'Đối tác xác nhận thu 50.000 đ, tệp ghi nhầm',
      resolvedByName: 'Người dùng clerk',
    });
    expect((await gql(db, f.clerk, RESOLVE, { id: amountId, text: 'Lần hai' })).code).toBe(
      'RECONCILIATION_ALREADY_RESOLVED',
    );
    // The bank credit names no customer: any cashier with the edit right resolves it, the outsider too.
    const bank = await resolveReconciliationException(db, f.outsider, {
      id: await idOf('(bank-credit)'),
      resolution: 'Phí chuyển tiền 5.000 đ do đối tác chịu, sẽ chuyển bù',
    });
    expect(bank.resolvedByName).toBe('Người dùng outsider');
    const open = await listReconciliationExceptions(db, f.admin, { openOnly: true, limit: 100 });
    expect(open.map((e) => e.transactionId).sort()).toEqual(['FT-OURS', 'FT-PARTNER', 'FT-REV']);
    const all = await listReconciliationExceptions(db, f.admin, { openOnly: false, limit: 100 });
    expect(all).toHaveLength(5);
  });

  it('a changed file for the same day is a new reconciliation against today’s ledger', async () => {
    const fixed = csv.replace(',55000,', ',50000,');
    const res = await send(f.clerk, { csv: fixed, name: 'DEMO_BANK_20260504_v2.csv' });
    const body = (await res.json()) as {
      alreadyImported: boolean;
      reconciliation: { matched: number; exceptions: number };
    };
    // FT-AMOUNT now agrees, and so does the bank credit with the file's PAID total (205,000).
    expect(body).toMatchObject({ alreadyImported: false, reconciliation: { matched: 3, exceptions: 3 } });
    expect(await count('reconciliations')).toBe(2);
  });
});
