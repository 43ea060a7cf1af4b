import { builder } from '@/graphql/builder';
import { enqueueEinvoiceCancel, enqueueEinvoiceSigning } from '@/jobs/einvoice-signing';
import { signedIn } from '@/graphql/signed-in';
import { getInvoice } from '@/services/billing/invoice.service';
import { adjustInvoice, cancelInvoice, replaceInvoice } from '@/services/invoices/correction.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { updateInvoiceSettings } from '@/services/invoices/invoice-settings.service';
import { createInvoiceSeries, updateInvoiceSeries } from '@/services/invoices/series.service';
import { InvoiceType } from '@/graphql/modules/billing/billing.type';
import {
  CorrectInvoiceInput,
  InvoiceSeriesInput,
  InvoiceSeriesType,
  InvoiceSettingsInputType,
  InvoiceSettingsType,
  IssueInvoicesInput,
  IssueInvoicesResultType,
} from './invoices.type';
import { kickNoticeSender } from '@/services/notices/notice-queue.service';

// The services check the right on each book (the customer's current book for corrections); the resolvers require it
// on some branch, so a user without the right anywhere is refused before any database work.
const invoiceRight = (right: 'add' | 'edit' | 'delete') => ({
  permission: { group: 'document' as const, object: 'invoices', right },
});

builder.mutationFields((t) => ({
  issueInvoices: t.withAuth(invoiceRight('add')).field({
    type: IssueInvoicesResultType,
    description:
      'Numbers the drafts of the books for the period in the default series of the year (gap-free, in book and sequence order), in one transaction. Drafts needing recalculation stay drafts (blocked).',
    args: { input: t.arg({ type: IssueInvoicesInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const result = await issueInvoices(ctx.db, ctx.actor, { period: args.input.period, bookIds: args.input.bookIds });
      await enqueueEinvoiceSigning(ctx.db, result.invoiceIds);
      if (result.noticesQueued > 0) await kickNoticeSender(ctx.db);
      return result;
    },
  }),
  cancelInvoice: t.withAuth(invoiceRight('delete')).field({
    type: InvoiceType,
    description: 'Cancels an issued invoice with a reason; its number stays used. Returns the cancelled invoice.',
    args: { id: t.arg.int({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const r = await cancelInvoice(ctx.db, ctx.actor, { id: args.id, reason: args.reason });
      await enqueueEinvoiceCancel(ctx.db, r.invoiceId);
      return getInvoice(ctx.db, signedIn(ctx), r.invoiceId);
    },
  }),
  replaceInvoice: t.withAuth(invoiceRight('edit')).field({
    type: InvoiceType,
    description:
      'Issues a replacement of an issued invoice, recomputed from today’s data for its customer and period; the original becomes REPLACED. Returns the replacement.',
    args: { input: t.arg({ type: CorrectInvoiceInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const r = await replaceInvoice(ctx.db, ctx.actor, args.input);
      await enqueueEinvoiceSigning(ctx.db, [r.invoiceId]);
      return getInvoice(ctx.db, signedIn(ctx), r.invoiceId);
    },
  }),
  adjustInvoice: t.withAuth(invoiceRight('edit')).field({
    type: InvoiceType,
    description:
      'Issues an adjustment invoice carrying the difference between today’s recomputation and what the invoice (with its earlier adjustments) charged; the original becomes ADJUSTED. Returns the adjustment.',
    args: { input: t.arg({ type: CorrectInvoiceInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const r = await adjustInvoice(ctx.db, ctx.actor, args.input);
      await enqueueEinvoiceSigning(ctx.db, [r.invoiceId]);
      return getInvoice(ctx.db, signedIn(ctx), r.invoiceId);
    },
  }),
  updateInvoiceSettings: t.field({
    type: InvoiceSettingsType,
    description: 'Administrators only.',
    args: { input: t.arg({ type: InvoiceSettingsInputType, required: true }) },
    authScopes: { staff: true },
    resolve: (_root, args, ctx) =>
      updateInvoiceSettings(ctx.db, signedIn(ctx), {
        bankBin: args.input.bankBin?.trim() || null,
        bankAccount: args.input.bankAccount?.trim() || null,
        bankName: args.input.bankName?.trim() || null,
        wordsDialect: args.input.wordsDialect,
        paperPreset: args.input.paperPreset,
        paperWidthMm: args.input.paperWidthMm ?? null,
        paperHeightMm: args.input.paperHeightMm ?? null,
        paperMarginMm: args.input.paperMarginMm ?? null,
        einvoiceMode: args.input.einvoiceMode,
        paymentOrder: args.input.paymentOrder ?? undefined,
      }),
  }),
  createInvoiceSeries: t.field({
    type: InvoiceSeriesType,
    args: { input: t.arg({ type: InvoiceSeriesInput, required: true }) },
    authScopes: { staff: true },
    resolve: (_root, args, ctx) => createInvoiceSeries(ctx.db, signedIn(ctx), args.input),
  }),
  updateInvoiceSeries: t.field({
    type: InvoiceSeriesType,
    args: { id: t.arg.int({ required: true }), input: t.arg({ type: InvoiceSeriesInput, required: true }) },
    authScopes: { staff: true },
    resolve: (_root, args, ctx) => updateInvoiceSeries(ctx.db, signedIn(ctx), args.id, args.input),
  }),
}));
