/**
 * Every GraphQL document of the catalog screens, typed against schema.graphql (a renamed field fails
 * `npm run typecheck`). Plain module, no 'use client': the Server Component page prefetches the same documents
 * the client components then read from the cache.
 */
import type { TypedDocumentNode } from '@urql/core';
import { graphql, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';
import {
  CatalogColumnFragment,
  filterPayload,
  type CatalogRow,
  type CatalogValue,
  type FilterCondition,
  type RefOption,
} from './catalog-columns';

/** What the viewer may do on a catalog; read by the screen's toolbar. */
export const CatalogRightsFragment = graphql(`
  fragment CatalogRights on CatalogInfo {
    name
    label
    typeName
    canAdd
    canEdit
    canDelete
    canExport
  }
`);

export type CatalogInfo = ResultOf<typeof CatalogRightsFragment>;
export type CatalogName = CatalogInfo['name'];

export const CatalogMetaQuery = graphql(
  `
    query CatalogMeta($catalog: CatalogName!) {
      catalogs {
        ...CatalogRights
      }
      catalogColumns(catalog: $catalog) {
        ...CatalogColumnFields
      }
    }
  `,
  [CatalogRightsFragment, CatalogColumnFragment],
);

// ---- the rows of each catalog
//
// The screen is generated from `catalogColumns`, so each catalog has its own documents; the rows are selected
// inline rather than through a fragment because the grid reads a cell by column name and no other document
// shares them. test/unit/catalog-documents.test.ts checks that each list selects exactly the registry's
// columns, so the metadata and the documents cannot drift apart.

type ListVariables = VariablesOf<typeof wardsList>;
export type CatalogQueryInput = NonNullable<ListVariables['filter']>;
/** The add / edit input, assembled at run time from `catalogColumns` and validated by the server per catalog. */
type CatalogInput = Record<string, CatalogValue>;

/** Referenced catalog → its rows, as many as one page holds. */
type RefLists = { readonly [catalog: string]: { total: number; rows: readonly RefOption[] } };

export interface CatalogDocuments {
  list: TypedDocumentNode<{ page: { total: number; rows: readonly CatalogRow[] } }, ListVariables>;
  /** The rows of the catalogs its columns reference, one alias per catalog; `null` when it references none. */
  refs: TypedDocumentNode<RefLists, Record<string, never>> | null;
  create: TypedDocumentNode<{ row: { id: number } }, { input: CatalogInput }>;
  update: TypedDocumentNode<{ row: { id: number } }, { id: number; input: CatalogInput }>;
  remove: TypedDocumentNode<{ ok: boolean }, { id: number }>;
}

/**
 * Ties one catalog's typed documents to the generic screen. The compiler checks every result against the
 * generic row shape; only the mutation input is widened, because the form builds it from the column metadata
 * (the catalog's own `…Input` type is still checked by the server).
 */
function defineCatalog<Input>(docs: {
  list: CatalogDocuments['list'];
  refs: CatalogDocuments['refs'];
  create: TypedDocumentNode<{ row: { id: number } }, { input: Input }>;
  update: TypedDocumentNode<{ row: { id: number } }, { id: number; input: Input }>;
  remove: CatalogDocuments['remove'];
}): CatalogDocuments {
  return docs as unknown as CatalogDocuments;
}

const wardsList = graphql(`
  query WardList($filter: CatalogQuery) {
    page: wards(filter: $filter) {
      total
      rows {
        id
        code
        name
        district
        province
        kind
      }
    }
  }
`);

const CATALOG_DOCUMENTS: Record<CatalogName, CatalogDocuments> = {
  wards: defineCatalog({
    list: wardsList,
    refs: null,
    create: graphql(`
      mutation CreateWard($input: WardInput!) {
        row: createWard(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateWard($id: Int!, $input: WardInput!) {
        row: updateWard(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteWard($id: Int!) {
        ok: deleteWard(id: $id)
      }
    `),
  }),
  branches: defineCatalog({
    list: graphql(`
      query BranchList($filter: CatalogQuery) {
        page: branches(filter: $filter) {
          total
          rows {
            id
            code
            name
            address
            phone
          }
        }
      }
    `),
    refs: null,
    create: graphql(`
      mutation CreateBranch($input: BranchInput!) {
        row: createBranch(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateBranch($id: Int!, $input: BranchInput!) {
        row: updateBranch(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteBranch($id: Int!) {
        ok: deleteBranch(id: $id)
      }
    `),
  }),
  routes: defineCatalog({
    list: graphql(`
      query RouteList($filter: CatalogQuery) {
        page: routes(filter: $filter) {
          total
          rows {
            id
            code
            name
            branchId
            branchName
          }
        }
      }
    `),
    refs: graphql(`
      query RouteRefs {
        branches(filter: { limit: 500 }) {
          total
          rows {
            id
            code
            name
          }
        }
      }
    `),
    create: graphql(`
      mutation CreateRoute($input: RouteInput!) {
        row: createRoute(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateRoute($id: Int!, $input: RouteInput!) {
        row: updateRoute(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteRoute($id: Int!) {
        ok: deleteRoute(id: $id)
      }
    `),
  }),
  readingBooks: defineCatalog({
    list: graphql(`
      query ReadingBookList($filter: CatalogQuery) {
        page: readingBooks(filter: $filter) {
          total
          rows {
            id
            code
            name
            routeId
            routeName
            branchId
            branchName
            readerName
            readingDay
            customersCount
          }
        }
      }
    `),
    refs: graphql(`
      query ReadingBookRefs {
        routes(filter: { limit: 500 }) {
          total
          rows {
            id
            code
            name
          }
        }
        branches(filter: { limit: 500 }) {
          total
          rows {
            id
            code
            name
          }
        }
      }
    `),
    create: graphql(`
      mutation CreateReadingBook($input: ReadingBookInput!) {
        row: createReadingBook(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateReadingBook($id: Int!, $input: ReadingBookInput!) {
        row: updateReadingBook(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteReadingBook($id: Int!) {
        ok: deleteReadingBook(id: $id)
      }
    `),
  }),
  serviceTypes: defineCatalog({
    list: graphql(`
      query ServiceTypeList($filter: CatalogQuery) {
        page: serviceTypes(filter: $filter) {
          total
          rows {
            id
            code
            name
            utility
            isDomestic
          }
        }
      }
    `),
    refs: null,
    create: graphql(`
      mutation CreateServiceType($input: ServiceTypeInput!) {
        row: createServiceType(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateServiceType($id: Int!, $input: ServiceTypeInput!) {
        row: updateServiceType(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteServiceType($id: Int!) {
        ok: deleteServiceType(id: $id)
      }
    `),
  }),
  meterTypes: defineCatalog({
    list: graphql(`
      query MeterTypeList($filter: CatalogQuery) {
        page: meterTypes(filter: $filter) {
          total
          rows {
            id
            code
            name
            manufacturer
            diameterMm
            maxIndex
          }
        }
      }
    `),
    refs: null,
    create: graphql(`
      mutation CreateMeterType($input: MeterTypeInput!) {
        row: createMeterType(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateMeterType($id: Int!, $input: MeterTypeInput!) {
        row: updateMeterType(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteMeterType($id: Int!) {
        ok: deleteMeterType(id: $id)
      }
    `),
  }),
  installationTeams: defineCatalog({
    list: graphql(`
      query InstallationTeamList($filter: CatalogQuery) {
        page: installationTeams(filter: $filter) {
          total
          rows {
            id
            code
            name
            leader
            phone
          }
        }
      }
    `),
    refs: null,
    create: graphql(`
      mutation CreateInstallationTeam($input: InstallationTeamInput!) {
        row: createInstallationTeam(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateInstallationTeam($id: Int!, $input: InstallationTeamInput!) {
        row: updateInstallationTeam(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteInstallationTeam($id: Int!) {
        ok: deleteInstallationTeam(id: $id)
      }
    `),
  }),
  complaintKinds: defineCatalog({
    list: graphql(`
      query ComplaintKindList($filter: CatalogQuery) {
        page: complaintKinds(filter: $filter) {
          total
          rows {
            id
            code
            name
            resolutionDays
          }
        }
      }
    `),
    refs: null,
    create: graphql(`
      mutation CreateComplaintKind($input: ComplaintKindInput!) {
        row: createComplaintKind(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateComplaintKind($id: Int!, $input: ComplaintKindInput!) {
        row: updateComplaintKind(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteComplaintKind($id: Int!) {
        ok: deleteComplaintKind(id: $id)
      }
    `),
  }),
  masterMeters: defineCatalog({
    list: graphql(`
      query MasterMeterList($filter: CatalogQuery) {
        page: masterMeters(filter: $filter) {
          total
          rows {
            id
            code
            name
            wardId
            wardName
            installedOn
          }
        }
      }
    `),
    refs: graphql(`
      query MasterMeterRefs {
        wards(filter: { limit: 500 }) {
          total
          rows {
            id
            code
            name
          }
        }
      }
    `),
    create: graphql(`
      mutation CreateMasterMeter($input: MasterMeterInput!) {
        row: createMasterMeter(input: $input) {
          id
        }
      }
    `),
    update: graphql(`
      mutation UpdateMasterMeter($id: Int!, $input: MasterMeterInput!) {
        row: updateMasterMeter(id: $id, input: $input) {
          id
        }
      }
    `),
    remove: graphql(`
      mutation DeleteMasterMeter($id: Int!) {
        ok: deleteMasterMeter(id: $id)
      }
    `),
  }),
};

/** The documents of one catalog. */
export const catalogDocuments = (name: CatalogName): CatalogDocuments => CATALOG_DOCUMENTS[name];

/** Every catalog with its documents, for the test that compares them with the registry. */
export const allCatalogDocuments = (): Readonly<Record<CatalogName, CatalogDocuments>> => CATALOG_DOCUMENTS;

/**
 * The mutations invalidate, by typename, every cached query that holds a row of the catalog; the page type is
 * added because an empty list holds no row to be found by.
 */
export const catalogTypenames = (info: Pick<CatalogInfo, 'typeName'>): string[] => [
  info.typeName,
  `${info.typeName}Page`,
];

export interface ListState {
  filters: readonly FilterCondition[];
  search: string;
  offset: number;
  limit: number;
  sort: { key: string; dir: 'asc' | 'desc' } | null;
}

export const FIRST_PAGE: ListState = { filters: [], search: '', offset: 0, limit: 100, sort: null };

/**
 * The variables of a list query. The server page and the screen build them through this one function: the
 * cache finds the server-rendered page by its query and variables, so they must be identical.
 */
export function listVariables(s: ListState): { filter: CatalogQueryInput } {
  return {
    filter: {
      filters: filterPayload(s.filters),
      search: s.search.trim() || null,
      offset: s.offset,
      limit: s.limit,
      orderBy: s.sort ? [{ column: s.sort.key, desc: s.sort.dir === 'desc' }] : null,
    },
  };
}

/** How many rows of a referenced catalog its select offers (the `limit` of the refs documents): the largest page the server serves. */
export const REF_LIMIT = 500;
