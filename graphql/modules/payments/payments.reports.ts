import { builder } from '@/graphql/builder';
import type {
  CollectionReportDocument,
  CollectionReportRow,
  CollectorSettlementSheetDocument,
  DebtReportDocument,
  DebtReportRow,
  DebtReportTotals,
  SettlementSheetPayment,
  SettlementSheetSettlement,
  CollectionAmounts,
} from '@/domain/payments/payment-reports';
import { collectionReport, collectorSettlementSheet } from '@/services/reports/collections.service';
import { debtReport } from '@/services/reports/debt.service';

// The payment reports: the rows a user sees are those of the books they hold with the report right (filtered in
// SQL by the services); the scope refuses a user without the right on any branch.

const reportRight = (object: 'debtReport' | 'collectionReport') => ({
  permission: { group: 'report' as const, object, right: 'access' as const },
});

const DebtReportGroupByEnum = builder.enumType('DebtReportGroupBy', {
  values: { BOOK: { value: 'book' }, ROUTE: { value: 'route' } } as const,
});

const CollectionReportGroupByEnum = builder.enumType('CollectionReportGroupBy', {
  values: { CHANNEL: { value: 'channel' }, COLLECTOR: { value: 'collector' }, DAY: { value: 'day' } } as const,
});

const DebtAgeFields = builder.interfaceRef<DebtReportTotals>('DebtAgeAmounts').implement({
  description: 'Open amounts by age since the invoice was issued, with the customers and invoices owing.',
  fields: (t) => ({
    customers: t.exposeInt('customers', { description: 'Customers with an open amount.' }),
    invoices: t.exposeInt('invoices', { description: 'Invoices with an open amount.' }),
    days0To30: t.expose('days0To30', { type: 'Money', description: '0–30 days since issue.' }),
    days31To60: t.expose('days31To60', { type: 'Money', description: '31–60 days.' }),
    days61To90: t.expose('days61To90', { type: 'Money', description: '61–90 days.' }),
    over90Days: t.expose('over90Days', { type: 'Money', description: 'More than 90 days.' }),
    total: t.expose('total', { type: 'Money' }),
  }),
});

const DebtReportRowType = builder.objectRef<DebtReportRow>('DebtReportRow').implement({
  description: 'A book’s or a route’s open amounts.',
  interfaces: [DebtAgeFields],
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'The book’s or the route’s id.' }),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    parentCode: t.exposeString('parentCode', { description: 'A book’s route code, a route’s branch code.' }),
  }),
});

const DebtReportTotalsType = builder.objectRef<DebtReportTotals>('DebtReportTotals').implement({
  interfaces: [DebtAgeFields],
  fields: () => ({}),
});

const DebtReportType = builder.objectRef<DebtReportDocument>('DebtReport').implement({
  description: 'Debt by book or route and age (công nợ), as of a day.',
  fields: (t) => ({
    asOf: t.expose('asOf', { type: 'Date', description: 'The day ages are counted to.' }),
    groupBy: t.field({ type: DebtReportGroupByEnum, resolve: (d) => d.groupBy }),
    rows: t.field({ type: [DebtReportRowType], resolve: (d) => d.rows }),
    totals: t.field({ type: DebtReportTotalsType, resolve: (d) => d.totals }),
  }),
});

const CollectionAmountFields = builder.interfaceRef<CollectionAmounts>('CollectionAmounts').implement({
  description: 'Payments and reversals of a range; a reversal counts on the business day it was made.',
  fields: (t) => ({
    paymentCount: t.exposeInt('paymentCount'),
    paymentAmount: t.expose('paymentAmount', { type: 'Money' }),
    reversalCount: t.exposeInt('reversalCount'),
    reversalAmount: t.expose('reversalAmount', { type: 'Money' }),
    netAmount: t.expose('netAmount', { type: 'Money', description: 'paymentAmount − reversalAmount.' }),
  }),
});

const CollectionReportRowType = builder.objectRef<CollectionReportRow>('CollectionReportRow').implement({
  interfaces: [CollectionAmountFields],
  fields: (t) => ({
    key: t.exposeString('key', {
      description:
        'The channel (counter, collector, partner, bank_transfer), the collector’s user id (empty for money no collector took), or the day YYYY-MM-DD.',
    }),
    label: t.exposeString('label'),
  }),
});

const CollectionReportTotalsType = builder.objectRef<CollectionAmounts>('CollectionReportTotals').implement({
  interfaces: [CollectionAmountFields],
  fields: () => ({}),
});

const CollectionReportType = builder.objectRef<CollectionReportDocument>('CollectionReport').implement({
  description: 'Collections by channel, collector or day over a range of business days (tổng hợp thu tiền).',
  fields: (t) => ({
    from: t.expose('from', { type: 'Date' }),
    to: t.expose('to', { type: 'Date' }),
    groupBy: t.field({ type: CollectionReportGroupByEnum, resolve: (d) => d.groupBy }),
    rows: t.field({ type: [CollectionReportRowType], resolve: (d) => d.rows }),
    totals: t.field({ type: CollectionReportTotalsType, resolve: (d) => d.totals }),
  }),
});

const SettlementSheetPaymentType = builder.objectRef<SettlementSheetPayment>('SettlementSheetPayment').implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    receiptNumber: t.exposeString('receiptNumber'),
    paidAt: t.expose('paidAt', { type: 'DateTime' }),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    bookCode: t.exposeString('bookCode', { description: 'The customer’s current book.' }),
    amount: t.expose('amount', { type: 'Money' }),
    reversed: t.exposeBoolean('reversed'),
    reversalReason: t.exposeString('reversalReason', { nullable: true }),
  }),
});

const SettlementSheetSettlementType = builder
  .objectRef<SettlementSheetSettlement>('SettlementSheetSettlement')
  .implement({
    description: 'The cashier’s confirmation of the day.',
    fields: (t) => ({
      recorded: t.expose('recorded', { type: 'Money' }),
      paymentCount: t.exposeInt('paymentCount'),
      handedIn: t.expose('handedIn', { type: 'Money' }),
      difference: t.expose('difference', { type: 'Money', description: 'handedIn − recorded; negative is short.' }),
      note: t.exposeString('note', { nullable: true }),
      confirmedBy: t.exposeString('confirmedBy', { description: 'The cashier’s full name.' }),
      confirmedAt: t.expose('confirmedAt', { type: 'DateTime' }),
    }),
  });

const SettlementSheetCollectorType = builder
  .objectRef<CollectorSettlementSheetDocument['collector']>('SettlementSheetCollector')
  .implement({
    fields: (t) => ({
      id: t.exposeInt('id'),
      login: t.exposeString('login'),
      fullName: t.exposeString('fullName'),
    }),
  });

const CollectorSettlementSheetType = builder
  .objectRef<CollectorSettlementSheetDocument>('CollectorSettlementSheet')
  .implement({
    description: 'A collector’s day: the payments, what the ledger holds, what was handed in and who confirmed it.',
    fields: (t) => ({
      collector: t.field({ type: SettlementSheetCollectorType, resolve: (d) => d.collector }),
      day: t.expose('day', { type: 'Date' }),
      payments: t.field({ type: [SettlementSheetPaymentType], resolve: (d) => d.payments }),
      recorded: t.expose('recorded', { type: 'Money', description: 'The payments of the day not reversed.' }),
      paymentCount: t.exposeInt('paymentCount'),
      reversedCount: t.exposeInt('reversedCount'),
      reversedAmount: t.expose('reversedAmount', { type: 'Money' }),
      settlement: t.field({
        type: SettlementSheetSettlementType,
        nullable: true,
        description: 'Null until a cashier settles the day.',
        resolve: (d) => d.settlement,
      }),
    }),
  });

builder.queryFields((t) => ({
  debtReport: t.withAuth(reportRight('debtReport')).field({
    type: DebtReportType,
    description:
      'Open amounts of issued invoices by book or route and age (0–30, 31–60, 61–90, > 90 days from issue to asOf), over the books the caller may report on. Invoices issued after asOf are left out.',
    args: {
      asOf: t.arg({ type: 'Date', description: 'Default: today in Vietnam.' }),
      groupBy: t.arg({ type: DebtReportGroupByEnum, required: true }),
    },
    resolve: (_root, args, ctx) => debtReport(ctx.db, ctx.actor, { asOf: args.asOf ?? null, groupBy: args.groupBy }),
  }),
  collectionReport: t.withAuth(reportRight('collectionReport')).field({
    type: CollectionReportType,
    description:
      'Payments and reversals by channel, collector or day over business days from–to (at most 366 days), over the customers of the books the caller may report on.',
    args: {
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      groupBy: t.arg({ type: CollectionReportGroupByEnum, required: true }),
    },
    resolve: (_root, args, ctx) =>
      collectionReport(ctx.db, ctx.actor, { from: args.from, to: args.to, groupBy: args.groupBy }),
  }),
  collectorSettlementSheet: t.withAuth(reportRight('collectionReport')).field({
    type: CollectorSettlementSheetType,
    description:
      'A collector’s settlement sheet of one business day; refused when a payment of it belongs to a book the caller may not report on.',
    args: {
      collectorId: t.arg.int({ required: true }),
      day: t.arg({ type: 'Date', required: true }),
    },
    resolve: (_root, args, ctx) =>
      collectorSettlementSheet(ctx.db, ctx.actor, { collectorId: args.collectorId, day: args.day }),
  }),
}));
