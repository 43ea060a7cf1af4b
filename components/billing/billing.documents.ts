/**
 * Every GraphQL document of the billing screen, typed against schema.graphql (a renamed field fails
 * `npm run typecheck`). Plain module, no 'use client': the Server Component page prefetches the books and the
 * first book's runs through the same documents and variables the screen then reads from the cache.
 */
import { graphql, readFragment, type FragmentOf, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

/** A billing run with its progress and end summary: the run panel and a row of the history. */
export const BillingRunFragment = graphql(`
  fragment BillingRunFields on BillingRun {
    id
    period
    scope {
      kind
      bookIds
      customerId
    }
    status
    totalCustomers
    processedCustomers
    progress
    invoiceCount
    consumption
    amount
    skipped {
      reason
      label
      count
    }
    error
    startedAt
    finishedAt
  }
`);
export type BillingRun = ResultOf<typeof BillingRunFragment>;

/** The books a run can cover; the server lists only the books the viewer holds (all of them for an admin). */
export const BillingBooksQuery = graphql(`
  query BillingBooks {
    readingBooks(filter: { limit: 500 }) {
      total
      rows {
        id
        code
        name
      }
    }
  }
`);
export type BillingBook = ResultOf<typeof BillingBooksQuery>['readingBooks']['rows'][number];

export const BillingRunsQuery = graphql(
  `
    query BillingRuns($bookId: Int!, $limit: Int) {
      billingRuns(bookId: $bookId, limit: $limit) {
        ...BillingRunFields
      }
    }
  `,
  [BillingRunFragment],
);

/** The runs of a book as the history asks for them; the page prefetches with the same variables. */
export const runsVariables = (bookId: number) => ({ bookId, limit: 30 });

export const BillingRunQuery = graphql(
  `
    query BillingRun($id: Int!) {
      billingRun(id: $id) {
        ...BillingRunFields
      }
    }
  `,
  [BillingRunFragment],
);

export const StartBillingRunMutation = graphql(
  `
    mutation StartBillingRun($input: StartBillingRunInput!) {
      startBillingRun(input: $input) {
        ...BillingRunFields
      }
    }
  `,
  [BillingRunFragment],
);

export const ResumeBillingRunMutation = graphql(
  `
    mutation ResumeBillingRun($id: Int!) {
      resumeBillingRun(id: $id) {
        ...BillingRunFields
      }
    }
  `,
  [BillingRunFragment],
);

/** A history without runs holds no `BillingRun` for a new run to invalidate: queries name the type themselves. */
export const RUN_TYPENAMES = { additionalTypenames: ['BillingRun'] };

export const readRun = (run: FragmentOf<typeof BillingRunFragment> | null | undefined): BillingRun | null =>
  run ? readFragment(BillingRunFragment, run) : null;

export const PeriodLockQuery = graphql(`
  query BillingPeriodLock($bookId: Int!, $period: Period!) {
    periodLockState(bookId: $bookId, period: $period) {
      isLocked
      message
    }
  }
`);

/** The customer to recalculate, found by code among the books the user holds. */
export const CustomerByCodeQuery = graphql(`
  query BillingCustomerByCode($query: String!) {
    searchCustomers(query: $query, limit: 20) {
      id
      code
      name
      bookId
      bookCode
    }
  }
`);

export const RunSkipsQuery = graphql(`
  query BillingRunSkips($runId: Int!, $reason: BillingSkipReason, $limit: Int) {
    billingRunSkips(runId: $runId, reason: $reason, limit: $limit) {
      total
      rows {
        customerId
        customerCode
        customerName
        bookCode
        sequenceNo
        reason
        reasonLabel
      }
    }
  }
`);
export type BillingSkipReason = NonNullable<VariablesOf<typeof RunSkipsQuery>['reason']>;

export const RunWarningsQuery = graphql(`
  query BillingRunWarnings($runId: Int!, $limit: Int) {
    billingRunWarnings(runId: $runId, limit: $limit) {
      total
      rows {
        customerId
        customerCode
        customerName
        bookCode
        sequenceNo
        invoiceId
        invoiceKind
        warnings {
          code
          message
        }
      }
    }
  }
`);

/** Rows per "Xem thêm" of the skipped and warned lists; the server serves at most 5,000. */
export const LIST_STEP = 200;
export const LIST_MAX = 5000;
