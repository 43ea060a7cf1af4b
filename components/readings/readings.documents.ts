/**
 * Every GraphQL document of the reading screens (entry sheet, declarations, history, anomaly queue), typed
 * against schema.graphql: a renamed field fails `npm run typecheck`. Plain module, no 'use client': the Server
 * Component pages prefetch the same documents the client components then read from the cache.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

// ---- fragments: one definition of each entity, whichever grid, panel or dialog shows it

/** A row of the entry sheet; what saveReading, clearReading and the declarations answer with too. */
export const SheetRowFragment = graphql(`
  fragment SheetRowFields on ReadingSheetRow {
    key
    customerId
    customerCode
    customerName
    address
    sequenceNo
    meterId
    meterSerial
    meterMaxIndex
    isOutgoingMeter
    readingId
    previousIndex
    currentIndex
    suggestedCurrentIndex
    fixedCurrentIndex
    consumption
    code
    isEstimated
    anomalies
    anomalyStatus
    average3
    recentConsumptions
    estimatedPending
    notices {
      kind
      message
    }
    note
    version
  }
`);
export type SheetRow = ResultOf<typeof SheetRowFragment>;
export type ReadingNotice = SheetRow['notices'][number];

export const LockStateFragment = graphql(`
  fragment LockStateFields on PeriodLockState {
    isLocked
    explicit
    implicit
    message
  }
`);
export type PeriodLockState = ResultOf<typeof LockStateFragment>;

export const ReadingBookFragment = graphql(`
  fragment ReadingBookOptionFields on ReadingBook {
    id
    code
    name
    routeName
    branchName
  }
`);
export type ReadingBookOption = ResultOf<typeof ReadingBookFragment>;

/** A past reading of the customer, as the history panel and its chart show it. */
export const HistoryEntryFragment = graphql(`
  fragment HistoryEntryFields on Reading {
    period
    meterSerial
    previousIndex
    currentIndex
    consumption
    code
    codeLabel
    isEstimated
    anomalies
    anomalyLabels
  }
`);
export type HistoryEntry = ResultOf<typeof HistoryEntryFragment>;

export const SuspensionFragment = graphql(`
  fragment SuspensionFields on Suspension {
    id
    fromPeriod
    toPeriod
    reason
    createdAt
  }
`);
export type Suspension = ResultOf<typeof SuspensionFragment>;

export const AdjustmentFragment = graphql(`
  fragment AdjustmentFields on Adjustment {
    id
    kind
    tariffPeriod
    billPeriod
    quantity
    amount
    reason
    groupKey
    createdAt
  }
`);
export type Adjustment = ResultOf<typeof AdjustmentFragment>;

/** A flagged reading of the supervisor's queue: its grid row and its detail panel. */
export const AnomalyQueueRowFragment = graphql(`
  fragment AnomalyQueueRowFields on Reading {
    id
    period
    bookId
    bookCode
    customerId
    customerCode
    customerName
    address
    sequenceNo
    meterSerial
    previousIndex
    currentIndex
    consumption
    code
    codeLabel
    anomalies
    anomalyLabels
    anomalyStatus
    note
    enteredAt
  }
`);
export type AnomalyQueueRow = ResultOf<typeof AnomalyQueueRowFragment>;

// ---- queries

/** The books the user holds, as many as one catalog page holds (a reader holds a handful; admins see 500). */
export const ReadingBooksQuery = graphql(
  `
    query ReadingBooks {
      readingBooks(filter: { limit: 500 }) {
        total
        rows {
          ...ReadingBookOptionFields
        }
      }
    }
  `,
  [ReadingBookFragment],
);

/**
 * The entry sheet of a book and period. The resolver behind it is hand-written SQL (measured hot path, see
 * bench:book); the same document with `search` reloads one customer's rows after a declaration.
 */
export const ReadingSheetQuery = graphql(
  `
    query ReadingSheet($bookId: Int!, $period: Period!, $search: String) {
      readingSheet(bookId: $bookId, period: $period, search: $search) {
        bookId
        period
        highFactorPct
        lowFactorPct
        total
        read
        unread
        anomalies
        openAnomalies
        lock {
          ...LockStateFields
        }
        rows {
          ...SheetRowFields
        }
      }
    }
  `,
  [LockStateFragment, SheetRowFragment],
);

/** The variables of the sheet: the page and the screen build them through this one function (cache key). */
export const sheetVariables = (bookId: number, period: string): VariablesOf<typeof ReadingSheetQuery> => ({
  bookId,
  period,
  search: null,
});

export const ReadingHistoryQuery = graphql(
  `
    query ReadingHistory($customerId: Int!, $beforePeriod: Period, $limit: Int) {
      readingHistory(customerId: $customerId, beforePeriod: $beforePeriod, limit: $limit) {
        ...HistoryEntryFields
      }
    }
  `,
  [HistoryEntryFragment],
);

export const CustomerSuspensionsQuery = graphql(
  `
    query CustomerSuspensions($customerId: Int!) {
      customerSuspensions(customerId: $customerId) {
        ...SuspensionFields
      }
    }
  `,
  [SuspensionFragment],
);

export const CustomerAdjustmentsQuery = graphql(
  `
    query CustomerAdjustments($customerId: Int!) {
      customerAdjustments(customerId: $customerId) {
        ...AdjustmentFields
      }
    }
  `,
  [AdjustmentFragment],
);

export const AnomalyQueueQuery = graphql(
  `
    query AnomalyQueue($bookIds: [Int!], $period: Period, $status: AnomalyStatusFilter, $first: Int, $after: String) {
      anomalyQueue(bookIds: $bookIds, period: $period, status: $status, first: $first, after: $after) {
        total
        pageInfo {
          hasNextPage
          endCursor
        }
        rows {
          ...AnomalyQueueRowFields
        }
      }
    }
  `,
  [AnomalyQueueRowFragment],
);
export type AnomalyQueuePage = ResultOf<typeof AnomalyQueueQuery>['anomalyQueue'];

export type AnomalyStatus = 'OPEN' | 'CLEARED';
/** Rows the queue asks for at a time; "Tải thêm" asks for the next page after the last one loaded. */
const QUEUE_PAGE = 500;

/**
 * The variables of the queue's first page: the page and the screen build them through this one function (cache
 * key); the next pages add the previous page's endCursor as `after`.
 */
export function queueVariables(s: {
  bookId: number | null;
  period: string;
  status: AnomalyStatus;
}): VariablesOf<typeof AnomalyQueueQuery> {
  return {
    bookIds: s.bookId ? [s.bookId] : null,
    period: s.period || null,
    status: s.status,
    first: QUEUE_PAGE,
    after: null,
  };
}

// ---- mutations

export const SaveReadingMutation = graphql(
  `
    mutation SaveReading($input: SaveReadingInput!) {
      saveReading(input: $input) {
        ...SheetRowFields
      }
    }
  `,
  [SheetRowFragment],
);

/** Takes back a saved reading: the row reads "not entered" again. */
export const ClearReadingMutation = graphql(
  `
    mutation ClearReading($customerId: Int!, $period: Period!, $meterId: Int!, $version: Int) {
      clearReading(customerId: $customerId, period: $period, meterId: $meterId, version: $version) {
        ...SheetRowFields
      }
    }
  `,
  [SheetRowFragment],
);

export const LockPeriodMutation = graphql(
  `
    mutation LockPeriod($bookId: Int, $period: Period!) {
      lockPeriod(bookId: $bookId, period: $period) {
        ...LockStateFields
      }
    }
  `,
  [LockStateFragment],
);

export const UnlockPeriodMutation = graphql(`
  mutation UnlockPeriod($bookId: Int, $period: Period!) {
    unlockPeriod(bookId: $bookId, period: $period)
  }
`);

export const DeclareMeterReplacementMutation = graphql(
  `
    mutation DeclareMeterReplacement($input: MeterReplacementInput!, $newMeter: MeterInput!) {
      declareMeterReplacement(input: $input, newMeter: $newMeter) {
        ...SheetRowFields
      }
    }
  `,
  [SheetRowFragment],
);

/** Corrects the final index declared with a replacement; the outgoing meter's reading of that period follows it. */
export const CorrectMeterReplacementMutation = graphql(`
  mutation CorrectMeterReplacement($input: CorrectMeterReplacementInput!) {
    correctMeterReplacement(input: $input) {
      id
      finalIndex
    }
  }
`);

export const DeclareSuspensionMutation = graphql(
  `
    mutation DeclareSuspension($input: SuspensionInput!) {
      declareSuspension(input: $input) {
        ...SuspensionFields
      }
    }
  `,
  [SuspensionFragment],
);

export const EndSuspensionMutation = graphql(
  `
    mutation EndSuspension($id: Int!, $toPeriod: Period!) {
      endSuspension(id: $id, toPeriod: $toPeriod) {
        ...SuspensionFields
      }
    }
  `,
  [SuspensionFragment],
);

export const DeleteSuspensionMutation = graphql(`
  mutation DeleteSuspension($id: Int!) {
    deleteSuspension(id: $id)
  }
`);

export const CorrectPreviousIndexMutation = graphql(
  `
    mutation CorrectPreviousIndex($input: CorrectPreviousIndexInput!) {
      correctPreviousIndex(input: $input) {
        ...SheetRowFields
      }
    }
  `,
  [SheetRowFragment],
);

export const CreateBackBillMutation = graphql(
  `
    mutation CreateBackBill($input: BackBillInput!) {
      createBackBill(input: $input) {
        ...AdjustmentFields
      }
    }
  `,
  [AdjustmentFragment],
);

export const SpreadOwedConsumptionMutation = graphql(
  `
    mutation SpreadOwedConsumption($input: SpreadOwedConsumptionInput!) {
      spreadOwedConsumption(input: $input) {
        ...AdjustmentFields
      }
    }
  `,
  [AdjustmentFragment],
);

export const DeleteAdjustmentMutation = graphql(`
  mutation DeleteAdjustment($id: Int!, $wholeGroup: Boolean) {
    deleteAdjustment(id: $id, wholeGroup: $wholeGroup)
  }
`);

export const ResolveAnomaliesMutation = graphql(`
  mutation ResolveAnomalies($readingIds: [Int!]!, $action: AnomalyAction!, $note: String) {
    resolveAnomalies(readingIds: $readingIds, action: $action, note: $note)
  }
`);

// ---- what mutations whose result names no type invalidate (urql's document cache refreshes by typename)

/** After a Boolean/Int answer about suspensions: the lists of suspensions (an empty list holds no row to find). */
export const SUSPENSION_TYPENAMES = ['Suspension'];
export const ADJUSTMENT_TYPENAMES = ['Adjustment'];
/** Every page of the anomaly queue, an empty one too (a save may flag a reading the queue then lists). */
export const QUEUE_TYPENAMES = ['AnomalyQueuePage'];
/** Resolving anomalies changes the queue, the sheets' anomaly states and the history panels. */
export const ANOMALY_TYPENAMES = [...QUEUE_TYPENAMES, 'Reading', 'ReadingSheetRow'];
export const LOCK_TYPENAMES = ['PeriodLockState'];
