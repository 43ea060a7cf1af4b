/**
 * The GraphQL documents of the counter (thu tiền tại quầy) and of the customer's "Thanh toán" tab, typed against
 * schema.graphql. Plain module, no 'use client': the counter page prefetches the same documents on the server.
 * The other payment screens keep their own <area>.documents.ts.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

/** The books the counter offers; the server lists only the books the viewer holds (all of them for an admin). */
export const CounterBooksQuery = graphql(`
  query CounterBooks {
    readingBooks(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
  }
`);

export const CounterRowFragment = graphql(`
  fragment CounterRowFields on CounterRow {
    invoiceId
    customerId
    customerCode
    customerName
    address
    sequenceNo
    kind
    status
    series
    number
    total
    amountDue
    otherDue
    credit
    payments {
      id
      receiptNumber
      amount
      channel
      paidAt
    }
  }
`);
export type CounterRow = ResultOf<typeof CounterRowFragment>;

export const CounterSheetQuery = graphql(
  `
    query CounterSheet($bookId: Int!, $period: Period!) {
      counterSheet(bookId: $bookId, period: $period) {
        bookId
        period
        totals {
          count
          total
          amountDue
          otherDue
          credit
          paidCount
        }
        rows {
          ...CounterRowFields
        }
      }
    }
  `,
  [CounterRowFragment],
);
export type CounterSheetVariables = VariablesOf<typeof CounterSheetQuery>;

/** The sheet's variables as the screen asks for them; the page prefetches with the same ones. */
export const counterSheetVariables = (bookId: number, period: string): CounterSheetVariables => ({ bookId, period });

export const PaymentFragment = graphql(`
  fragment PaymentFields on Payment {
    id
    receiptNumber
    customerId
    customerCode
    customerName
    channel
    status
    amount
    allocated
    credit
    paidAt
    businessDay
    recordedByName
    collectorName
    partnerName
    reversal {
      reason
      reversedByName
      reversedAt
    }
    holdings {
      invoiceId
      period
      series
      number
      amount
    }
  }
`);
type Payment = ResultOf<typeof PaymentFragment>;
export type PaymentChannel = Payment['channel'];

export const PayAtCounterMutation = graphql(
  `
    mutation PayAtCounter($input: PayAtCounterInput!) {
      payAtCounter(input: $input) {
        replayed
        total
        entries {
          invoiceId
          payment {
            ...PaymentFields
          }
        }
      }
    }
  `,
  [PaymentFragment],
);

export const ReversePaymentMutation = graphql(
  `
    mutation ReversePayment($id: Int!, $reason: String!) {
      reversePayment(id: $id, reason: $reason) {
        ...PaymentFields
      }
    }
  `,
  [PaymentFragment],
);

export const CustomerPaymentsQuery = graphql(
  `
    query CustomerPayments($customerId: Int!, $limit: Int) {
      customerPayments(customerId: $customerId, limit: $limit) {
        customerId
        balance {
          totalDue
          credit
          balance
        }
        payments {
          ...PaymentFields
        }
      }
    }
  `,
  [PaymentFragment],
);

/**
 * A save or a reversal answers `Payment`s while the sheet holds `CounterRow`s and the invoice screens hold invoices:
 * the queries name the types a payment changes, so any payment mutation refreshes them.
 */
export const PAYMENT_TYPENAMES = {
  additionalTypenames: ['Payment', 'CounterSheet', 'CounterRow', 'CustomerPayments', 'Invoice', 'InvoiceSummary'],
};

/** The receipt (phiếu thu) PDF route; same rights as the screens (print on the customer's book). */
export const receiptUrl = (paymentId: number, opts: { download?: boolean } = {}) =>
  `/api/payments/${paymentId}/receipt${opts.download ? '?download=1' : ''}`;
