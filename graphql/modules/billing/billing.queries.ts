import { builder } from '@/graphql/builder';
import { getBillingRun, listBillingRuns, listRunSkips } from '@/services/billing/billing-run.service';
import { getInvoice, listBookInvoices, listCustomerInvoices } from '@/services/billing/invoice.service';
import {
  BillingRunType,
  InvoiceKindEnum,
  InvoicePageType,
  InvoiceSummaryType,
  InvoiceType,
  SkippedCustomerPageType,
  SkipReasonEnum,
} from './billing.type';

const billingAccess = { permission: { group: 'document' as const, object: 'billing', right: 'access' as const } };

builder.queryFields((t) => ({
  billingRun: t.field({
    type: BillingRunType,
    description: 'A run with its progress (poll while running) and end summary.',
    args: { id: t.arg.int({ required: true }) },
    authScopes: billingAccess,
    resolve: (_root, args, ctx) => getBillingRun(ctx.db, ctx.actor!, args.id),
  }),
  billingRuns: t.field({
    type: [BillingRunType],
    description: 'Runs that covered a book, newest first (runs over more books than the viewer holds are left out).',
    args: { bookId: t.arg.int({ required: true }), period: t.arg({ type: 'Period' }), limit: t.arg.int() },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'billing', right: 'access' } }),
    resolve: (_root, args, ctx) => listBillingRuns(ctx.db, ctx.actor!, { bookId: args.bookId, period: args.period ?? null, limit: args.limit ?? 50 }),
  }),
  billingRunSkips: t.field({
    type: SkippedCustomerPageType,
    description: 'The customers a run skipped, with the reason, in book and sequence order.',
    args: {
      runId: t.arg.int({ required: true }),
      reason: t.arg({ type: SkipReasonEnum }),
      offset: t.arg.int(),
      limit: t.arg.int(),
    },
    authScopes: billingAccess,
    resolve: (_root, args, ctx) =>
      listRunSkips(ctx.db, ctx.actor!, { runId: args.runId, reason: args.reason ?? null, offset: args.offset ?? 0, limit: args.limit ?? 500 }),
  }),
  bookInvoices: t.field({
    type: InvoicePageType,
    description: 'Invoices of a book and period in sequence order, with totals.',
    args: {
      bookId: t.arg.int({ required: true }),
      period: t.arg({ type: 'Period', required: true }),
      kind: t.arg({ type: InvoiceKindEnum }),
      needsRecalculation: t.arg.boolean(),
      offset: t.arg.int(),
      limit: t.arg.int(),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'billing', right: 'access' } }),
    resolve: (_root, args, ctx) =>
      listBookInvoices(ctx.db, ctx.actor!, {
        bookId: args.bookId,
        period: args.period,
        kind: args.kind ?? null,
        needsRecalculation: args.needsRecalculation ?? null,
        offset: args.offset ?? 0,
        limit: args.limit ?? 2000,
      }),
  }),
  invoice: t.field({
    type: InvoiceType,
    args: { id: t.arg.int({ required: true }) },
    authScopes: billingAccess,
    resolve: (_root, args, ctx) => getInvoice(ctx.db, ctx.actor!, args.id),
  }),
  customerInvoices: t.field({
    type: [InvoiceSummaryType],
    args: { customerId: t.arg.int({ required: true }), limit: t.arg.int() },
    authScopes: billingAccess,
    resolve: (_root, args, ctx) => listCustomerInvoices(ctx.db, ctx.actor!, { customerId: args.customerId, limit: args.limit ?? 24 }),
  }),
}));
