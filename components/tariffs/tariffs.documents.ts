/**
 * Every GraphQL document of the tariff screen (service types, tariff versions, tiers, bill calculator), typed
 * against schema.graphql (a renamed field fails `npm run typecheck`). Plain module, no 'use client': the
 * Server Component page prefetches the catalog through the same document the screen then reads from the cache.
 */
import { graphql, readFragment, type ResultOf, type VariablesOf } from '@/lib/graphql/graphql';

/** One tariff version with its tiers: the version grid, its detail panel, the tier grid and the dialogs. */
const TariffVersionFragment = graphql(`
  fragment TariffVersionFields on TariffVersion {
    id
    serviceTypeId
    effectiveFrom
    basis
    pricesIncludeVat
    vatRateBp
    prorationMethod
    minConsumption
    meterSubscription
    environmentFeeBp
    drainageBp
    drainageVatBp
    note
    isInUse
    tiers {
      id
      ordinal
      upTo
      unitPrice
    }
  }
`);

export const TariffCatalogQuery = graphql(
  `
    query TariffCatalog {
      tariffServiceTypes {
        id
        code
        name
        utility
        isDomestic
        versions {
          ...TariffVersionFields
        }
      }
    }
  `,
  [TariffVersionFragment],
);

export type TariffVersion = ResultOf<typeof TariffVersionFragment>;
export type TariffTier = TariffVersion['tiers'][number];
export type TariffBasis = TariffVersion['basis'];
export type ProrationMethod = TariffVersion['prorationMethod'];
type CatalogServiceType = ResultOf<typeof TariffCatalogQuery>['tariffServiceTypes'][number];
export type TariffServiceType = Omit<CatalogServiceType, 'versions'> & { versions: readonly TariffVersion[] };

/** The catalog with its versions unmasked, as the screen's grids and dialogs read it. */
export function readTariffCatalog(data: ResultOf<typeof TariffCatalogQuery> | undefined): TariffServiceType[] | null {
  if (!data) return null;
  return data.tariffServiceTypes.map((t) => ({ ...t, versions: readFragment(TariffVersionFragment, t.versions) }));
}

// ---- mutations. Each answers only the id: the cache re-runs the catalog query, which holds every version.

export const CreateServiceTypeMutation = graphql(`
  mutation CreateTariffServiceType($input: ServiceTypeInput!) {
    createServiceType(input: $input) {
      id
    }
  }
`);
export const UpdateServiceTypeMutation = graphql(`
  mutation UpdateTariffServiceType($id: Int!, $input: ServiceTypeInput!) {
    updateServiceType(id: $id, input: $input) {
      id
    }
  }
`);
export const DeleteServiceTypeMutation = graphql(`
  mutation DeleteTariffServiceType($id: Int!) {
    deleteServiceType(id: $id)
  }
`);
export const CreateTariffVersionMutation = graphql(`
  mutation CreateTariffVersion($input: TariffVersionInput!) {
    createTariffVersion(input: $input) {
      id
      effectiveFrom
    }
  }
`);
export const UpdateTariffVersionMutation = graphql(`
  mutation UpdateTariffVersion($id: Int!, $input: TariffVersionUpdateInput!) {
    updateTariffVersion(id: $id, input: $input) {
      id
    }
  }
`);
export const DeleteTariffVersionMutation = graphql(`
  mutation DeleteTariffVersion($id: Int!) {
    deleteTariffVersion(id: $id)
  }
`);
export const AddTariffTierMutation = graphql(`
  mutation AddTariffTier($versionId: Int!, $input: TariffTierInput!) {
    addTariffTier(versionId: $versionId, input: $input) {
      id
    }
  }
`);
export const UpdateTariffTierMutation = graphql(`
  mutation UpdateTariffTier($id: Int!, $input: TariffTierInput!) {
    updateTariffTier(id: $id, input: $input) {
      id
    }
  }
`);
export const DeleteTariffTierMutation = graphql(`
  mutation DeleteTariffTier($id: Int!) {
    deleteTariffTier(id: $id) {
      id
    }
  }
`);

export type ServiceTypeInput = VariablesOf<typeof CreateServiceTypeMutation>['input'];
/** The fields of a version the version dialog edits (the tiers are edited on their own grid). */
export type VersionFields = Pick<
  TariffVersion,
  | 'effectiveFrom'
  | 'basis'
  | 'pricesIncludeVat'
  | 'vatRateBp'
  | 'prorationMethod'
  | 'minConsumption'
  | 'meterSubscription'
  | 'environmentFeeBp'
  | 'drainageBp'
  | 'drainageVatBp'
  | 'note'
>;
export type TierInput = VariablesOf<typeof AddTariffTierMutation>['input'] & { upTo: number | null };

/**
 * What every tariff mutation invalidates: the catalog (a `Boolean` delete or a new `ServiceType` names no
 * type the catalog holds, and a type without versions holds no `TariffVersion`) and the calculator's estimate,
 * which prices with these tariffs.
 */
export const TARIFF_TYPENAMES = { additionalTypenames: ['TariffServiceType', 'TariffVersion', 'BillEstimate'] };

// ---- the bill calculator: the public estimate the portal uses too

export const EstimateBillQuery = graphql(`
  query EstimateBill($input: EstimateBillInput!) {
    estimateBill(input: $input) {
      lines {
        description
        quantity
        unitPrice
        amount
      }
      subtotal
      vat
      environmentFee
      drainageFee
      drainageVat
      total
      warnings {
        code
        message
      }
    }
  }
`);
export type EstimateInput = VariablesOf<typeof EstimateBillQuery>['input'];
