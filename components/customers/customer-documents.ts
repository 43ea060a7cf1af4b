/**
 * Every GraphQL document of the customers screen (book grid, detail panel and its tabs, global search, book
 * dialogs), typed against schema.graphql: a renamed field fails `npm run typecheck`. Plain module, no
 * 'use client': the Server Component page prefetches the same documents the client components then read
 * from the cache.
 */
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

// ---- fragments: one definition of what each part of the screen shows

/**
 * What every view of a customer shows: the grid row, the search hit and the detail panel all spread it, so they
 * share one definition of a customer. Unmasked (`@_unmask`, stripped before the request), so its fields type
 * the fragments that spread it instead of hiding behind a fragment reference.
 */
export const CustomerBaseFragment = graphql(`
  fragment CustomerBase on Customer @_unmask {
    id
    code
    bookId
    sequenceNo
    name
    address
    phone
    version
  }
`);

/** A line of the book grid (and of the "Chèn vào sau" dialog). */
export const CustomerRowFragment = graphql(
  `
    fragment CustomerRow on Customer {
      ...CustomerBase
      customerType
      households
      persons
      status
      isPreferential
      serviceTypeCode
      wardName
      meterSerial
      contractNumber
    }
  `,
  [CustomerBaseFragment],
);

/** A hit of the global search: where the customer is and whether it is in the open book. */
export const CustomerSearchHitFragment = graphql(
  `
    fragment CustomerSearchHitFields on Customer {
      ...CustomerBase
      bookCode
      meterSerial
      inCurrentBook
    }
  `,
  [CustomerBaseFragment],
);

/** The whole customer file of the detail panel: the form, meters, contracts, history, attachments. */
export const CustomerDetailFragment = graphql(
  `
    fragment CustomerDetail on Customer {
      ...CustomerBase
      bookCode
      customerType
      taxCode
      citizenId
      wardId
      wardName
      serviceTypeId
      serviceTypeName
      households
      persons
      masterMeterId
      fax
      email
      bankAccount
      bankName
      wastewaterFeeMode
      wastewaterFeeBp
      status
      isPreferential
      preferentialUntil
      extra
      latitude
      longitude
      createdAt
      updatedAt
      meters {
        id
        meterTypeId
        meterTypeName
        serial
        sealNo
        verifiedOn
        installedOn
        initialIndex
        removedOn
        finalIndex
        isActive
      }
      contracts {
        id
        number
        revision
        address
        signedOn
        handoverOn
        installedOn
        installationTeamId
        isCurrent
        endedOn
      }
      history {
        id
        at
        kind
        before
        after
        note
        userLogin
      }
      attachments {
        id
        fileName
        mimeType
        sizeBytes
        title
        uploadedAt
        url
      }
    }
  `,
  [CustomerBaseFragment],
);

/** A reading book as the picker and the move dialog offer it. */
export const BookOptionFragment = graphql(`
  fragment BookOption on ReadingBook {
    id
    code
    name
    customersCount
    routeName
    branchName
  }
`);

export type BookCustomer = ResultOf<typeof CustomerRowFragment>;
export type SearchHit = ResultOf<typeof CustomerSearchHitFragment>;
export type CustomerDetail = ResultOf<typeof CustomerDetailFragment>;
export type Meter = CustomerDetail['meters'][number];
export type Contract = CustomerDetail['contracts'][number];
export type HistoryEntry = CustomerDetail['history'][number];
export type Attachment = CustomerDetail['attachments'][number];
export type BookOption = ResultOf<typeof BookOptionFragment>;

// ---- queries

/** The cookie that remembers the open book, so the server renders that book's rows on the next visit. */
export const BOOK_COOKIE = 'customers.bookId';

/** The largest page the server serves for a book (its `bookCustomers` maximum). */
export const BOOK_LIMIT = 5000;

/** The reading books the signed-in user holds (the API filters them). */
export const CustomerBooksQuery = graphql(
  `
    query CustomerBooks {
      readingBooks(filter: { limit: 500 }) {
        total
        rows {
          ...BookOption
        }
      }
    }
  `,
  [BookOptionFragment],
);

/** Every customer of a book in sequence order. */
export const BookCustomersQuery = graphql(
  `
    query BookCustomers($bookId: Int!, $limit: Int) {
      bookCustomers(bookId: $bookId, limit: $limit) {
        total
        rows {
          ...CustomerRow
        }
      }
    }
  `,
  [CustomerRowFragment],
);

/** The variables of the book grid's query: the server page and the screen build them here, so the cache finds the prefetched rows. */
export const bookVariables = (bookId: number): VariablesOf<typeof BookCustomersQuery> => ({
  bookId,
  limit: BOOK_LIMIT,
});

export const CustomerQuery = graphql(
  `
    query Customer($id: Int!) {
      customer(id: $id) {
        ...CustomerDetail
      }
    }
  `,
  [CustomerDetailFragment],
);

/** The catalogs that fill the form's selects and name the ids of the history (500 rows each, the catalog pages' maximum). */
export const CustomerCatalogsQuery = graphql(`
  query CustomerCatalogs {
    wards(filter: { limit: 500 }) {
      total
      rows {
        id
        code
        name
        province
      }
    }
    serviceTypes(filter: { limit: 500 }) {
      total
      rows {
        id
        code
        name
      }
    }
    meterTypes(filter: { limit: 500 }) {
      total
      rows {
        id
        code
        name
      }
    }
    installationTeams(filter: { limit: 500 }) {
      total
      rows {
        id
        code
        name
      }
    }
    masterMeters(filter: { limit: 500 }) {
      total
      rows {
        id
        code
        name
      }
    }
  }
`);

/** What a catalog select shows of a row. */
export type CatalogItem = { id: number; code: string; name: string };

export const SearchCustomersQuery = graphql(
  `
    query SearchCustomers($query: String!, $currentBookId: Int) {
      searchCustomers(query: $query, currentBookId: $currentBookId, limit: 50) {
        ...CustomerSearchHitFields
      }
    }
  `,
  [CustomerSearchHitFragment],
);

// ---- mutations

export const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CustomerInput!, $meter: MeterInput, $contract: ContractInput) {
    createCustomer(input: $input, meter: $meter, contract: $contract) {
      id
      code
      bookId
      sequenceNo
    }
  }
`);

export const UpdateCustomerMutation = graphql(`
  mutation UpdateCustomer($id: Int!, $version: Int!, $input: CustomerInput!) {
    updateCustomer(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const DeleteCustomerMutation = graphql(`
  mutation DeleteCustomer($id: Int!) {
    deleteCustomer(id: $id)
  }
`);

export const MoveCustomersMutation = graphql(`
  mutation MoveCustomers($customerIds: [Int!]!, $targetBookId: Int!) {
    moveCustomers(customerIds: $customerIds, targetBookId: $targetBookId)
  }
`);

export const RenumberBookMutation = graphql(`
  mutation RenumberBook($bookId: Int!) {
    renumberBook(bookId: $bookId)
  }
`);

export const PlaceCustomerAfterMutation = graphql(`
  mutation PlaceCustomerAfter($customerId: Int!, $afterCustomerId: Int) {
    placeCustomerAfter(customerId: $customerId, afterCustomerId: $afterCustomerId)
  }
`);

export const ResignContractMutation = graphql(`
  mutation ResignContract($customerId: Int!, $input: ContractInput!) {
    resignContract(customerId: $customerId, input: $input) {
      id
    }
  }
`);

export const UpdateContractMutation = graphql(`
  mutation UpdateContract($customerId: Int!, $input: ContractInput!) {
    updateContract(customerId: $customerId, input: $input) {
      id
    }
  }
`);

export const ReplaceMeterMutation = graphql(`
  mutation ReplaceMeter($customerId: Int!, $finalIndex: Int!, $removedOn: Date!, $meter: MeterInput!) {
    replaceMeter(customerId: $customerId, finalIndex: $finalIndex, removedOn: $removedOn, meter: $meter) {
      id
    }
  }
`);

export const UpdateMeterMutation = graphql(`
  mutation UpdateMeter($customerId: Int!, $meterTypeId: Int, $sealNo: String, $verifiedOn: Date) {
    updateMeter(customerId: $customerId, meterTypeId: $meterTypeId, sealNo: $sealNo, verifiedOn: $verifiedOn) {
      id
    }
  }
`);

export const DeleteAttachmentMutation = graphql(`
  mutation DeleteAttachment($id: Int!) {
    deleteAttachment(id: $id)
  }
`);

export type CustomerInputVars = VariablesOf<typeof CreateCustomerMutation>['input'];
export type MeterInputVars = NonNullable<VariablesOf<typeof CreateCustomerMutation>['meter']>;
export type ContractInputVars = NonNullable<VariablesOf<typeof CreateCustomerMutation>['contract']>;

/**
 * What every mutation of this screen changes, for the cache to re-run the queries that show it. Most of them
 * return an `Int` or a `Boolean` (or a `Meter` of a customer whose file held none), which names no type, so the
 * typenames are given: the book grid, the open customer file and search hits (all `Customer`), and the books (their counts).
 */
export const CUSTOMER_TYPENAMES = { additionalTypenames: ['CustomerPage', 'Customer', 'ReadingBook'] };
