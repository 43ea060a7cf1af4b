'use client';

import { useMemo, useState } from 'react';
import { useQuery, type SSRData } from 'urql';
import { todayVN } from '@/components/readings/format';
import { foldVietnamese } from '@/domain/text/normalize';
import { errorMessage } from '@/lib/graphql/errors';
import { useHydrate } from '@/lib/graphql/provider';
import { readTariffCatalog, TariffCatalogQuery, type TariffServiceType } from './tariffs.documents';

/** A kept selection if its row still exists, else the fallback row's key. */
function keep<T extends { id: number }>(
  key: string | null,
  rows: readonly T[],
  fallback: T | undefined,
): string | null {
  if (key && rows.some((r) => String(r.id) === key)) return key;
  return fallback ? String(fallback.id) : null;
}

/**
 * The tariff catalog from the cache (server-rendered first, re-run by every tariff mutation) and the cascade
 * of selections: service type → version (the one in force by default) → tier.
 */
export function useTariffCatalog(initialData: SSRData | undefined) {
  const requestPolicy = useHydrate(initialData);
  const [result, refresh] = useQuery({ query: TariffCatalogQuery, requestPolicy });
  const types = useMemo(() => readTariffCatalog(result.data), [result.data]);
  const loadError = result.error ? errorMessage(result.error, 'Không tải được danh mục loại dịch vụ.') : null;
  const today = useMemo(() => todayVN(), []);

  const [filter, setFilter] = useState('');
  const [typeKey, setTypeKey] = useState<string | null>(null);
  // The version chosen remembers its service type: another type starts at its version in force, not at a version key
  // of the previous type.
  const [versionChoice, setVersionChoice] = useState<{ typeKey: string | null; key: string | null }>({
    typeKey: null,
    key: null,
  });
  const [tierKey, setTierKey] = useState<string | null>(null);

  const effectiveTypeKey = types ? keep(typeKey, types, types[0]) : null;
  const type: TariffServiceType | null = types?.find((t) => String(t.id) === effectiveTypeKey) ?? null;
  const currentVersion = useMemo(() => {
    if (!type) return null;
    return (
      [...type.versions]
        .filter((v) => v.effectiveFrom <= today)
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null
    );
  }, [type, today]);
  const versionKey = versionChoice.typeKey === effectiveTypeKey ? versionChoice.key : null;
  const setVersionKey = (key: string | null) => setVersionChoice({ typeKey: effectiveTypeKey, key });
  const effectiveVersionKey = type ? keep(versionKey, type.versions, currentVersion ?? type.versions[0]) : null;
  const version = type?.versions.find((v) => String(v.id) === effectiveVersionKey) ?? null;
  const tiers = version?.tiers ?? NO_TIERS;
  const effectiveTierKey = keep(tierKey, tiers, tiers[0]);
  const tier = tiers.find((t) => String(t.id) === effectiveTierKey) ?? null;

  const visibleTypes = useMemo(() => {
    const f = foldVietnamese(filter.trim());
    if (!types || !f) return types ?? [];
    return types.filter((t) => foldVietnamese(`${t.code} ${t.name}`).includes(f));
  }, [types, filter]);

  return {
    types,
    visibleTypes,
    loadError,
    refresh: () => refresh({ requestPolicy: 'network-only' }),
    today,
    filter,
    setFilter,
    type,
    typeKey: effectiveTypeKey,
    setTypeKey,
    currentVersion,
    version,
    versionKey: effectiveVersionKey,
    setVersionKey,
    tiers,
    tier,
    tierKey: effectiveTierKey,
    setTierKey,
  };
}

export type TariffCatalogState = ReturnType<typeof useTariffCatalog>;

const NO_TIERS: readonly never[] = [];
