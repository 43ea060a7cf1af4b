import { builder } from '@/graphql/builder';
import type { FieldBuilder } from '@/graphql/field-builder';
import type { BookCustomerRow, SearchHit } from '@/services/customers/book.service';

/** A customer resolves only for a viewer who may read its book: the row-level safety net under every query. */
export const CustomerType = builder.drizzleObject('customers', {
  name: 'Customer',
  runScopesOnType: true,
  authScopes: (customer) => ({ book: { bookId: customer.bookId, object: 'customers', right: 'access' } }),
  fields: (t) => ({
    id: t.exposeInt('id'),
    code: t.exposeString('code'),
    bookId: t.exposeInt('bookId'),
    sequenceNo: t.exposeInt('sequenceNo'),
    name: t.exposeString('name'),
    customerType: t.exposeInt('customerType'),
    taxCode: t.exposeString('taxCode', { nullable: true }),
    citizenId: t.exposeString('citizenId', { nullable: true }),
    address: t.exposeString('address'),
    wardId: t.exposeInt('wardId', { nullable: true }),
    serviceTypeId: t.exposeInt('serviceTypeId', { nullable: true }),
    households: t.exposeInt('households'),
    persons: t.exposeInt('persons'),
    masterMeterId: t.exposeInt('masterMeterId', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    fax: t.exposeString('fax', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    bankAccount: t.exposeString('bankAccount', { nullable: true }),
    bankName: t.exposeString('bankName', { nullable: true }),
    wastewaterFeeMode: t.exposeString('wastewaterFeeMode'),
    wastewaterFeeBp: t.exposeInt('wastewaterFeeBp', { nullable: true }),
    status: t.exposeInt('status'),
    isPreferential: t.exposeBoolean('isPreferential'),
    preferentialUntil: t.expose('preferentialUntil', { type: 'Date', nullable: true }),
    extra: t.expose('extra', { type: 'JSON' }),
    latitude: t.float({ nullable: true, resolve: (c) => (c.latitude === null ? null : Number(c.latitude)) }),
    longitude: t.float({ nullable: true, resolve: (c) => (c.longitude === null ? null : Number(c.longitude)) }),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    bookCode: t.string({
      select: { with: { book: { columns: { code: true } } } },
      resolve: (c) => c.book.code,
    }),
    serviceTypeName: t.string({
      nullable: true,
      select: { with: { serviceType: { columns: { name: true } } } },
      resolve: (c) => c.serviceType?.name ?? null,
    }),
    wardName: t.string({
      nullable: true,
      select: { with: { ward: { columns: { name: true } } } },
      resolve: (c) => c.ward?.name ?? null,
    }),
    meters: t.relation('meters', { query: { orderBy: { installedOn: 'desc', id: 'desc' } } }),
    contracts: t.relation('contracts', { query: { orderBy: { revision: 'desc' } } }),
    history: t.relation('history', { query: { orderBy: { at: 'desc', id: 'desc' }, limit: 500 } }),
    attachments: t.relation('attachments', { query: { orderBy: { uploadedAt: 'desc' } } }),
  }),
});

export const MeterType = builder.drizzleObject('meters', {
  name: 'Meter',
  fields: (t) => ({
    id: t.exposeInt('id'),
    meterTypeId: t.exposeInt('meterTypeId', { nullable: true }),
    meterTypeName: t.string({
      nullable: true,
      select: { with: { meterType: { columns: { name: true } } } },
      resolve: (m) => m.meterType?.name ?? null,
    }),
    serial: t.exposeString('serial'),
    sealNo: t.exposeString('sealNo', { nullable: true }),
    verifiedOn: t.expose('verifiedOn', { type: 'Date', nullable: true }),
    installedOn: t.expose('installedOn', { type: 'Date' }),
    initialIndex: t.exposeInt('initialIndex'),
    removedOn: t.expose('removedOn', { type: 'Date', nullable: true }),
    finalIndex: t.exposeInt('finalIndex', { nullable: true }),
    isActive: t.exposeBoolean('isActive'),
  }),
});

export const ContractType = builder.drizzleObject('contracts', {
  name: 'Contract',
  fields: (t) => ({
    id: t.exposeInt('id'),
    number: t.exposeString('number'),
    revision: t.exposeInt('revision'),
    address: t.exposeString('address'),
    signedOn: t.expose('signedOn', { type: 'Date' }),
    handoverOn: t.expose('handoverOn', { type: 'Date', nullable: true }),
    installedOn: t.expose('installedOn', { type: 'Date', nullable: true }),
    installationTeamId: t.exposeInt('installationTeamId', { nullable: true }),
    isCurrent: t.exposeBoolean('isCurrent'),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true }),
  }),
});

// Registered for the `history` relation field, which refers to it by table.
builder.drizzleObject('customerHistory', {
  name: 'CustomerHistoryEntry',
  fields: (t) => ({
    id: t.exposeInt('id'),
    at: t.expose('at', { type: 'DateTime' }),
    kind: t.exposeString('kind'),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    userLogin: t.string({
      nullable: true,
      select: { with: { user: { columns: { login: true, fullName: true } } } },
      resolve: (h) => (h.user ? `${h.user.fullName} (${h.user.login})` : null),
    }),
  }),
});

// Registered for the `attachments` relation field, which refers to it by table.
builder.drizzleObject('attachments', {
  name: 'Attachment',
  fields: (t) => ({
    id: t.exposeInt('id'),
    fileName: t.exposeString('fileName'),
    mimeType: t.exposeString('mimeType'),
    sizeBytes: t.exposeInt('sizeBytes'),
    title: t.exposeString('title', { nullable: true }),
    uploadedAt: t.expose('uploadedAt', { type: 'DateTime' }),
    url: t.string({ resolve: (a) => `/api/attachments/${a.id}` }),
  }),
});

const bookRowFields = (t: FieldBuilder<BookCustomerRow>) => ({
  id: t.exposeInt('id'),
  code: t.exposeString('code'),
  bookId: t.exposeInt('bookId'),
  sequenceNo: t.exposeInt('sequenceNo'),
  name: t.exposeString('name'),
  address: t.exposeString('address'),
  phone: t.exposeString('phone', { nullable: true }),
  customerType: t.exposeInt('customerType'),
  households: t.exposeInt('households'),
  persons: t.exposeInt('persons'),
  status: t.exposeInt('status'),
  isPreferential: t.exposeBoolean('isPreferential'),
  serviceTypeCode: t.exposeString('serviceTypeCode', { nullable: true }),
  wardName: t.exposeString('wardName', { nullable: true }),
  meterSerial: t.exposeString('meterSerial', { nullable: true }),
  contractNumber: t.exposeString('contractNumber', { nullable: true }),
  version: t.exposeInt('version'),
});

const BookCustomerType = builder.objectRef<BookCustomerRow>('BookCustomer').implement({
  description: 'A flat row of the book grid.',
  fields: (t) => bookRowFields(t),
});

export const CustomerPageType = builder.objectRef<{ rows: BookCustomerRow[]; total: number }>('CustomerPage').implement({
  fields: (t) => ({
    rows: t.field({ type: [BookCustomerType], resolve: (p) => p.rows }),
    total: t.exposeInt('total'),
  }),
});

export const CustomerSearchHitType = builder.objectRef<SearchHit>('CustomerSearchHit').implement({
  fields: (t) => ({
    ...bookRowFields(t),
    bookCode: t.exposeString('bookCode'),
    inCurrentBook: t.exposeBoolean('inCurrentBook'),
  }),
});
