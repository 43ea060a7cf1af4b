import type { DbOrTx } from '@/db/client';
import { workOrderEvents } from '@/db/schema/work-orders';
import type { WorkOrderStatus } from '@/domain/work-orders/kinds';
import type { Actor } from '@/services/auth/actor';
import { queueWorkOrderNotice } from '@/services/notices/notice-queue.service';

/** Who acts on a work order: a staff member, or the portal (a signed-in customer account, or an anonymous visitor). */
export type WorkOrderBy = { actor: Actor } | { portalAccountId: number | null };

export function isStaff(by: WorkOrderBy): by is { actor: Actor } {
  return 'actor' in by;
}

export interface WorkOrderEventInput {
  workOrderId: number;
  by: WorkOrderBy;
  fromStatus: WorkOrderStatus | null;
  toStatus: WorkOrderStatus;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * Appends one event (a status change or a note: who, when, from, to) inside the caller's transaction. Every change
 * of a work order goes through here, so this is the one place where status-change notices hook in.
 */
export async function recordWorkOrderEvent(tx: DbOrTx, input: WorkOrderEventInput): Promise<number> {
  const [row] = await tx
    .insert(workOrderEvents)
    .values({
      workOrderId: input.workOrderId,
      userId: isStaff(input.by) ? input.by.actor.userId : null,
      portalAccountId: isStaff(input.by) ? null : input.by.portalAccountId,
      fromStatus: input.fromStatus,
      toStatus: input.toStatus,
      note: input.note ?? null,
      data: input.data ?? null,
    })
    .returning({ id: workOrderEvents.id });
  // The customer hears of the change (the first event is the "received" confirmation), in the same transaction.
  await queueWorkOrderNotice(tx, row!.id);
  return row!.id;
}
