/**
 * The GraphQL documents of the partners screen (Hệ thống → Đối tác thu hộ), typed against schema.graphql. Plain
 * module, no 'use client': the page prefetches the list with the same document the screen then reads.
 */
import { graphql, type ResultOf } from '@/lib/graphql/graphql';

/** A partner as the list and the edit form show it (never its secret). */
export const PartnerFieldsFragment = graphql(`
  fragment PartnerFields on Partner {
    id
    code
    name
    allowList
    allowOverpayment
    notifiesBank
    active
    createdAt
  }
`);
export type PartnerSummary = ResultOf<typeof PartnerFieldsFragment>;

export const PartnersQuery = graphql(
  `
    query Partners {
      partners {
        ...PartnerFields
      }
    }
  `,
  [PartnerFieldsFragment],
);

/** Answers the new secret: the only time it leaves the server. */
export const CreatePartnerMutation = graphql(
  `
    mutation CreatePartner($input: CreatePartnerInput!) {
      createPartner(input: $input) {
        secret
        partner {
          ...PartnerFields
        }
      }
    }
  `,
  [PartnerFieldsFragment],
);

export const UpdatePartnerMutation = graphql(
  `
    mutation UpdatePartner($id: Int!, $input: UpdatePartnerInput!) {
      updatePartner(id: $id, input: $input) {
        ...PartnerFields
      }
    }
  `,
  [PartnerFieldsFragment],
);

export const RotatePartnerSecretMutation = graphql(
  `
    mutation RotatePartnerSecret($id: Int!) {
      rotatePartnerSecret(id: $id) {
        secret
        partner {
          ...PartnerFields
        }
      }
    }
  `,
  [PartnerFieldsFragment],
);
