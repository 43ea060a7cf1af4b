import { builder } from '@/graphql/builder';
import { listLimit } from '@/graphql/limits/list-limit';
import {
  countWorkOrders,
  getWorkOrder,
  listCustomerWorkOrders,
  listWorkOrders,
} from '@/services/work-orders/queries.service';
import {
  WorkOrderCountType,
  WorkOrderKindEnum,
  WorkOrderPageType,
  WorkOrderStatusEnum,
  WorkOrderType,
} from './work-orders.type';

const WORK_ORDERS_LIMIT = listLimit({ default: 50, max: 500, arg: 'first' });

const WorkOrderFilterInput = builder.inputType('WorkOrderFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [WorkOrderStatusEnum], description: 'Any of these statuses; none: every status.' }),
    kinds: t.field({ type: [WorkOrderKindEnum], description: 'Any of these kinds; none: every kind.' }),
    branchId: t.int(),
    customerId: t.int(),
    overdueOnly: t.boolean({ description: 'Open orders whose deadline is before today.' }),
    search: t.string({ description: 'A tracking code, or part of the applicant’s name or phone (2+ characters).' }),
  }),
});

builder.queryFields((t) => ({
  workOrders: t.withAuth({ staff: true }).field({
    type: WorkOrderPageType,
    description:
      'The work-order list, newest first: only orders the viewer may read (their branches’ rights, and the customer’s current book).',
    extensions: WORK_ORDERS_LIMIT.extensions,
    args: {
      filter: t.arg({ type: WorkOrderFilterInput }),
      first: t.arg.int(WORK_ORDERS_LIMIT.arg),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) =>
      listWorkOrders(ctx.db, ctx.actor, {
        filter: args.filter ?? {},
        first: args.first ?? WORK_ORDERS_LIMIT.spec.default,
        after: args.after ?? null,
      }),
  }),
  workOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getWorkOrder(ctx.db, ctx.actor, args.id),
  }),
  customerWorkOrders: t.withAuth({ staff: true }).field({
    type: [WorkOrderType],
    description: 'A customer’s requests, newest first (the customer screen’s history).',
    args: { customerId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => listCustomerWorkOrders(ctx.db, ctx.actor, args.customerId),
  }),
  workOrderCounts: t.withAuth({ staff: true }).field({
    type: [WorkOrderCountType],
    description: 'Open and overdue orders per kind, among those the viewer may read (a dashboard).',
    resolve: (_root, _args, ctx) => countWorkOrders(ctx.db, ctx.actor),
  }),
}));
