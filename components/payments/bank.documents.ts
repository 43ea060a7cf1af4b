/**
 * Every GraphQL document of the bank-transfer screen (Chuyển khoản ngân hàng), typed against schema.graphql. Plain
 * module, no 'use client': the Server Component page prefetches the same list the client component then reads.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

export const BankTransactionRowFragment = graphql(`
  fragment BankTransactionRowFields on BankTransaction {
    id
    externalId
    amount
    receivedAt
    description
    source
    status
    paymentId
    receiptNumber
    customer {
      id
      code
      name
    }
    suggestedCustomer {
      id
      code
      name
      totalDue
      credit
    }
    resolvedByName
    resolvedAt
    resolutionNote
  }
`);
export type BankTransactionRow = ResultOf<typeof BankTransactionRowFragment>;
export type BankTransactionStatus = BankTransactionRow['status'];

export const BankTransactionsQuery = graphql(
  `
    query BankTransactions($filter: BankTransactionFilter!, $first: Int, $after: String) {
      bankTransactions(filter: $filter, first: $first, after: $after) {
        totalCount
        totalAmount
        pageInfo {
          hasNextPage
          endCursor
        }
        rows {
          ...BankTransactionRowFields
        }
      }
    }
  `,
  [BankTransactionRowFragment],
);
export type BankTransactionsVariables = VariablesOf<typeof BankTransactionsQuery>;

const BANK_PAGE_SIZE = 200;

export interface BankListFilter {
  status: BankTransactionStatus;
  from: string;
  to: string;
  search: string;
}

/** The list's variables, built the same way by the page (prefetch) and the screen, so the cache finds the first. */
export function bankListVariables(f: BankListFilter, after: string | null = null): BankTransactionsVariables {
  return {
    filter: {
      status: f.status,
      from: f.from || null,
      to: f.to || null,
      search: f.search.trim() || null,
    },
    first: BANK_PAGE_SIZE,
    after,
  };
}

export const BankAllocationPreviewQuery = graphql(`
  query BankAllocationPreview($id: Int!, $customerCode: String!) {
    bankAllocationPreview(id: $id, customerCode: $customerCode) {
      customer {
        id
        code
        name
        address
        totalDue
        credit
      }
      invoicePeriod
      creditAfter
    }
  }
`);

export const AllocateBankTransactionMutation = graphql(
  `
    mutation AllocateBankTransaction($id: Int!, $customerCode: String!, $note: String) {
      allocateBankTransaction(id: $id, customerCode: $customerCode, note: $note) {
        ...BankTransactionRowFields
      }
    }
  `,
  [BankTransactionRowFragment],
);

export const IgnoreBankTransactionMutation = graphql(
  `
    mutation IgnoreBankTransaction($id: Int!, $note: String!) {
      ignoreBankTransaction(id: $id, note: $note) {
        ...BankTransactionRowFields
      }
    }
  `,
  [BankTransactionRowFragment],
);

/**
 * Typenames a resolution changes: the line (moved to another tab) and the page lists, and payments and invoices
 * that other screens hold in the cache (the money now sits on the customer's invoices).
 */
export const BANK_TYPENAMES = {
  additionalTypenames: ['BankTransaction', 'BankTransactionPage', 'Payment', 'Invoice', 'InvoiceSummary'],
};
