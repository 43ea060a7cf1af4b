// A partner's daily reconciliation: the partners to pick, the imports, their exceptions and a cashier's resolution.
// The file itself is uploaded to POST /api/payments/reconciliations (a file is no GraphQL argument).
// services/payments/reconciliation.service.ts decides who sees which exception (the customer's current book).
import { builder } from '@/graphql/builder';
import { listLimit } from '@/graphql/limits/list-limit';
import { storedAs } from '@/graphql/stored-enum';
import { resolutionSchema } from '@/schemas/payments-collectors';
import { BANK_CREDIT_KEY } from '@/domain/payments/reconciliation';
import {
  listReconciliationExceptions,
  listReconciliations,
  paymentPartners,
  resolveReconciliationException,
  type PaymentPartnerOption,
  type ReconciliationExceptionRow,
  type ReconciliationHeader,
} from '@/services/payments/reconciliation.service';

const paymentsRight = (right: 'access' | 'edit') => ({
  permission: { group: 'document' as const, object: 'payments', right },
});

const PaymentPartnerType = builder.objectRef<PaymentPartnerOption>('PaymentPartner').implement({
  description: 'A collection partner as the payment screens name it (no secret, no allow-list).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    active: t.exposeBoolean('active'),
  }),
});

const ReconciliationType = builder.objectRef<ReconciliationHeader>('Reconciliation').implement({
  description: 'One imported partner file for a business day, matched three ways (file, ledger, bank credit).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    partnerId: t.exposeInt('partnerId'),
    partnerCode: t.exposeString('partnerCode'),
    partnerName: t.exposeString('partnerName'),
    businessDay: t.field({ type: 'Date', resolve: (r) => r.businessDay }),
    fileName: t.exposeString('fileName'),
    fileSha256: t.exposeString('fileSha256'),
    importedByName: t.exposeString('importedByName'),
    importedAt: t.field({ type: 'DateTime', resolve: (r) => r.importedAt }),
    matched: t.exposeInt('matched', { description: 'Transactions both sides agree on.' }),
    exceptions: t.exposeInt('exceptions'),
    openExceptions: t.exposeInt('openExceptions', { description: 'Exceptions no cashier has resolved yet.' }),
  }),
});

const ReconciliationExceptionKindEnum = builder.enumType('ReconciliationExceptionKind', {
  values: {
    ONLY_PARTNER: { value: 'only_partner', description: 'Trong tệp của đối tác, không có trong sổ thu của ta' },
    ONLY_OURS: { value: 'only_ours', description: 'Trong sổ thu của ta, không có trong tệp của đối tác' },
    AMOUNT_DIFFERS: {
      value: 'amount_differs',
      description: 'Hai bên cùng có nhưng khác số tiền (hoặc khác khách hàng; hoặc tiền về tài khoản khác tệp)',
    },
    REVERSED: { value: 'reversed', description: 'Một bên đã hủy, bên kia chưa' },
  } as const,
});

const ReconciliationExceptionType = builder.objectRef<ReconciliationExceptionRow>('ReconciliationException').implement({
  description: 'A disagreement found by a reconciliation, until a cashier resolves it with a note.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    reconciliationId: t.exposeInt('reconciliationId'),
    partnerCode: t.exposeString('partnerCode'),
    businessDay: t.field({ type: 'Date', resolve: (e) => e.businessDay }),
    kind: t.field({
      type: ReconciliationExceptionKindEnum,
      resolve: (e) => storedAs(ReconciliationExceptionKindEnum, e.kind),
    }),
    transactionId: t.exposeString('transactionId', {
      description: `The partner's transaction id; ${BANK_CREDIT_KEY} for the day's bank credit.`,
    }),
    isBankCredit: t.boolean({
      description: 'The partner’s PAID total differs from the money it transferred to our account that day.',
      resolve: (e) => e.transactionId === BANK_CREDIT_KEY,
    }),
    customerDiffers: t.boolean({
      description: 'Both sides have the transaction with the same amount, for different customers.',
      resolve: (e) => e.details.customerDiffers === true,
    }),
    customerId: t.exposeInt('customerId', { nullable: true }),
    customerCode: t.exposeString('customerCode', { nullable: true }),
    customerName: t.exposeString('customerName', { nullable: true }),
    partnerAmount: t.expose('partnerAmount', { type: 'Money', nullable: true }),
    ourAmount: t.expose('ourAmount', {
      type: 'Money',
      nullable: true,
      description: 'Our payment’s amount; for the bank credit, the money received.',
    }),
    paymentId: t.exposeInt('paymentId', { nullable: true }),
    receiptNumber: t.exposeString('receiptNumber', { nullable: true }),
    details: t.field({ type: 'JSON', resolve: (e) => e.details }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.resolvedAt }),
    resolvedByName: t.exposeString('resolvedByName', { nullable: true }),
    resolution: t.exposeString('resolution', { nullable: true }),
  }),
});

const RECONCILIATIONS_LIMIT = listLimit({ default: 50, max: 500 });
const EXCEPTIONS_LIMIT = listLimit({ default: 500, max: 5000 });

builder.queryFields((t) => ({
  paymentPartners: t.field({
    type: [PaymentPartnerType],
    description: 'Collection partners (code and name) for the payment screens’ pickers.',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx) => paymentPartners(ctx.db),
  }),
  reconciliations: t.withAuth(paymentsRight('access')).field({
    type: [ReconciliationType],
    description:
      'Imported reconciliations, newest day first: those the caller imported or holds an exception of (administrators: all).',
    extensions: RECONCILIATIONS_LIMIT.extensions,
    args: {
      partnerId: t.arg.int(),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
      limit: t.arg.int(RECONCILIATIONS_LIMIT.arg),
    },
    resolve: (_root, args, ctx) =>
      listReconciliations(ctx.db, ctx.actor, {
        partnerId: args.partnerId ?? null,
        from: args.from ?? null,
        to: args.to ?? null,
        limit: args.limit ?? RECONCILIATIONS_LIMIT.spec.default,
      }),
  }),
  reconciliationExceptions: t.withAuth(paymentsRight('access')).field({
    type: [ReconciliationExceptionType],
    description:
      'Exceptions the caller may see: of customers whose current book they hold with the payments right; those naming no customer of ours to users with the payments edit right.',
    extensions: EXCEPTIONS_LIMIT.extensions,
    args: {
      reconciliationId: t.arg.int(),
      openOnly: t.arg.boolean({ description: 'Only unresolved exceptions (default true).' }),
      limit: t.arg.int(EXCEPTIONS_LIMIT.arg),
    },
    resolve: (_root, args, ctx) =>
      listReconciliationExceptions(ctx.db, ctx.actor, {
        reconciliationId: args.reconciliationId ?? null,
        openOnly: args.openOnly ?? true,
        limit: args.limit ?? EXCEPTIONS_LIMIT.spec.default,
      }),
  }),
}));

builder.mutationFields((t) => ({
  resolveReconciliationException: t.withAuth(paymentsRight('edit')).field({
    type: ReconciliationExceptionType,
    description:
      'Closes an exception with what the cashier did (3–500 characters), once (RECONCILIATION_ALREADY_RESOLVED). Needs the payments edit right on the customer’s current book.',
    args: {
      id: t.arg.int({ required: true }),
      resolution: t.arg.string({ required: true, validate: resolutionSchema }),
    },
    resolve: (_root, args, ctx) =>
      resolveReconciliationException(ctx.db, ctx.actor, { id: args.id, resolution: args.resolution }),
  }),
}));
