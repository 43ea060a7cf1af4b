// Work orders (phiếu yêu cầu): the staff's view of every request, from intake to done. The rows come from
// services/work-orders, which checked the viewer's rights on each; names shown beside ids load in one batch per list.
import { sql } from 'drizzle-orm';
import { builder } from '@/graphql/builder';
import { batchResolver } from '@/graphql/batch';
import type { GraphQLContext } from '@/graphql/context';
import { PageInfoType } from '@/graphql/page-info';
import { storedAs } from '@/graphql/stored-enum';
import { workOrders } from '@/db/schema/work-orders';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import {
  isClosedStatus,
  WORK_ORDER_DOCUMENT_KIND_LABELS,
  WORK_ORDER_DOCUMENT_KINDS,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_KINDS,
  WORK_ORDER_SOURCE_LABELS,
  WORK_ORDER_SOURCES,
  WORK_ORDER_STATUS_LABELS,
  WORK_ORDER_STATUSES,
  type WorkOrderDocumentKind,
  type WorkOrderKind,
  type WorkOrderSource,
  type WorkOrderStatus,
} from '@/domain/work-orders/kinds';
import { isOverdue } from '@/domain/work-orders/deadline';
import { nextStatuses } from '@/domain/work-orders/transitions';
import type { WorkOrderRow } from '@/services/work-orders/access';
import { listWorkOrderDocuments, type WorkOrderDocumentRow } from '@/services/work-orders/documents.service';
import {
  listWorkOrderEvents,
  type WorkOrderCount,
  type WorkOrderEventView,
  type WorkOrderPage,
} from '@/services/work-orders/queries.service';

const enumValues = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  Object.fromEntries(values.map((v) => [v, { value: v, description: labels[v] }])) as Record<
    T,
    { value: T; description: string }
  >;

export const WorkOrderKindEnum = builder.enumType('WorkOrderKind', {
  values: enumValues<WorkOrderKind>(WORK_ORDER_KINDS, WORK_ORDER_KIND_LABELS),
});
export const WorkOrderStatusEnum = builder.enumType('WorkOrderStatus', {
  values: enumValues<WorkOrderStatus>(WORK_ORDER_STATUSES, WORK_ORDER_STATUS_LABELS),
});
export const WorkOrderSourceEnum = builder.enumType('WorkOrderSource', {
  values: enumValues<WorkOrderSource>(WORK_ORDER_SOURCES, WORK_ORDER_SOURCE_LABELS),
});
const WorkOrderDocumentKindEnum = builder.enumType('WorkOrderDocumentKind', {
  values: enumValues<WorkOrderDocumentKind>(WORK_ORDER_DOCUMENT_KINDS, WORK_ORDER_DOCUMENT_KIND_LABELS),
});

interface WorkOrderNames {
  customerCode: string | null;
  customerName: string | null;
  branchName: string | null;
  wardName: string | null;
  teamName: string | null;
  assignedUserName: string | null;
  complaintKindName: string | null;
  serviceTypeName: string | null;
}

const NO_NAMES: WorkOrderNames = {
  customerCode: null,
  customerName: null,
  branchName: null,
  wardName: null,
  teamName: null,
  assignedUserName: null,
  complaintKindName: null,
  serviceTypeName: null,
};

// One query for the names of every order of a list (customer, branch, ward, team, assignee, kinds).
const namesOf = batchResolver<GraphQLContext, number, WorkOrderNames>(
  async (ctx, ids) => {
    const rows = rowsOf<Record<string, unknown>>(
      await ctx.db.execute(sql`
      select w.id, c.code as customer_code, c.name as customer_name, b.name as branch_name, wd.name as ward_name,
             t.name as team_name, u.full_name as assigned_user_name, k.name as complaint_kind_name,
             st.name as service_type_name
      from ${workOrders} w
      left join customers c on c.id = w.customer_id
      left join branches b on b.id = w.branch_id
      left join wards wd on wd.id = w.ward_id
      left join installation_teams t on t.id = w.team_id
      left join users u on u.id = w.assigned_user_id
      left join complaint_kinds k on k.id = w.complaint_kind_id
      left join service_types st on st.id = w.service_type_id
      where w.id = any(${pgArray(ids)})`),
    );
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          customerCode: text(r.customer_code),
          customerName: text(r.customer_name),
          branchName: text(r.branch_name),
          wardName: text(r.ward_name),
          teamName: text(r.team_name),
          assignedUserName: text(r.assigned_user_name),
          complaintKindName: text(r.complaint_kind_name),
          serviceTypeName: text(r.service_type_name),
        },
      ]),
    );
  },
  () => NO_NAMES,
);

// The timeline and the documents of every order of a list, one query each.
const eventsOf = batchResolver<GraphQLContext, number, WorkOrderEventView[]>(
  (ctx, ids) => listWorkOrderEvents(ctx.db, ids),
  () => [],
);
const documentsOf = batchResolver<GraphQLContext, number, WorkOrderDocumentRow[]>(
  (ctx, ids) => listWorkOrderDocuments(ctx.db, ids),
  () => [],
);

const name = (key: keyof WorkOrderNames) => async (w: WorkOrderRow, _args: unknown, ctx: GraphQLContext) =>
  (await namesOf(ctx, w.id))[key];

const WorkOrderEventType = builder.objectRef<WorkOrderEventView>('WorkOrderEvent').implement({
  description: 'One step of an order’s timeline: a status change or a note, who and when.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    userId: t.exposeInt('userId', { nullable: true }),
    userName: t.exposeString('userName', { nullable: true, description: 'The staff member; null for the portal.' }),
    byPortal: t.boolean({ description: 'Made on the public portal.', resolve: (e) => e.userId === null }),
    fromStatus: t.field({
      type: WorkOrderStatusEnum,
      nullable: true,
      resolve: (e) => (e.fromStatus === null ? null : storedAs(WorkOrderStatusEnum, e.fromStatus)),
    }),
    toStatus: t.field({ type: WorkOrderStatusEnum, resolve: (e) => storedAs(WorkOrderStatusEnum, e.toStatus) }),
    toStatusLabel: t.string({ resolve: (e) => WORK_ORDER_STATUS_LABELS[e.toStatus as WorkOrderStatus] ?? e.toStatus }),
    note: t.exposeString('note', { nullable: true }),
    data: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.data }),
  }),
});

const WorkOrderDocumentType = builder.objectRef<WorkOrderDocumentRow>('WorkOrderDocument').implement({
  description: 'A paper or photo of the order; download at /api/work-order-documents/{id}.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    kind: t.field({ type: WorkOrderDocumentKindEnum, resolve: (d) => storedAs(WorkOrderDocumentKindEnum, d.kind) }),
    kindLabel: t.string({
      resolve: (d) => WORK_ORDER_DOCUMENT_KIND_LABELS[d.kind as WorkOrderDocumentKind] ?? d.kind,
    }),
    fileName: t.exposeString('fileName'),
    mimeType: t.exposeString('mimeType'),
    sizeBytes: t.exposeInt('sizeBytes'),
    uploadedAt: t.field({ type: 'DateTime', resolve: (d) => d.uploadedAt }),
    byPortal: t.boolean({ resolve: (d) => d.uploadedBy === null }),
    url: t.string({ resolve: (d) => `/api/work-order-documents/${d.id}` }),
  }),
});

type QuoteValue = NonNullable<WorkOrderRow['quote']>;

const WorkOrderQuoteLineType = builder.objectRef<QuoteValue['lines'][number]>('WorkOrderQuoteLine').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    unit: t.exposeString('unit'),
    quantity: t.exposeFloat('quantity'),
    unitPrice: t.expose('unitPrice', { type: 'Money' }),
    amount: t.expose('amount', { type: 'Money' }),
  }),
});

const WorkOrderQuoteType = builder.objectRef<QuoteValue>('WorkOrderQuote').implement({
  description: 'The installation quote: amounts in whole VND computed by the server.',
  fields: (t) => ({
    lines: t.field({ type: [WorkOrderQuoteLineType], resolve: (q) => q.lines }),
    total: t.expose('total', { type: 'Money' }),
  }),
});

const statusOf = (w: WorkOrderRow) => w.status as WorkOrderStatus;
const kindOf = (w: WorkOrderRow) => w.kind as WorkOrderKind;

export const WorkOrderType = builder.objectRef<WorkOrderRow>('WorkOrder').implement({
  description:
    'A request (phiếu yêu cầu) from intake to done. Seen by users with the installations (a new connection) or complaints right on its branch, and for an order about a customer only by those holding the customer’s current book.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    trackingCode: t.exposeString('trackingCode'),
    kind: t.field({ type: WorkOrderKindEnum, resolve: (w) => storedAs(WorkOrderKindEnum, w.kind) }),
    kindLabel: t.string({ resolve: (w) => WORK_ORDER_KIND_LABELS[kindOf(w)] ?? w.kind }),
    source: t.field({ type: WorkOrderSourceEnum, resolve: (w) => storedAs(WorkOrderSourceEnum, w.source) }),
    sourceLabel: t.string({ resolve: (w) => WORK_ORDER_SOURCE_LABELS[w.source as WorkOrderSource] ?? w.source }),
    status: t.field({ type: WorkOrderStatusEnum, resolve: (w) => storedAs(WorkOrderStatusEnum, w.status) }),
    statusLabel: t.string({ resolve: (w) => WORK_ORDER_STATUS_LABELS[statusOf(w)] ?? w.status }),
    isClosed: t.boolean({ resolve: (w) => isClosedStatus(statusOf(w)) }),
    overdue: t.boolean({
      description: 'Open and its deadline is before today (Vietnam time).',
      resolve: (w) => isOverdue(w.deadline, !isClosedStatus(statusOf(w)), todayInVietnam(new Date())),
    }),
    allowedNextStatuses: t.field({
      type: [WorkOrderStatusEnum],
      description:
        'Where the order may go next. SURVEYED, QUOTED, CONTRACTED, INSTALLED and DONE are reached through their own mutations.',
      resolve: (w) => nextStatuses(kindOf(w), statusOf(w)),
    }),
    customerId: t.exposeInt('customerId', { nullable: true }),
    customerCode: t.string({ nullable: true, resolve: name('customerCode') }),
    customerName: t.string({ nullable: true, resolve: name('customerName') }),
    branchId: t.exposeInt('branchId'),
    branchName: t.string({ nullable: true, resolve: name('branchName') }),
    bookId: t.exposeInt('bookId', { nullable: true }),
    wardId: t.exposeInt('wardId', { nullable: true }),
    wardName: t.string({ nullable: true, resolve: name('wardName') }),
    applicantName: t.exposeString('applicantName'),
    applicantPhone: t.exposeString('applicantPhone'),
    applicantEmail: t.exposeString('applicantEmail', { nullable: true }),
    citizenId: t.exposeString('citizenId', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
    latitude: t.exposeString('latitude', { nullable: true, description: 'Decimal degrees, as stored (6 decimals).' }),
    longitude: t.exposeString('longitude', { nullable: true }),
    serviceTypeId: t.exposeInt('serviceTypeId', { nullable: true }),
    serviceTypeName: t.string({ nullable: true, resolve: name('serviceTypeName') }),
    households: t.exposeInt('households', { nullable: true }),
    persons: t.exposeInt('persons', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    details: t.field({
      type: 'JSON',
      description: 'What the kind carries (a new address, a new name, dates) and what the installation steps recorded.',
      resolve: (w) => w.details,
    }),
    complaintKindId: t.exposeInt('complaintKindId', { nullable: true }),
    complaintKindName: t.string({ nullable: true, resolve: name('complaintKindName') }),
    invoiceId: t.exposeInt('invoiceId', { nullable: true }),
    teamId: t.exposeInt('teamId', { nullable: true }),
    teamName: t.string({ nullable: true, resolve: name('teamName') }),
    assignedUserId: t.exposeInt('assignedUserId', { nullable: true }),
    assignedUserName: t.string({ nullable: true, resolve: name('assignedUserName') }),
    receivedAt: t.field({ type: 'DateTime', resolve: (w) => w.receivedAt }),
    deadline: t.field({ type: 'Date', resolve: (w) => w.deadline }),
    quote: t.field({ type: WorkOrderQuoteType, nullable: true, resolve: (w) => w.quote ?? null }),
    quotePdfUrl: t.string({
      nullable: true,
      resolve: (w) => (w.quote ? `/api/work-orders/${w.id}/quote` : null),
    }),
    resolution: t.exposeString('resolution', { nullable: true }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.closedAt }),
    version: t.exposeInt('version', { description: 'Send back as expectedVersion: a stale form is refused.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (w) => w.updatedAt }),
    events: t.field({
      type: [WorkOrderEventType],
      description: 'The timeline, oldest first.',
      resolve: (w, _args, ctx) => eventsOf(ctx, w.id),
    }),
    documents: t.field({
      type: [WorkOrderDocumentType],
      resolve: (w, _args, ctx) => documentsOf(ctx, w.id),
    }),
  }),
});

export const WorkOrderPageType = builder.objectRef<WorkOrderPage>('WorkOrderPage').implement({
  fields: (t) => ({
    rows: t.field({ type: [WorkOrderType], resolve: (p) => p.rows }),
    pageInfo: t.field({ type: PageInfoType, resolve: (p) => p.pageInfo }),
  }),
});

export const WorkOrderCountType = builder.objectRef<WorkOrderCount>('WorkOrderCount').implement({
  description: 'Open and overdue orders of one kind among those the viewer may read.',
  fields: (t) => ({
    kind: t.field({ type: WorkOrderKindEnum, resolve: (c) => c.kind }),
    kindLabel: t.string({ resolve: (c) => WORK_ORDER_KIND_LABELS[c.kind] }),
    open: t.exposeInt('open'),
    overdue: t.exposeInt('overdue'),
  }),
});
