// Collectors (nhân viên thu tiền): book assignments, the handheld's payment mutation, a collector's day and its
// settlement by a cashier. Rights are checked by services/payments/collector.service.ts on the customers' current
// books; the scopes require the payments right on some branch, so a user without it anywhere is refused at once.
import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { storedAs } from '@/graphql/stored-enum';
import { collectorKeySchema, settlementNoteSchema } from '@/schemas/payments-collectors';
import {
  assignCollectorBooks,
  bookCollectors,
  collectorBooks,
  collectorDay,
  recordCollectorPayment,
  settleCollectorDay,
  type BookCollectorRow,
  type CollectorBookRow,
  type CollectorDayPayment,
  type CollectorDayView,
  type CollectorPaymentLine,
  type CollectorPaymentResult,
  type CollectorSettlementRow,
} from '@/services/payments/collector.service';
import { PaymentStatusEnum } from './payments.counter';

const paymentsRight = (right: 'access' | 'add' | 'edit') => ({
  permission: { group: 'document' as const, object: 'payments', right },
});

const CollectorBookType = builder.objectRef<CollectorBookRow>('CollectorBook').implement({
  description: 'A reading book a collector collects on.',
  fields: (t) => ({
    bookId: t.exposeInt('bookId'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    assignedAt: t.field({ type: 'DateTime', resolve: (b) => b.assignedAt }),
    canCollect: t.exposeBoolean('canCollect', {
      description: 'false when the collector no longer holds the book with the payments add right.',
    }),
  }),
});

const BookCollectorType = builder.objectRef<BookCollectorRow>('BookCollector').implement({
  description: 'A user who may collect on a book (holds it with the payments add right), or who is assigned to it.',
  fields: (t) => ({
    userId: t.exposeInt('userId'),
    login: t.exposeString('login'),
    fullName: t.exposeString('fullName'),
    isAssigned: t.exposeBoolean('isAssigned'),
    canCollect: t.exposeBoolean('canCollect'),
  }),
});

const CollectorPaymentLineType = builder.objectRef<CollectorPaymentLine>('CollectorPaymentLine').implement({
  description: 'What a collector’s payment paid on one invoice when it was recorded (water, VAT, fees).',
  fields: (t) => ({
    invoiceId: t.exposeInt('invoiceId'),
    period: t.field({ type: 'Period', resolve: (l) => l.period }),
    series: t.exposeString('series', { nullable: true }),
    number: t.exposeInt('number', { nullable: true }),
    water: t.expose('water', { type: 'Money' }),
    vat: t.expose('vat', { type: 'Money' }),
    fees: t.expose('fees', { type: 'Money' }),
    amount: t.expose('amount', { type: 'Money' }),
  }),
});

const CollectorPaymentResultType = builder.objectRef<CollectorPaymentResult>('CollectorPaymentResult').implement({
  description: 'The answer to a collector’s payment: the same for the first request and every resend of its key.',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', {
      description: 'The key was used before: nothing was written; this is the first answer.',
    }),
    paymentId: t.exposeInt('paymentId'),
    receiptNumber: t.exposeString('receiptNumber', { description: 'Printed on the receipt, e.g. PT00000123.' }),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    amount: t.expose('amount', { type: 'Money' }),
    paidAt: t.field({ type: 'DateTime', resolve: (r) => r.paidAt }),
    businessDay: t.field({ type: 'Date', resolve: (r) => r.businessDay }),
    lines: t.field({ type: [CollectorPaymentLineType], resolve: (r) => r.lines }),
    credit: t.expose('credit', { type: 'Money', description: 'The part no invoice asked for: the customer’s credit.' }),
  }),
});

const CollectorDayPaymentType = builder.objectRef<CollectorDayPayment>('CollectorDayPayment').implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    receiptNumber: t.exposeString('receiptNumber'),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    amount: t.expose('amount', { type: 'Money' }),
    paidAt: t.field({ type: 'DateTime', resolve: (p) => p.paidAt }),
    status: t.field({ type: PaymentStatusEnum, resolve: (p) => storedAs(PaymentStatusEnum, p.status) }),
    reversalReason: t.exposeString('reversalReason', { nullable: true }),
  }),
});

const CollectorSettlementType = builder.objectRef<CollectorSettlementRow>('CollectorSettlement').implement({
  description: 'A collector’s day confirmed by a cashier; the day is locked from then on.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    recorded: t.expose('recorded', { type: 'Money', description: 'What the ledger said was taken, at settlement.' }),
    paymentCount: t.exposeInt('paymentCount'),
    handedIn: t.expose('handedIn', { type: 'Money' }),
    difference: t.expose('difference', { type: 'Money', description: 'handedIn − recorded (negative: missing).' }),
    note: t.exposeString('note', { nullable: true }),
    confirmedById: t.exposeInt('confirmedById'),
    confirmedByName: t.exposeString('confirmedByName'),
    confirmedAt: t.field({ type: 'DateTime', resolve: (s) => s.confirmedAt }),
  }),
});

const CollectorDayType = builder.objectRef<CollectorDayView>('CollectorDay').implement({
  description: 'A collector’s business day (Vietnam time): recorded payments, reversed ones apart, the settlement.',
  fields: (t) => ({
    collectorId: t.exposeInt('collectorId'),
    collectorLogin: t.exposeString('collectorLogin'),
    collectorName: t.exposeString('collectorName'),
    day: t.field({ type: 'Date', resolve: (d) => d.day }),
    recorded: t.expose('recorded', { type: 'Money', description: 'The sum of the posted payments of the day.' }),
    paymentCount: t.exposeInt('paymentCount'),
    payments: t.field({ type: [CollectorDayPaymentType], resolve: (d) => d.payments }),
    reversed: t.field({ type: [CollectorDayPaymentType], resolve: (d) => d.reversed }),
    settlement: t.field({ type: CollectorSettlementType, nullable: true, resolve: (d) => d.settlement }),
    isSettled: t.boolean({
      description: 'Settled days are locked: no payment of the day may be recorded or reversed.',
      resolve: (d) => d.settlement !== null,
    }),
  }),
});

const RecordCollectorPaymentInput = builder.inputType('RecordCollectorPaymentInput', {
  description: 'A payment a collector took in the field. Give the customer by customerCode (or customerId).',
  fields: (t) => ({
    customerId: t.int(),
    customerCode: t.string({ validate: z.string().trim().max(16, 'Mã khách hàng tối đa 16 ký tự.') }),
    amount: t.field({ type: 'Money', required: true }),
    paidAt: t.field({
      type: 'DateTime',
      description: 'When the money was taken (the device’s clock); the server’s time when absent.',
    }),
    idempotencyKey: t.string({
      required: true,
      description:
        'Made by the device for this payment and sent again with every resend: a resend answers the first answer and writes nothing.',
      validate: collectorKeySchema,
    }),
    invoiceId: t.int({ description: 'The invoice the customer meant: paid first, the rest oldest first.' }),
  }),
});

builder.queryFields((t) => ({
  collectorBooks: t.withAuth(paymentsRight('access')).field({
    type: [CollectorBookType],
    description: 'The books a collector is assigned to, among those the caller holds with the payments right.',
    args: { collectorId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => collectorBooks(ctx.db, ctx.actor, args.collectorId),
  }),
  bookCollectors: t.withAuth(paymentsRight('access')).field({
    type: [BookCollectorType],
    description: 'Who collects, or may collect, on a book (the caller needs the payments right on it).',
    args: { bookId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => bookCollectors(ctx.db, ctx.actor, args.bookId),
  }),
  collectorDay: t.withAuth(paymentsRight('access')).field({
    type: CollectorDayType,
    description:
      'A collector’s day: recorded total and count, the payments, the reversed ones, the settlement. Needs the payments right on the current book of every customer of the day.',
    args: { collectorId: t.arg.int({ required: true }), day: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, args, ctx) => collectorDay(ctx.db, ctx.actor, { collectorId: args.collectorId, day: args.day }),
  }),
}));

builder.mutationFields((t) => ({
  assignCollectorBooks: t.withAuth(paymentsRight('edit')).field({
    type: [CollectorBookType],
    description:
      'Sets the collector’s books among those the caller may edit payments on (books beyond the caller’s reach keep their assignment). The collector must hold each book with the payments add right (COLLECTOR_CANNOT_COLLECT).',
    args: {
      collectorId: t.arg.int({ required: true }),
      bookIds: t.arg.intList({
        required: true,
        validate: z.array(z.number().int().positive()).max(500, 'Mỗi lần phân công tối đa 500 sổ đọc.'),
      }),
    },
    resolve: (_root, args, ctx) =>
      assignCollectorBooks(ctx.db, signedIn(ctx), { collectorId: args.collectorId, bookIds: args.bookIds }),
  }),
  recordCollectorPayment: t.withAuth(paymentsRight('add')).field({
    type: CollectorPaymentResultType,
    description:
      'The handheld’s payment: the caller is the collector, assigned to the customer’s current book (COLLECTOR_NOT_ASSIGNED). Idempotent on idempotencyKey (another request under the same key: IDEMPOTENCY_CONFLICT). A settled day refuses it (PAYMENT_SETTLED). Overpayment becomes the customer’s credit.',
    args: { input: t.arg({ type: RecordCollectorPaymentInput, required: true }) },
    resolve: (_root, args, ctx) => recordCollectorPayment(ctx.db, ctx.actor, args.input),
  }),
  settleCollectorDay: t.withAuth(paymentsRight('edit')).field({
    type: CollectorDayType,
    description:
      'A cashier (payments edit on the books of every customer of the day; never the collector) confirms what the collector handed in. A difference needs a note. The day is locked afterwards; a second settlement is PAYMENT_SETTLED.',
    args: {
      collectorId: t.arg.int({ required: true }),
      day: t.arg({ type: 'Date', required: true }),
      handedIn: t.arg({ type: 'Money', required: true }),
      note: t.arg.string({ validate: settlementNoteSchema }),
    },
    resolve: (_root, args, ctx) =>
      settleCollectorDay(ctx.db, ctx.actor, {
        collectorId: args.collectorId,
        day: args.day,
        handedIn: args.handedIn,
        note: args.note ?? null,
      }),
  }),
}));
