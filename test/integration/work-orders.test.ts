import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '@/db/schema/billing';
import { contracts, customerHistory, customers, meters } from '@/db/schema/customers';
import { workOrderEvents, workOrders } from '@/db/schema/work-orders';
import { rowsOf } from '@/db/sql';
import type { Actor } from '@/services/auth/actor';
import { createCustomer } from '@/services/customers/customer.service';
import { completeWorkOrder } from '@/services/work-orders/completion.service';
import { addWorkOrderDocument, readWorkOrderDocument } from '@/services/work-orders/documents.service';
import {
  handOverInstallation,
  markWorkOrderInstalled,
  quoteWorkOrder,
  signWorkOrderContract,
  surveyWorkOrder,
} from '@/services/work-orders/installation.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { countWorkOrders, listCustomerWorkOrders, listWorkOrders } from '@/services/work-orders/queries.service';
import {
  addWorkOrderNote,
  assignWorkOrder,
  cancelWorkOrder,
  changeWorkOrderStatus,
  rejectWorkOrder,
} from '@/services/work-orders/transitions.service';
import { renderWorkOrderQuotePdf } from '@/pdf/render';
import { printableQuote } from '@/services/work-orders/quote-document.service';
import { createTestDatabase } from '../helpers/db';
import { gql } from '../helpers/graphql';
import { extractPdfPages } from '../helpers/pdf-text';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';
import { grantDocumentRights, installationRequest, serviceRequest } from '../helpers/work-order-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let clerk: Actor;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-work-orders-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  clerk = await grantDocumentRights(database.db, f.clerk, f.branchIds[0], ['complaints', 'installations']);
});
afterAll(async () => {
  await database?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

let serial = 1;
const meter = (installedOn = '2026-03-01') => ({
  meterTypeId: f.meterTypeId,
  serial: `WO-${serial++}`,
  sealNo: null,
  verifiedOn: null,
  installedOn,
  initialIndex: 0,
});

async function newCustomer(overrides: Parameters<typeof customerFields>[1] = {}) {
  return createCustomer(database.db, f.admin, {
    customer: customerFields(f.bookIds[0], { name: 'Phạm Văn Cường', phone: '0912000111', ...overrides }),
    meter: meter('2026-01-05'),
    contract: { signedOn: '2026-01-05', address: null, handoverOn: null, installedOn: null, installationTeamId: null },
  });
}

async function orderRow(id: number) {
  const [row] = await database.db.select().from(workOrders).where(eq(workOrders.id, id));
  return row!;
}

async function eventsOf(id: number) {
  return database.db
    .select()
    .from(workOrderEvents)
    .where(eq(workOrderEvents.workOrderId, id))
    .orderBy(workOrderEvents.id);
}

/** A request about `customerId`, received, assigned and started. */
async function startedOrder(kind: Parameters<typeof serviceRequest>[0], customerId: number, details = {}) {
  const { id } = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest(kind, customerId, { details }));
  await assignWorkOrder(database.db, clerk, { id, teamId: f.teamId });
  await changeWorkOrderStatus(database.db, clerk, { id, status: 'IN_PROGRESS' });
  return id;
}

async function installedOrder(): Promise<number> {
  const { id } = await receiveWorkOrder(
    database.db,
    { actor: clerk },
    installationRequest(f.wardId, { serviceTypeId: f.serviceTypeId }),
  );
  await surveyWorkOrder(database.db, clerk, {
    id,
    notes: 'Đường ống chính cách 12 m',
    latitude: '21.046600',
    longitude: '105.847400',
  });
  await quoteWorkOrder(database.db, clerk, {
    id,
    lines: [
      { name: 'Ống HDPE D25', unit: 'm', quantity: 12.5, unitPrice: 18_500 },
      { name: 'Đồng hồ DN15', unit: 'cái', quantity: 1, unitPrice: 850_000 },
      { name: 'Nhân công lắp đặt', unit: 'công', quantity: 1.5, unitPrice: 333_333 },
    ],
  });
  await signWorkOrderContract(database.db, clerk, { id, contractNumber: 'HĐ-2026/0123', signedOn: '2026-03-02' });
  await markWorkOrderInstalled(database.db, clerk, { id, meter: meter('2026-03-05') });
  return id;
}

describe('work-order transitions', () => {
  it('walks a service request RECEIVED → ASSIGNED → IN_PROGRESS and records who and when', async () => {
    const c = await newCustomer();
    const id = await startedOrder('LEAK_REPORT', c.id);
    const events = await eventsOf(id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.userId])).toEqual([
      [null, 'RECEIVED', clerk.userId],
      ['RECEIVED', 'ASSIGNED', clerk.userId],
      ['ASSIGNED', 'IN_PROGRESS', clerk.userId],
    ]);
    expect(await orderRow(id)).toMatchObject({ status: 'IN_PROGRESS', teamId: f.teamId, version: 3 });
  });

  it('refuses skipped steps, data steps by a bare change, closed orders and stale versions', async () => {
    const c = await newCustomer();
    const { id } = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('PROBLEM_REPORT', c.id));
    await expect(changeWorkOrderStatus(database.db, clerk, { id, status: 'IN_PROGRESS' })).rejects.toMatchObject({
      code: 'WORK_ORDER_TRANSITION_REFUSED',
    });
    await expect(changeWorkOrderStatus(database.db, clerk, { id, status: 'DONE' })).rejects.toMatchObject({
      code: 'WORK_ORDER_STEP_NEEDS_DATA',
    });
    await expect(completeWorkOrder(database.db, clerk, { id, resolution: 'Đã sửa' })).rejects.toMatchObject({
      code: 'WORK_ORDER_TRANSITION_REFUSED',
    });
    await expect(surveyWorkOrder(database.db, clerk, { id, notes: 'x' })).rejects.toMatchObject({
      code: 'WORK_ORDER_WRONG_KIND',
    });
    await expect(
      assignWorkOrder(database.db, clerk, { id, teamId: f.teamId, expectedVersion: 7 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(rejectWorkOrder(database.db, clerk, { id, reason: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'reason',
    });
    const rejected = await rejectWorkOrder(database.db, clerk, {
      id,
      reason: 'Không thuộc phạm vi cấp nước',
      expectedVersion: 1,
    });
    expect(rejected).toMatchObject({ status: 'REJECTED', resolution: 'Không thuộc phạm vi cấp nước' });
    expect(rejected.closedAt).not.toBeNull();
    await expect(cancelWorkOrder(database.db, clerk, { id, reason: 'Khách hủy' })).rejects.toMatchObject({
      code: 'WORK_ORDER_TRANSITION_REFUSED',
    });
    await expect(assignWorkOrder(database.db, clerk, { id, teamId: f.teamId })).rejects.toMatchObject({
      code: 'WORK_ORDER_TRANSITION_REFUSED',
    });
    // A note is still welcome on a closed order.
    await addWorkOrderNote(database.db, clerk, { id, note: 'Đã gọi lại báo khách' });
    expect((await eventsOf(id)).at(-1)).toMatchObject({
      fromStatus: 'REJECTED',
      toStatus: 'REJECTED',
      note: 'Đã gọi lại báo khách',
    });
  });

  it('refuses a user without the right on the branch, or without the customer’s book', async () => {
    const c = await newCustomer();
    const { id } = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('PROBLEM_REPORT', c.id));
    await expect(assignWorkOrder(database.db, f.clerk, { id, teamId: f.teamId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const outsider = await grantDocumentRights(database.db, f.outsider, f.branchIds[0], ['complaints']);
    await expect(
      changeWorkOrderStatus(database.db, outsider, { id, status: 'CANCELLED', note: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const viewer = await grantDocumentRights(database.db, f.viewer, f.branchIds[0], ['complaints'], {});
    await expect(assignWorkOrder(database.db, viewer, { id, teamId: f.teamId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await listWorkOrders(database.db, outsider, { filter: {}, first: 100, after: null })).rows).toEqual([]);
    expect(
      (await listWorkOrders(database.db, viewer, { filter: { customerId: c.id }, first: 10, after: null })).rows,
    ).toHaveLength(1);
    await expect(listWorkOrders(database.db, f.clerk, { filter: {}, first: 10, after: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('installation', () => {
  it('surveys, quotes with computed amounts, and hands over a customer with meter and contract at the end of the book', async () => {
    const before = await newCustomer();
    const id = await installedOrder();
    const quoted = await orderRow(id);
    // 12.5 × 18 500 = 231 250; 1.5 × 333 333 = 499 999.5 → 500 000.
    expect(quoted.quote!.lines.map((l) => l.amount)).toEqual([231_250, 850_000, 500_000]);
    expect(quoted.quoteTotal).toBe(1_581_250);
    expect(quoted.latitude).toBe('21.046600');
    const { order, customerId } = await handOverInstallation(database.db, clerk, {
      id,
      bookId: f.bookIds[0],
      handoverOn: '2026-03-06',
    });
    expect(order).toMatchObject({ status: 'DONE', customerId, bookId: f.bookIds[0] });
    const [c] = await database.db.select().from(customers).where(eq(customers.id, customerId));
    expect(c).toMatchObject({ name: 'Lê Thị Hoa', phone: '0912345678', citizenId: '001190012345', persons: 4 });
    expect(c!.sequenceNo).toBeGreaterThan(before.sequenceNo);
    const [m] = await database.db.select().from(meters).where(eq(meters.customerId, customerId));
    expect(m).toMatchObject({ isActive: true, installedOn: '2026-03-05', initialIndex: 0 });
    const [k] = await database.db.select().from(contracts).where(eq(contracts.customerId, customerId));
    expect(k).toMatchObject({ revision: 1, signedOn: '2026-03-02', handoverOn: '2026-03-06', isCurrent: true });
    expect((await eventsOf(id)).map((e) => e.toStatus)).toEqual([
      'RECEIVED',
      'SURVEYED',
      'QUOTED',
      'CONTRACTED',
      'INSTALLED',
      'DONE',
    ]);
    // The order now follows the customer: it is in the customer's history.
    expect((await listCustomerWorkOrders(database.db, clerk, customerId)).map((o) => o.id)).toEqual([id]);
  });

  it('creates nothing when the meter insert fails: customer, contract and the order’s status roll back together', async () => {
    const id = await installedOrder();
    const count = async (table: string) =>
      Number(
        rowsOf<{ n: number }>(
          await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
        )[0]!.n,
      );
    const before = {
      customers: await count('customers'),
      contracts: await count('contracts'),
      meters: await count('meters'),
    };
    await database.db.execute(sql`create function refuse_meter() returns trigger language plpgsql as $$
      begin raise exception 'meter insert refused by the test'; end $$`);
    await database.db.execute(
      sql`create trigger refuse_meter before insert on meters for each row execute function refuse_meter()`,
    );
    try {
      await expect(
        handOverInstallation(database.db, clerk, { id, bookId: f.bookIds[0], handoverOn: '2026-03-06' }),
      ).rejects.toThrow();
    } finally {
      await database.db.execute(sql`drop trigger refuse_meter on meters`);
      await database.db.execute(sql`drop function refuse_meter()`);
    }
    expect({
      customers: await count('customers'),
      contracts: await count('contracts'),
      meters: await count('meters'),
    }).toEqual(before);
    expect(await orderRow(id)).toMatchObject({ status: 'INSTALLED', customerId: null, closedAt: null });
    expect((await eventsOf(id)).at(-1)!.toStatus).toBe('INSTALLED');
  });

  it('refuses at installation a meter serial already in service', async () => {
    const c = await newCustomer();
    const [inService] = await database.db.select().from(meters).where(eq(meters.customerId, c.id));
    const { id } = await receiveWorkOrder(database.db, { actor: clerk }, installationRequest(f.wardId));
    await surveyWorkOrder(database.db, clerk, { id, notes: 'Khảo sát' });
    await quoteWorkOrder(database.db, clerk, {
      id,
      lines: [{ name: 'Đồng hồ', unit: 'cái', quantity: 1, unitPrice: 1 }],
    });
    await signWorkOrderContract(database.db, clerk, { id, contractNumber: 'HĐ-9', signedOn: '2026-03-02' });
    await expect(
      markWorkOrderInstalled(database.db, clerk, { id, meter: { ...meter(), serial: inService!.serial } }),
    ).rejects.toMatchObject({ code: 'DUPLICATE_METER_SERIAL', field: 'serial' });
    expect((await orderRow(id)).status).toBe('CONTRACTED');
  });

  it('refuses a handover into a book the user may not add customers to', async () => {
    const id = await installedOrder();
    await expect(
      handOverInstallation(database.db, clerk, { id, bookId: f.bookIds[2], handoverOn: '2026-03-06' }),
    ).rejects.toMatchObject({ code: 'BOOK_FORBIDDEN' });
    expect((await orderRow(id)).status).toBe('INSTALLED');
  });
});

describe('completion through the customer services', () => {
  it('relocates: the customer’s address, ward and coordinates change with a history row', async () => {
    const c = await newCustomer();
    const id = await startedOrder('RELOCATION', c.id, {
      newAddress: '40 Phố Hàng Bạc, Hoàn Kiếm',
      newWardId: f.communeId,
      newLatitude: '21.034000',
      newLongitude: '105.852000',
    });
    const done = await completeWorkOrder(database.db, clerk, { id, resolution: 'Đã di dời đồng hồ' });
    expect(done).toMatchObject({ status: 'DONE', resolution: 'Đã di dời đồng hồ' });
    const [after] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(after).toMatchObject({ address: '40 Phố Hàng Bạc, Hoàn Kiếm', wardId: f.communeId, latitude: '21.034000' });
    const history = await database.db
      .select()
      .from(customerHistory)
      .where(and(eq(customerHistory.customerId, c.id), eq(customerHistory.kind, 'details')));
    expect(history.at(-1)!.after).toMatchObject({ address: '40 Phố Hàng Bạc, Hoàn Kiếm' });
    expect(history.at(-1)!.userId).toBe(clerk.userId);
  });

  it('replaces the meter the same way the customer screen does', async () => {
    const c = await newCustomer();
    const id = await startedOrder('METER_REPLACEMENT', c.id);
    await expect(completeWorkOrder(database.db, clerk, { id, resolution: 'Đã thay' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const fresh = meter('2026-04-10');
    await completeWorkOrder(database.db, clerk, {
      id,
      resolution: 'Đã thay đồng hồ hỏng',
      meterReplacement: { finalIndex: 120, removedOn: '2026-04-10', meter: fresh },
    });
    const all = await database.db.select().from(meters).where(eq(meters.customerId, c.id)).orderBy(meters.id);
    expect(all.map((m) => [m.isActive, m.finalIndex])).toEqual([
      [false, 120],
      [true, null],
    ]);
    const [h] = await database.db
      .select()
      .from(customerHistory)
      .where(and(eq(customerHistory.customerId, c.id), eq(customerHistory.kind, 'meter')));
    expect(h).toMatchObject({ note: 'Thay đồng hồ' });
    expect(h!.after).toMatchObject({ serial: fresh.serial });
  });

  it('changes the name with a new contract revision', async () => {
    const c = await newCustomer();
    const id = await startedOrder('NAME_CHANGE', c.id, { newName: 'Phạm Thị Dung' });
    await completeWorkOrder(database.db, clerk, {
      id,
      resolution: 'Đã ký hợp đồng mới',
      nameChange: { signedOn: '2026-05-02' },
    });
    const [after] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(after!.name).toBe('Phạm Thị Dung');
    const ks = await database.db
      .select()
      .from(contracts)
      .where(eq(contracts.customerId, c.id))
      .orderBy(contracts.revision);
    expect(ks.map((k) => [k.revision, k.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('suspends and resumes service through the customer edit, with history', async () => {
    const c = await newCustomer();
    const suspend = await startedOrder('SUSPENSION', c.id, { fromDate: '2026-06-01', toDate: '2026-08-31' });
    await completeWorkOrder(database.db, clerk, { id: suspend, resolution: 'Đã khóa van tạm ngưng' });
    const [off] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(off!.status).toBe(0);
    const resume = await startedOrder('RESUMPTION', c.id, { fromDate: '2026-09-01' });
    await completeWorkOrder(database.db, clerk, { id: resume, resolution: 'Đã mở van' });
    const [on] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(on!.status).toBe(1);
    const history = await database.db
      .select()
      .from(customerHistory)
      .where(and(eq(customerHistory.customerId, c.id), eq(customerHistory.kind, 'details')))
      .orderBy(customerHistory.id);
    expect(history.map((h) => [h.before, h.after])).toEqual([
      [{ status: 1 }, { status: 0 }],
      [{ status: 0 }, { status: 1 }],
    ]);
  });

  it('refuses a cut-off while a bill dispute is open, and allows it once the dispute is closed', async () => {
    const c = await newCustomer();
    const [inv] = await database.db
      .insert(invoices)
      .values({
        customerId: c.id,
        bookId: c.bookId,
        period: '2026-04',
        consumption: 10,
        subtotal: 100_000,
        vat: 5_000,
        environmentFee: 0,
        drainageFee: 0,
        drainageVat: 0,
        total: 105_000,
      })
      .returning({ id: invoices.id });
    const dispute = await receiveWorkOrder(
      database.db,
      { actor: clerk },
      serviceRequest('BILL_DISPUTE', c.id, { invoiceId: inv!.id }),
    );
    const cut = await startedOrder('CUT_OFF', c.id);
    await expect(completeWorkOrder(database.db, clerk, { id: cut, resolution: 'Đã khóa van' })).rejects.toMatchObject({
      code: 'CUT_OFF_DURING_DISPUTE',
    });
    const [still] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(still!.status).toBe(1);
    expect((await orderRow(cut)).status).toBe('IN_PROGRESS');
    await assignWorkOrder(database.db, clerk, { id: dispute.id, teamId: f.teamId });
    await changeWorkOrderStatus(database.db, clerk, { id: dispute.id, status: 'IN_PROGRESS' });
    await completeWorkOrder(database.db, clerk, { id: dispute.id, resolution: 'Hóa đơn đúng, đã giải thích' });
    await completeWorkOrder(database.db, clerk, { id: cut, resolution: 'Đã khóa van' });
    const [after] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(after!.status).toBe(0);
    const reconnect = await startedOrder('RECONNECTION', c.id);
    await completeWorkOrder(database.db, clerk, { id: reconnect, resolution: 'Đã mở van' });
    const [back] = await database.db.select().from(customers).where(eq(customers.id, c.id));
    expect(back!.status).toBe(1);
  });
});

describe('lists', () => {
  it('lists overdue orders, pages by cursor, searches and counts per kind', async () => {
    const c = await newCustomer({ name: 'Đỗ Quang Hải' });
    const old = await receiveWorkOrder(
      database.db,
      { actor: clerk },
      serviceRequest('LEAK_REPORT', c.id, { applicantName: 'Đỗ Quang Hải' }),
      {
        now: new Date('2026-01-05T03:00:00Z'),
      },
    );
    const fresh = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('LEAK_REPORT', c.id), {
      now: new Date('2026-11-30T03:00:00Z'),
    });
    const now = new Date('2026-12-01T03:00:00Z');
    const overdue = await listWorkOrders(database.db, clerk, {
      filter: { overdueOnly: true, customerId: c.id },
      first: 10,
      after: null,
      now,
    });
    expect(overdue.rows.map((r) => r.id)).toEqual([old.id]);
    const first = await listWorkOrders(database.db, clerk, { filter: { customerId: c.id }, first: 1, after: null });
    expect(first.rows.map((r) => r.id)).toEqual([fresh.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await listWorkOrders(database.db, clerk, {
      filter: { customerId: c.id },
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(second.rows.map((r) => r.id)).toEqual([old.id]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const byName = await listWorkOrders(database.db, clerk, {
      filter: { search: 'quang hải' },
      first: 10,
      after: null,
    });
    expect(byName.rows.map((r) => r.id)).toContain(old.id);
    // Typed without accents, as staff often do.
    const unaccented = await listWorkOrders(database.db, clerk, {
      filter: { search: 'DO QUANG HAI' },
      first: 10,
      after: null,
    });
    expect(unaccented.rows.map((r) => r.id)).toContain(old.id);
    const code = (await orderRow(old.id)).trackingCode;
    const byCode = await listWorkOrders(database.db, clerk, {
      filter: { search: code.toLowerCase() },
      first: 10,
      after: null,
    });
    expect(byCode.rows.map((r) => r.id)).toEqual([old.id]);
    const counts = await countWorkOrders(database.db, clerk, now);
    const leaks = counts.find((k) => k.kind === 'LEAK_REPORT')!;
    expect(leaks.overdue).toBeGreaterThanOrEqual(1);
    expect(leaks.open).toBeGreaterThanOrEqual(2);
  });
});

describe('documents', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n');

  it('stores a PDF under a server key and reads it back with the order’s rights', async () => {
    const c = await newCustomer();
    const { id } = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('BILL_DISPUTE', c.id));
    const doc = await addWorkOrderDocument(database.db, clerk, {
      workOrderId: id,
      kind: 'OTHER',
      fileName: '../../etc/passwd.pdf',
      data: pdf,
    });
    expect(doc.storageKey).toMatch(new RegExp(`^work-orders/${id}/[0-9a-f-]{36}$`));
    expect(doc).toMatchObject({
      mimeType: 'application/pdf',
      fileName: '.._.._etc_passwd.pdf',
      sizeBytes: pdf.byteLength,
    });
    const back = await readWorkOrderDocument(database.db, clerk, doc.id);
    expect(Buffer.from(back.data).equals(Buffer.from(pdf))).toBe(true);
    expect(await readdir(path.join(storageDir, 'work-orders', String(id)))).toHaveLength(1);
    const outsider = await grantDocumentRights(database.db, f.outsider, f.branchIds[1], ['complaints']);
    await expect(readWorkOrderDocument(database.db, outsider, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a file that is not PDF/JPEG/PNG/WebP by its bytes, an empty one and one over 10 MB', async () => {
    const c = await newCustomer();
    const { id } = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('PROBLEM_REPORT', c.id));
    const add = (data: Uint8Array, fileName = 'giay-to.pdf') =>
      addWorkOrderDocument(database.db, clerk, { workOrderId: id, kind: 'PHOTO', fileName, data });
    await expect(add(new TextEncoder().encode('<html><script>alert(1)</script>'))).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
    });
    await expect(add(new Uint8Array(0))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf);
    await expect(add(big)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0, 0]);
    expect((await add(webp, 'anh.jpg')).mimeType).toBe('image/webp');
  });
});

describe('quote PDF', () => {
  it('prints the quote with lines, total in figures and words, in Vietnamese', async () => {
    const id = await installedOrder();
    const doc = await printableQuote(database.db, clerk, id);
    expect(doc.total).toBe(1_581_250);
    const pages = await extractPdfPages(await renderWorkOrderQuotePdf(doc));
    const text = pages.join(' ').replace(/\n/g, ' ');
    expect(text).toContain('BÁO GIÁ LẮP ĐẶT ĐỒNG HỒ NƯỚC');
    expect(text).toContain('Lê Thị Hoa');
    expect(text).toContain('Ống HDPE D25');
    expect(text).toContain('12,5');
    expect(text).toContain('1.581.250');
    expect(text).toContain('Một triệu năm trăm tám mươi mốt nghìn hai trăm năm mươi đồng');
    const plain = await grantDocumentRights(database.db, f.viewer, f.branchIds[0], ['installations'], {});
    await expect(printableQuote(database.db, plain, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('GraphQL', () => {
  it('takes in a request, answers labels, names, the next statuses, the timeline and the counts', async () => {
    const c = await newCustomer({ name: 'Vũ Thị Lan' });
    const created = await gql(
      database.db,
      clerk,
      `mutation($input: WorkOrderInput!) { createWorkOrder(input: $input) {
        id trackingCode kind kindLabel status statusLabel overdue allowedNextStatuses customerCode customerName
        branchName deadline details events { toStatus toStatusLabel userName byPortal } documents { id } version } }`,
      {
        input: {
          kind: 'RELOCATION',
          source: 'COUNTER',
          customerId: c.id,
          applicantName: 'Vũ Thị Lan',
          applicantPhone: '0912 111 222',
          relocation: { newAddress: '9 Phố Huế, Hai Bà Trưng' },
        },
      },
    );
    expect(created.errors).toEqual([]);
    const w = created.data!.createWorkOrder;
    expect(w).toMatchObject({
      kind: 'RELOCATION',
      kindLabel: 'Di dời đồng hồ',
      status: 'RECEIVED',
      statusLabel: 'Đã tiếp nhận',
      overdue: false,
      allowedNextStatuses: ['ASSIGNED', 'REJECTED', 'CANCELLED'],
      customerCode: c.code,
      customerName: 'Vũ Thị Lan',
      branchName: 'Chi nhánh Một',
      details: { newAddress: '9 Phố Huế, Hai Bà Trưng', newWardId: null },
      events: [{ toStatus: 'RECEIVED', toStatusLabel: 'Đã tiếp nhận', userName: 'Người dùng clerk', byPortal: false }],
    });
    const assigned = await gql(
      database.db,
      clerk,
      `mutation($id: Int!, $t: Int!, $v: Int!) { assignWorkOrder(id: $id, teamId: $t, expectedVersion: $v) { status teamName version } }`,
      { id: w.id, t: f.teamId, v: w.version },
    );
    expect(assigned.data!.assignWorkOrder).toMatchObject({ status: 'ASSIGNED', teamName: 'Đội lắp đặt 1' });
    const refused = await gql(
      database.db,
      clerk,
      `mutation($id: Int!) { changeWorkOrderStatus(id: $id, status: DONE) { id } }`,
      { id: w.id },
    );
    expect(refused.code).toBe('WORK_ORDER_STEP_NEEDS_DATA');
    const list = await gql(
      database.db,
      clerk,
      `query($c: Int!) { workOrders(filter: { customerId: $c, kinds: [RELOCATION] }, first: 5) { rows { id customerName teamName } pageInfo { hasNextPage } }
        customerWorkOrders(customerId: $c) { id } workOrderCounts { kind kindLabel open overdue } }`,
      { c: c.id },
    );
    expect(list.errors).toEqual([]);
    expect(list.data!.workOrders.rows).toEqual([{ id: w.id, customerName: 'Vũ Thị Lan', teamName: 'Đội lắp đặt 1' }]);
    expect(list.data!.customerWorkOrders).toEqual([{ id: w.id }]);
    expect(list.data!.workOrderCounts).toContainEqual(
      expect.objectContaining({ kind: 'RELOCATION', kindLabel: 'Di dời đồng hồ' }),
    );
  });
});
