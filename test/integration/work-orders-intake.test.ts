import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintKinds } from '@/db/schema/catalogs';
import { wards } from '@/db/schema/org';
import { workOrderEvents, workOrders } from '@/db/schema/work-orders';
import type { Actor } from '@/services/auth/actor';
import { createCustomer } from '@/services/customers/customer.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';
import { grantDocumentRights, installationRequest, serviceRequest } from '../helpers/work-order-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let clerk: Actor;
let customerId: number;

// Monday 16 November 2026, 09:00 in Hà Nội.
const MONDAY = new Date('2026-11-16T02:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  clerk = await grantDocumentRights(database.db, f.clerk, f.branchIds[0], ['complaints', 'installations']);
  await database.db.update(wards).set({ branchId: f.branchIds[1] }).where(eq(wards.id, f.communeId));
  customerId = (await createCustomer(database.db, f.admin, { customer: customerFields(f.bookIds[0]) })).id;
});
afterAll(async () => database?.close());

async function orderOf(id: number) {
  const [row] = await database.db.select().from(workOrders).where(eq(workOrders.id, id));
  return row!;
}

describe('work-order intake', () => {
  it('creates the order with a random tracking code, the branch of the ward and a RECEIVED event', async () => {
    const r = await receiveWorkOrder(
      database.db,
      { portalAccountId: null },
      installationRequest(f.communeId, { source: 'PORTAL' }),
      { now: MONDAY },
    );
    expect(r.trackingCode).toMatch(/^YC[0-9A-HJKMNP-TV-Z]{8}$/);
    const row = await orderOf(r.id);
    expect(row).toMatchObject({
      status: 'RECEIVED',
      branchId: f.branchIds[1],
      bookId: null,
      latitude: '21.046500',
      deadline: '2026-12-16',
      applicantPhone: '0912345678',
    });
    const events = await database.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, r.id));
    expect(events).toMatchObject([{ fromStatus: null, toStatus: 'RECEIVED', userId: null, portalAccountId: null }]);
  });

  it('places a ward without a branch, or no ward, at the first branch', async () => {
    const r = await receiveWorkOrder(database.db, { actor: clerk }, installationRequest(f.wardId), { now: MONDAY });
    expect((await orderOf(r.id)).branchId).toBe(f.branchIds[0]);
    const none = await receiveWorkOrder(database.db, { actor: clerk }, installationRequest(null), { now: MONDAY });
    expect((await orderOf(none.id)).branchId).toBe(f.branchIds[0]);
  });

  it("places an existing customer's request at their book and branch", async () => {
    const r = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('LEAK_REPORT', customerId), {
      now: MONDAY,
    });
    expect(await orderOf(r.id)).toMatchObject({
      bookId: f.bookIds[0],
      branchId: f.branchIds[0],
      deadline: '2026-11-17',
    });
  });

  it('is idempotent on the idempotency key', async () => {
    const input = serviceRequest('PROBLEM_REPORT', customerId, { idempotencyKey: 'form-1234567890' });
    const [a, b] = await Promise.all([
      receiveWorkOrder(database.db, { actor: clerk }, input),
      receiveWorkOrder(database.db, { actor: clerk }, input),
    ]);
    const c = await receiveWorkOrder(database.db, { actor: clerk }, input);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Someone else's key answers nothing of the first order.
    await expect(receiveWorkOrder(database.db, { portalAccountId: null }, input)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    const [n] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(workOrders)
      .where(eq(workOrders.idempotencyKey, 'form-1234567890'));
    expect(n!.n).toBe(1);
  });

  it('gives a dispute 15 working days, skipping weekends and holidays, and a meter check 5 days', async () => {
    const dispute = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('BILL_DISPUTE', customerId), {
      now: MONDAY,
    });
    expect((await orderOf(dispute.id)).deadline).toBe('2026-12-07');
    // Received Friday 13 February 2026, before the Tết break (16–20 February).
    const beforeTet = await receiveWorkOrder(
      database.db,
      { actor: clerk },
      serviceRequest('BILL_DISPUTE', customerId),
      { now: new Date('2026-02-13T03:00:00Z') },
    );
    expect((await orderOf(beforeTet.id)).deadline).toBe('2026-03-13');
    const check = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('METER_CHECK', customerId), {
      now: MONDAY,
    });
    expect((await orderOf(check.id)).deadline).toBe('2026-11-21');
  });

  it("takes other kinds' deadline from the complaint catalog", async () => {
    const [k] = await database.db
      .insert(complaintKinds)
      .values({ code: 'NUOC_YEU', name: 'Nước yếu', resolutionDays: 10 })
      .returning();
    const r = await receiveWorkOrder(
      database.db,
      { actor: clerk },
      serviceRequest('PROBLEM_REPORT', customerId, { complaintKindId: k!.id }),
      { now: MONDAY },
    );
    expect((await orderOf(r.id)).deadline).toBe('2026-11-26');
  });

  it('refuses invalid input, missing rights and a book the user lacks', async () => {
    await expect(
      receiveWorkOrder(database.db, { actor: clerk }, installationRequest(f.wardId, { applicantPhone: '12' })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'applicantPhone' });
    await expect(
      receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('RELOCATION', customerId)),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'details.newAddress' });
    await expect(
      receiveWorkOrder(database.db, { actor: f.clerk }, serviceRequest('LEAK_REPORT', customerId)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const outsider = await grantDocumentRights(database.db, f.outsider, f.branchIds[0], ['complaints']);
    await expect(
      receiveWorkOrder(database.db, { actor: outsider }, serviceRequest('LEAK_REPORT', customerId)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('BILL_DISPUTE', customerId, { invoiceId: 999 })),
    ).rejects.toMatchObject({ code: 'INVALID_REFERENCE', field: 'invoiceId' });
  });
});
