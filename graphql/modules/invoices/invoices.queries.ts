import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { listLimit } from '@/graphql/limits/list-limit';
import { searchInvoices } from '@/services/invoices/invoice-search.service';
import { listInvoiceSeries } from '@/services/invoices/series.service';
import { getInvoiceSettings } from '@/services/invoices/invoice-settings.service';
import { InvoiceFilterInput, InvoiceSearchPageType, InvoiceSeriesType, InvoiceSettingsType } from './invoices.type';

const INVOICES_LIMIT = listLimit({ default: 100, max: 1000, arg: 'first' });

builder.queryFields((t) => ({
  invoiceSeries: t.field({
    type: [InvoiceSeriesType],
    description:
      'The company’s invoice series, newest year first (printed on every invoice, so any staff member reads them).',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx) => listInvoiceSeries(ctx.db),
  }),
  invoiceSettings: t.field({
    type: InvoiceSettingsType,
    description: 'The company’s invoice settings (printed on every invoice, so any staff member reads them).',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx) => getInvoiceSettings(ctx.db),
  }),
  invoices: t.field({
    type: InvoiceSearchPageType,
    description:
      'Invoice lookup by period, book, customer, series, number and status, newest first; only books the caller may read.',
    extensions: INVOICES_LIMIT.extensions,
    args: {
      filter: t.arg({ type: InvoiceFilterInput, required: true }),
      first: t.arg.int(INVOICES_LIMIT.arg),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    authScopes: { staff: true },
    resolve: (_root, args, ctx) =>
      searchInvoices(ctx.db, signedIn(ctx), {
        filter: args.filter,
        first: args.first ?? INVOICES_LIMIT.spec.default,
        after: args.after ?? null,
      }),
  }),
}));
