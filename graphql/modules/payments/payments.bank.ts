// Bank transfers (VietQR): the bank transactions seen on the company's account, the suspense list and its resolution.
// Statements are uploaded at POST /api/payments/bank-statements; the bank's notifications arrive at the partner API.
import { builder } from '@/graphql/builder';
import { listLimit } from '@/graphql/limits/list-limit';
import { PageInfoType } from '@/graphql/page-info';
import { signedIn } from '@/graphql/signed-in';
import { storedAs } from '@/graphql/stored-enum';
import {
  allocateBankTransaction,
  ignoreBankTransaction,
  listBankTransactions,
  previewBankAllocation,
  type BankAllocationPreview,
  type BankCustomer,
  type BankTransactionPage,
  type BankTransactionRow,
} from '@/services/payments/bank-suspense.service';

const BANK_TRANSACTIONS_LIMIT = listLimit({ default: 100, max: 500, arg: 'first' });

const BankTransactionStatusEnum = builder.enumType('BankTransactionStatus', {
  values: {
    MATCHED: { value: 'matched', description: 'Đã tự khớp theo mã thanh toán và ghi thu' },
    SUSPENSE: { value: 'suspense', description: 'Chờ xử lý: chưa xác định được khách hàng' },
    ALLOCATED: { value: 'allocated', description: 'Thu ngân đã phân bổ cho khách hàng' },
    IGNORED: { value: 'ignored', description: 'Bỏ qua: không phải tiền nước (có ghi chú)' },
  } as const,
});

const BankTransactionSourceEnum = builder.enumType('BankTransactionSource', {
  values: {
    WEBHOOK: { value: 'webhook', description: 'Thông báo biến động số dư của ngân hàng' },
    STATEMENT: { value: 'statement', description: 'Dòng của sao kê được tải lên' },
  } as const,
});

const BankCustomerType = builder.objectRef<BankCustomer>('BankCustomer').implement({
  description: 'A customer money can be put on, with what they owe now.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    address: t.exposeString('address'),
    totalDue: t.expose('totalDue', { type: 'Money', description: 'What the open invoices ask.' }),
    credit: t.expose('credit', { type: 'Money', description: 'Money paid in advance, not on any invoice.' }),
  }),
});

const BankTransactionCustomerType = builder
  .objectRef<NonNullable<BankTransactionRow['customer']>>('BankTransactionCustomer')
  .implement({
    fields: (t) => ({
      id: t.exposeInt('id'),
      code: t.exposeString('code'),
      name: t.exposeString('name'),
    }),
  });

const BankTransactionType = builder.objectRef<BankTransactionRow>('BankTransaction').implement({
  description:
    'Money credited to the company’s receiving account, once per bank reference: matched by its payment code, allocated by a cashier, ignored, or waiting in suspense.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    bankAccount: t.exposeString('bankAccount'),
    externalId: t.exposeString('externalId', { description: 'The bank’s reference (số tham chiếu).' }),
    amount: t.expose('amount', { type: 'Money' }),
    receivedAt: t.field({ type: 'DateTime', resolve: (r) => r.receivedAt }),
    description: t.exposeString('description', { description: 'Nội dung chuyển khoản as the bank sent it.' }),
    source: t.field({ type: BankTransactionSourceEnum, resolve: (r) => storedAs(BankTransactionSourceEnum, r.source) }),
    status: t.field({ type: BankTransactionStatusEnum, resolve: (r) => storedAs(BankTransactionStatusEnum, r.status) }),
    paymentId: t.exposeInt('paymentId', { nullable: true }),
    receiptNumber: t.exposeString('receiptNumber', { nullable: true }),
    customer: t.field({
      type: BankTransactionCustomerType,
      nullable: true,
      description: 'Whom the money was paid to (matched or allocated).',
      resolve: (r) => r.customer,
    }),
    suggestedCustomer: t.field({
      type: BankCustomerType,
      nullable: true,
      description: 'In suspense: a customer the description names by code, among those the viewer may take money for.',
      resolve: (r) => r.suggestedCustomer,
    }),
    resolvedByName: t.exposeString('resolvedByName', { nullable: true }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.resolvedAt }),
    resolutionNote: t.exposeString('resolutionNote', { nullable: true }),
  }),
});

const BankTransactionPageType = builder.objectRef<BankTransactionPage>('BankTransactionPage').implement({
  description: 'A page of bank transactions, newest first, with the totals of the whole filter.',
  fields: (t) => ({
    rows: t.field({ type: [BankTransactionType], resolve: (p) => p.rows }),
    pageInfo: t.field({ type: PageInfoType, resolve: (p) => p.pageInfo }),
    totalCount: t.exposeInt('totalCount'),
    totalAmount: t.expose('totalAmount', { type: 'Money' }),
  }),
});

const BankAllocationPreviewType = builder.objectRef<BankAllocationPreview>('BankAllocationPreview').implement({
  description: 'What allocating a suspense line to a customer would do.',
  fields: (t) => ({
    transaction: t.field({ type: BankTransactionType, resolve: (p) => p.transaction }),
    customer: t.field({ type: BankCustomerType, resolve: (p) => p.customer }),
    invoicePeriod: t.field({
      type: 'Period',
      nullable: true,
      description: 'The invoice paid first, when the description’s payment code names it.',
      resolve: (p) => p.invoicePeriod,
    }),
    creditAfter: t.expose('creditAfter', {
      type: 'Money',
      description: 'What would stay as the customer’s credit after everything owed is paid.',
    }),
  }),
});

const BankTransactionFilterInput = builder.inputType('BankTransactionFilter', {
  description: 'Every condition given must hold.',
  fields: (t) => ({
    status: t.field({ type: BankTransactionStatusEnum }),
    from: t.field({ type: 'Date', description: 'First day received (Vietnam time).' }),
    to: t.field({ type: 'Date', description: 'Last day received (Vietnam time).' }),
    search: t.string({ description: 'Part of the description or the bank’s reference.' }),
  }),
});

// Bank money is company-wide until matched: the resolvers need the payments right on some branch; the services
// check the books (the customer's current book for an allocation; matched lines only to their customer's holders).
const paymentsRight = (right: 'access' | 'add' | 'edit') => ({
  permission: { group: 'document' as const, object: 'payments', right },
});

builder.queryFields((t) => ({
  bankTransactions: t.withAuth(paymentsRight('access')).field({
    type: BankTransactionPageType,
    description:
      'Bank transactions newest first. Suspense and ignored lines are company-wide; matched and allocated ones only for holders of their customer’s book.',
    extensions: BANK_TRANSACTIONS_LIMIT.extensions,
    args: {
      filter: t.arg({ type: BankTransactionFilterInput, required: true }),
      first: t.arg.int(BANK_TRANSACTIONS_LIMIT.arg),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) =>
      listBankTransactions(ctx.db, signedIn(ctx), {
        filter: args.filter,
        first: args.first ?? BANK_TRANSACTIONS_LIMIT.spec.default,
        after: args.after ?? null,
      }),
  }),
  bankAllocationPreview: t.withAuth(paymentsRight('add')).field({
    type: BankAllocationPreviewType,
    description:
      'Before allocating suspense line `id` to the customer with this code: the customer, what they owe, what stays as credit. Needs the payments add right on the customer’s current book.',
    args: { id: t.arg.int({ required: true }), customerCode: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) =>
      previewBankAllocation(ctx.db, signedIn(ctx), { id: args.id, customerCode: args.customerCode }),
  }),
}));

builder.mutationFields((t) => ({
  allocateBankTransaction: t.withAuth(paymentsRight('add')).field({
    type: BankTransactionType,
    description:
      'Pays a suspense line to the customer with this code (a bank-transfer payment; that period’s invoice first when the description names it). Once only: a resolved line answers BANK_TRANSACTION_RESOLVED.',
    args: {
      id: t.arg.int({ required: true }),
      customerCode: t.arg.string({ required: true }),
      note: t.arg.string(),
    },
    resolve: (_root, args, ctx) =>
      allocateBankTransaction(ctx.db, signedIn(ctx), {
        id: args.id,
        customerCode: args.customerCode,
        note: args.note ?? null,
      }),
  }),
  ignoreBankTransaction: t.withAuth(paymentsRight('edit')).field({
    type: BankTransactionType,
    description:
      'Marks a suspense line as not water money (a refund, an internal transfer), with a note of at least 3 characters.',
    args: { id: t.arg.int({ required: true }), note: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ignoreBankTransaction(ctx.db, signedIn(ctx), { id: args.id, note: args.note }),
  }),
}));
