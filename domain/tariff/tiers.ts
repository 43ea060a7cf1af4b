/**
 * Tier limits as they apply to one meter, and how consumption fills them.
 *
 * Published limits are per household (Hanoi) or per registered person
 * (HCMC); a meter shared by N households / registered for N persons
 * multiplies every cumulative limit by N. When a tariff changes mid-period
 * under split_days, each version's limits are further prorated by its days
 * (rounded half up to whole m3).
 */
import { mulDivHalfUp, multiplyExact } from '../money/rounding';
import type { TariffVersion } from './types';

export interface EffectiveTier {
  /** 1-based. */
  tier: number;
  from: number;
  /** null = no limit. */
  to: number | null;
  unitPrice: number;
}

export interface TierFill {
  tier: EffectiveTier;
  quantity: number;
}

/** Households or persons multiplying the limits; persons = 0 counts as 1 (the caller warns). */
export function limitMultiplier(version: TariffVersion, households: number, persons: number): number {
  if (version.basis === 'household') return households;
  if (version.basis === 'person') return Math.max(persons, 1);
  return 1;
}

export function effectiveTiers(
  version: TariffVersion,
  multiplier: number,
  proration?: { days: number; totalDays: number },
): EffectiveTier[] {
  let from = 0;
  return version.tiers.map((t, i) => {
    let to: number | null = null;
    if (t.upTo !== null) {
      const scaled = multiplyExact(t.upTo, multiplier);
      to = proration ? mulDivHalfUp(scaled, proration.days, proration.totalDays) : scaled;
    }
    const tier: EffectiveTier = { tier: i + 1, from, to, unitPrice: t.unitPrice };
    if (to !== null) from = to;
    return tier;
  });
}

/** Fills the tiers bottom-up; only tiers that receive m3 are returned. Their quantities sum to `quantity`. */
export function fillTiers(quantity: number, tiers: readonly EffectiveTier[]): TierFill[] {
  const fills: TierFill[] = [];
  for (const tier of tiers) {
    const cap = tier.to === null ? quantity : Math.min(quantity, tier.to);
    const q = cap - tier.from;
    if (q > 0) fills.push({ tier, quantity: q });
  }
  return fills;
}
