/**
 * Every GraphQL document of the payment reports screen, typed against schema.graphql. Plain module, no 'use client':
 * the page prefetches the debt report with the same document the client component then reads from the cache.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

export const DebtReportQuery = graphql(`
  query DebtReport($asOf: Date, $groupBy: DebtReportGroupBy!) {
    debtReport(asOf: $asOf, groupBy: $groupBy) {
      asOf
      groupBy
      rows {
        id
        code
        name
        parentCode
        customers
        invoices
        days0To30
        days31To60
        days61To90
        over90Days
        total
      }
      totals {
        customers
        invoices
        days0To30
        days31To60
        days61To90
        over90Days
        total
      }
    }
  }
`);
export type DebtGroupBy = VariablesOf<typeof DebtReportQuery>['groupBy'];

export const CollectionReportQuery = graphql(`
  query CollectionReport($from: Date!, $to: Date!, $groupBy: CollectionReportGroupBy!) {
    collectionReport(from: $from, to: $to, groupBy: $groupBy) {
      from
      to
      groupBy
      rows {
        key
        label
        paymentCount
        paymentAmount
        reversalCount
        reversalAmount
        netAmount
      }
      totals {
        paymentCount
        paymentAmount
        reversalCount
        reversalAmount
        netAmount
      }
    }
  }
`);
export type CollectionGroupBy = VariablesOf<typeof CollectionReportQuery>['groupBy'];

export const CollectorSettlementSheetQuery = graphql(`
  query CollectorSettlementSheet($collectorId: Int!, $day: Date!) {
    collectorSettlementSheet(collectorId: $collectorId, day: $day) {
      collector {
        id
        login
        fullName
      }
      day
      recorded
      paymentCount
      reversedCount
      reversedAmount
      payments {
        id
        receiptNumber
        paidAt
        customerCode
        customerName
        bookCode
        amount
        reversed
        reversalReason
      }
      settlement {
        recorded
        paymentCount
        handedIn
        difference
        note
        confirmedBy
        confirmedAt
      }
    }
  }
`);
export type SettlementSheetData = ResultOf<typeof CollectorSettlementSheetQuery>['collectorSettlementSheet'];
