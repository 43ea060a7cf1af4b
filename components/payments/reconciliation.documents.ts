/**
 * Every GraphQL document of the partner reconciliation screen (Đối soát đối tác), typed against schema.graphql. The
 * file itself goes to POST /api/payments/reconciliations (reconciliation-upload.ts). Plain module, no 'use client'.
 */
import { graphql, type ResultOf } from '@/lib/graphql/graphql';

export const PaymentPartnersQuery = graphql(`
  query PaymentPartners {
    paymentPartners {
      id
      code
      name
      active
    }
  }
`);

export const ReconciliationsQuery = graphql(`
  query Reconciliations($partnerId: Int) {
    reconciliations(partnerId: $partnerId, limit: 100) {
      id
      partnerId
      partnerCode
      partnerName
      businessDay
      fileName
      importedByName
      importedAt
      matched
      exceptions
      openExceptions
    }
  }
`);

export const ReconciliationExceptionFragment = graphql(`
  fragment ReconciliationExceptionFields on ReconciliationException {
    id
    reconciliationId
    partnerCode
    businessDay
    kind
    transactionId
    isBankCredit
    customerDiffers
    customerId
    customerCode
    customerName
    partnerAmount
    ourAmount
    paymentId
    receiptNumber
    resolvedAt
    resolvedByName
    resolution
  }
`);
export type ReconciliationExceptionRow = ResultOf<typeof ReconciliationExceptionFragment>;

export const ReconciliationExceptionsQuery = graphql(
  `
    query ReconciliationExceptions($reconciliationId: Int, $openOnly: Boolean) {
      reconciliationExceptions(reconciliationId: $reconciliationId, openOnly: $openOnly, limit: 5000) {
        ...ReconciliationExceptionFields
      }
    }
  `,
  [ReconciliationExceptionFragment],
);

export const ResolveReconciliationExceptionMutation = graphql(
  `
    mutation ResolveReconciliationException($id: Int!, $resolution: String!) {
      resolveReconciliationException(id: $id, resolution: $resolution) {
        ...ReconciliationExceptionFields
      }
    }
  `,
  [ReconciliationExceptionFragment],
);

/** Resolving changes the open counts of the reconciliation list too. */
export const RECONCILIATION_TYPENAMES = { additionalTypenames: ['Reconciliation', 'ReconciliationException'] };
