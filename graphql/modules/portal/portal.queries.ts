import { HeaderMap } from '@apollo/server';
import { builder } from '@/graphql/builder';
import { portalCustomerCodeSchema, portalVerifierSchema } from '@/schemas/portal-lookup';
import { AppError } from '@/services/errors';
import { getPortalCompany, listPortalServiceTypes } from '@/services/portal/portal-company.service';
import { PortalRateLimitedError } from '@/services/portal/portal-limits';
import { lookupPortalBills } from '@/services/portal/portal-lookup.service';
import { PortalBillsType, PortalCompanyType, PortalServiceTypeType } from './portal.type';

/**
 * RATE_LIMITED answered over HTTP as 429 with Retry-After, like the endpoint's anonymous limit. graphql-js gives a
 * resolver error the `extensions` of the error it wraps, and Apollo takes `extensions.http` from there for the
 * response head; the endpoint's formatError then answers an AppError with its code and message only, so the head
 * never reaches the body.
 */
export class RateLimitedWithRetryAfter extends AppError {
  readonly extensions: { code: 'RATE_LIMITED'; http: { status: number; headers: HeaderMap } };

  constructor(error: PortalRateLimitedError) {
    super('RATE_LIMITED', error.message);
    this.extensions = {
      code: 'RATE_LIMITED',
      http: { status: 429, headers: new HeaderMap([['retry-after', String(error.retryAfterSeconds)]]) },
    };
  }
}

builder.queryFields((t) => ({
  portalBills: t.field({
    type: PortalBillsType,
    description:
      'Bill lookup of the public portal, without an account: the customer code plus the last 4 digits of the phone on file or the number of any of the customer’s issued invoices. An unknown code and a wrong second factor both answer PORTAL_LOOKUP_FAILED, in the same time. RATE_LIMITED (HTTP 429, Retry-After) after 10 lookups in 10 minutes from one address, and for everyone on a code after 5 wrong proofs of it in an hour (codes nobody has lock alike).',
    authScopes: { public: true },
    args: {
      customerCode: t.arg.string({ required: true, validate: portalCustomerCodeSchema }),
      verifier: t.arg.string({ required: true, validate: portalVerifierSchema }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        return await lookupPortalBills(ctx.db, ctx.ip, { customerCode: args.customerCode, verifier: args.verifier });
      } catch (error) {
        if (error instanceof PortalRateLimitedError) throw new RateLimitedWithRetryAfter(error);
        throw error;
      }
    },
  }),
  portalCompany: t.field({
    type: PortalCompanyType,
    description: 'The company’s name and contacts for the public portal (page titles, contact page, hotline).',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => getPortalCompany(ctx.db),
  }),
  portalServiceTypes: t.field({
    type: [PortalServiceTypeType],
    description: 'Service types the portal’s bill calculator (estimateBill) can price: those with a tariff in effect.',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => listPortalServiceTypes(ctx.db),
  }),
}));
