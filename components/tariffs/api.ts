'use client';

import { gqlFetch } from '@/components/ui/graphql-client';
import type { BillEstimate } from '@/services/tariffs/estimate.service';

export type TariffBasis = 'household' | 'person' | 'flat';
export type ProrationMethod = 'split_days' | 'weighted_days' | 'reading_date';

export interface TariffTier {
  id: number;
  ordinal: number;
  upTo: number | null;
  unitPrice: number;
}

export interface TariffVersion {
  id: number;
  serviceTypeId: number;
  effectiveFrom: string;
  basis: TariffBasis;
  pricesIncludeVat: boolean;
  vatRateBp: number;
  prorationMethod: ProrationMethod;
  minConsumption: number | null;
  meterSubscription: number | null;
  environmentFeeBp: number;
  drainageBp: number;
  drainageVatBp: number;
  note: string | null;
  isInUse: boolean;
  tiers: TariffTier[];
}

export interface TariffServiceType {
  id: number;
  code: string;
  name: string;
  utility: string;
  isDomestic: boolean;
  versions: TariffVersion[];
}

export const BASIS_LABELS: Record<TariffBasis, string> = {
  household: 'Theo hộ (định mức × số hộ)',
  person: 'Theo nhân khẩu (định mức × số người)',
  flat: 'Một giá',
};
export const BASIS_SHORT: Record<TariffBasis, string> = { household: 'Theo hộ', person: 'Theo người', flat: 'Một giá' };
export const TIER_UNIT: Record<TariffBasis, string> = { household: 'm3/hộ/tháng', person: 'm3/người/tháng', flat: 'm3' };

export const PRORATION_LABELS: Record<ProrationMethod, string> = {
  split_days: 'Chia m3 và định mức theo ngày',
  weighted_days: 'Tính cả m3 theo từng giá, phân bổ theo ngày',
  reading_date: 'Giá hiệu lực tại ngày ghi chỉ số',
};

export const UTILITY_LABELS: Record<string, string> = { water: 'Nước', electricity: 'Điện', sanitation: 'Vệ sinh môi trường' };

const TIER_FIELDS = 'id ordinal upTo unitPrice';
const VERSION_FIELDS = `id serviceTypeId effectiveFrom basis pricesIncludeVat vatRateBp prorationMethod minConsumption meterSubscription
  environmentFeeBp drainageBp drainageVatBp note isInUse tiers { ${TIER_FIELDS} }`;

export async function fetchTariffCatalog(): Promise<TariffServiceType[]> {
  const data = await gqlFetch<{ tariffServiceTypes: TariffServiceType[] }>(
    `{ tariffServiceTypes { id code name utility isDomestic versions { ${VERSION_FIELDS} } } }`,
  );
  return data.tariffServiceTypes;
}

export interface ServiceTypeInput {
  code: string;
  name: string;
  utility: string;
  isDomestic: number;
}

export async function createServiceType(input: ServiceTypeInput): Promise<number> {
  const data = await gqlFetch<{ createServiceType: { id: number } }>(`mutation($i: ServiceTypeInput!) { createServiceType(input: $i) { id } }`, { i: input });
  return data.createServiceType.id;
}

export async function updateServiceType(id: number, input: ServiceTypeInput): Promise<void> {
  await gqlFetch(`mutation($id: Int!, $i: ServiceTypeInput!) { updateServiceType(id: $id, input: $i) { id } }`, { id, i: input });
}

export async function deleteServiceType(id: number): Promise<void> {
  await gqlFetch(`mutation($id: Int!) { deleteServiceType(id: $id) }`, { id });
}

export interface VersionFields {
  effectiveFrom: string;
  basis: TariffBasis;
  pricesIncludeVat: boolean;
  vatRateBp: number;
  prorationMethod: ProrationMethod;
  minConsumption: number | null;
  meterSubscription: number | null;
  environmentFeeBp: number;
  drainageBp: number;
  drainageVatBp: number;
  note: string | null;
}

export interface TierInput {
  upTo: number | null;
  unitPrice: number;
}

export async function createTariffVersion(serviceTypeId: number, fields: VersionFields, tiers: TierInput[]): Promise<TariffVersion> {
  const data = await gqlFetch<{ createTariffVersion: TariffVersion }>(
    `mutation($i: TariffVersionInput!) { createTariffVersion(input: $i) { ${VERSION_FIELDS} } }`,
    { i: { serviceTypeId, ...fields, tiers } },
  );
  return data.createTariffVersion;
}

export async function updateTariffVersion(id: number, fields: VersionFields): Promise<TariffVersion> {
  const data = await gqlFetch<{ updateTariffVersion: TariffVersion }>(
    `mutation($id: Int!, $i: TariffVersionUpdateInput!) { updateTariffVersion(id: $id, input: $i) { ${VERSION_FIELDS} } }`,
    { id, i: fields },
  );
  return data.updateTariffVersion;
}

export async function deleteTariffVersion(id: number): Promise<void> {
  await gqlFetch(`mutation($id: Int!) { deleteTariffVersion(id: $id) }`, { id });
}

export async function addTariffTier(versionId: number, tier: TierInput): Promise<TariffVersion> {
  const data = await gqlFetch<{ addTariffTier: TariffVersion }>(
    `mutation($v: Int!, $t: TariffTierInput!) { addTariffTier(versionId: $v, input: $t) { ${VERSION_FIELDS} } }`,
    { v: versionId, t: tier },
  );
  return data.addTariffTier;
}

export async function updateTariffTier(id: number, tier: TierInput): Promise<TariffVersion> {
  const data = await gqlFetch<{ updateTariffTier: TariffVersion }>(
    `mutation($id: Int!, $t: TariffTierInput!) { updateTariffTier(id: $id, input: $t) { ${VERSION_FIELDS} } }`,
    { id, t: tier },
  );
  return data.updateTariffTier;
}

export async function deleteTariffTier(id: number): Promise<TariffVersion> {
  const data = await gqlFetch<{ deleteTariffTier: TariffVersion }>(`mutation($id: Int!) { deleteTariffTier(id: $id) { ${VERSION_FIELDS} } }`, { id });
  return data.deleteTariffTier;
}

// The service's type, shared as a type only (erased from the browser bundle).
export type { BillEstimate };

/** The public bill calculator (no sign-in needed; the portal uses the same query). */
export async function estimateBill(input: { serviceTypeCode: string; consumption: number; households: number | null; persons: number | null; period: string | null }): Promise<BillEstimate> {
  const data = await gqlFetch<{ estimateBill: BillEstimate }>(
    `query($i: EstimateBillInput!) { estimateBill(input: $i) { lines { description quantity unitPrice amount } subtotal vat environmentFee drainageFee drainageVat total warnings { code message } } }`,
    { i: input },
  );
  return data.estimateBill;
}
