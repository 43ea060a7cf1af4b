import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { listLimit } from '@/graphql/limits/list-limit';
import { getBillingRun, listBillingRuns, listRunSkips, listRunWarnings } from '@/services/billing/billing-run.service';
import { getInvoice, listBookInvoices, listCustomerInvoices } from '@/services/billing/invoice.service';
import {
  BilledWithWarningsPageType,
  BillingRunType,
  InvoiceKindEnum,
  InvoicePageType,
  InvoiceSummaryType,
  InvoiceType,
  SkippedCustomerPageType,
  SkipReasonEnum,
} from './billing.type';

// The maxima match what the services can serve in one answer (a whole book's invoices, 20 years of a customer's bills).
const RUNS_LIMIT = listLimit({ default: 50, max: 500 });
const SKIPS_LIMIT = listLimit({ default: 500, max: 5000 });
const BOOK_INVOICES_LIMIT = listLimit({ default: 2000, max: 5000 });
const CUSTOMER_INVOICES_LIMIT = listLimit({ default: 24, max: 240 });

const billingAccess = { permission: { group: 'document' as const, object: 'billing', right: 'access' as const } };

builder.queryFields((t) => ({
  billingRun: t.withAuth(billingAccess).field({
    type: BillingRunType,
    description: 'A run with its progress (poll while running) and end summary.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getBillingRun(ctx.db, ctx.actor, args.id),
  }),
  billingRuns: t.field({
    type: [BillingRunType],
    description: 'Runs that covered a book, newest first (runs over more books than the viewer holds are left out).',
    extensions: RUNS_LIMIT.extensions,
    args: {
      bookId: t.arg.int({ required: true }),
      period: t.arg({ type: 'Period' }),
      limit: t.arg.int(RUNS_LIMIT.arg),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'billing', right: 'access' } }),
    resolve: (_root, args, ctx) =>
      listBillingRuns(ctx.db, signedIn(ctx), {
        bookId: args.bookId,
        period: args.period ?? null,
        limit: args.limit ?? RUNS_LIMIT.spec.default,
      }),
  }),
  billingRunSkips: t.withAuth(billingAccess).field({
    type: SkippedCustomerPageType,
    description: 'The customers a run skipped, with the reason, in book and sequence order.',
    extensions: SKIPS_LIMIT.extensions,
    args: {
      runId: t.arg.int({ required: true }),
      reason: t.arg({ type: SkipReasonEnum }),
      offset: t.arg.int(),
      limit: t.arg.int(SKIPS_LIMIT.arg),
    },
    resolve: (_root, args, ctx) =>
      listRunSkips(ctx.db, ctx.actor, {
        runId: args.runId,
        reason: args.reason ?? null,
        offset: args.offset ?? 0,
        limit: args.limit ?? SKIPS_LIMIT.spec.default,
      }),
  }),
  billingRunWarnings: t.withAuth(billingAccess).field({
    type: BilledWithWarningsPageType,
    description:
      'The customers a run billed with warnings of the rate engine (e.g. 0 persons billed as 1), in book and sequence order.',
    extensions: SKIPS_LIMIT.extensions,
    args: { runId: t.arg.int({ required: true }), offset: t.arg.int(), limit: t.arg.int(SKIPS_LIMIT.arg) },
    resolve: (_root, args, ctx) =>
      listRunWarnings(ctx.db, ctx.actor, {
        runId: args.runId,
        offset: args.offset ?? 0,
        limit: args.limit ?? SKIPS_LIMIT.spec.default,
      }),
  }),
  bookInvoices: t.field({
    type: InvoicePageType,
    description: 'Invoices of a book and period in sequence order, with totals.',
    extensions: BOOK_INVOICES_LIMIT.extensions,
    args: {
      bookId: t.arg.int({ required: true }),
      period: t.arg({ type: 'Period', required: true }),
      kind: t.arg({ type: InvoiceKindEnum }),
      needsRecalculation: t.arg.boolean(),
      offset: t.arg.int(),
      limit: t.arg.int(BOOK_INVOICES_LIMIT.arg),
    },
    // Billing clerks and invoice clerks alike read a book's invoices.
    authScopes: (_root, args) => ({
      $any: {
        book: { bookId: args.bookId, object: 'billing', right: 'access' },
        $any: { book: { bookId: args.bookId, object: 'invoices', right: 'access' } },
      },
    }),
    resolve: (_root, args, ctx) =>
      listBookInvoices(ctx.db, signedIn(ctx), {
        bookId: args.bookId,
        period: args.period,
        kind: args.kind ?? null,
        needsRecalculation: args.needsRecalculation ?? null,
        offset: args.offset ?? 0,
        limit: args.limit ?? BOOK_INVOICES_LIMIT.spec.default,
      }),
  }),
  // The services check the billing or invoices right on the customer's current book.
  invoice: t.withAuth({ staff: true }).field({
    type: InvoiceType,
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getInvoice(ctx.db, ctx.actor, args.id),
  }),
  customerInvoices: t.withAuth({ staff: true }).field({
    type: [InvoiceSummaryType],
    extensions: CUSTOMER_INVOICES_LIMIT.extensions,
    args: { customerId: t.arg.int({ required: true }), limit: t.arg.int(CUSTOMER_INVOICES_LIMIT.arg) },
    resolve: (_root, args, ctx) =>
      listCustomerInvoices(ctx.db, ctx.actor, {
        customerId: args.customerId,
        limit: args.limit ?? CUSTOMER_INVOICES_LIMIT.spec.default,
      }),
  }),
}));
