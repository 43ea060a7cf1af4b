/**
 * Intake: every request (portal, phone, counter, staff) becomes one work order with a tracking code, a branch, a
 * deadline and a RECEIVED event, in one transaction. The portal forms and the back office call the same function.
 */
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { invoices } from '@/db/schema/billing';
import { complaintKinds, serviceTypes } from '@/db/schema/catalogs';
import { customers } from '@/db/schema/customers';
import { branches, readingBooks, routes, wards } from '@/db/schema/org';
import { workOrders } from '@/db/schema/work-orders';
import { todayInVietnam } from '@/domain/billing/periods';
import { disconnectionDeadlines } from '@/domain/notices/deadlines';
import { workOrderDeadline } from '@/domain/work-orders/deadline';
import { permissionObjectOf } from '@/domain/work-orders/kinds';
import { formatTrackingCode, TRACKING_RANDOM_BYTES } from '@/domain/work-orders/tracking-code';
import { type WorkOrderFields, type WorkOrderInput, workOrderInputSchema } from '@/schemas/work-order-input';
import { hasRight } from '@/services/auth/actor';
import { getCustomerForActor } from '@/services/customers/customer.service';
import { AppError, forbidden, pgErrorCode } from '@/services/errors';
import { queueDisconnectionNotice } from '@/services/notices/notice-queue.service';
import { isStaff, recordWorkOrderEvent, type WorkOrderBy } from './events';
import { parseOrThrow } from './validation';

export type { WorkOrderBy } from './events';

export interface ReceivedWorkOrder {
  id: number;
  trackingCode: string;
}

export interface IntakeOptions {
  /** The instant of receipt (tests pin it); the deadline counts from its Vietnamese date. */
  now?: Date;
}

interface Placement {
  branchId: number;
  bookId: number | null;
}

/**
 * Where a request belongs. An existing customer: their current book and that book's route's branch (book rights
 * then apply). A new address: the branch of its ward. Neither (a ward without a branch, or no ward): the company's
 * first branch by id — a single-branch company needs nothing more, and a larger one sees the request at its head
 * branch, where staff can reassign it by fixing the ward.
 */
async function placeRequest(tx: DbOrTx, fields: WorkOrderFields): Promise<Placement> {
  if (fields.customerId !== null) {
    const [c] = await tx
      .select({ bookId: customers.bookId, branchId: routes.branchId })
      .from(customers)
      .innerJoin(readingBooks, eq(readingBooks.id, customers.bookId))
      .innerJoin(routes, eq(routes.id, readingBooks.routeId))
      .where(eq(customers.id, fields.customerId))
      .limit(1);
    if (!c) throw new AppError('NOT_FOUND', 'Không tìm thấy khách hàng.', { field: 'customerId' });
    return { branchId: c.branchId, bookId: c.bookId };
  }
  if (fields.wardId !== null) {
    const [w] = await tx.select({ branchId: wards.branchId }).from(wards).where(eq(wards.id, fields.wardId)).limit(1);
    if (!w) throw new AppError('INVALID_REFERENCE', 'Phường – xã không tồn tại.', { field: 'wardId' });
    if (w.branchId !== null) return { branchId: w.branchId, bookId: null };
  }
  const [first] = await tx.select({ id: branches.id }).from(branches).orderBy(asc(branches.id)).limit(1);
  if (!first) throw new AppError('WORK_ORDER_NO_BRANCH', 'Chưa có đơn vị cơ sở nào để tiếp nhận yêu cầu.');
  return { branchId: first.id, bookId: null };
}

async function assertReferences(tx: DbOrTx, fields: WorkOrderFields): Promise<number | null> {
  if (fields.serviceTypeId !== null) {
    const [s] = await tx
      .select({ id: serviceTypes.id })
      .from(serviceTypes)
      .where(eq(serviceTypes.id, fields.serviceTypeId))
      .limit(1);
    if (!s) throw new AppError('INVALID_REFERENCE', 'Mục đích sử dụng không tồn tại.', { field: 'serviceTypeId' });
  }
  if (fields.invoiceId !== null) {
    const [inv] = await tx
      .select({ customerId: invoices.customerId })
      .from(invoices)
      .where(eq(invoices.id, fields.invoiceId))
      .limit(1);
    // Someone else's invoice reads as missing: a dispute form must not confirm other customers' invoice ids.
    if (!inv || inv.customerId !== fields.customerId)
      throw new AppError('INVALID_REFERENCE', 'Hóa đơn khiếu nại không phải của khách hàng này.', {
        field: 'invoiceId',
      });
  }
  if (fields.complaintKindId === null) return null;
  const [k] = await tx
    .select({ days: complaintKinds.resolutionDays })
    .from(complaintKinds)
    .where(eq(complaintKinds.id, fields.complaintKindId))
    .limit(1);
  if (!k) throw new AppError('INVALID_REFERENCE', 'Loại khiếu nại không tồn tại.', { field: 'complaintKindId' });
  return k.days;
}

/**
 * A cut-off of a customer: the day its disconnection notice (sent on receipt) allows the cut, by the customer's
 * kind — an individual (customer_type 0) is a household. Null for any other request.
 */
async function disconnectionDateOf(tx: DbOrTx, fields: WorkOrderFields, receivedOn: string): Promise<string | null> {
  if (fields.kind !== 'CUT_OFF' || fields.customerId === null) return null;
  const [c] = await tx
    .select({ customerType: customers.customerType })
    .from(customers)
    .where(eq(customers.id, fields.customerId))
    .limit(1);
  if (!c) return null;
  return disconnectionDeadlines(receivedOn, c.customerType === 0).disconnectOn;
}

/** The first order of a key, answered only to whoever sent it (the same user, or the same portal account). */
async function findByIdempotencyKey(db: DbOrTx, by: WorkOrderBy, key: string): Promise<ReceivedWorkOrder | null> {
  const [hit] = await db
    .select({
      id: workOrders.id,
      trackingCode: workOrders.trackingCode,
      createdBy: workOrders.createdBy,
      portalAccountId: workOrders.portalAccountId,
    })
    .from(workOrders)
    .where(eq(workOrders.idempotencyKey, key))
    .limit(1);
  if (!hit) return null;
  const isSameSender = isStaff(by)
    ? hit.createdBy === by.actor.userId
    : hit.createdBy === null && hit.portalAccountId === by.portalAccountId;
  if (!isSameSender)
    throw new AppError('IDEMPOTENCY_CONFLICT', 'Khóa chống gửi trùng đã được dùng cho một yêu cầu khác.', {
      field: 'idempotencyKey',
    });
  return { id: hit.id, trackingCode: hit.trackingCode };
}

/**
 * Receives a request. Staff need the `add` right of installations (a new connection) or complaints (any other
 * request) on the branch it belongs to, and for an existing customer the customer's book. The portal is trusted
 * with `customerId` only after it has proved the customer (a linked account or the code and second factor): that
 * proof is the portal service's job, done before calling here.
 *
 * A repeat with the same `idempotencyKey` (a double click, a retried request) returns the first order unchanged.
 */
export async function receiveWorkOrder(
  db: DbOrTx,
  by: WorkOrderBy,
  input: WorkOrderInput,
  options: IntakeOptions = {},
): Promise<ReceivedWorkOrder> {
  // Staff who may take in no request at all are refused before anything is read.
  if (isStaff(by) && !['complaints', 'installations'].some((o) => hasRight(by.actor, 'document', o, 'add')))
    throw forbidden('tiếp nhận yêu cầu');
  const fields = parseOrThrow(workOrderInputSchema, input);
  if (fields.idempotencyKey !== null) {
    const first = await findByIdempotencyKey(db, by, fields.idempotencyKey);
    if (first) return first;
  }
  if (isStaff(by) && fields.customerId !== null) {
    await getCustomerForActor(db, by.actor, fields.customerId, 'access');
  }
  const now = options.now ?? new Date();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const place = await placeRequest(tx, fields);
        // A dispute and a cut-off's completion (which locks the customer for update) are serialised on the customer
        // row, so a cut-off never completes unaware of a dispute received at the same moment.
        if (fields.kind === 'BILL_DISPUTE' && fields.customerId !== null)
          await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, fields.customerId)).for('share');
        if (isStaff(by) && !hasRight(by.actor, 'document', permissionObjectOf(fields.kind), 'add', place.branchId))
          throw forbidden('tiếp nhận yêu cầu này');
        const resolutionDays = await assertReferences(tx, fields);
        const receivedOn = todayInVietnam(now);
        const disconnectOn = await disconnectionDateOf(tx, fields, receivedOn);
        const deadline = workOrderDeadline(fields.kind, receivedOn, resolutionDays, disconnectOn);
        const [row] = await tx
          .insert(workOrders)
          .values({
            trackingCode: formatTrackingCode(randomBytes(TRACKING_RANDOM_BYTES)),
            kind: fields.kind,
            source: fields.source,
            status: 'RECEIVED',
            customerId: fields.customerId,
            branchId: place.branchId,
            bookId: place.bookId,
            wardId: fields.wardId,
            applicantName: fields.applicantName,
            applicantPhone: fields.applicantPhone,
            applicantEmail: fields.applicantEmail,
            citizenId: fields.citizenId,
            address: fields.address,
            latitude: fields.latitude,
            longitude: fields.longitude,
            serviceTypeId: fields.serviceTypeId,
            households: fields.households,
            persons: fields.persons,
            description: fields.description,
            details: fields.details,
            complaintKindId: fields.complaintKindId,
            invoiceId: fields.invoiceId,
            receivedAt: now,
            deadline,
            portalAccountId: isStaff(by) ? null : by.portalAccountId,
            createdBy: isStaff(by) ? by.actor.userId : null,
            idempotencyKey: fields.idempotencyKey,
          })
          .returning({ id: workOrders.id, trackingCode: workOrders.trackingCode });
        await recordWorkOrderEvent(tx, {
          workOrderId: row!.id,
          by,
          fromStatus: null,
          toStatus: 'RECEIVED',
          data: { source: fields.source },
        });
        // The customer is told before water is cut (Decree 117/2007): the notice goes out with the request.
        if (disconnectOn !== null) await queueDisconnectionNotice(tx, row!.id, receivedOn);
        return row!;
      });
    } catch (e) {
      const pg = pgErrorCode(e);
      if (pg?.code !== '23505') throw e;
      // Two submissions with one key raced: the loser answers with the winner's order.
      if (fields.idempotencyKey !== null) {
        const first = await findByIdempotencyKey(db, by, fields.idempotencyKey);
        if (first) return first;
      }
      // 40 random bits collide about never; a collision gets a fresh code, a persistent one is a real fault.
      if (attempt >= 2 || !pg.constraint?.includes('tracking_code')) throw e;
    }
  }
}
