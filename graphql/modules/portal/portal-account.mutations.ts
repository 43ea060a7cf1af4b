import { builder } from '@/graphql/builder';
import { PortalRateLimitedError } from '@/services/portal/portal-limits';
import {
  linkPortalCustomer,
  setPortalNoticeOptOut,
  unlinkPortalCustomer,
} from '@/services/portal/portal-account.service';
import { PortalAccountCustomerType, PortalNoticeChannelEnum } from './portal-account.type';
import { RateLimitedWithRetryAfter } from './portal.queries';

// Arguments are checked by the service, after the scope: a caller who is not a signed-in customer is refused for
// who they are, whatever they send.
builder.mutationFields((t) => ({
  linkCustomerCode: t.withAuth({ portalCustomer: true }).field({
    type: PortalAccountCustomerType,
    description:
      'Links a customer code to the signed-in account with the same proof as portalBills (the last 4 digits of the phone on file, or the number of any of the customer’s invoices), counted in the same budgets: PORTAL_LOOKUP_FAILED for a wrong proof or an unknown code alike, RATE_LIMITED (HTTP 429) after them.',
    args: {
      customerCode: t.arg.string({ required: true }),
      verifier: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        return await linkPortalCustomer(ctx.db, ctx.portalAccountId, ctx.ip, args);
      } catch (error) {
        if (error instanceof PortalRateLimitedError) throw new RateLimitedWithRetryAfter(error);
        throw error;
      }
    },
  }),
  unlinkCustomer: t.withAuth({ portalCustomer: true }).boolean({
    description: 'Removes a linked customer from the signed-in account (FORBIDDEN for one it has not linked).',
    args: { customerId: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await unlinkPortalCustomer(ctx.db, ctx.portalAccountId, args.customerId);
      return true;
    },
  }),
  setMyNoticeOptOut: t.withAuth({ portalCustomer: true }).field({
    type: PortalAccountCustomerType,
    description:
      'Refuses (optedOut: true) or accepts again notices on one channel for a customer the signed-in account linked; recorded as the customer’s own choice (source PORTAL).',
    args: {
      customerId: t.arg.int({ required: true }),
      channel: t.arg({ type: PortalNoticeChannelEnum, required: true }),
      optedOut: t.arg.boolean({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      setPortalNoticeOptOut(ctx.db, ctx.portalAccountId, {
        customerId: args.customerId,
        channel: args.channel,
        optedOut: args.optedOut,
      }),
  }),
}));
