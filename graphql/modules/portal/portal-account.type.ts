import { builder } from '@/graphql/builder';
import {
  PORTAL_NOTICE_CHANNELS,
  type PortalAccountInfo,
  type PortalCustomerBills,
  type PortalLinkedCustomer,
  type PortalPayment,
  type PortalRequest,
} from '@/services/portal/portal-account.service';
import { portalRequestSummaryFields } from './portal-requests.type';
import { PortalInvoiceType } from './portal.type';

// A signed-in customer's own account. Like the lookup's, these types are the portal's own (no Customer, Invoice or
// Payment of the staff schema): what a customer sees of their customers is what they proved, nothing of a book.

export const PortalNoticeChannelEnum = builder.enumType('PortalNoticeChannel', {
  description: 'A channel notices reach a customer on: email, text message, Zalo (ZNS).',
  values: PORTAL_NOTICE_CHANNELS,
});

export const PortalAccountCustomerType = builder.objectRef<PortalLinkedCustomer>('PortalAccountCustomer').implement({
  description: 'A customer code the signed-in account proved (with the second factor printed on every invoice).',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'The customer’s id, for unlinkCustomer and setMyNoticeOptOut.' }),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    maskedAddress: t.exposeString('maskedAddress', {
      description: 'The address with the numbers of its first part (house, alley) masked, as the lookup shows it.',
    }),
    linkedAt: t.expose('linkedAt', { type: 'DateTime' }),
    optedOutChannels: t.field({
      type: [PortalNoticeChannelEnum],
      description: 'Channels the customer refuses notices on; every other channel is consented to.',
      resolve: (c) => c.optedOutChannels,
    }),
  }),
});

export const PortalAccountType = builder
  .objectRef<PortalAccountInfo & { customers: PortalLinkedCustomer[] }>('PortalAccount')
  .implement({
    description: 'The signed-in customer’s portal account.',
    fields: (t) => ({
      email: t.exposeString('email'),
      customers: t.field({ type: [PortalAccountCustomerType], resolve: (a) => a.customers }),
    }),
  });

export const PortalAccountBillsType = builder.objectRef<PortalCustomerBills>('PortalAccountBills').implement({
  description: 'The open bills of one linked customer.',
  fields: (t) => ({
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    invoices: t.field({ type: [PortalInvoiceType], resolve: (b) => b.invoices }),
    totalDue: t.expose('totalDue', { type: 'Money' }),
    linksExpireAt: t.expose('linksExpireAt', { type: 'DateTime' }),
  }),
});

export const PortalAccountPaymentType = builder.objectRef<PortalPayment>('PortalAccountPayment').implement({
  description: 'A payment of a linked customer.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    paidAt: t.expose('paidAt', { type: 'DateTime' }),
    amount: t.expose('amount', { type: 'Money' }),
    channel: t.exposeString('channel', { description: 'counter, collector, partner, bank_transfer.' }),
    channelLabel: t.exposeString('channelLabel'),
    reversed: t.exposeBoolean('reversed', { description: 'Reversed by the company: the money was given back.' }),
  }),
});

export const PortalAccountRequestType = builder.objectRef<PortalRequest>('PortalAccountRequest').implement({
  description: 'A request (work order) about a linked customer, or one the account filed.',
  fields: (t) => ({
    ...portalRequestSummaryFields(t),
    customerCode: t.exposeString('customerCode', { nullable: true }),
    deadline: t.expose('deadline', { type: 'Date' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
  }),
});
