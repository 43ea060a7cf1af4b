/**
 * Authorization follows the customer's CURRENT book. A customer with readings, an open anomaly, an invoice,
 * a suspension, an adjustment, an attachment, history and a billing run is moved from book 0 (held by
 * `clerk`) to book 2 (held by `outsider`). Afterwards every customer-linked query and mutation must refuse
 * or hide it for the old holder and reach it for the new one. Which fields are customer-linked is read
 * from the schema: a new field that takes a customer-linked id, or returns rows naming a customer, fails
 * the coverage test until it is listed here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { schema } from '@/graphql/schema';
import { runBillingRunNow } from '@/jobs/billing-runs';
import { loadActor, type Actor } from '@/services/auth/actor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { addAttachment, readAttachment } from '@/services/customers/attachment.service';
import { moveCustomers } from '@/services/customers/book.service';
import { ingestBankTransactions } from '@/services/payments/bank-transfer.service';
import { recordCollectorPayment } from '@/services/payments/collector.service';
import { postPayment } from '@/services/payments/payment.service';
import { createBackBill } from '@/services/readings/adjustments.service';
import { declareSuspension } from '@/services/readings/declarations.service';
import { submitDeviceReadings } from '@/services/readings/device-submission.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql, type GqlResult } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { issuedInvoice } from '../helpers/payment-fixtures';

const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BOOK_FORBIDDEN', 'NOT_FOUND']);
const PDF = new TextEncoder().encode('%PDF-1.4\n% tài liệu thử\n');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let storageDir: string;
let moved: TestCustomer;
let other: TestCustomer; // stays in book 2: a neighbour for placeCustomerAfter
const ids = {
  meterId: 0,
  anomalyReadingId: 0,
  invoiceId: 0,
  runId: 0,
  booksRunId: 0,
  suspensionId: 0,
  adjustmentId: 0,
  attachmentId: 0,
  reconciliationExceptionId: 0,
  issuedInvoiceId: 0,
  paymentId: 0,
  matchedBankId: 0,
  suspenseBankId: 0,
  workOrderId: 0,
  messageId: 0,
};

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-moved-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  moved = await addCustomer(database.db, f, { name: 'Nguyễn Văn Chuyển', address: '7 Phố Chuyển Sổ' });
  other = await addCustomer(database.db, f, { name: 'Hàng xóm sổ ba', bookId: f.bookIds[2] });
  const db = database.db;
  for (const [i, period] of ['2026-01', '2026-02', '2026-03', '2026-04'].entries()) {
    await enterReadings(db, f.admin, period, [
      [moved.id, 10 * (i + 1)],
      [other.id, 10 * (i + 1)],
    ]);
  }
  const run = await createBillingRun(db, f.admin, {
    period: '2026-04',
    scope: { kind: 'customer', customerId: moved.id },
  });
  await runBillingRunNow(db, run.id);
  ids.runId = run.id;
  const [row] = await enterReadings(db, f.admin, '2026-05', [[moved.id, 400]]); // 360 m3 after ~10: an open anomaly
  expect(row!.anomalyStatus).toBe('open');
  ids.anomalyReadingId = row!.readingId!;
  ids.meterId = row!.meterId;
  // A run over book 0 that skips the customer for its open anomaly: its skip list names the customer.
  const booksRun = await createBillingRun(db, f.admin, {
    period: '2026-05',
    scope: { kind: 'books', bookIds: [f.bookIds[0]] },
  });
  await runBillingRunNow(db, booksRun.id);
  ids.booksRunId = booksRun.id;
  ids.suspensionId = (
    await declareSuspension(db, f.admin, {
      customerId: moved.id,
      fromPeriod: '2026-10',
      toPeriod: null,
      reason: 'Đi vắng',
    })
  ).id;
  ids.adjustmentId = (
    await createBackBill(db, f.admin, {
      customerId: moved.id,
      tariffPeriod: '2026-03',
      billPeriod: '2026-06',
      quantity: 3,
      reason: 'Truy thu',
    })
  ).id;
  ids.attachmentId = (
    await addAttachment(db, f.admin, { customerId: moved.id, fileName: 'hop-dong.pdf', data: PDF })
  ).id;
  // A handheld batch sent by the old holder while the customer was theirs (rejected: the period is closed by later readings).
  const sent = await submitDeviceReadings(db, f.clerk, {
    deviceId: 'MAY-CU',
    submissionId: 'LAN-CU',
    readings: [{ customerId: moved.id, period: '2025-12', currentIndex: 5 }],
  });
  expect(sent.rows[0]!.customerId).toBe(moved.id);
  const [inv] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from invoices where customer_id = ${moved.id} order by id limit 1`),
  );
  ids.invoiceId = Number(inv!.id);
  // The old holder collected from the customer in the field as book 0's collector (the new holder collects on
  // book 2), and a partner's reconciliation names the customer in an exception.
  await db.execute(sql`insert into collector_books (user_id, book_id)
    values (${f.clerk.userId}, ${f.bookIds[0]}), (${f.outsider.userId}, ${f.bookIds[2]})`);
  await recordCollectorPayment(db, f.clerk, {
    customerId: moved.id,
    amount: 7_000,
    paidAt: new Date('2026-05-02T02:00:00Z'),
    idempotencyKey: 'chuyen-thu-1',
  });
  const [reconciliation] = rowsOf<{ id: number }>(
    await db.execute(sql`with p as (insert into partners (code, name, secret_ciphertext)
        values ('CHUYEN_PAY', 'Đối tác chuyển sổ', 'khong-dung') returning id)
      insert into reconciliations (partner_id, business_day, file_name, file_sha256, imported_by, matched, exceptions)
      select p.id, '2026-05-02', 'chuyen.csv', ${'c'.repeat(64)}, ${f.admin.userId}, 0, 1 from p returning id`),
  );
  const [exception] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into reconciliation_exceptions (reconciliation_id, kind, transaction_id, customer_code,
        partner_amount)
      values (${Number(reconciliation!.id)}, 'only_partner', 'CHUYEN-FT-1', ${moved.code}, 7000) returning id`),
  );
  ids.reconciliationExceptionId = Number(exception!.id);
  // A transfer matched to the customer by its payment code, and money waiting in suspense that names nobody.
  await db.execute(sql`update companies set bank_account = '113000123456'`);
  const bank = await ingestBankTransactions(
    db,
    [
      { code: `TN ${moved.code} 202604`, externalId: 'CHUYEN-BANK-1' },
      { code: 'CHUYEN TIEN NUOC', externalId: 'CHUYEN-BANK-2' },
    ].map((t) => ({
      bankAccount: '113000123456',
      externalId: t.externalId,
      amount: 2_000,
      receivedAt: new Date('2026-05-02T03:00:00Z'),
      description: t.code,
    })),
    'webhook',
  );
  expect(bank.map((b) => b.status)).toEqual(['matched', 'suspense']);
  const bankIds = rowsOf<{ id: number; external_id: string }>(
    await db.execute(sql`select id, external_id from bank_transactions order by external_id`),
  );
  ids.matchedBankId = Number(bankIds.find((b) => b.external_id === 'CHUYEN-BANK-1')!.id);
  ids.suspenseBankId = Number(bankIds.find((b) => b.external_id === 'CHUYEN-BANK-2')!.id);
  // An issued invoice paid in part at the counter by the old holder.
  ids.issuedInvoiceId = await issuedInvoice(db, {
    customerId: moved.id,
    period: '2026-03',
    water: 100_000,
    vat: 5_000,
    fees: 10_000,
  });
  const paid = await db.transaction((tx) =>
    postPayment(tx, {
      customerId: moved.id,
      amount: 50_000,
      channel: 'counter',
      paidAt: new Date('2026-05-02T03:00:00Z'),
      recordedBy: f.clerk.userId,
      preferredInvoiceId: ids.issuedInvoiceId,
    }),
  );
  ids.paymentId = paid.payment.id;
  // The collection report right on each holder's own branch: the old holder's refusal of the collector's settlement
  // sheet below then comes from the moved customer's book, not from a missing right.
  await db.execute(sql`insert into user_permissions (user_id, branch_id, "group", object, can_access)
    values (${f.clerk.userId}, ${f.branchIds[0]}, 'report', 'collectionReport', true),
      (${f.outsider.userId}, ${f.branchIds[1]}, 'report', 'collectionReport', true)`);
  // Both holders handle requests on their own branch; a request about the customer was taken in before the move.
  for (const object of ['complaints', 'installations', 'notices'])
    await db.execute(sql`insert into user_permissions (user_id, branch_id, "group", object, can_access, can_add, can_edit)
      values (${f.clerk.userId}, ${f.branchIds[0]}, 'document', ${object}, true, true, true),
        (${f.outsider.userId}, ${f.branchIds[1]}, 'document', ${object}, true, true, true)`);
  ids.workOrderId = (
    await receiveWorkOrder(
      db,
      { actor: f.admin },
      {
        kind: 'LEAK_REPORT',
        source: 'PHONE',
        customerId: moved.id,
        applicantName: 'Nguyễn Văn Chuyển',
        applicantPhone: '0912345678',
      },
    )
  ).id;
  // A bill notice to the customer that failed (resendable), sent while the old holder held the book.
  ids.messageId = Number(
    rowsOf<{ id: number }>(
      await db.execute(sql`insert into messages (event_key, channel, template, customer_id, period, recipient, status)
        values ('chuyen:bill', 'EMAIL', 'BILL', ${moved.id}, 202604, 'chuyen@example.vn', 'FAILED') returning id`),
    )[0]!.id,
  );
  f.clerk = (await loadActor(db, f.clerk.userId))!;
  f.outsider = (await loadActor(db, f.outsider.userId))!;
  // Every id above exists: a NOT_FOUND below is a refusal, not a missing row.
  for (const [name, id] of Object.entries(ids)) expect(id, name).toBeGreaterThan(0);
}, 240_000);

afterAll(async () => {
  await database?.close();
  await rm(storageDir, { recursive: true, force: true });
});

const q = (actor: Actor, document: string, variables?: Record<string, unknown>) =>
  gql(database.db, actor, document, variables);
const json = (r: GqlResult<unknown>) => JSON.stringify(r.data);
const names = (r: GqlResult<unknown>) => json(r).includes('Nguyễn Văn Chuyển') || json(r).includes(moved.code);

/** Runs a mutation as `actor` and rolls everything back, so each field meets the same fixture. */
async function tryAndRollBack(
  actor: Actor,
  document: string,
  variables: Record<string, unknown>,
): Promise<GqlResult<Record<string, any>>> {
  let result: GqlResult<Record<string, any>> | undefined;
  const rollback = new Error('rollback');
  try {
    await database.db.transaction(async (tx) => {
      result = await gql(tx as unknown as Db, actor, document, variables);
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return result!;
}

async function snapshot(): Promise<string> {
  return JSON.stringify(
    rowsOf(
      await database.db.execute(sql`select
        (select string_agg(id || ':' || book_id || ':' || version || ':' || sequence_no, ',' order by id) from customers) as customers,
        (select string_agg(id || ':' || version || ':' || anomaly_status || ':' || coalesce(current_index, -1), ',' order by id) from readings) as readings,
        (select count(*) from suspensions)::int || '/' || (select string_agg(coalesce(to_period, '-'), ',' order by id) from suspensions) as suspensions,
        (select count(*) from adjustments)::int as adjustments, (select count(*) from attachments)::int as attachments,
        (select count(*) from meters)::int || '/' || (select string_agg(coalesce(seal_no, '-'), ',' order by id) from meters) as meters,
        (select count(*) from contracts)::int as contracts, (select count(*) from billing_runs)::int as runs,
        (select string_agg(id || ':' || needs_recalculation, ',' order by id) from invoices) as invoices,
        (select count(*) from device_submissions)::int as submissions, (select count(*) from customer_history)::int as history,
        (select count(*) || ':' || coalesce(sum(allocated), 0) from payments) as payments,
        (select count(*) from payment_reversals)::int as reversals,
        (select string_agg(id || ':' || version || ':' || status, ',' order by id) from work_orders) as work_orders,
        (select count(*) from work_order_events)::int as work_order_events`),
    ),
  );
}

/** Root fields that reach one customer's data through an id argument. */
const QUERIES: Record<
  string,
  { document: string; vars: () => Record<string, unknown>; reached: (data: any) => boolean }
> = {
  customer: {
    document: `query($id: Int!) { customer(id: $id) { id name history { kind } attachments { id } meters { serial } contracts { number } } }`,
    vars: () => ({ id: moved.id }),
    reached: (d) => d.customer?.id === moved.id && d.customer.history.length > 0 && d.customer.attachments.length === 1,
  },
  readingHistory: {
    document: `query($c: Int!) { readingHistory(customerId: $c) { period anomalyStatus } }`,
    vars: () => ({ c: moved.id }),
    reached: (d) => d.readingHistory.some((r: any) => r.period === '2026-05' && r.anomalyStatus === 'OPEN'),
  },
  customerInvoices: {
    document: `query($c: Int!) { customerInvoices(customerId: $c) { id } }`,
    vars: () => ({ c: moved.id }),
    reached: (d) => d.customerInvoices.some((i: any) => i.id === ids.invoiceId),
  },
  invoice: {
    document: `query($id: Int!) { invoice(id: $id) { id customerCode lines { amount } } }`,
    vars: () => ({ id: ids.invoiceId }),
    reached: (d) => d.invoice?.id === ids.invoiceId,
  },
  customerSuspensions: {
    document: `query($c: Int!) { customerSuspensions(customerId: $c) { id } }`,
    vars: () => ({ c: moved.id }),
    reached: (d) => d.customerSuspensions.some((s: any) => s.id === ids.suspensionId),
  },
  customerAdjustments: {
    document: `query($c: Int!) { customerAdjustments(customerId: $c) { id } }`,
    vars: () => ({ c: moved.id }),
    reached: (d) => d.customerAdjustments.some((a: any) => a.id === ids.adjustmentId),
  },
  bankAllocationPreview: {
    document: `query($id: Int!, $code: String!) { bankAllocationPreview(id: $id, customerCode: $code) { customer { id name totalDue } } }`,
    vars: () => ({ id: ids.suspenseBankId, code: moved.code }),
    reached: (d) => d.bankAllocationPreview?.customer.id === moved.id,
  },
  payment: {
    document: `query($id: Int!) { payment(id: $id) { id customerCode customerName holdings { invoiceId amount } } }`,
    vars: () => ({ id: ids.paymentId }),
    reached: (d) => d.payment?.id === ids.paymentId && d.payment.holdings.length > 0,
  },
  customerPayments: {
    document: `query($c: Int!) { customerPayments(customerId: $c) { customerId balance { totalDue } payments { id } } }`,
    vars: () => ({ c: moved.id }),
    reached: (d) => d.customerPayments?.payments.some((p: any) => p.id === ids.paymentId),
  },
  collectorDay: {
    // The collector is the old holder: their own day follows the customer too.
    document: `query($c: Int!) { collectorDay(collectorId: $c, day: "2026-05-02") { payments { customerId customerCode customerName } } }`,
    vars: () => ({ c: f.clerk.userId }),
    reached: (d) => d.collectorDay?.payments.some((p: any) => p.customerId === moved.id),
  },
  collectorSettlementSheet: {
    // The old holder's own collector day: its sheet now holds a payment of a book they no longer hold.
    document: `query($c: Int!) { collectorSettlementSheet(collectorId: $c, day: "2026-05-02") { payments { customerCode customerName amount } } }`,
    vars: () => ({ c: f.clerk.userId }),
    reached: (d) => d.collectorSettlementSheet?.payments.some((p: any) => p.customerCode === moved.code),
  },
  workOrder: {
    document: `query($id: Int!) { workOrder(id: $id) { id customerCode customerName events { toStatus } documents { id } } }`,
    vars: () => ({ id: ids.workOrderId }),
    reached: (d) => d.workOrder?.id === ids.workOrderId && d.workOrder.events.length > 0,
  },
  customerWorkOrders: {
    document: `query($c: Int!) { customerWorkOrders(customerId: $c) { id customerCode } }`,
    vars: () => ({ c: moved.id }),
    reached: (d) => d.customerWorkOrders.some((w: any) => w.id === ids.workOrderId),
  },
  billingRun: {
    document: `query($id: Int!) { billingRun(id: $id) { id invoiceCount } }`,
    vars: () => ({ id: ids.runId }),
    reached: (d) => d.billingRun?.id === ids.runId,
  },
};

/**
 * Root fields that list rows of customers: as the old holder (asking for the old book, or every book they
 * hold) the moved customer must be absent; as the new holder (their book) present.
 */
const LISTS: Record<
  string,
  { document: string; oldVars: () => Record<string, unknown>; newVars: () => Record<string, unknown> | null }
> = {
  anomalyQueue: {
    document: `query($b: [Int!]) { anomalyQueue(bookIds: $b) { total rows { id customerCode customerName address meterSerial } } }`,
    oldVars: () => ({ b: null }),
    newVars: () => ({ b: [f.bookIds[2]] }),
  },
  bookInvoices: {
    document: `query($b: Int!) { bookInvoices(bookId: $b, period: "2026-04") { total rows { id customerCode customerName } } }`,
    oldVars: () => ({ b: f.bookIds[0] }),
    newVars: () => ({ b: f.bookIds[2] }),
  },
  invoices: {
    document: `query($b: Int) { invoices(filter: { bookId: $b, period: "2026-04" }) { rows { id customerCode customerName } } }`,
    oldVars: () => ({ b: null }),
    newVars: () => ({ b: f.bookIds[2] }),
  },
  readingSheet: {
    document: `query($b: Int!) { readingSheet(bookId: $b, period: "2026-05") { total rows { customerCode customerName } } }`,
    oldVars: () => ({ b: f.bookIds[0] }),
    newVars: () => ({ b: f.bookIds[2] }),
  },
  bookCustomers: {
    document: `query($b: Int!) { bookCustomers(bookId: $b) { total rows { code name } } }`,
    oldVars: () => ({ b: f.bookIds[0] }),
    newVars: () => ({ b: f.bookIds[2] }),
  },
  searchCustomers: {
    document: `query { searchCustomers(query: "chuyen") { code name } }`,
    oldVars: () => ({}),
    newVars: () => ({}),
  },
  billingRuns: {
    document: `query($b: Int!) { billingRuns(bookId: $b) { id scope { customerId } } }`,
    oldVars: () => ({ b: f.bookIds[0] }),
    newVars: () => ({ b: f.bookIds[2] }),
  },
  bankTransactions: {
    // A matched line follows its customer's current book; suspense money (naming nobody) is everyone's.
    document: `query { bankTransactions(filter: { status: MATCHED }) { rows { id description customer { code name } } } }`,
    oldVars: () => ({}),
    newVars: () => ({}),
  },
  counterSheet: {
    document: `query($b: Int!) { counterSheet(bookId: $b, period: "2026-03") { rows { customerCode customerName payments { id } } } }`,
    oldVars: () => ({ b: f.bookIds[0] }),
    newVars: () => ({ b: f.bookIds[2] }),
  },
  reconciliationExceptions: {
    document: `query { reconciliationExceptions(openOnly: false) { transactionId customerCode customerName } }`,
    oldVars: () => ({}),
    newVars: () => ({}),
  },
  workOrders: {
    // A request follows its customer's current book, not the book copied onto it at intake.
    document: `query { workOrders(filter: { kinds: [LEAK_REPORT] }) { rows { id customerCode customerName } } }`,
    oldVars: () => ({}),
    newVars: () => ({}),
  },
  messages: {
    // A notice follows its customer's current book.
    document: `query { messages(filter: { period: "2026-04" }) { rows { id customerCode customerName } } }`,
    oldVars: () => ({}),
    newVars: () => ({}),
  },
  billingRunSkips: {
    document: `query($r: Int!) { billingRunSkips(runId: $r) { total rows { customerCode customerName } } }`,
    oldVars: () => ({ r: ids.booksRunId }),
    // The run covered book 0 only: the new holder does not see that run at all (billingRun refuses it).
    newVars: () => null,
  },
  billingRunWarnings: {
    // Filtered like the skips, on the customer's current book (this customer was billed without warnings).
    document: `query($r: Int!) { billingRunWarnings(runId: $r) { total rows { customerCode customerName } } }`,
    oldVars: () => ({ r: ids.booksRunId }),
    newVars: () => null,
  },
};

/** Mutations on one customer's data; as the new holder they must pass authorization (domain refusals listed). */
const MUTATIONS: Record<string, { document: string; vars: () => Record<string, unknown>; domainCodes?: string[] }> = {
  // The invoice is a draft: the new holder reaches it and is told a draft cannot be cancelled or corrected.
  cancelInvoice: {
    document: `mutation($id: Int!) { cancelInvoice(id: $id, reason: "Hủy thử") { id } }`,
    vars: () => ({ id: ids.invoiceId }),
    domainCodes: ['INVOICE_NOT_CANCELLABLE'],
  },
  replaceInvoice: {
    document: `mutation($id: Int!) { replaceInvoice(input: { id: $id, reason: "Thay thế thử" }) { id } }`,
    vars: () => ({ id: ids.invoiceId }),
    domainCodes: ['INVOICE_NOT_CORRECTABLE'],
  },
  adjustInvoice: {
    document: `mutation($id: Int!) { adjustInvoice(input: { id: $id, reason: "Điều chỉnh thử" }) { id } }`,
    vars: () => ({ id: ids.invoiceId }),
    domainCodes: ['INVOICE_NOT_CORRECTABLE'],
  },
  saveReading: {
    document: `mutation($c: Int!) { saveReading(input: { customerId: $c, period: "2026-05", currentIndex: 50 }) { key } }`,
    vars: () => ({ c: moved.id }),
  },
  clearReading: {
    document: `mutation($c: Int!, $m: Int!) { clearReading(customerId: $c, meterId: $m, period: "2026-05") { key } }`,
    vars: () => ({ c: moved.id, m: ids.meterId }),
  },
  resolveAnomalies: {
    document: `mutation($r: Int!) { resolveAnomalies(readingIds: [$r], action: clear) }`,
    vars: () => ({ r: ids.anomalyReadingId }),
  },
  correctPreviousIndex: {
    document: `mutation($c: Int!) { correctPreviousIndex(input: { customerId: $c, period: "2026-05", previousIndex: 390, reason: "Quay ngược" }) { key } }`,
    vars: () => ({ c: moved.id }),
  },
  declareMeterReplacement: {
    document: `mutation($c: Int!) { declareMeterReplacement(input: { customerId: $c, period: "2026-05", finalIndex: 45, removedOn: "2026-05-10" }, newMeter: { serial: "CHUYEN-NEW-1", installedOn: "2026-05-10", initialIndex: 0 }) { key } }`,
    vars: () => ({ c: moved.id }),
  },
  declareSuspension: {
    document: `mutation($c: Int!) { declareSuspension(input: { customerId: $c, fromPeriod: "2026-07", toPeriod: "2026-08", reason: "Sửa nhà" }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  endSuspension: {
    document: `mutation($s: Int!) { endSuspension(id: $s, toPeriod: "2026-11") { id } }`,
    vars: () => ({ s: ids.suspensionId }),
  },
  deleteSuspension: {
    document: `mutation($s: Int!) { deleteSuspension(id: $s) }`,
    vars: () => ({ s: ids.suspensionId }),
  },
  createBackBill: {
    document: `mutation($c: Int!) { createBackBill(input: { customerId: $c, tariffPeriod: "2026-03", billPeriod: "2026-06", quantity: 1, reason: "Truy thu" }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  spreadOwedConsumption: {
    document: `mutation($c: Int!) { spreadOwedConsumption(input: { customerId: $c, quantity: 4, firstPeriod: "2026-06", periods: 2, reason: "Nợ m3" }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  deleteAdjustment: {
    document: `mutation($a: Int!) { deleteAdjustment(id: $a) }`,
    vars: () => ({ a: ids.adjustmentId }),
  },
  submitDeviceReadings: {
    document: `mutation($c: Int!) { submitDeviceReadings(input: { deviceId: "MAY-1", submissionId: "LAN-1", readings: [{ customerId: $c, period: "2026-05", currentIndex: 50 }] }) { accepted } }`,
    vars: () => ({ c: moved.id }),
  },
  startBillingRun: {
    document: `mutation($c: Int!) { startBillingRun(input: { period: "2026-04", scope: { kind: customer, customerId: $c } }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  resumeBillingRun: {
    document: `mutation($r: Int!) { resumeBillingRun(id: $r) { id } }`,
    vars: () => ({ r: ids.runId }),
    domainCodes: ['RUN_FINISHED'],
  },
  updateCustomer: {
    document: `mutation($id: Int!, $v: Int!, $b: Int!) { updateCustomer(id: $id, version: $v, input: { bookId: $b, name: "Nguyễn Văn Chuyển", customerType: INDIVIDUAL, address: "8 Phố Chuyển Sổ", households: 1, persons: 4, wastewaterFeeMode: STANDARD, status: IN_SERVICE, isPreferential: false }) { id } }`,
    vars: () => ({ id: moved.id, v: currentVersion, b: f.bookIds[2] }),
  },
  deleteCustomer: {
    document: `mutation($id: Int!) { deleteCustomer(id: $id) }`,
    vars: () => ({ id: moved.id }),
    domainCodes: ['CUSTOMER_HAS_INVOICES'],
  },
  moveCustomers: {
    // The old holder tries to take the customer back into their own book.
    document: `mutation($c: Int!, $b: Int!) { moveCustomers(customerIds: [$c], targetBookId: $b) }`,
    vars: () => ({ c: moved.id, b: currentTarget }),
  },
  placeCustomerAfter: {
    document: `mutation($c: Int!, $a: Int) { placeCustomerAfter(customerId: $c, afterCustomerId: $a) }`,
    vars: () => ({ c: moved.id, a: currentNeighbour }),
  },
  resignContract: {
    document: `mutation($c: Int!) { resignContract(customerId: $c, input: { signedOn: "2026-05-02" }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  updateContract: {
    document: `mutation($c: Int!) { updateContract(customerId: $c, input: { signedOn: "2026-05-03" }) { id } }`,
    vars: () => ({ c: moved.id }),
    domainCodes: ['NO_CURRENT_CONTRACT'],
  },
  replaceMeter: {
    document: `mutation($c: Int!) { replaceMeter(customerId: $c, finalIndex: 450, removedOn: "2026-06-01", meter: { serial: "CHUYEN-NEW-2", installedOn: "2026-06-01", initialIndex: 0 }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  correctMeterReplacement: {
    document: `mutation($c: Int!, $m: Int!) { correctMeterReplacement(input: { customerId: $c, meterId: $m, finalIndex: 45, reason: "Sửa" }) { id } }`,
    vars: () => ({ c: moved.id, m: ids.meterId }),
    domainCodes: ['METER_NOT_REPLACED'],
  },
  updateMeter: {
    document: `mutation($c: Int!) { updateMeter(customerId: $c, sealNo: "NIEM-9") { id } }`,
    vars: () => ({ c: moved.id }),
  },
  allocateBankTransaction: {
    document: `mutation($id: Int!, $code: String!) { allocateBankTransaction(id: $id, customerCode: $code) { id status } }`,
    vars: () => ({ id: ids.suspenseBankId, code: moved.code }),
  },
  ignoreBankTransaction: {
    // The matched line: the new holder reaches it and is told it is no longer in suspense.
    document: `mutation($id: Int!) { ignoreBankTransaction(id: $id, note: "Không phải tiền nước") { id } }`,
    vars: () => ({ id: ids.matchedBankId }),
    domainCodes: ['BANK_TRANSACTION_RESOLVED'],
  },
  payAtCounter: {
    // The old holder at their own book's counter, with the invoice of the customer who left it.
    document: `mutation($b: Int!, $i: Int!) { payAtCounter(input: { bookId: $b, period: "2026-03", idempotencyKey: "chuyen-so-key-1", entries: [{ invoiceId: $i, amount: 1000 }] }) { replayed entries { payment { id } } } }`,
    vars: () => ({ b: currentTarget, i: ids.issuedInvoiceId }),
  },
  reversePayment: {
    document: `mutation($id: Int!) { reversePayment(id: $id, reason: "Hủy thử") { id status } }`,
    vars: () => ({ id: ids.paymentId }),
  },
  recordCollectorPayment: {
    document: `mutation($c: Int!) { recordCollectorPayment(input: { customerId: $c, amount: 5000, idempotencyKey: "chuyen-thu-2" }) { paymentId } }`,
    vars: () => ({ c: moved.id }),
  },
  settleCollectorDay: {
    // The old holder is the collector of that day, so refused twice over; the new holder may confirm it.
    document: `mutation($c: Int!) { settleCollectorDay(collectorId: $c, day: "2026-05-02", handedIn: 7000) { isSettled } }`,
    vars: () => ({ c: f.clerk.userId }),
  },
  resolveReconciliationException: {
    document: `mutation($id: Int!) { resolveReconciliationException(id: $id, resolution: "Đã đối chiếu với đối tác") { id } }`,
    vars: () => ({ id: ids.reconciliationExceptionId }),
  },
  deleteAttachment: {
    document: `mutation($a: Int!) { deleteAttachment(id: $a) }`,
    vars: () => ({ a: ids.attachmentId }),
  },
  createWorkOrder: {
    document: `mutation($c: Int!) { createWorkOrder(input: { kind: METER_CHECK, source: PHONE, customerId: $c, applicantName: "Nguyễn Văn Chuyển", applicantPhone: "0912345678" }) { id } }`,
    vars: () => ({ c: moved.id }),
  },
  assignWorkOrder: {
    document: `mutation($id: Int!, $u: Int!) { assignWorkOrder(id: $id, userId: $u) { id status } }`,
    vars: () => ({ id: ids.workOrderId, u: f.outsider.userId }),
  },
  changeWorkOrderStatus: {
    document: `mutation($id: Int!) { changeWorkOrderStatus(id: $id, status: CANCELLED, note: "Khách rút yêu cầu") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
  },
  // The order is a leak report: the new holder reaches it and is told the installation steps are not its kind's.
  surveyWorkOrder: {
    document: `mutation($id: Int!) { surveyWorkOrder(id: $id, notes: "Khảo sát") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
    domainCodes: ['WORK_ORDER_WRONG_KIND'],
  },
  quoteWorkOrder: {
    document: `mutation($id: Int!) { quoteWorkOrder(id: $id, lines: [{ name: "Ống", unit: "m", quantity: 1, unitPrice: 1000 }]) { id } }`,
    vars: () => ({ id: ids.workOrderId }),
    domainCodes: ['WORK_ORDER_WRONG_KIND'],
  },
  signWorkOrderContract: {
    document: `mutation($id: Int!) { signWorkOrderContract(id: $id, contractNumber: "HĐ-1", signedOn: "2026-05-02") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
    domainCodes: ['WORK_ORDER_WRONG_KIND'],
  },
  markWorkOrderInstalled: {
    document: `mutation($id: Int!) { markWorkOrderInstalled(id: $id, meter: { serial: "CHUYEN-WO-1", installedOn: "2026-05-02", initialIndex: 0 }) { id } }`,
    vars: () => ({ id: ids.workOrderId }),
    domainCodes: ['WORK_ORDER_WRONG_KIND'],
  },
  handOverInstallation: {
    document: `mutation($id: Int!, $b: Int!) { handOverInstallation(id: $id, bookId: $b, handoverOn: "2026-05-02") { id } }`,
    vars: () => ({ id: ids.workOrderId, b: currentTarget }),
    domainCodes: ['WORK_ORDER_WRONG_KIND'],
  },
  // Still RECEIVED: the new holder reaches it and is told it has not been started.
  completeWorkOrder: {
    document: `mutation($id: Int!) { completeWorkOrder(id: $id, resolution: "Đã sửa ống") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
    domainCodes: ['WORK_ORDER_TRANSITION_REFUSED'],
  },
  rejectWorkOrder: {
    document: `mutation($id: Int!) { rejectWorkOrder(id: $id, reason: "Trùng yêu cầu") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
  },
  cancelWorkOrder: {
    document: `mutation($id: Int!) { cancelWorkOrder(id: $id, reason: "Khách hủy") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
  },
  resendMessage: {
    document: `mutation($id: Int!) { resendMessage(id: $id) { id status } }`,
    vars: () => ({ id: ids.messageId }),
  },
  setNoticeOptOut: {
    document: `mutation($c: Int!) { setNoticeOptOut(customerId: $c, channel: EMAIL, optedOut: true) { channel optedOut } }`,
    vars: () => ({ c: moved.id }),
  },
  addWorkOrderNote: {
    document: `mutation($id: Int!) { addWorkOrderNote(id: $id, note: "Đã gọi khách") { id } }`,
    vars: () => ({ id: ids.workOrderId }),
  },
};

let currentVersion = 0;
let currentTarget = 0;
let currentNeighbour: number | null = null;

/**
 * A signed-in portal customer's own fields: they reach a customer through the account's proved link, never through a
 * book, so moving the customer changes nothing for them (staff are refused them: authorization.test.ts; the link:
 * portal-accounts.test.ts).
 */
const PORTAL_ACCOUNT_FIELDS = new Set(['myBills', 'myPayments', 'myRequests', 'unlinkCustomer', 'setMyNoticeOptOut']);

/** Arguments that name a customer or something that belongs to one. */
const CUSTOMER_ARGS = /^(customerId|customerIds|afterCustomerId|readingIds|runId)$/;
/** `id` arguments of fields on things that are not a customer's (catalogs, users, tariffs). */
const NOT_CUSTOMER_ID_FIELD =
  /Branch|ComplaintKind|InstallationTeam|InvoiceSeries|invoiceIssueJob|MasterMeter|MeterType|Partner|ReadingBook|Route|ServiceType|Tariff|User|Ward|^user$|^tariffVersion$/;

function inputMentionsCustomer(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some(
    (fl) => CUSTOMER_ARGS.test(fl.name) || inputMentionsCustomer(fl.type, seen),
  );
}

function outputNamesCustomer(type: GraphQLNamedType, seen = new Set<string>()): boolean {
  if (!isObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  if (type.name === 'Customer') return true;
  return Object.values(type.getFields()).some(
    (fl) => fl.name === 'customerId' || fl.name === 'customerCode' || outputNamesCustomer(getNamedType(fl.type), seen),
  );
}

function customerLinked(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some(
    (a) =>
      CUSTOMER_ARGS.test(a.name) ||
      inputMentionsCustomer(a.type) ||
      (a.name === 'id' && !NOT_CUSTOMER_ID_FIELD.test(field.name)),
  );
}

describe('authorization follows the customer after moveCustomers', () => {
  it('covers every customer-linked field of the schema', () => {
    const queries = Object.values(schema.getQueryType()!.getFields());
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const listed = new Set([...Object.keys(QUERIES), ...Object.keys(LISTS), ...Object.keys(MUTATIONS)]);
    const missing = [
      ...queries.filter((fl) => customerLinked(fl) || outputNamesCustomer(getNamedType(fl.type))).map((fl) => fl.name),
      ...mutations.filter((fl) => customerLinked(fl)).map((fl) => fl.name),
    ].filter((n) => !listed.has(n) && n !== 'createCustomer' && !PORTAL_ACCOUNT_FIELDS.has(n));
    expect(missing).toEqual([]);
  });

  it('moves the customer (fixture)', async () => {
    expect(await moveCustomers(database.db, f.admin, { customerIds: [moved.id], targetBookId: f.bookIds[2] })).toBe(1);
  });

  it.each(Object.keys(QUERIES))('%s: the old holder is refused, the new holder reaches it', async (name) => {
    const spec = QUERIES[name]!;
    const old = await q(f.clerk, spec.document, spec.vars());
    expect(REFUSAL_CODES.has(old.code ?? ''), `${name} answered the old holder: ${json(old)}`).toBe(true);
    expect(names(old)).toBe(false);
    const now = await q(f.outsider, spec.document, spec.vars());
    expect(now.errors).toEqual([]);
    expect(spec.reached(now.data)).toBe(true);
  });

  it.each(Object.keys(LISTS))('%s: the old holder does not list the customer, the new holder does', async (name) => {
    const spec = LISTS[name]!;
    const old = await q(f.clerk, spec.document, spec.oldVars());
    expect(old.errors).toEqual([]);
    expect(names(old), `${name} lists the moved customer to the old holder: ${json(old)}`).toBe(false);
    const vars = spec.newVars();
    if (vars === null) return;
    const now = await q(f.outsider, spec.document, vars);
    expect(now.errors).toEqual([]);
    const found = names(now) || (name === 'billingRuns' && json(now).includes(`"customerId":${moved.id}`));
    expect(found, `${name} hides the moved customer from the new holder: ${json(now)}`).toBe(true);
  });

  it('a device retry replays its stored answer only to a holder of its customers’ books', async () => {
    const retry = `mutation { submitDeviceReadings(input: { deviceId: "MAY-CU", submissionId: "LAN-CU", readings: [] }) { replayed rows { customerId } } }`;
    const old = await q(f.clerk, retry);
    expect(old.code).toBe('BOOK_FORBIDDEN');
    expect(json(old)).not.toContain(String(moved.id));
    const now = await q(f.outsider, retry);
    expect(now.errors).toEqual([]);
    expect(now.data!.submitDeviceReadings).toEqual({ replayed: true, rows: [{ customerId: moved.id }] });
  });

  it('the attachment file follows the customer', async () => {
    await expect(readAttachment(database.db, f.clerk, ids.attachmentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const file = await readAttachment(database.db, f.outsider, ids.attachmentId);
    expect(Buffer.from(file.data).equals(Buffer.from(PDF))).toBe(true);
  });

  it.each(Object.keys(MUTATIONS))(
    '%s: refused to the old holder (nothing changes), allowed to the new holder',
    async (name) => {
      const spec = MUTATIONS[name]!;
      const [c] = rowsOf<{ version: number }>(
        await database.db.execute(sql`select version from customers where id = ${moved.id}`),
      );
      currentVersion = Number(c!.version);
      currentTarget = f.bookIds[0];
      currentNeighbour = null;
      const before = await snapshot();
      const old = await q(f.clerk, spec.document, spec.vars());
      expect(REFUSAL_CODES.has(old.code ?? ''), `${name} let the old holder through: ${old.code ?? json(old)}`).toBe(
        true,
      );
      expect(await snapshot()).toBe(before);

      currentTarget = f.bookIds[2];
      currentNeighbour = other.id;
      const now = await tryAndRollBack(f.outsider, spec.document, spec.vars());
      const code = now.code ?? null;
      expect(
        code !== null && REFUSAL_CODES.has(code),
        `${name} refused the new holder: ${code} ${now.errors[0]?.message ?? ''}`,
      ).toBe(false);
      if (code !== null) expect(spec.domainCodes ?? [], `${name}: ${code} ${now.errors[0]?.message}`).toContain(code);
      expect(await snapshot()).toBe(before);
    },
  );
});
