import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { listLimit } from '@/graphql/limits/list-limit';
import { listAdjustments } from '@/services/readings/adjustments.service';
import { listAnomalyQueue } from '@/services/readings/anomaly-queue.service';
import { listSuspensions } from '@/services/readings/declarations.service';
import { listPeriodLocks, periodLockState } from '@/services/readings/period-lock.service';
import { loadReadingSheet, readingHistory } from '@/services/readings/reading-entry.service';
import {
  AdjustmentType,
  AnomalyQueuePageType,
  AnomalyStatusFilterEnum,
  PeriodLockStateType,
  PeriodLockType,
  READING_CODE_INFOS,
  ReadingCodeInfoType,
  ReadingSheetStatusEnum,
  ReadingSheetType,
  ReadingType,
  SuspensionType,
} from './readings.type';

const readingsAccess = { permission: { group: 'document' as const, object: 'readings', right: 'access' as const } };
const HISTORY_LIMIT = listLimit({ default: 12, max: 60 });
const ANOMALY_LIMIT = listLimit({ default: 200, max: 2000, arg: 'first' });

builder.queryFields((t) => ({
  readingSheet: t.field({
    type: ReadingSheetType,
    description: 'The reading entry screen of a book and period: rows in sequence order, filtered and searched.',
    args: {
      bookId: t.arg.int({ required: true }),
      period: t.arg({ type: 'Period', required: true }),
      status: t.arg({ type: ReadingSheetStatusEnum }),
      search: t.arg.string({ validate: z.string().max(100).nullish() }),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'readings', right: 'access' } }),
    resolve: (_root, args, ctx) =>
      loadReadingSheet(ctx.db, signedIn(ctx), {
        bookId: args.bookId,
        period: args.period,
        status: args.status ?? null,
        search: args.search ?? null,
      }),
  }),
  readingHistory: t.withAuth(readingsAccess).field({
    type: [ReadingType],
    description: 'A customer’s readings of the last `limit` periods (default 12) before `beforePeriod`, newest first.',
    extensions: HISTORY_LIMIT.extensions,
    args: {
      customerId: t.arg.int({ required: true }),
      beforePeriod: t.arg({ type: 'Period' }),
      limit: t.arg.int(HISTORY_LIMIT.arg),
    },
    resolve: (_root, args, ctx) =>
      readingHistory(ctx.db, ctx.actor, {
        customerId: args.customerId,
        beforePeriod: args.beforePeriod ?? null,
        limit: args.limit ?? HISTORY_LIMIT.spec.default,
      }),
  }),
  readingCodes: t.field({
    type: [ReadingCodeInfoType],
    authScopes: { staff: true },
    resolve: () => READING_CODE_INFOS,
  }),
  anomalyQueue: t.withAuth(readingsAccess).field({
    type: AnomalyQueuePageType,
    description:
      'Readings flagged as anomalies (open by default) in the books the viewer may read, a page at a time: pass the endCursor as `after` for the next.',
    extensions: ANOMALY_LIMIT.extensions,
    args: {
      period: t.arg({ type: 'Period' }),
      bookIds: t.arg.intList({ validate: z.array(z.number().int().positive()).max(1000).nullish() }),
      status: t.arg({ type: AnomalyStatusFilterEnum, description: 'Default open.' }),
      first: t.arg.int(ANOMALY_LIMIT.arg),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) =>
      listAnomalyQueue(ctx.db, ctx.actor, {
        period: args.period ?? null,
        bookIds: args.bookIds ?? null,
        status: args.status ?? null,
        first: args.first ?? ANOMALY_LIMIT.spec.default,
        after: args.after ?? null,
      }),
  }),
  customerSuspensions: t.withAuth(readingsAccess).field({
    type: [SuspensionType],
    args: { customerId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => listSuspensions(ctx.db, ctx.actor, args.customerId),
  }),
  customerAdjustments: t.withAuth(readingsAccess).field({
    type: [AdjustmentType],
    description: 'Back-billing and spread adjustments of a customer, newest bill period first.',
    args: { customerId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => listAdjustments(ctx.db, ctx.actor, args.customerId),
  }),
  periodLockState: t.field({
    type: PeriodLockStateType,
    args: { bookId: t.arg.int({ required: true }), period: t.arg({ type: 'Period', required: true }) },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'readings', right: 'access' } }),
    resolve: (_root, args, ctx) => periodLockState(ctx.db, args.bookId, args.period),
  }),
  periodLocks: t.field({
    type: [PeriodLockType],
    description: 'Explicit locks that apply to a book: its own and the company-wide ones (bookId 0).',
    args: { bookId: t.arg.int({ required: true }), period: t.arg({ type: 'Period' }) },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'readings', right: 'access' } }),
    resolve: (_root, args, ctx) => listPeriodLocks(ctx.db, { bookId: args.bookId, period: args.period ?? null }),
  }),
}));
