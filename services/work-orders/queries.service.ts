/**
 * Reading work orders: the back office's list (filters, overdue only, keyset pages), a customer's orders (the history
 * tab), one order with its timeline and documents, and the counts of a dashboard. Rights are a condition of the SQL
 * (services/work-orders/access.ts), never a filter afterwards.
 */
import { and, asc, desc, eq, ilike, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { customers } from '@/db/schema/customers';
import { users } from '@/db/schema/users';
import { workOrderEvents, workOrders } from '@/db/schema/work-orders';
import { todayInVietnam } from '@/domain/billing/periods';
import { CLOSED_STATUSES, type WorkOrderKind, type WorkOrderStatus } from '@/domain/work-orders/kinds';
import { normalizeTrackingCode } from '@/domain/work-orders/tracking-code';
import type { Actor } from '@/services/auth/actor';
import { getCustomerForActor } from '@/services/customers/customer.service';
import { AppError } from '@/services/errors';
import { decodeCursor, pageOf, type PageInfo } from '@/services/page-cursor';
import { assertAnyWorkOrderRight, getWorkOrderForActor, visibleWorkOrders, type WorkOrderRow } from './access';
import { escapeLike, foldSql, foldText } from '@/services/catalogs/filter';

export interface WorkOrderFilter {
  statuses?: readonly WorkOrderStatus[] | null;
  kinds?: readonly WorkOrderKind[] | null;
  branchId?: number | null;
  customerId?: number | null;
  /** Open orders whose deadline is before today (Vietnamese business date). */
  overdueOnly?: boolean | null;
  /** A tracking code, or part of the applicant's name or phone. */
  search?: string | null;
}

export interface WorkOrderPage {
  rows: WorkOrderRow[];
  pageInfo: PageInfo;
}

const cursorSchema = z.object({ id: z.number().int().positive() });

const isOpen = () => notInArray(workOrders.status, [...CLOSED_STATUSES]);

function searchCondition(search: string): SQL {
  const q = search.trim();
  if (q.length < 2) throw new AppError('SEARCH_TOO_SHORT', 'Nhập ít nhất 2 ký tự để tìm.', { field: 'search' });
  const code = normalizeTrackingCode(q);
  const digits = q.replace(/[\s.\-()]/g, '');
  // Accents folded on both sides, like the catalogs' filters: "quang hai" finds "Đỗ Quang Hải", as staff often type.
  const parts: SQL[] = [sql`${foldSql(workOrders.applicantName)} like ${`%${escapeLike(foldText(q))}%`}`];
  if (code) parts.push(eq(workOrders.trackingCode, code));
  else parts.push(ilike(workOrders.trackingCode, `${escapeLike(q.toUpperCase())}%`));
  if (/^\d{3,}$/.test(digits)) parts.push(sql`${workOrders.applicantPhone} like ${`%${digits}%`}`);
  return or(...parts)!;
}

export async function listWorkOrders(
  db: DbOrTx,
  actor: Actor,
  input: { filter: WorkOrderFilter; first: number; after: string | null; now?: Date },
): Promise<WorkOrderPage> {
  assertAnyWorkOrderRight(actor);
  const f = input.filter;
  const conds: (SQL | undefined)[] = [visibleWorkOrders(actor) ?? undefined];
  if (f.statuses && f.statuses.length > 0) conds.push(inArray(workOrders.status, [...f.statuses]));
  if (f.kinds && f.kinds.length > 0) conds.push(inArray(workOrders.kind, [...f.kinds]));
  if (f.branchId) conds.push(eq(workOrders.branchId, f.branchId));
  if (f.customerId) conds.push(eq(workOrders.customerId, f.customerId));
  if (f.overdueOnly) conds.push(isOpen(), lt(workOrders.deadline, todayInVietnam(input.now ?? new Date())));
  if (f.search) conds.push(searchCondition(f.search));
  if (input.after) conds.push(lt(workOrders.id, decodeCursor(cursorSchema, input.after).id));
  const rows = await db
    .select({ order: workOrders })
    .from(workOrders)
    .leftJoin(customers, eq(customers.id, workOrders.customerId))
    .where(and(...conds))
    .orderBy(desc(workOrders.id))
    .limit(input.first + 1);
  return pageOf(
    rows.map((r) => r.order),
    input.first,
    (r) => ({ id: r.id }),
  );
}

/** A customer's requests, newest first: the customer screen's history tab. */
export async function listCustomerWorkOrders(db: DbOrTx, actor: Actor, customerId: number): Promise<WorkOrderRow[]> {
  await getCustomerForActor(db, actor, customerId, 'access');
  const rows = await db
    .select({ order: workOrders })
    .from(workOrders)
    .leftJoin(customers, eq(customers.id, workOrders.customerId))
    .where(and(eq(workOrders.customerId, customerId), visibleWorkOrders(actor) ?? undefined))
    .orderBy(desc(workOrders.id))
    .limit(500);
  return rows.map((r) => r.order);
}

export async function getWorkOrder(db: DbOrTx, actor: Actor, id: number): Promise<WorkOrderRow> {
  return (await getWorkOrderForActor(db, actor, id, 'access')).order;
}

export interface WorkOrderEventView {
  id: number;
  at: Date;
  userId: number | null;
  userName: string | null;
  portalAccountId: number | null;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

/**
 * The timelines of orders the caller has already read with the actor's rights, oldest event first, in one query
 * (a list of orders asks for all of theirs at once).
 */
export async function listWorkOrderEvents(
  db: DbOrTx,
  workOrderIds: readonly number[],
): Promise<Map<number, WorkOrderEventView[]>> {
  const out = new Map<number, WorkOrderEventView[]>(workOrderIds.map((id) => [id, []]));
  if (workOrderIds.length === 0) return out;
  const rows = await db
    .select({ e: workOrderEvents, userName: users.fullName })
    .from(workOrderEvents)
    .leftJoin(users, eq(users.id, workOrderEvents.userId))
    .where(inArray(workOrderEvents.workOrderId, [...workOrderIds]))
    .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.id));
  for (const r of rows) out.get(r.e.workOrderId)?.push({ ...r.e, userName: r.userName });
  return out;
}

export interface WorkOrderCount {
  kind: WorkOrderKind;
  open: number;
  overdue: number;
}

/** Open and overdue orders per kind among those the actor may read (a dashboard's tiles). */
export async function countWorkOrders(db: DbOrTx, actor: Actor, now: Date = new Date()): Promise<WorkOrderCount[]> {
  assertAnyWorkOrderRight(actor);
  const today = todayInVietnam(now);
  const rows = await db
    .select({
      kind: workOrders.kind,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${workOrders.deadline} < ${today}))::int`,
    })
    .from(workOrders)
    .leftJoin(customers, eq(customers.id, workOrders.customerId))
    .where(and(isOpen(), visibleWorkOrders(actor) ?? undefined))
    .groupBy(workOrders.kind)
    .orderBy(workOrders.kind);
  return rows.map((r) => ({ kind: r.kind as WorkOrderKind, open: Number(r.open), overdue: Number(r.overdue) }));
}
