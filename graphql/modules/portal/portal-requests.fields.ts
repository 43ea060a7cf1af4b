import { builder } from '@/graphql/builder';
import { issuePortalChallenge } from '@/services/portal/portal-challenge';
import { PortalRateLimitedError } from '@/services/portal/portal-limits';
import {
  getPortalRequestStatus,
  submitConnectionRequest,
  submitServiceRequest,
} from '@/services/portal/portal-requests.service';
import { listPortalWards } from '@/services/portal/portal-wards.service';
import { RateLimitedWithRetryAfter } from './portal.queries';
import {
  PortalChallengeType,
  PortalConnectionRequestInput,
  PortalRequestStatusType,
  PortalServiceRequestInput,
  PortalSubmissionType,
  PortalWardType,
} from './portal-requests.type';

/** RATE_LIMITED as HTTP 429 with Retry-After, like portalBills. */
async function withRetryAfter<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PortalRateLimitedError) throw new RateLimitedWithRetryAfter(error);
    throw error;
  }
}

// GraphQL null and undefined both mean "not given" to the services' schemas.
const orUndefined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

// Kinds travel as strings; the service's schema refuses one outside the list.
const documentsOf = (docs: readonly { token: string; kind: string }[] | null | undefined) =>
  docs?.map((d) => ({ token: d.token, kind: d.kind as 'OTHER' }));

builder.queryFields((t) => ({
  portalChallenge: t.field({
    type: PortalChallengeType,
    description:
      'A fresh proof-of-work challenge for a portal form (registration, service request) and the upload route. Costs the server one HMAC; the anonymous endpoint budget applies.',
    authScopes: { public: true },
    resolve: () => issuePortalChallenge(),
  }),
  portalWards: t.field({
    type: [PortalWardType],
    description: 'Wards and communes a registration can name, by district and name.',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => listPortalWards(ctx.db),
  }),
  requestStatus: t.field({
    type: PortalRequestStatusType,
    description:
      'The public tracking page of a request: its tracking code plus the last 4 digits of the phone the applicant gave. An unknown code and a wrong verifier both answer PORTAL_TRACKING_FAILED, in the same time. RATE_LIMITED (HTTP 429, Retry-After) after 20 lookups in 10 minutes from one address, and for everyone on a code after 5 wrong proofs of it in an hour.',
    authScopes: { public: true },
    args: {
      trackingCode: t.arg.string({ required: true }),
      verifier: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      withRetryAfter(() =>
        getPortalRequestStatus(ctx.db, ctx.ip, { trackingCode: args.trackingCode, verifier: args.verifier }),
      ),
  }),
}));

builder.mutationFields((t) => ({
  submitConnectionRequest: t.field({
    type: PortalSubmissionType,
    description:
      'Registers a new connection from the public portal and answers its tracking code. Needs a solved portalChallenge (PORTAL_CHALLENGE_FAILED otherwise, and when the honeypot is filled); documents by their upload tokens (PORTAL_UPLOAD_INVALID when forged, expired or used). A resend with the same idempotencyKey answers the first tracking code. RATE_LIMITED (429) after 10 submissions an hour from one address.',
    authScopes: { public: true },
    args: { input: t.arg({ type: PortalConnectionRequestInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withRetryAfter(() =>
        submitConnectionRequest(
          ctx.db,
          ctx.ip,
          {
            ...input,
            applicantEmail: orUndefined(input.applicantEmail),
            contactName: orUndefined(input.contactName),
            contactPhone: orUndefined(input.contactPhone),
            latitude: orUndefined(input.latitude),
            longitude: orUndefined(input.longitude),
            description: orUndefined(input.description),
            documents: documentsOf(input.documents),
          },
          { portalAccountId: ctx.portalAccountId ?? null },
        ),
      ),
  }),
  submitServiceRequest: t.field({
    type: PortalSubmissionType,
    description:
      'A request of an existing customer from the public portal (relocation, upgrade, meter replacement or check, suspension, resumption, name change, bill dispute, leak or problem report): the customer code proved like portalBills (PORTAL_LOOKUP_FAILED alike for an unknown code, the lookup’s budgets), a solved portalChallenge, documents by upload token; answers the tracking code.',
    authScopes: { public: true },
    args: { input: t.arg({ type: PortalServiceRequestInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withRetryAfter(() =>
        submitServiceRequest(
          ctx.db,
          ctx.ip,
          {
            ...input,
            kind: input.kind as never,
            applicantEmail: orUndefined(input.applicantEmail),
            description: orUndefined(input.description),
            documents: documentsOf(input.documents),
            details: input.details
              ? Object.fromEntries(Object.entries(input.details).map(([k, v]) => [k, v ?? undefined]))
              : undefined,
          },
          { portalAccountId: ctx.portalAccountId ?? null },
        ),
      ),
  }),
}));
