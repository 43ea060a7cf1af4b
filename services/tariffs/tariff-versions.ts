/**
 * Tariff versions as the rate engine wants them, read from the catalog tables in two queries.
 */
import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { serviceTypes } from '@/db/schema/catalogs';
import { tariffTiers, tariffVersions } from '@/db/schema/tariffs';
import type { ProrationMethod, TariffBasis, TariffVersion } from '@/domain/tariff/types';

export interface ServiceTypeInfo {
  id: number;
  code: string;
  name: string;
  isDomestic: boolean;
}

export interface TariffBook {
  versionsByServiceType: Record<string, TariffVersion[]>;
  serviceTypesById: Map<number, ServiceTypeInfo>;
  serviceTypesByCode: Map<string, ServiceTypeInfo>;
}

type VersionRow = typeof tariffVersions.$inferSelect;
type TierRow = typeof tariffTiers.$inferSelect;

export function toTariffVersion(row: VersionRow, tiers: readonly TierRow[], type: ServiceTypeInfo): TariffVersion {
  return {
    id: row.id,
    serviceTypeCode: type.code,
    effectiveFrom: row.effectiveFrom,
    basis: row.basis as TariffBasis,
    pricesIncludeVat: row.pricesIncludeVat,
    vatRateBp: row.vatRateBp,
    prorationMethod: row.prorationMethod as ProrationMethod,
    tiers: [...tiers]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((t) => ({ upTo: t.upTo, unitPrice: Number(t.unitPrice) })),
    minConsumption: row.minConsumption,
    meterSubscription: row.meterSubscription === null ? null : Number(row.meterSubscription),
    environmentFeeBp: row.environmentFeeBp,
    drainageBp: row.drainageBp,
    drainageVatBp: row.drainageVatBp,
    domestic: type.isDomestic,
  };
}

/** Every service type with its versions (or only the given codes). Types without versions have none listed. */
export async function loadTariffBook(db: DbOrTx, codes?: readonly string[]): Promise<TariffBook> {
  const types = await db
    .select({
      id: serviceTypes.id,
      code: serviceTypes.code,
      name: serviceTypes.name,
      isDomestic: serviceTypes.isDomestic,
    })
    .from(serviceTypes)
    .where(codes ? inArray(serviceTypes.code, [...codes]) : undefined);
  const infos = types.map((t) => ({ ...t, isDomestic: t.isDomestic === 1 }));
  const serviceTypesById = new Map(infos.map((t) => [t.id, t]));
  const serviceTypesByCode = new Map(infos.map((t) => [t.code, t]));
  const versionsByServiceType: Record<string, TariffVersion[]> = {};
  if (infos.length === 0) return { versionsByServiceType, serviceTypesById, serviceTypesByCode };

  const versions = await db
    .select()
    .from(tariffVersions)
    .where(
      inArray(
        tariffVersions.serviceTypeId,
        infos.map((t) => t.id),
      ),
    )
    .orderBy(asc(tariffVersions.effectiveFrom));
  const tiers = versions.length
    ? await db
        .select()
        .from(tariffTiers)
        .where(
          inArray(
            tariffTiers.versionId,
            versions.map((v) => v.id),
          ),
        )
    : [];
  const tiersByVersion = new Map<number, TierRow[]>();
  for (const t of tiers) tiersByVersion.set(t.versionId, [...(tiersByVersion.get(t.versionId) ?? []), t]);
  for (const v of versions) {
    const type = serviceTypesById.get(v.serviceTypeId);
    if (!type) continue;
    (versionsByServiceType[type.code] ??= []).push(toTariffVersion(v, tiersByVersion.get(v.id) ?? [], type));
  }
  return { versionsByServiceType, serviceTypesById, serviceTypesByCode };
}
