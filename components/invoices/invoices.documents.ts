/**
 * Every GraphQL document of the invoice screens (a book's invoices, the detail, the customer's "Hóa đơn" tab, the
 * series catalog), typed against schema.graphql: a renamed field fails `npm run typecheck`. Plain module, no
 * 'use client': the Server Component pages prefetch the same documents the client components then read from the cache.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

// ---- fragments

/** A row of the book's invoice grid and of the customer's "Hóa đơn" tab. */
export const InvoiceRowFragment = graphql(`
  fragment InvoiceRowFields on InvoiceSummary {
    id
    bookId
    period
    kind
    status
    sequenceNo
    customerId
    customerCode
    customerName
    series
    number
    issuedOn
    consumption
    subtotal
    vat
    total
    amountDue
    needsRecalculation
    relatedInvoiceId
  }
`);
export type InvoiceRow = ResultOf<typeof InvoiceRowFragment>;
export type InvoiceStatus = InvoiceRow['status'];
export type InvoiceKind = InvoiceRow['kind'];

/** One invoice in full: the detail panel and the /invoices/[id] page. */
export const InvoiceDetailFragment = graphql(`
  fragment InvoiceDetailFields on Invoice {
    id
    bookId
    period
    kind
    status
    sequenceNo
    customerId
    customerCode
    customerName
    series
    number
    issuedOn
    createdAt
    consumption
    subtotal
    vat
    environmentFee
    drainageFee
    drainageVat
    total
    totalInWords
    amountDue
    vietQr
    lookupCode
    hasEinvoice
    needsRecalculation
    cancelReason
    correctionReason
    relatedInvoiceId
    lines {
      ordinal
      kind
      tier
      description
      quantity
      unitPrice
      amount
    }
    warnings {
      code
      message
    }
    chain {
      id
      kind
      status
      series
      number
      issuedOn
      total
    }
    printed {
      seller {
        name
        address
        taxCode
        bankName
        bankAccount
      }
      buyer {
        name
        address
        taxCode
      }
      water {
        bookCode
        sequenceNo
        readingFrom
        readingTo
        oldIndex
        newIndex
        consumption
        households
        persons
      }
      fees
    }
  }
`);

// ---- the book's invoices

/** The books the screen offers; the server lists only the books the viewer holds (all of them for an admin). */
export const InvoiceBooksQuery = graphql(`
  query InvoiceBooks {
    readingBooks(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
  }
`);
export type InvoiceBook = ResultOf<typeof InvoiceBooksQuery>['readingBooks']['rows'][number];

export const BookInvoicesQuery = graphql(
  `
    query BookInvoices($bookId: Int!, $period: Period!, $kind: InvoiceKind, $needsRecalculation: Boolean) {
      bookInvoices(
        bookId: $bookId
        period: $period
        kind: $kind
        needsRecalculation: $needsRecalculation
        limit: 5000
      ) {
        total
        totalConsumption
        totalAmount
        rows {
          ...InvoiceRowFields
        }
      }
    }
  `,
  [InvoiceRowFragment],
);
export type BookInvoicesVariables = VariablesOf<typeof BookInvoicesQuery>;

/** The grid's variables as the screen asks for them; the page prefetches with the same ones. */
export const bookInvoicesVariables = (
  bookId: number,
  period: string,
  filters: { kind?: InvoiceKind | null; needsRecalculation?: boolean | null } = {},
): BookInvoicesVariables => ({
  bookId,
  period,
  kind: filters.kind ?? null,
  needsRecalculation: filters.needsRecalculation ?? null,
});

export const InvoiceQuery = graphql(
  `
    query InvoiceDetail($id: Int!) {
      invoice(id: $id) {
        ...InvoiceDetailFields
      }
    }
  `,
  [InvoiceDetailFragment],
);

export const CustomerInvoicesQuery = graphql(
  `
    query CustomerInvoices($customerId: Int!, $limit: Int) {
      customerInvoices(customerId: $customerId, limit: $limit) {
        ...InvoiceRowFields
      }
    }
  `,
  [InvoiceRowFragment],
);

// ---- issuing and corrections

export const IssueInvoicesMutation = graphql(`
  mutation IssueInvoices($input: IssueInvoicesInput!) {
    issueInvoices(input: $input) {
      issued
      blocked
      series
      firstNumber
      lastNumber
      books {
        bookId
        issued
        blocked
      }
    }
  }
`);
export type IssueResult = ResultOf<typeof IssueInvoicesMutation>['issueInvoices'];

export const IssueJobFragment = graphql(`
  fragment IssueJobFields on IssueJob {
    id
    period
    status
    totalBooks
    doneBooks
    issued
    error
    startedAt
    finishedAt
  }
`);
export type IssueJob = ResultOf<typeof IssueJobFragment>;

export const StartCompanyIssueMutation = graphql(
  `
    mutation StartCompanyInvoiceIssue($period: Period!) {
      startCompanyInvoiceIssue(period: $period) {
        ...IssueJobFields
      }
    }
  `,
  [IssueJobFragment],
);

export const IssueJobQuery = graphql(
  `
    query InvoiceIssueJob($id: Int!) {
      invoiceIssueJob(id: $id) {
        ...IssueJobFields
      }
    }
  `,
  [IssueJobFragment],
);

export const CancelInvoiceMutation = graphql(
  `
    mutation CancelInvoice($id: Int!, $reason: String!) {
      cancelInvoice(id: $id, reason: $reason) {
        ...InvoiceDetailFields
      }
    }
  `,
  [InvoiceDetailFragment],
);

export const ReplaceInvoiceMutation = graphql(
  `
    mutation ReplaceInvoice($input: CorrectInvoiceInput!) {
      replaceInvoice(input: $input) {
        ...InvoiceDetailFields
      }
    }
  `,
  [InvoiceDetailFragment],
);

export const AdjustInvoiceMutation = graphql(
  `
    mutation AdjustInvoice($input: CorrectInvoiceInput!) {
      adjustInvoice(input: $input) {
        ...InvoiceDetailFields
      }
    }
  `,
  [InvoiceDetailFragment],
);

/**
 * The grid's rows are `InvoiceSummary` while the mutations answer `Invoice`, and an issue answers neither: every
 * invoice query names both types so a mutation that touches invoices refreshes them.
 */
export const INVOICE_TYPENAMES = { additionalTypenames: ['Invoice', 'InvoiceSummary'] };

// ---- series

export const InvoiceSeriesFragment = graphql(`
  fragment InvoiceSeriesFields on InvoiceSeries {
    id
    templateSymbol
    invoiceSymbol
    series
    year
    isDefault
    active
    lastNumber
    lastIssuedOn
    note
  }
`);
export type InvoiceSeriesRow = ResultOf<typeof InvoiceSeriesFragment>;

export const InvoiceSeriesQuery = graphql(
  `
    query InvoiceSeriesList {
      invoiceSeries {
        ...InvoiceSeriesFields
      }
    }
  `,
  [InvoiceSeriesFragment],
);

export const CreateInvoiceSeriesMutation = graphql(
  `
    mutation CreateInvoiceSeries($input: InvoiceSeriesInput!) {
      createInvoiceSeries(input: $input) {
        ...InvoiceSeriesFields
      }
    }
  `,
  [InvoiceSeriesFragment],
);

export const UpdateInvoiceSeriesMutation = graphql(
  `
    mutation UpdateInvoiceSeries($id: Int!, $input: InvoiceSeriesInput!) {
      updateInvoiceSeries(id: $id, input: $input) {
        ...InvoiceSeriesFields
      }
    }
  `,
  [InvoiceSeriesFragment],
);

/** A new series has no cached list to invalidate when the list was empty: the query names the type itself. */
export const SERIES_TYPENAMES = { additionalTypenames: ['InvoiceSeries'] };
