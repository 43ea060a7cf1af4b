/**
 * Status changes of a work order: assignment, a bare status change, rejection, cancellation, notes. Every change is
 * one transaction that updates the row under an optimistic version check and appends its event.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { installationTeams } from '@/db/schema/catalogs';
import { users } from '@/db/schema/users';
import { workOrders } from '@/db/schema/work-orders';
import {
  isClosedStatus,
  isWorkOrderStatus,
  WORK_ORDER_STATUS_LABELS,
  type WorkOrderStatus,
} from '@/domain/work-orders/kinds';
import { canTransition, STATUSES_WITH_DATA } from '@/domain/work-orders/transitions';
import type { Actor } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { getWorkOrderForActor, kindOf, type WorkOrderRow } from './access';
import { recordWorkOrderEvent, type WorkOrderBy } from './events';

function statusOf(row: { status: string }): WorkOrderStatus {
  if (!isWorkOrderStatus(row.status)) throw new Error(`unknown work order status ${row.status}`);
  return row.status;
}

export function assertWorkOrderTransition(row: WorkOrderRow, to: WorkOrderStatus): void {
  const from = statusOf(row);
  if (!canTransition(kindOf(row), from, to)) {
    throw new AppError(
      'WORK_ORDER_TRANSITION_REFUSED',
      isClosedStatus(from)
        ? `Phiếu ${row.trackingCode} đã ${WORK_ORDER_STATUS_LABELS[from].toLowerCase()}, không thể chuyển trạng thái nữa.`
        : `Không thể chuyển phiếu ${row.trackingCode} từ “${WORK_ORDER_STATUS_LABELS[from]}” sang “${WORK_ORDER_STATUS_LABELS[to]}”.`,
      { field: 'status' },
    );
  }
}

export interface WorkOrderUpdate {
  /** The status after the change; the current one for a change that does not move it (a note, a re-assignment). */
  to: WorkOrderStatus;
  note?: string | null;
  data?: Record<string, unknown> | null;
  set?: Partial<typeof workOrders.$inferInsert>;
  /** The version the user's form was loaded with: a colleague's change since then is a VERSION_CONFLICT. */
  expectedVersion?: number | null;
}

/**
 * Applies one change to a locked order inside `tx`: the transition check (when the status moves), the version
 * check, the row update and the event. Returns the updated row.
 */
export async function applyWorkOrderChange(
  tx: DbOrTx,
  by: WorkOrderBy,
  row: WorkOrderRow,
  change: WorkOrderUpdate,
): Promise<WorkOrderRow> {
  const from = statusOf(row);
  // A change that keeps the status (a re-assignment, a new quote) is fine on an open order, never on a closed one.
  if (change.to !== from || isClosedStatus(from)) assertWorkOrderTransition(row, change.to);
  const version = change.expectedVersion ?? row.version;
  const closing = change.to !== from && isClosedStatus(change.to);
  const [updated] = await tx
    .update(workOrders)
    .set({
      ...change.set,
      status: change.to,
      ...(closing ? { closedAt: new Date() } : {}),
      version: sql`${workOrders.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(workOrders.id, row.id), eq(workOrders.version, version)))
    .returning();
  if (!updated)
    throw new AppError('VERSION_CONFLICT', `Phiếu ${row.trackingCode} vừa được người khác cập nhật. Hãy tải lại.`);
  await recordWorkOrderEvent(tx, {
    workOrderId: row.id,
    by,
    fromStatus: from,
    toStatus: change.to,
    note: change.note ?? null,
    data: change.data ?? null,
  });
  return updated;
}

/** Locks the order for `right` and runs `work` in one transaction. */
export async function withWorkOrder<T>(
  db: DbOrTx,
  actor: Actor,
  id: number,
  right: 'edit' | 'delete',
  work: (tx: DbOrTx, row: WorkOrderRow, currentBookId: number | null) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const { order, currentBookId } = await getWorkOrderForActor(tx, actor, id, right, { forUpdate: true });
    return work(tx, order, currentBookId);
  });
}

const requiredText = (value: string | null | undefined, field: string, message: string): string => {
  const text = value?.trim() ?? '';
  if (!text) throw new AppError('VALIDATION_FAILED', message, { field });
  if (text.length > 4000) throw new AppError('VALIDATION_FAILED', 'Nội dung dài tối đa 4000 ký tự.', { field });
  return text;
};

export interface AssignWorkOrderInput {
  id: number;
  teamId?: number | null;
  userId?: number | null;
  note?: string | null;
  expectedVersion?: number | null;
}

/**
 * Hands the order to a team and/or a staff member. A service request moves RECEIVED → ASSIGNED; a re-assignment,
 * or an installation (whose steps are its statuses), keeps its status and records the change as an event.
 */
export async function assignWorkOrder(db: DbOrTx, actor: Actor, input: AssignWorkOrderInput): Promise<WorkOrderRow> {
  const teamId = input.teamId ?? null;
  const userId = input.userId ?? null;
  return withWorkOrder(db, actor, input.id, 'edit', async (tx, row) => {
    if (teamId === null && userId === null)
      throw new AppError('VALIDATION_FAILED', 'Chọn đội thi công hoặc nhân viên xử lý.', { field: 'teamId' });
    if (teamId !== null) {
      const [team] = await tx
        .select({ id: installationTeams.id })
        .from(installationTeams)
        .where(eq(installationTeams.id, teamId));
      if (!team) throw new AppError('INVALID_REFERENCE', 'Đội thi công không tồn tại.', { field: 'teamId' });
    }
    if (userId !== null) {
      const [user] = await tx.select({ isActive: users.isActive }).from(users).where(eq(users.id, userId));
      if (!user?.isActive)
        throw new AppError('INVALID_REFERENCE', 'Nhân viên xử lý không tồn tại hoặc đã ngưng.', { field: 'userId' });
    }
    const from = statusOf(row);
    const to: WorkOrderStatus = kindOf(row) !== 'INSTALLATION' && from === 'RECEIVED' ? 'ASSIGNED' : from;
    return applyWorkOrderChange(tx, { actor }, row, {
      to,
      note: input.note?.trim() || null,
      data: { teamId, userId },
      set: { teamId, assignedUserId: userId },
      expectedVersion: input.expectedVersion,
    });
  });
}

export interface ChangeWorkOrderStatusInput {
  id: number;
  status: WorkOrderStatus;
  note?: string | null;
  expectedVersion?: number | null;
}

/**
 * A bare status change (start work, reject, cancel). Statuses that record data (a survey, a quote, a handover, a
 * completion) are refused here with WORK_ORDER_STEP_NEEDS_DATA; rejecting or cancelling needs a reason.
 */
export async function changeWorkOrderStatus(
  db: DbOrTx,
  actor: Actor,
  input: ChangeWorkOrderStatusInput,
): Promise<WorkOrderRow> {
  if (input.status === 'REJECTED' || input.status === 'CANCELLED')
    return closeWorkOrder(
      db,
      actor,
      { id: input.id, reason: input.note ?? '', expectedVersion: input.expectedVersion },
      input.status,
    );
  return withWorkOrder(db, actor, input.id, 'edit', (tx, row) => {
    if (STATUSES_WITH_DATA.includes(input.status))
      throw new AppError(
        'WORK_ORDER_STEP_NEEDS_DATA',
        `Trạng thái “${WORK_ORDER_STATUS_LABELS[input.status]}” được ghi qua thao tác riêng của bước đó.`,
        { field: 'status' },
      );
    return applyWorkOrderChange(tx, { actor }, row, {
      to: input.status,
      note: input.note?.trim() || null,
      expectedVersion: input.expectedVersion,
    });
  });
}

async function closeWorkOrder(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; reason: string; expectedVersion?: number | null },
  to: 'REJECTED' | 'CANCELLED',
): Promise<WorkOrderRow> {
  return withWorkOrder(db, actor, input.id, 'edit', (tx, row) => {
    const reason = requiredText(
      input.reason,
      'reason',
      to === 'REJECTED' ? 'Nhập lý do từ chối.' : 'Nhập lý do hủy phiếu.',
    );
    return applyWorkOrderChange(tx, { actor }, row, {
      to,
      note: reason,
      set: { resolution: reason },
      expectedVersion: input.expectedVersion,
    });
  });
}

export function rejectWorkOrder(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; reason: string; expectedVersion?: number | null },
): Promise<WorkOrderRow> {
  return closeWorkOrder(db, actor, input, 'REJECTED');
}

export function cancelWorkOrder(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; reason: string; expectedVersion?: number | null },
): Promise<WorkOrderRow> {
  return closeWorkOrder(db, actor, input, 'CANCELLED');
}

/** A note on the order's timeline; the status stays. Open or closed, a note may be added (a call back, a letter). */
export async function addWorkOrderNote(db: DbOrTx, actor: Actor, input: { id: number; note: string }): Promise<number> {
  return withWorkOrder(db, actor, input.id, 'edit', async (tx, row) => {
    const note = requiredText(input.note, 'note', 'Nhập nội dung ghi chú.');
    const status = statusOf(row);
    // A note changes no field of the order: its version stays, so a colleague's open form is not made stale.
    await tx.update(workOrders).set({ updatedAt: new Date() }).where(eq(workOrders.id, row.id));
    return recordWorkOrderEvent(tx, { workOrderId: row.id, by: { actor }, fromStatus: status, toStatus: status, note });
  });
}
