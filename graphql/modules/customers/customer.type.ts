import { builder } from '@/graphql/builder';
import { storedAs } from '@/graphql/stored-enum';
import { CustomerStatusEnum, CustomerTypeEnum, WastewaterFeeModeEnum } from './customer.enums';
import type { BookCustomerRow } from '@/services/customers/book.service';
import type { CustomerRow } from '@/services/customers/customer.service';
import { column, isSearchHit, listed } from './customer-listing';

/**
 * The one customer type of the API: a line of the book grid, a search hit and the detail file are all `Customer`.
 * The grid and the search keep their hand-written SQL (the 2,000-row book is the measured hot path, bench/book.ts)
 * and return flat rows: the grid's computed columns (`listed`) read from them, and the columns the lists do not
 * read (`column`) load batched when a document asks them of a listed row. The detail's relations (meters,
 * contracts, history, attachments) are plugin-drizzle relations, planned into the detail's one query.
 * A customer resolves only for a viewer who may read its book: the row-level safety net under every path.
 */
export const CustomerType = builder.drizzleObject('customers', {
  name: 'Customer',
  runScopesOnType: true,
  authScopes: (customer) => ({ book: { bookId: customer.bookId, object: 'customers', right: 'access' } }),
  fields: (t) => ({
    // The columns every row carries are plain resolvers, not `expose`: an exposed column of a plugin-drizzle type
    // declares a selection, and a listed row (not loaded by a planned query) would be read again by id.
    id: t.int({ resolve: (c) => c.id }),
    code: t.string({ resolve: (c) => c.code }),
    bookId: t.int({ resolve: (c) => c.bookId }),
    sequenceNo: t.int({ resolve: (c) => c.sequenceNo }),
    name: t.string({ resolve: (c) => c.name }),
    customerType: t.field({ type: CustomerTypeEnum, resolve: (c) => storedAs(CustomerTypeEnum, c.customerType) }),
    taxCode: t.string({ nullable: true, resolve: column('taxCode') }),
    citizenId: t.string({ nullable: true, resolve: column('citizenId') }),
    address: t.string({ resolve: (c) => c.address }),
    wardId: t.int({ nullable: true, resolve: column('wardId') }),
    serviceTypeId: t.int({ nullable: true, resolve: column('serviceTypeId') }),
    households: t.int({ resolve: (c) => c.households }),
    persons: t.int({ resolve: (c) => c.persons }),
    masterMeterId: t.int({ nullable: true, resolve: column('masterMeterId') }),
    phone: t.string({ nullable: true, resolve: (c) => c.phone }),
    fax: t.string({ nullable: true, resolve: column('fax') }),
    email: t.string({ nullable: true, resolve: column('email') }),
    bankAccount: t.string({ nullable: true, resolve: column('bankAccount') }),
    bankName: t.string({ nullable: true, resolve: column('bankName') }),
    wastewaterFeeMode: t.field({
      type: WastewaterFeeModeEnum,
      resolve: async (c, a, ctx) => storedAs(WastewaterFeeModeEnum, await column('wastewaterFeeMode')(c, a, ctx)),
    }),
    wastewaterFeeBp: t.int({ nullable: true, resolve: column('wastewaterFeeBp') }),
    status: t.field({ type: CustomerStatusEnum, resolve: (c) => storedAs(CustomerStatusEnum, c.status) }),
    isPreferential: t.boolean({ resolve: (c) => c.isPreferential }),
    preferentialUntil: t.field({ type: 'Date', nullable: true, resolve: column('preferentialUntil') }),
    extra: t.field({ type: 'JSON', resolve: column('extra') }),
    latitude: t.float({ nullable: true, resolve: async (c, a, ctx) => toNumber(await column('latitude')(c, a, ctx)) }),
    longitude: t.float({
      nullable: true,
      resolve: async (c, a, ctx) => toNumber(await column('longitude')(c, a, ctx)),
    }),
    version: t.int({ resolve: (c) => c.version }),
    createdAt: t.field({ type: 'DateTime', resolve: column('createdAt') }),
    updatedAt: t.field({ type: 'DateTime', resolve: column('updatedAt') }),
    bookCode: t.string({ resolve: listed('bookCode') }),
    serviceTypeCode: t.string({ nullable: true, resolve: listed('serviceTypeCode') }),
    serviceTypeName: t.string({ nullable: true, resolve: listed('serviceTypeName') }),
    wardName: t.string({ nullable: true, resolve: listed('wardName') }),
    meterSerial: t.string({
      nullable: true,
      description: 'Serial of the active meter.',
      resolve: listed('meterSerial'),
    }),
    contractNumber: t.string({
      nullable: true,
      description: 'Number of the current contract.',
      resolve: listed('contractNumber'),
    }),
    inCurrentBook: t.boolean({
      nullable: true,
      description:
        'Set on a search hit: whether it is in the book the screen has open (the `currentBookId` of the search); null elsewhere.',
      resolve: (c) => (isSearchHit(c) ? c.inCurrentBook : null),
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

export const CustomerPageType = builder
  .objectRef<{ rows: BookCustomerRow[]; total: number }>('CustomerPage')
  .implement({
    fields: (t) => ({
      // A listed row stands for the customer: the fields it lacks load through `column` (see CustomerType).
      rows: t.field({ type: [CustomerType], resolve: (p) => p.rows as unknown as CustomerRow[] }),
      total: t.exposeInt('total'),
    }),
  });

const toNumber = (v: string | null) => (v === null ? null : Number(v));
