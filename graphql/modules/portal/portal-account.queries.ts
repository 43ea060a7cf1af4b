import { builder } from '@/graphql/builder';
import { unauthenticated } from '@/services/errors';
import {
  findPortalAccount,
  listLinkedCustomers,
  listPortalAccountBills,
  listPortalAccountPayments,
  listPortalAccountRequests,
} from '@/services/portal/portal-account.service';
import {
  PortalAccountBillsType,
  PortalAccountPaymentType,
  PortalAccountRequestType,
  PortalAccountType,
} from './portal-account.type';

// Only the `portalCustomer` scope: a staff session (actor) never satisfies it, and the account id comes from the
// portal session in the context, never from an argument.
builder.queryFields((t) => ({
  myPortalAccount: t.withAuth({ portalCustomer: true }).field({
    type: PortalAccountType,
    description: 'The signed-in customer’s portal account and the customer codes it proved.',
    resolve: async (_root, _args, ctx) => {
      const account = await findPortalAccount(ctx.db, ctx.portalAccountId);
      if (!account) throw unauthenticated();
      return { ...account, customers: await listLinkedCustomers(ctx.db, account.id) };
    },
  }),
  myBills: t.withAuth({ portalCustomer: true }).field({
    type: [PortalAccountBillsType],
    description: 'The open bills of every customer the signed-in account linked.',
    resolve: (_root, _args, ctx) => listPortalAccountBills(ctx.db, ctx.portalAccountId),
  }),
  myPayments: t.withAuth({ portalCustomer: true }).field({
    type: [PortalAccountPaymentType],
    description: 'The payments of the linked customers, newest first (the latest 100).',
    resolve: (_root, _args, ctx) => listPortalAccountPayments(ctx.db, ctx.portalAccountId),
  }),
  myRequests: t.withAuth({ portalCustomer: true }).field({
    type: [PortalAccountRequestType],
    description: 'Requests about a linked customer, and those the account filed itself, newest first.',
    resolve: (_root, _args, ctx) => listPortalAccountRequests(ctx.db, ctx.portalAccountId),
  }),
}));
