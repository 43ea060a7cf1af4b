import { graphql, type ResultOf } from '@/lib/graphql/graphql';

// The portal's request forms and tracking page: public fields only, sent from the browser by anonymous visitors.

export const PortalWardsQuery = graphql(`
  query PortalWards {
    portalWards {
      id
      name
      district
    }
  }
`);
export type PortalWardOption = ResultOf<typeof PortalWardsQuery>['portalWards'][number];

export const PortalChallengeQuery = graphql(`
  query PortalChallenge {
    portalChallenge {
      challenge
      difficulty
      expiresAt
    }
  }
`);

export const SubmitConnectionRequestMutation = graphql(`
  mutation SubmitConnectionRequest($input: PortalConnectionRequestInput!) {
    submitConnectionRequest(input: $input) {
      trackingCode
    }
  }
`);

export const SubmitServiceRequestMutation = graphql(`
  mutation SubmitServiceRequest($input: PortalServiceRequestInput!) {
    submitServiceRequest(input: $input) {
      trackingCode
    }
  }
`);

export const RequestStatusQuery = graphql(`
  query RequestStatus($trackingCode: String!, $verifier: String!) {
    requestStatus(trackingCode: $trackingCode, verifier: $verifier) {
      trackingCode
      kind
      kindLabel
      status
      statusLabel
      receivedAt
      deadline
      isClosed
      timeline {
        status
        statusLabel
        at
      }
    }
  }
`);
export type RequestStatusResult = ResultOf<typeof RequestStatusQuery>['requestStatus'];
