import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { PageInfoType } from '@/graphql/page-info';
import type { IssueResult } from '@/services/invoices/issue.service';
import type { InvoiceSearchPage } from '@/services/invoices/invoice-search.service';
import type { InvoiceSeriesRow } from '@/services/invoices/series.service';
import type { InvoiceSettingsInput } from '@/schemas/invoice-settings';
import { InvoiceStatusEnum, InvoiceSummaryType } from '@/graphql/modules/billing/billing.type';

export const IssueInvoicesInput = builder.inputType('IssueInvoicesInput', {
  fields: (t) => ({
    period: t.field({ type: 'Period', required: true }),
    bookIds: t.intList({
      required: true,
      description: 'The books whose drafts of the period are numbered, in book-code then sequence order.',
      validate: z.array(z.number().int().positive()).min(1, 'Chọn ít nhất một sổ đọc.').max(500),
    }),
  }),
});

const IssuedBookType = builder.objectRef<IssueResult['books'][number]>('IssuedBook').implement({
  fields: (t) => ({
    bookId: t.exposeInt('bookId'),
    issued: t.exposeInt('issued'),
    blocked: t.exposeInt('blocked', { description: 'Drafts left unissued because they need recalculation.' }),
  }),
});

export const IssueInvoicesResultType = builder.objectRef<IssueResult>('IssueInvoicesResult').implement({
  fields: (t) => ({
    issued: t.exposeInt('issued'),
    blocked: t.exposeInt('blocked', { description: 'Drafts left unissued because they need recalculation.' }),
    series: t.exposeString('series', { nullable: true }),
    firstNumber: t.exposeInt('firstNumber', { nullable: true }),
    lastNumber: t.exposeInt('lastNumber', { nullable: true }),
    books: t.field({ type: [IssuedBookType], resolve: (r) => r.books }),
  }),
});

export const CorrectInvoiceInput = builder.inputType('CorrectInvoiceInput', {
  fields: (t) => ({
    id: t.int({ required: true }),
    reason: t.string({
      required: true,
      validate: z.string().trim().min(3, 'Nhập lý do (ít nhất 3 ký tự).').max(500, 'Lý do dài quá 500 ký tự.'),
    }),
  }),
});

export const InvoiceSeriesType = builder.objectRef<InvoiceSeriesRow>('InvoiceSeries').implement({
  description: 'Ký hiệu hóa đơn: template symbol + invoice symbol of one year; numbers restart with each series.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    templateSymbol: t.exposeString('templateSymbol'),
    invoiceSymbol: t.exposeString('invoiceSymbol'),
    series: t.string({
      description: 'Printed form, e.g. "1C26TAA".',
      resolve: (s) => s.templateSymbol + s.invoiceSymbol,
    }),
    year: t.exposeInt('year'),
    isDefault: t.exposeBoolean('isDefault', { description: 'The series issuing uses in its year.' }),
    active: t.exposeBoolean('active'),
    lastNumber: t.exposeInt('lastNumber', { description: 'The last number issued (0: none yet).' }),
    lastIssuedOn: t.expose('lastIssuedOn', { type: 'Date', nullable: true }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

export const InvoiceSeriesInput = builder.inputType('InvoiceSeriesInput', {
  fields: (t) => ({
    templateSymbol: t.string({
      required: true,
      validate: z.string().trim().length(1, 'Ký hiệu mẫu số gồm một chữ số.'),
    }),
    invoiceSymbol: t.string({ required: true, validate: z.string().trim().length(6, 'Ký hiệu hóa đơn gồm 6 ký tự.') }),
    isDefault: t.boolean({ required: true }),
    active: t.boolean({ required: true }),
    note: t.string(),
  }),
});

export const InvoiceFilterInput = builder.inputType('InvoiceFilter', {
  description: 'Every condition given must hold. Only invoices of books the caller may read are returned.',
  fields: (t) => ({
    period: t.field({ type: 'Period' }),
    bookId: t.int(),
    customerId: t.int(),
    customerCode: t.string(),
    series: t.string({ description: 'e.g. "1C26TAA".' }),
    number: t.int(),
    status: t.field({ type: InvoiceStatusEnum }),
  }),
});

export const InvoiceSearchPageType = builder.objectRef<InvoiceSearchPage>('InvoiceSearchPage').implement({
  description: 'A page of invoices, newest first, with a cursor for the next.',
  fields: (t) => ({
    rows: t.field({ type: [InvoiceSummaryType], resolve: (p) => p.rows }),
    pageInfo: t.field({ type: PageInfoType, resolve: (p) => p.pageInfo }),
  }),
});

const WordsDialectEnum = builder.enumType('WordsDialect', {
  values: {
    NORTH: { description: 'Miền Bắc: "linh" (một nghìn không trăm linh một)' },
    SOUTH: { description: 'Miền Nam: "lẻ" (một ngàn không trăm lẻ một)' },
  } as const,
});

const PaperPresetEnum = builder.enumType('PaperPreset', {
  values: {
    A4: { description: 'A4, 210 × 297 mm' },
    A5: { description: 'A5, 148 × 210 mm' },
    CONTINUOUS: { description: 'Giấy liên tục 241 × 279 mm cho máy in kim' },
    CUSTOM: { description: 'Khổ tự đặt (paperWidthMm × paperHeightMm, lề paperMarginMm)' },
  } as const,
});

const EinvoiceModeEnum = builder.enumType('EinvoiceMode', {
  values: {
    SELF: { description: 'Tự ký XML bằng chứng thư số của đơn vị' },
    PROVIDER: { description: 'Phát hành qua nhà cung cấp dịch vụ hóa đơn điện tử' },
  } as const,
});

const PaymentOrderEnum = builder.enumType('PaymentOrder', {
  values: {
    OLDEST: { description: 'Trừ nợ hóa đơn cũ nhất trước' },
    NEWEST: { description: 'Trừ nợ hóa đơn mới nhất trước' },
  } as const,
});

export const InvoiceSettingsType = builder.objectRef<InvoiceSettingsInput>('InvoiceSettings').implement({
  description:
    'How invoices are printed and issued: the bank beside the VietQR code, amounts in words, paper, e-invoices.',
  fields: (t) => ({
    bankBin: t.exposeString('bankBin', { nullable: true, description: 'NAPAS bank BIN, 6 digits.' }),
    bankAccount: t.exposeString('bankAccount', { nullable: true }),
    bankName: t.exposeString('bankName', { nullable: true }),
    wordsDialect: t.field({ type: WordsDialectEnum, resolve: (s) => s.wordsDialect }),
    paperPreset: t.field({ type: PaperPresetEnum, resolve: (s) => s.paperPreset }),
    paperWidthMm: t.exposeInt('paperWidthMm', { nullable: true }),
    paperHeightMm: t.exposeInt('paperHeightMm', { nullable: true }),
    paperMarginMm: t.exposeInt('paperMarginMm', { nullable: true }),
    einvoiceMode: t.field({ type: EinvoiceModeEnum, resolve: (s) => s.einvoiceMode }),
    paymentOrder: t.field({
      type: PaymentOrderEnum,
      description: 'Which open invoices a payment pays first; inside an invoice always water, VAT, fees.',
      resolve: (s) => s.paymentOrder ?? 'OLDEST',
    }),
  }),
});

export const InvoiceSettingsInputType = builder.inputType('InvoiceSettingsInput', {
  fields: (t) => ({
    bankBin: t.string(),
    bankAccount: t.string(),
    bankName: t.string(),
    wordsDialect: t.field({ type: WordsDialectEnum, required: true }),
    paperPreset: t.field({ type: PaperPresetEnum, required: true }),
    paperWidthMm: t.int(),
    paperHeightMm: t.int(),
    paperMarginMm: t.int(),
    einvoiceMode: t.field({ type: EinvoiceModeEnum, required: true }),
    paymentOrder: t.field({ type: PaymentOrderEnum, description: 'Left out: unchanged.' }),
  }),
});
