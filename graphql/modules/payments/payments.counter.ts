// The counter (thu tiền tại quầy): a book's sheet, one save of many payments, reversal, and a customer's payments.
// PaymentStatus is shared with the other ways money comes in (collectors); the Payment type and PaymentChannel can be
// exported the same way when another module returns them.
import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { listLimit } from '@/graphql/limits/list-limit';
import { InvoiceKindEnum, InvoiceStatusEnum } from '@/graphql/modules/billing/billing.type';
import { storedAs } from '@/graphql/stored-enum';
import { COUNTER_MAX_ENTRIES, idempotencyKeySchema, reversalReasonSchema } from '@/schemas/payments-counter';
import {
  counterSheet,
  customerPayments,
  getPayment,
  payAtCounter,
  reversePayment,
  type CounterRow,
  type CounterRowPayment,
  type CounterSaveResult,
  type CounterSheet,
  type CustomerPayments,
} from '@/services/payments/counter.service';
import type { PaymentHolding, PaymentView } from '@/services/payments/payment-view';

const PaymentChannelEnum = builder.enumType('PaymentChannel', {
  values: {
    COUNTER: { value: 'counter', description: 'Thu tại quầy' },
    COLLECTOR: { value: 'collector', description: 'Nhân viên thu tiền tại nhà' },
    PARTNER: { value: 'partner', description: 'Đối tác thu hộ (ngân hàng, ví điện tử, cửa hàng)' },
    BANK_TRANSFER: { value: 'bank_transfer', description: 'Chuyển khoản ngân hàng (VietQR)' },
  } as const,
});

export const PaymentStatusEnum = builder.enumType('PaymentStatus', {
  values: {
    POSTED: { value: 'posted', description: 'Đã ghi nhận' },
    REVERSED: { value: 'reversed', description: 'Đã hủy (có lý do)' },
  } as const,
});

const PaymentHoldingType = builder.objectRef<PaymentHolding>('PaymentHolding').implement({
  description: 'What a payment holds now on one invoice (net of reversals and corrections).',
  fields: (t) => ({
    invoiceId: t.exposeInt('invoiceId'),
    period: t.field({ type: 'Period', resolve: (h) => h.period }),
    series: t.exposeString('series', { nullable: true }),
    number: t.exposeInt('number', { nullable: true }),
    amount: t.expose('amount', { type: 'Money' }),
  }),
});

const PaymentReversalType = builder.objectRef<NonNullable<PaymentView['reversal']>>('PaymentReversal').implement({
  fields: (t) => ({
    reason: t.exposeString('reason'),
    reversedByName: t.exposeString('reversedByName', { nullable: true, description: 'A user or a partner.' }),
    reversedAt: t.field({ type: 'DateTime', resolve: (r) => r.reversedAt }),
  }),
});

const PaymentType = builder.objectRef<PaymentView>('Payment').implement({
  description:
    'Money taken from a customer (never edited; a reversal is recorded beside it). Amounts in whole VND; what is not on an invoice (credit) pays the next one.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    receiptNumber: t.exposeString('receiptNumber', { description: 'Số phiếu thu, e.g. "PT00000123".' }),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    channel: t.field({ type: PaymentChannelEnum, resolve: (p) => storedAs(PaymentChannelEnum, p.channel) }),
    status: t.field({ type: PaymentStatusEnum, resolve: (p) => storedAs(PaymentStatusEnum, p.status) }),
    amount: t.expose('amount', { type: 'Money' }),
    allocated: t.expose('allocated', { type: 'Money', description: 'The part now on invoices.' }),
    credit: t.field({
      type: 'Money',
      description: 'The part not on any invoice yet (paid in advance).',
      resolve: (p) => p.amount - p.allocated,
    }),
    paidAt: t.field({ type: 'DateTime', resolve: (p) => p.paidAt }),
    businessDay: t.field({
      type: 'Date',
      description: 'The day it counts in (Vietnam time).',
      resolve: (p) => p.businessDay,
    }),
    recordedByName: t.exposeString('recordedByName', { nullable: true }),
    collectorName: t.exposeString('collectorName', { nullable: true }),
    partnerName: t.exposeString('partnerName', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    reversal: t.field({ type: PaymentReversalType, nullable: true, resolve: (p) => p.reversal }),
    holdings: t.field({ type: [PaymentHoldingType], resolve: (p) => p.holdings }),
  }),
});

const CounterRowPaymentType = builder.objectRef<CounterRowPayment>('CounterRowPayment').implement({
  description: 'A payment holding money on the row’s invoice; `amount` is what it holds there.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    receiptNumber: t.exposeString('receiptNumber'),
    amount: t.expose('amount', { type: 'Money' }),
    channel: t.field({ type: PaymentChannelEnum, resolve: (p) => storedAs(PaymentChannelEnum, p.channel) }),
    paidAt: t.field({ type: 'DateTime', resolve: (p) => p.paidAt }),
  }),
});

const CounterRowType = builder.objectRef<CounterRow>('CounterRow').implement({
  description: 'One invoice of the counter sheet, with its customer’s older debt and credit.',
  fields: (t) => ({
    invoiceId: t.exposeInt('invoiceId'),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    address: t.exposeString('address'),
    sequenceNo: t.exposeInt('sequenceNo'),
    period: t.field({ type: 'Period', resolve: (r) => r.period }),
    kind: t.field({ type: InvoiceKindEnum, resolve: (r) => storedAs(InvoiceKindEnum, r.kind) }),
    status: t.field({ type: InvoiceStatusEnum, resolve: (r) => storedAs(InvoiceStatusEnum, r.status) }),
    series: t.exposeString('series', { nullable: true }),
    number: t.exposeInt('number', { nullable: true }),
    total: t.expose('total', { type: 'Money' }),
    amountDue: t.expose('amountDue', { type: 'Money', description: 'What the invoice still asks.' }),
    otherDue: t.expose('otherDue', {
      type: 'Money',
      description: 'What the customer’s open invoices of earlier periods still ask.',
    }),
    credit: t.expose('credit', { type: 'Money', description: 'The customer’s money not on any invoice yet.' }),
    payments: t.field({ type: [CounterRowPaymentType], resolve: (r) => r.payments }),
  }),
});

const CounterTotalsType = builder.objectRef<CounterSheet['totals']>('CounterTotals').implement({
  fields: (t) => ({
    count: t.exposeInt('count'),
    total: t.expose('total', { type: 'Money' }),
    amountDue: t.expose('amountDue', { type: 'Money' }),
    otherDue: t.expose('otherDue', { type: 'Money' }),
    credit: t.expose('credit', { type: 'Money' }),
    paidCount: t.exposeInt('paidCount', { description: 'Invoices that owe nothing any more.' }),
  }),
});

const CounterSheetType = builder.objectRef<CounterSheet>('CounterSheet').implement({
  fields: (t) => ({
    bookId: t.exposeInt('bookId'),
    period: t.field({ type: 'Period', resolve: (s) => s.period }),
    rows: t.field({ type: [CounterRowType], resolve: (s) => s.rows }),
    totals: t.field({ type: CounterTotalsType, resolve: (s) => s.totals }),
  }),
});

const CounterEntryInput = builder.inputType('CounterEntryInput', {
  fields: (t) => ({
    invoiceId: t.int({ required: true }),
    amount: t.field({
      type: 'Money',
      required: true,
      description: '0 skips the row; above the invoice’s due, the excess pays older bills, then becomes credit.',
    }),
  }),
});

const PayAtCounterInput = builder.inputType('PayAtCounterInput', {
  fields: (t) => ({
    bookId: t.int({ required: true }),
    period: t.field({ type: 'Period', required: true }),
    idempotencyKey: t.string({
      required: true,
      description:
        'Made by the client for one save and sent again with a retry: a second save of the key writes nothing and answers the first.',
      validate: idempotencyKeySchema,
    }),
    entries: t.field({
      type: [CounterEntryInput],
      required: true,
      validate: z.array(z.unknown()).max(COUNTER_MAX_ENTRIES, `Mỗi lần lưu tối đa ${COUNTER_MAX_ENTRIES} dòng.`),
    }),
  }),
});

const CounterSavedType = builder.objectRef<CounterSaveResult['entries'][number]>('CounterSavedEntry').implement({
  fields: (t) => ({
    invoiceId: t.exposeInt('invoiceId'),
    payment: t.field({ type: PaymentType, resolve: (e) => e.payment }),
  }),
});

const PayAtCounterResultType = builder.objectRef<CounterSaveResult>('PayAtCounterResult').implement({
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', {
      description: 'The key was saved before: nothing was written; these are the first save’s payments.',
    }),
    total: t.expose('total', { type: 'Money' }),
    entries: t.field({ type: [CounterSavedType], resolve: (r) => r.entries }),
  }),
});

const CustomerBalanceType = builder.objectRef<CustomerPayments['balance']>('CustomerBalance').implement({
  description: 'totalDue: what the open invoices ask; credit: money waiting; balance = totalDue − credit.',
  fields: (t) => ({
    totalDue: t.expose('totalDue', { type: 'Money' }),
    credit: t.expose('credit', { type: 'Money' }),
    balance: t.expose('balance', { type: 'Money' }),
  }),
});

const CustomerPaymentsType = builder.objectRef<CustomerPayments>('CustomerPayments').implement({
  fields: (t) => ({
    customerId: t.exposeInt('customerId'),
    balance: t.field({ type: CustomerBalanceType, resolve: (c) => c.balance }),
    payments: t.field({ type: [PaymentType], resolve: (c) => c.payments }),
  }),
});

const CUSTOMER_PAYMENTS_LIMIT = listLimit({ default: 50, max: 240 });

// The services check the right on each customer's current book; the scopes require it on some branch, so a user
// without the right anywhere is refused before any database work.
const paymentsRight = (right: 'access' | 'add' | 'delete') => ({
  permission: { group: 'document' as const, object: 'payments', right },
});

builder.queryFields((t) => ({
  counterSheet: t.withAuth(paymentsRight('access')).field({
    type: CounterSheetType,
    description:
      'The counter: the book’s issued invoices of the period in sequence order (customers the book holds now), with each customer’s older debt and credit and the payments on each invoice.',
    args: { bookId: t.arg.int({ required: true }), period: t.arg({ type: 'Period', required: true }) },
    resolve: (_root, args, ctx) => counterSheet(ctx.db, ctx.actor, { bookId: args.bookId, period: args.period }),
  }),
  payment: t.withAuth(paymentsRight('access')).field({
    type: PaymentType,
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getPayment(ctx.db, ctx.actor, args.id),
  }),
  customerPayments: t.withAuth(paymentsRight('access')).field({
    type: CustomerPaymentsType,
    description: 'A customer’s payments, newest first, and their balance (the customer screen’s “Thanh toán” tab).',
    extensions: CUSTOMER_PAYMENTS_LIMIT.extensions,
    args: { customerId: t.arg.int({ required: true }), limit: t.arg.int(CUSTOMER_PAYMENTS_LIMIT.arg) },
    resolve: (_root, args, ctx) =>
      customerPayments(ctx.db, ctx.actor, { customerId: args.customerId, limit: args.limit }),
  }),
}));

builder.mutationFields((t) => ({
  payAtCounter: t.withAuth(paymentsRight('add')).field({
    type: PayAtCounterResultType,
    description:
      'Saves the counter’s amounts as one transaction: one payment per entry with an amount (the invoice paid first). A bad entry writes nothing (PAYMENT_INVALID_AMOUNT, `field` names the entry). The same idempotencyKey again answers the first save; with other entries, IDEMPOTENCY_CONFLICT.',
    args: { input: t.arg({ type: PayAtCounterInput, required: true }) },
    resolve: (_root, args, ctx) => payAtCounter(ctx.db, ctx.actor, args.input),
  }),
  reversePayment: t.withAuth(paymentsRight('delete')).field({
    type: PaymentType,
    description:
      'Reverses a payment with a reason: what it paid is owed again. A collector’s payment of a settled day is refused (PAYMENT_SETTLED).',
    args: {
      id: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true, validate: reversalReasonSchema }),
    },
    resolve: (_root, args, ctx) => reversePayment(ctx.db, ctx.actor, { id: args.id, reason: args.reason }),
  }),
}));
