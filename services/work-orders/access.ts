/**
 * Who may see and handle a work order. Rights are those of the permission object of its kind (installations for a
 * new connection, complaints for the rest). An order about a customer follows the customer: the user must hold the
 * customer's CURRENT book and have the right on that book's branch (the book copied onto the order serves reports
 * only). An order without a customer (a new connection before handover, a leak at an address) belongs to the branch
 * of its ward.
 */
import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { customers } from '@/db/schema/customers';
import { workOrders } from '@/db/schema/work-orders';
import type { Right } from '@/domain/auth/permissions';
import { isWorkOrderKind, permissionObjectOf, type WorkOrderKind } from '@/domain/work-orders/kinds';
import { type Actor, booksWithRight, canOnBook, hasRight } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';

export type WorkOrderRow = typeof workOrders.$inferSelect;

/** The order row and, for an order about a customer, that customer's current book. */
export interface WorkOrderWithBook {
  order: WorkOrderRow;
  currentBookId: number | null;
}

export function kindOf(row: { kind: string }): WorkOrderKind {
  if (!isWorkOrderKind(row.kind)) throw new Error(`unknown work order kind ${row.kind}`);
  return row.kind;
}

function canOnWorkOrder(
  actor: Actor,
  order: { kind: string; branchId: number; customerId: number | null },
  currentBookId: number | null,
  right: Right,
): boolean {
  const object = permissionObjectOf(kindOf(order));
  if (order.customerId !== null) return currentBookId !== null && canOnBook(actor, currentBookId, object, right);
  return hasRight(actor, 'document', object, right, order.branchId);
}

async function loadWorkOrder(db: DbOrTx, id: number, forUpdate = false): Promise<WorkOrderWithBook | null> {
  const query = db
    .select({ order: workOrders, currentBookId: customers.bookId })
    .from(workOrders)
    .leftJoin(customers, eq(customers.id, workOrders.customerId))
    .where(eq(workOrders.id, id))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: workOrders }) : await query;
  return row ?? null;
}

/**
 * The order after checking `right`; an order the actor may not even read is reported as missing (as `what`), so
 * ids and tracking codes reveal nothing.
 */
export async function getWorkOrderForActor(
  db: DbOrTx,
  actor: Actor,
  id: number,
  right: Right = 'access',
  options: { forUpdate?: boolean; what?: string } = {},
): Promise<WorkOrderWithBook> {
  const found = await loadWorkOrder(db, id, options.forUpdate ?? false);
  const what = options.what ?? 'phiếu yêu cầu';
  if (!found || !canOnWorkOrder(actor, found.order, found.currentBookId, 'access')) throw notFound(what);
  if (right !== 'access' && !canOnWorkOrder(actor, found.order, found.currentBookId, right))
    throw new AppError('FORBIDDEN', 'Bạn không có quyền xử lý phiếu yêu cầu này.');
  return found;
}

function branchesWithRight(actor: Actor, object: string, right: Right): number[] {
  const out = new Set<number>();
  for (const [key, rights] of actor.rights) {
    const [branch, group, obj] = key.split(':');
    if (group === 'document' && obj === object && rights[right]) out.add(Number(branch));
  }
  return [...out];
}

/** The rows a list may show to `actor` (null: every row, an admin); joins `customers` on the order's customer. */
export function visibleWorkOrders(actor: Actor, right: Right = 'access'): SQL | null {
  if (actor.isAdmin) return null;
  const part = (object: 'installations' | 'complaints'): SQL => {
    const books = booksWithRight(actor, object, right) ?? [];
    const branches = branchesWithRight(actor, object, right);
    const byBook = books.length > 0 ? inArray(customers.bookId, books) : sql`false`;
    const byBranch =
      branches.length > 0 ? and(isNull(workOrders.customerId), inArray(workOrders.branchId, branches))! : sql`false`;
    return or(byBook, byBranch)!;
  };
  return or(
    and(eq(workOrders.kind, 'INSTALLATION'), part('installations')),
    and(ne(workOrders.kind, 'INSTALLATION'), part('complaints')),
  )!;
}

/** A user with no right on requests anywhere is refused outright rather than shown an empty list. */
export function assertAnyWorkOrderRight(actor: Actor, right: Right = 'access'): void {
  if (!hasRight(actor, 'document', 'complaints', right) && !hasRight(actor, 'document', 'installations', right))
    throw new AppError('FORBIDDEN', 'Bạn không có quyền xem phiếu yêu cầu.');
}
