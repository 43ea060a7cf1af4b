/**
 * Every GraphQL document of the collectors' screen (Thu ngân viên: assignments, a collector's day, its settlement),
 * typed against schema.graphql. Plain module, no 'use client': the Server Component page prefetches the same
 * documents the client component then reads from the cache.
 */
import { graphql, type ResultOf } from '@/lib/graphql/graphql';

export const CollectorReadingBooksQuery = graphql(`
  query CollectorReadingBooks {
    readingBooks(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
  }
`);

export const BookCollectorsQuery = graphql(`
  query BookCollectors($bookId: Int!) {
    bookCollectors(bookId: $bookId) {
      userId
      login
      fullName
      isAssigned
      canCollect
    }
  }
`);
export type BookCollector = ResultOf<typeof BookCollectorsQuery>['bookCollectors'][number];

export const CollectorBooksQuery = graphql(`
  query CollectorBooks($collectorId: Int!) {
    collectorBooks(collectorId: $collectorId) {
      bookId
      code
      name
      canCollect
    }
  }
`);

export const CollectorDayPaymentFragment = graphql(`
  fragment CollectorDayPaymentFields on CollectorDayPayment {
    id
    receiptNumber
    customerId
    customerCode
    customerName
    amount
    paidAt
    status
    reversalReason
  }
`);
export type CollectorDayPaymentRow = ResultOf<typeof CollectorDayPaymentFragment>;

export const CollectorDayFragment = graphql(
  `
    fragment CollectorDayFields on CollectorDay {
      collectorId
      collectorLogin
      collectorName
      day
      recorded
      paymentCount
      isSettled
      payments {
        ...CollectorDayPaymentFields
      }
      reversed {
        ...CollectorDayPaymentFields
      }
      settlement {
        id
        recorded
        paymentCount
        handedIn
        difference
        note
        confirmedByName
        confirmedAt
      }
    }
  `,
  [CollectorDayPaymentFragment],
);
export type CollectorDayData = ResultOf<typeof CollectorDayFragment>;

export const CollectorDayQuery = graphql(
  `
    query CollectorDay($collectorId: Int!, $day: Date!) {
      collectorDay(collectorId: $collectorId, day: $day) {
        ...CollectorDayFields
      }
    }
  `,
  [CollectorDayFragment],
);

export const AssignCollectorBooksMutation = graphql(`
  mutation AssignCollectorBooks($collectorId: Int!, $bookIds: [Int!]!) {
    assignCollectorBooks(collectorId: $collectorId, bookIds: $bookIds) {
      bookId
      code
      name
      canCollect
    }
  }
`);

export const SettleCollectorDayMutation = graphql(
  `
    mutation SettleCollectorDay($collectorId: Int!, $day: Date!, $handedIn: Money!, $note: String) {
      settleCollectorDay(collectorId: $collectorId, day: $day, handedIn: $handedIn, note: $note) {
        ...CollectorDayFields
      }
    }
  `,
  [CollectorDayFragment],
);

/** Mutations answer these types: the queries showing them are refetched (urql's document cache keys on typenames). */
export const COLLECTOR_TYPENAMES = { additionalTypenames: ['CollectorBook', 'BookCollector', 'CollectorDay'] };
