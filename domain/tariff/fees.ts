/**
 * Tax and fee lines computed on the water amount (VIETNAM-RULES "Lines on a
 * water bill"):
 * - VAT (5 % on water) on the subtotal = tier lines + meter subscription;
 * - environmental protection fee on wastewater on the tier lines only, not
 *   subject to VAT; rural communes are exempt for domestic use;
 * - HCMC drainage service price on the tier lines, itself subject to VAT.
 * Amounts are summed per rate first and each rate line is rounded once
 * (PER_LINE_HALF_UP), which is what makes the worked example come out at
 * 8,680 / 17,360. Different versions in one period may carry different
 * rates (HCMC drainage 20 % → 25 % on 1 January), hence the grouping.
 */
import { applyRate } from '../money/rounding';
import { LINE_TEXT } from './describe';
import type { BillLine, BillLineKind, TariffVersion, WastewaterSetting } from './types';

export interface PricedAmount {
  version: TariffVersion;
  amount: number;
}

export interface FeeContext {
  wastewater: WastewaterSetting;
  isRuralCommune: boolean;
}

function isDomestic(version: TariffVersion): boolean {
  return version.domestic ?? version.basis !== 'flat';
}

/**
 * Environmental-fee rate for a version: 'exempt' → none; rural commune and
 * domestic use → none (Decree 53/2020); 'custom' → the customer's rate;
 * otherwise the version's rate.
 */
function environmentFeeRate(version: TariffVersion, ctx: FeeContext): number {
  if (ctx.wastewater.mode === 'exempt') return 0;
  if (ctx.isRuralCommune && isDomestic(version)) return 0;
  if (ctx.wastewater.mode === 'custom') return ctx.wastewater.customBp ?? 0;
  return version.environmentFeeBp;
}

/** Drainage is a service on the wastewater: an exempt customer (not connected) pays none. */
function drainageRate(version: TariffVersion, ctx: FeeContext): number {
  return ctx.wastewater.mode === 'exempt' ? 0 : version.drainageBp;
}

interface RateGroup<K> {
  key: K;
  rateBp: number;
  base: number;
}

/** Sums bases per key, keeping the order in which keys first appear (deterministic). */
function groupByRate<T, K>(
  items: readonly T[],
  keyOf: (t: T) => K | null,
  rateOf: (k: K) => number,
  amountOf: (t: T) => number,
): RateGroup<K>[] {
  const groups: RateGroup<K>[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.find((g) => g.key === key);
    if (group) group.base += amountOf(item);
    else groups.push({ key, rateBp: rateOf(key), base: amountOf(item) });
  }
  return groups;
}

function rateLine(kind: BillLineKind, description: string, base: number, rateBp: number): BillLine {
  const amount = applyRate(base, rateBp);
  return { kind, description, quantity: 1, unitPrice: amount, amount, base, rateBp };
}

export function feeLines(
  water: readonly PricedAmount[],
  subscription: PricedAmount | null,
  ctx: FeeContext,
): BillLine[] {
  const lines: BillLine[] = [];
  const taxable = subscription ? [...water, subscription] : [...water];

  for (const g of groupByRate(
    taxable,
    (p) => p.version.vatRateBp,
    (k) => k,
    (p) => p.amount,
  )) {
    lines.push(rateLine('vat', LINE_TEXT.vat(g.rateBp), g.base, g.rateBp));
  }
  const envKey = (p: PricedAmount): number | null => {
    const rate = environmentFeeRate(p.version, ctx);
    return rate > 0 ? rate : null;
  };
  for (const g of groupByRate(
    water,
    envKey,
    (k) => k,
    (p) => p.amount,
  )) {
    lines.push(rateLine('environment_fee', LINE_TEXT.environmentFee(g.rateBp), g.base, g.rateBp));
  }

  // Drainage grouped by (rate, VAT rate) so each drainage line knows its VAT.
  const drainageKey = (p: PricedAmount): string | null => {
    const rate = drainageRate(p.version, ctx);
    return rate > 0 ? `${rate}/${p.version.drainageVatBp}` : null;
  };
  const rateOfKey = (k: string): number => Number(k.split('/')[0]);
  const drainage = groupByRate(water, drainageKey, rateOfKey, (p) => p.amount).map((g) => ({
    line: rateLine('drainage', LINE_TEXT.drainage(g.rateBp), g.base, g.rateBp),
    vatBp: Number(g.key.split('/')[1]),
  }));
  lines.push(...drainage.map((d) => d.line));
  const drainageVat = groupByRate(
    drainage,
    (d) => (d.vatBp > 0 ? d.vatBp : null),
    (k) => k,
    (d) => d.line.amount,
  );
  for (const g of drainageVat) {
    lines.push(rateLine('drainage_vat', LINE_TEXT.drainageVat(g.rateBp), g.base, g.rateBp));
  }

  return lines.filter((l) => l.amount !== 0);
}
