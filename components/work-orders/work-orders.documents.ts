/**
 * Every GraphQL document of the work-order screens (the list, one order, the customer's "Yêu cầu" tab), typed against
 * schema.graphql. Plain module, no 'use client': the Server Component pages prefetch the same documents the client
 * components then read from the cache.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

/** A line of the list and of the customer's tab. */
export const WorkOrderRowFragment = graphql(`
  fragment WorkOrderRowFields on WorkOrder {
    id
    trackingCode
    kind
    status
    source
    applicantName
    applicantPhone
    address
    customerId
    customerCode
    branchName
    teamName
    receivedAt
    deadline
    overdue
  }
`);

/** Everything the detail screen shows of one order. */
export const WorkOrderDetailFragment = graphql(`
  fragment WorkOrderDetailFields on WorkOrder {
    id
    trackingCode
    kind
    status
    source
    receivedAt
    deadline
    closedAt
    resolution
    version
    applicantName
    applicantPhone
    applicantEmail
    citizenId
    address
    wardName
    latitude
    longitude
    customerId
    customerCode
    customerName
    bookId
    branchName
    teamId
    teamName
    serviceTypeName
    households
    persons
    complaintKindName
    description
    details
    quote {
      lines {
        name
        unit
        quantity
        unitPrice
        amount
      }
      total
    }
    events {
      id
      at
      userName
      byPortal
      fromStatus
      toStatus
      note
      data
    }
    documents {
      id
      kind
      fileName
      mimeType
      sizeBytes
      uploadedAt
    }
  }
`);
export type WorkOrderDetailData = ResultOf<typeof WorkOrderDetailFragment>;

/** The pickers of the screens: branches (filter), wards, purposes, complaint kinds, teams, meter types, books. */
export const WorkOrderCatalogsQuery = graphql(`
  query WorkOrderCatalogs {
    branches(filter: { limit: 500 }) {
      rows {
        id
        name
      }
    }
    wards(filter: { limit: 500 }) {
      rows {
        id
        name
        district
      }
    }
    serviceTypes(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
    complaintKinds(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
    installationTeams(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
    meterTypes(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
    readingBooks(filter: { limit: 500 }) {
      rows {
        id
        code
        name
      }
    }
  }
`);

export const WorkOrdersQuery = graphql(
  `
    query WorkOrders($filter: WorkOrderFilter, $first: Int, $after: String) {
      workOrders(filter: $filter, first: $first, after: $after) {
        rows {
          ...WorkOrderRowFields
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  `,
  [WorkOrderRowFragment],
);
export type WorkOrdersVariables = VariablesOf<typeof WorkOrdersQuery>;
export type WorkOrderStatusValue = NonNullable<NonNullable<WorkOrdersVariables['filter']>['statuses']>[number];

export const WorkOrderCountsQuery = graphql(`
  query WorkOrderCounts {
    workOrderCounts {
      kind
      open
      overdue
    }
  }
`);

export const WorkOrderQuery = graphql(
  `
    query WorkOrder($id: Int!) {
      workOrder(id: $id) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const CustomerWorkOrdersQuery = graphql(
  `
    query CustomerWorkOrders($customerId: Int!) {
      customerWorkOrders(customerId: $customerId) {
        ...WorkOrderRowFields
      }
    }
  `,
  [WorkOrderRowFragment],
);

// ---- mutations: each answers the order, so the cached detail refreshes itself

export const CreateWorkOrderMutation = graphql(`
  mutation CreateWorkOrder($input: WorkOrderInput!) {
    createWorkOrder(input: $input) {
      id
      trackingCode
    }
  }
`);
export type CreateWorkOrderInput = VariablesOf<typeof CreateWorkOrderMutation>['input'];

export const AssignWorkOrderMutation = graphql(
  `
    mutation AssignWorkOrder($id: Int!, $teamId: Int, $note: String, $expectedVersion: Int) {
      assignWorkOrder(id: $id, teamId: $teamId, note: $note, expectedVersion: $expectedVersion) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const ChangeWorkOrderStatusMutation = graphql(
  `
    mutation ChangeWorkOrderStatus($id: Int!, $status: WorkOrderStatus!, $note: String, $expectedVersion: Int) {
      changeWorkOrderStatus(id: $id, status: $status, note: $note, expectedVersion: $expectedVersion) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const RejectWorkOrderMutation = graphql(
  `
    mutation RejectWorkOrder($id: Int!, $reason: String!, $expectedVersion: Int) {
      rejectWorkOrder(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const CancelWorkOrderMutation = graphql(
  `
    mutation CancelWorkOrder($id: Int!, $reason: String!, $expectedVersion: Int) {
      cancelWorkOrder(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const AddWorkOrderNoteMutation = graphql(
  `
    mutation AddWorkOrderNote($id: Int!, $note: String!) {
      addWorkOrderNote(id: $id, note: $note) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const SurveyWorkOrderMutation = graphql(
  `
    mutation SurveyWorkOrder($id: Int!, $notes: String!, $latitude: String, $longitude: String, $expectedVersion: Int) {
      surveyWorkOrder(
        id: $id
        notes: $notes
        latitude: $latitude
        longitude: $longitude
        expectedVersion: $expectedVersion
      ) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const QuoteWorkOrderMutation = graphql(
  `
    mutation QuoteWorkOrder($id: Int!, $lines: [WorkOrderQuoteLineInput!]!, $expectedVersion: Int) {
      quoteWorkOrder(id: $id, lines: $lines, expectedVersion: $expectedVersion) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const SignWorkOrderContractMutation = graphql(
  `
    mutation SignWorkOrderContract($id: Int!, $contractNumber: String!, $signedOn: Date!, $expectedVersion: Int) {
      signWorkOrderContract(
        id: $id
        contractNumber: $contractNumber
        signedOn: $signedOn
        expectedVersion: $expectedVersion
      ) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const MarkWorkOrderInstalledMutation = graphql(
  `
    mutation MarkWorkOrderInstalled($id: Int!, $meter: MeterInput!, $teamId: Int, $expectedVersion: Int) {
      markWorkOrderInstalled(id: $id, meter: $meter, teamId: $teamId, expectedVersion: $expectedVersion) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const HandOverInstallationMutation = graphql(
  `
    mutation HandOverInstallation(
      $id: Int!
      $bookId: Int!
      $handoverOn: Date!
      $isOrganization: Boolean
      $taxCode: String
      $expectedVersion: Int
    ) {
      handOverInstallation(
        id: $id
        bookId: $bookId
        handoverOn: $handoverOn
        isOrganization: $isOrganization
        taxCode: $taxCode
        expectedVersion: $expectedVersion
      ) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

export const CompleteWorkOrderMutation = graphql(
  `
    mutation CompleteWorkOrder(
      $id: Int!
      $resolution: String!
      $relocation: WorkOrderRelocationCompletionInput
      $meterReplacement: WorkOrderMeterReplacementInput
      $nameChange: WorkOrderNameChangeCompletionInput
      $expectedVersion: Int
    ) {
      completeWorkOrder(
        id: $id
        resolution: $resolution
        relocation: $relocation
        meterReplacement: $meterReplacement
        nameChange: $nameChange
        expectedVersion: $expectedVersion
      ) {
        ...WorkOrderDetailFields
      }
    }
  `,
  [WorkOrderDetailFragment],
);

/**
 * Mutations answer `WorkOrder`: urql's document cache refetches every query holding one. A new order (the list, the
 * counts, a customer's tab) holds none yet, so creating one names the type explicitly.
 */
export const WORK_ORDER_TYPENAMES = {
  additionalTypenames: ['WorkOrder', 'WorkOrderPage', 'WorkOrderCount', 'Customer'],
};
