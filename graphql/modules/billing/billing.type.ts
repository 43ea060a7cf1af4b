import { z } from 'zod';
import { batchResolver } from '@/graphql/batch';
import { builder } from '@/graphql/builder';
import { storedAs } from '@/graphql/stored-enum';
import type { FieldBuilder } from '@/graphql/field-builder';
import type { GraphQLContext } from '@/graphql/context';
import { BillWarningType } from '@/graphql/modules/tariffs/tariffs.type';
import { SKIP_REASONS, SKIP_REASON_LABELS } from '@/domain/billing/skip-reasons';
import {
  summariseSkipsOfRuns,
  type BilledWithWarnings,
  type BillingRunRow,
  type SkippedCustomer,
  type SkipSummary,
} from '@/services/billing/billing-run.service';
import { amountInWords } from '@/domain/invoices/amount-in-words';
import {
  invoiceVietQr,
  loadInvoiceSettings,
  type InvoiceSettings,
} from '@/services/invoices/invoice-documents.service';
import type { InvoiceDetail, InvoiceLineView, InvoicePage, InvoiceSummary } from '@/services/billing/invoice.service';

const BillingScopeKindEnum = builder.enumType('BillingScopeKind', {
  description: 'all: the whole company; books: the books listed; customer: recalculate one customer.',
  values: ['all', 'books', 'customer'] as const,
});

const BillingScopeInput = builder
  .inputType('BillingScopeInput', {
    fields: (t) => ({
      kind: t.field({ type: BillingScopeKindEnum, required: true }),
      bookIds: t.intList({ description: 'kind books: one or several books.' }),
      customerId: t.int({ description: 'kind customer.' }),
    }),
  })
  .validate(
    z
      .object({
        kind: z.enum(['all', 'books', 'customer']),
        bookIds: z.array(z.number().int().positive()).max(10_000).nullish(),
        customerId: z.number().int().positive().nullish(),
      })
      .superRefine((s, ctx) => {
        if (s.kind === 'books' && !(s.bookIds && s.bookIds.length > 0))
          ctx.addIssue({ code: 'custom', path: ['bookIds'], message: 'Chọn ít nhất một sổ đọc.' });
        if (s.kind === 'customer' && !s.customerId)
          ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'Chọn khách hàng cần tính lại.' });
      })
      .transform((s) =>
        s.kind === 'books'
          ? { kind: 'books' as const, bookIds: s.bookIds ?? [] }
          : s.kind === 'customer'
            ? { kind: 'customer' as const, customerId: s.customerId ?? 0 }
            : { kind: 'all' as const },
      ),
  );

export const StartBillingRunInput = builder.inputType('StartBillingRunInput', {
  fields: (t) => ({
    period: t.field({ type: 'Period', required: true }),
    scope: t.field({ type: BillingScopeInput, required: true }),
  }),
});

type ScopeView = { kind: 'all' | 'books' | 'customer'; bookIds: number[]; customerId: number | null };

const BillingRunScopeType = builder.objectRef<ScopeView>('BillingRunScope').implement({
  fields: (t) => ({
    kind: t.field({ type: BillingScopeKindEnum, resolve: (s) => s.kind }),
    bookIds: t.exposeIntList('bookIds'),
    customerId: t.exposeInt('customerId', { nullable: true }),
  }),
});

const SkipSummaryType = builder.objectRef<SkipSummary>('BillingSkipSummary').implement({
  fields: (t) => ({
    reason: t.exposeString('reason'),
    label: t.exposeString('label'),
    count: t.exposeInt('count'),
  }),
});

export const SkipReasonEnum = builder.enumType('BillingSkipReason', {
  description: Object.entries(SKIP_REASON_LABELS)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: SKIP_REASONS,
});

export const InvoiceKindEnum = builder.enumType('InvoiceKind', {
  values: {
    REGULAR: { value: 'regular', description: 'Hóa đơn tiền nước của kỳ' },
    BACKBILL: { value: 'backbill', description: 'Hóa đơn truy thu' },
    REPLACEMENT: { value: 'replacement', description: 'Hóa đơn thay thế một hóa đơn đã phát hành' },
    ADJUSTMENT: { value: 'adjustment', description: 'Hóa đơn điều chỉnh (phần chênh lệch) một hóa đơn đã phát hành' },
  } as const,
});

export const InvoiceStatusEnum = builder.enumType('InvoiceStatus', {
  values: {
    DRAFT: { value: 'draft', description: 'Hóa đơn nháp, còn tính lại được' },
    ISSUED: { value: 'issued', description: 'Đã phát hành, có số' },
    CANCELLED: { value: 'cancelled', description: 'Đã hủy (có lý do)' },
    REPLACED: { value: 'replaced', description: 'Đã bị thay thế bởi một hóa đơn thay thế' },
    ADJUSTED: { value: 'adjusted', description: 'Đã có hóa đơn điều chỉnh' },
  } as const,
});

const BillingRunStatusEnum = builder.enumType('BillingRunStatus', {
  values: {
    QUEUED: { value: 'queued', description: 'Đang chờ chạy' },
    RUNNING: { value: 'running', description: 'Đang tính hóa đơn' },
    DONE: { value: 'done', description: 'Đã tính xong' },
    FAILED: { value: 'failed', description: 'Bị lỗi, đã dừng' },
  } as const,
});

/** The skip summaries of every run in a response, in one statement (the run history lists up to 500 runs). */
const skipsOfRun = batchResolver<GraphQLContext, number, SkipSummary[]>(
  (ctx, runIds) => summariseSkipsOfRuns(ctx.db, runIds),
  () => [],
);

export const BillingRunType = builder.objectRef<BillingRunRow>('BillingRun').implement({
  description: 'A billing run: progress while running, the end summary when done. Amounts are whole VND (Money).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    period: t.expose('period', { type: 'Period' }),
    scope: t.field({
      type: BillingRunScopeType,
      resolve: (r) => ({
        kind: r.scope.kind,
        bookIds: r.scope.kind === 'books' ? r.scope.bookIds : [],
        customerId: r.scope.kind === 'customer' ? r.scope.customerId : null,
      }),
    }),
    status: t.field({ type: BillingRunStatusEnum, resolve: (r) => storedAs(BillingRunStatusEnum, r.status) }),
    totalCustomers: t.exposeInt('totalCustomers'),
    processedCustomers: t.exposeInt('processedCustomers'),
    progress: t.float({
      description: '0…1, for the progress bar.',
      resolve: (r) =>
        r.totalCustomers > 0 ? Math.min(1, r.processedCustomers / r.totalCustomers) : r.status === 'done' ? 1 : 0,
    }),
    invoiceCount: t.exposeInt('invoiceCount'),
    consumption: t.float({ description: 'm3 billed.', resolve: (r) => r.consumption }),
    amount: t.field({ type: 'Money', description: 'Total billed, VND.', resolve: (r) => r.amount }),
    skipped: t.field({
      type: [SkipSummaryType],
      description: 'Skipped customers by reason.',
      resolve: (r, _args, ctx) => skipsOfRun(ctx, r.id),
    }),
    error: t.exposeString('error', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    heartbeatAt: t.expose('heartbeatAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

const SkippedCustomerType = builder.objectRef<SkippedCustomer>('SkippedCustomer').implement({
  fields: (t) => ({
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    bookCode: t.exposeString('bookCode'),
    sequenceNo: t.exposeInt('sequenceNo'),
    reason: t.exposeString('reason'),
    reasonLabel: t.exposeString('reasonLabel'),
  }),
});

export const SkippedCustomerPageType = builder
  .objectRef<{ rows: SkippedCustomer[]; total: number }>('SkippedCustomerPage')
  .implement({
    fields: (t) => ({
      rows: t.field({ type: [SkippedCustomerType], resolve: (p) => p.rows }),
      total: t.exposeInt('total'),
    }),
  });

const BilledWithWarningsType = builder.objectRef<BilledWithWarnings>('BilledWithWarnings').implement({
  description: 'A customer a run billed on an assumption to check (the engine’s warnings of its invoice).',
  fields: (t) => ({
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    bookCode: t.exposeString('bookCode'),
    sequenceNo: t.exposeInt('sequenceNo'),
    invoiceId: t.exposeInt('invoiceId'),
    invoiceKind: t.exposeString('invoiceKind', { description: 'regular | backbill' }),
    warnings: t.field({ type: [BillWarningType], resolve: (r) => r.warnings }),
  }),
});

export const BilledWithWarningsPageType = builder
  .objectRef<{ rows: BilledWithWarnings[]; total: number }>('BilledWithWarningsPage')
  .implement({
    fields: (t) => ({
      rows: t.field({ type: [BilledWithWarningsType], resolve: (p) => p.rows }),
      total: t.exposeInt('total'),
    }),
  });

/** The company's invoice settings, read once per request however many invoices the answer holds. */
const settingsOfRequest = new WeakMap<GraphQLContext, Promise<InvoiceSettings>>();
function invoiceSettingsOf(ctx: GraphQLContext): Promise<InvoiceSettings> {
  let settings = settingsOfRequest.get(ctx);
  if (!settings) {
    settings = loadInvoiceSettings(ctx.db);
    settingsOfRequest.set(ctx, settings);
  }
  return settings;
}

const summaryFields = (t: FieldBuilder<InvoiceSummary>) => ({
  id: t.exposeInt('id'),
  customerId: t.exposeInt('customerId'),
  customerCode: t.exposeString('customerCode'),
  customerName: t.exposeString('customerName'),
  bookId: t.exposeInt('bookId'),
  sequenceNo: t.exposeInt('sequenceNo'),
  period: t.expose('period', { type: 'Period' }),
  kind: t.field({ type: InvoiceKindEnum, resolve: (i) => storedAs(InvoiceKindEnum, i.kind) }),
  status: t.field({ type: InvoiceStatusEnum, resolve: (i) => storedAs(InvoiceStatusEnum, i.status) }),
  consumption: t.exposeInt('consumption'),
  subtotal: t.expose('subtotal', { type: 'Money' }),
  vat: t.expose('vat', { type: 'Money' }),
  environmentFee: t.expose('environmentFee', { type: 'Money' }),
  drainageFee: t.expose('drainageFee', { type: 'Money' }),
  drainageVat: t.expose('drainageVat', { type: 'Money' }),
  total: t.expose('total', { type: 'Money' }),
  needsRecalculation: t.exposeBoolean('needsRecalculation'),
  runId: t.exposeInt('runId', { nullable: true }),
  createdAt: t.expose('createdAt', { type: 'DateTime' }),
  warnings: t.field({
    type: [BillWarningType],
    description: 'What the rate engine assumed for this bill (e.g. 0 persons billed as 1).',
    resolve: (i: InvoiceSummary) => i.warnings,
  }),
  series: t.exposeString('series', {
    nullable: true,
    description: 'Template and invoice symbol printed together, e.g. "1C26TAA"; null while a draft.',
  }),
  number: t.exposeInt('number', {
    nullable: true,
    description: 'Up to 8 digits, gap-free in its series; null while a draft.',
  }),
  issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true }),
  lookupCode: t.exposeString('lookupCode', {
    nullable: true,
    description: 'The code a buyer types on the e-invoice lookup page.',
  }),
  amountDue: t.expose('amountDue', {
    type: 'Money',
    description:
      'What the invoice still asks: its total (plus its adjustments) while issued; 0 for drafts, cancelled, replaced invoices and for adjustments themselves.',
  }),
  relatedInvoiceId: t.exposeInt('relatedInvoiceId', {
    nullable: true,
    description: 'For a replacement or an adjustment: the invoice it corrects.',
  }),
  cancelReason: t.exposeString('cancelReason', { nullable: true }),
  correctionReason: t.exposeString('correctionReason', { nullable: true }),
  totalInWords: t.string({
    description: 'The total in Vietnamese words, by the company’s North/South reading.',
    resolve: async (i: InvoiceSummary, _args: object, ctx: GraphQLContext) =>
      amountInWords(i.total, (await invoiceSettingsOf(ctx)).wordsDialect),
  }),
  vietQr: t.string({
    description:
      'The VietQR (EMVCo) payload for the amount due, with the payment code in its purpose; a static code (no amount) when nothing is due; empty when the company has no bank account set.',
    resolve: async (i: InvoiceSummary, _args: object, ctx: GraphQLContext) =>
      invoiceVietQr(await invoiceSettingsOf(ctx), i),
  }),
});

export const InvoiceSummaryType = builder.objectRef<InvoiceSummary>('InvoiceSummary').implement({
  description: 'Amounts in whole VND (Money).',
  fields: (t) => summaryFields(t),
});

const InvoiceLineType = builder.objectRef<InvoiceLineView>('InvoiceLine').implement({
  fields: (t) => ({
    ordinal: t.exposeInt('ordinal'),
    kind: t.exposeString('kind', {
      description: 'tier | subscription | vat | environment_fee | drainage | drainage_vat | backbill_amount',
    }),
    description: t.exposeString('description'),
    tariffVersionId: t.exposeInt('tariffVersionId', { nullable: true }),
    tier: t.exposeInt('tier', { nullable: true }),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.expose('unitPrice', { type: 'Money' }),
    amount: t.expose('amount', { type: 'Money' }),
  }),
});

export const InvoiceType = builder.objectRef<InvoiceDetail>('Invoice').implement({
  fields: (t) => ({
    ...summaryFields(t),
    lines: t.field({ type: [InvoiceLineType], resolve: (i) => i.lines }),
    chain: t.field({
      type: [InvoiceSummaryType],
      description:
        'The correction chain this invoice belongs to (the original, its replacements and adjustments, in issue order); empty when it has none.',
      resolve: (i) => i.chain,
    }),
    hasEinvoice: t.exposeBoolean('hasEinvoice', { description: 'Whether the signed e-invoice XML is stored.' }),
  }),
});

export const InvoicePageType = builder.objectRef<InvoicePage>('InvoicePage').implement({
  fields: (t) => ({
    rows: t.field({ type: [InvoiceSummaryType], resolve: (p) => p.rows }),
    total: t.exposeInt('total'),
    totalConsumption: t.exposeFloat('totalConsumption'),
    totalAmount: t.expose('totalAmount', { type: 'Money' }),
  }),
});
