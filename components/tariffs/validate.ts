import { validateTariffVersion } from '@/domain/tariff/validate';
import type { TierInput, VersionFields } from './tariffs.documents';

/** Tiers in billing order, as the server stores them: limited tiers by limit, the unlimited one last. */
export function orderTiers<T extends { upTo: number | null }>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => (a.upTo ?? Number.MAX_SAFE_INTEGER) - (b.upTo ?? Number.MAX_SAFE_INTEGER));
}

/**
 * Checks a version as it would be stored, with the rate engine's own validation, so a wrong tier table is
 * explained before it is sent. Returns the Vietnamese reason or null.
 */
export function checkVersion(
  serviceTypeCode: string,
  fields: VersionFields,
  tiers: readonly TierInput[],
): string | null {
  if (tiers.length === 0) return 'Bảng giá phải có ít nhất một bậc.';
  if (tiers.length > 20) return 'Tối đa 20 bậc giá.';
  if (tiers.filter((t) => t.upTo === null).length > 1) return 'Chỉ bậc cuối cùng được “không giới hạn”.';
  const limits = tiers.map((t) => t.upTo).filter((u): u is number => u !== null);
  if (new Set(limits).size !== limits.length) return 'Hai bậc không được có cùng giới hạn.';
  if (!tiers.some((t) => t.upTo === null)) return 'Bậc cuối cùng phải “không giới hạn”.';
  try {
    validateTariffVersion(
      {
        id: 0,
        serviceTypeCode,
        effectiveFrom: fields.effectiveFrom,
        basis: fields.basis,
        pricesIncludeVat: fields.pricesIncludeVat,
        vatRateBp: fields.vatRateBp,
        prorationMethod: fields.prorationMethod,
        minConsumption: fields.minConsumption,
        meterSubscription: fields.meterSubscription,
        environmentFeeBp: fields.environmentFeeBp,
        drainageBp: fields.drainageBp,
        drainageVatBp: fields.drainageVatBp,
        tiers: orderTiers(tiers).map((t) => ({ upTo: t.upTo, unitPrice: t.unitPrice })),
      },
      serviceTypeCode,
    );
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : 'Bảng giá không hợp lệ.';
    const why = msg.replace(/^Bảng giá .*?\):\s*/, '');
    return why.charAt(0).toUpperCase() + why.slice(1) + (why.endsWith('.') ? '' : '.');
  }
}
