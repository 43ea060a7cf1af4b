/**
 * The rate engine: consumption in, bill lines out. Pure and deterministic —
 * no clock, no I/O, and the same bill whatever order the caller lists
 * splits or versions in (both are put in a canonical order first).
 *
 * Steps:
 *  1. service types to bill: the splits (or the customer's single type),
 *     with a valid preferential type substituted for the customer's own;
 *  2. minimum consumption, then m3 per service type by largest remainder;
 *  3. per service type, tier lines under the version(s) in force, with the
 *     proration method of the newest version when the tariff changed;
 *  4. meter subscription, then VAT and fee lines (see fees.ts).
 * Every amount is rounded once per line, half up (RoundingRule.PER_LINE_HALF_UP).
 *
 * Known limit: m3 are split by largest remainder (as specified). With three
 * or more parts (3 service types, or 3 versions in one period under
 * split_days) one more m3 can move a unit between parts (the "Alabama
 * paradox"), so a bill is only guaranteed monotonic in consumption for up to
 * two parts — the usual case.
 */
import { allocateLargestRemainder } from '../money/allocate';
import { BASIS_POINTS_PER_UNIT, RoundingRule, roundHalfUp } from '../money/rounding';
import { compareDates } from '../reading/period';
import { LINE_TEXT, WARNING_TEXT, formatDateVi, tierLabel } from './describe';
import { TariffError } from './errors';
import { feeLines, type PricedAmount } from './fees';
import { effectiveTiers, fillTiers, limitMultiplier } from './tiers';
import type { BillInput, BillLine, BillResult, BillWarning, Proration, TariffVersion } from './types';
import { validateBillInput } from './validate';
import { segmentsInPeriod, sortedVersions, versionInForce, type VersionSegment } from './versions';

export { TariffError } from './errors';

interface Plan {
  code: string;
  sorted: TariffVersion[];
  segments: VersionSegment[];
  /** Version whose per-meter rules (minimum, subscription) apply. */
  governing: TariffVersion;
}

interface PricedLine extends PricedAmount {
  line: BillLine;
}

/** How a version's tier lines are scaled when the tariff changed mid-period. */
type Scaling =
  { mode: 'none'; dated: boolean } | { mode: 'split_days' | 'weighted_days'; days: number; totalDays: number };

const BP = BigInt(BASIS_POINTS_PER_UNIT);

function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Amount of `quantity` m3 at `price`, in one rounding:
 *   qty × price × 10000 / (10000 + VAT if the price includes VAT) × days / totalDays.
 * VAT-inclusive prices are thus brought back to their pre-VAT amount per
 * line; VAT is then added on the subtotal like for any other tariff, so the
 * customer pays the published price to within 1 VND per line.
 */
function lineAmount(quantity: number, price: number, vatIncludedBp: number, weight: [number, number]): number {
  const numerator = BigInt(quantity) * BigInt(price) * BP * BigInt(weight[0]);
  const denominator = (BP + BigInt(vatIncludedBp)) * BigInt(weight[1]);
  return roundHalfUp(numerator, denominator);
}

function planFor(input: BillInput, code: string): Plan {
  const sorted = sortedVersions(input.versionsByServiceType, code);
  const segments = segmentsInPeriod(sorted, input.periodStart, input.periodEnd);
  const newest = segments[segments.length - 1]?.version as TariffVersion; // non-empty: checked by segmentsInPeriod
  let governing = newest;
  if (segments.length > 1 && newest.prorationMethod === 'reading_date') {
    const date = input.readingDate ?? input.periodEnd;
    const v = versionInForce(sorted, date);
    if (!v) {
      throw new TariffError(
        'NO_TARIFF_VERSION',
        `Không có bảng giá của loại dịch vụ ${code} có hiệu lực vào ngày ghi chỉ số ${date}`,
      );
    }
    governing = v;
  }
  return { code, sorted, segments, governing };
}

function tierLines(
  version: TariffVersion,
  quantity: number,
  input: BillInput,
  scaling: Scaling,
  prefix: string,
): PricedLine[] {
  const prorateLimits =
    scaling.mode === 'split_days' ? { days: scaling.days, totalDays: scaling.totalDays } : undefined;
  const tiers = effectiveTiers(version, limitMultiplier(version, input.households, input.persons), prorateLimits);
  const vatIncluded = version.pricesIncludeVat ? version.vatRateBp : 0;
  const weight: [number, number] = scaling.mode === 'weighted_days' ? [scaling.days, scaling.totalDays] : [1, 1];
  let suffix = '';
  if (scaling.mode !== 'none')
    suffix = ` – giá từ ${formatDateVi(version.effectiveFrom)}, ${scaling.days}/${scaling.totalDays} ngày`;
  else if (scaling.dated) suffix = ` – giá từ ${formatDateVi(version.effectiveFrom)}`;

  return fillTiers(quantity, tiers).map(({ tier, quantity: q }) => {
    const amount = lineAmount(q, tier.unitPrice, vatIncluded, weight);
    const line: BillLine = {
      kind: 'tier',
      description: prefix + tierLabel(tier, tiers.length === 1) + suffix,
      tariffVersionId: version.id,
      serviceTypeCode: version.serviceTypeCode,
      tier: tier.tier,
      quantity: q,
      unitPrice: vatIncluded ? roundHalfUp(BigInt(tier.unitPrice) * BP, BP + BigInt(vatIncluded)) : tier.unitPrice,
      amount,
      tierFrom: tier.from,
      tierTo: tier.to,
      ...(vatIncluded ? { priceIncludingVat: tier.unitPrice } : {}),
      ...(scaling.mode !== 'none' ? { days: scaling.days, periodDays: scaling.totalDays } : {}),
    };
    return { line, version, amount };
  });
}

/** Tier lines of one service type, applying the proration method when several versions are in force. */
function billPart(
  plan: Plan,
  quantity: number,
  input: BillInput,
  prefix: string,
): { lines: PricedLine[]; proration: Proration | null } {
  const { segments } = plan;
  const only = segments[0];
  if (segments.length === 1 && only) {
    return { lines: tierLines(only.version, quantity, input, { mode: 'none', dated: false }, prefix), proration: null };
  }

  const method = plan.segments[segments.length - 1]?.version.prorationMethod ?? 'split_days';
  const totalDays = segments.reduce((a, s) => a + s.days, 0);
  const proration: Proration = {
    serviceTypeCode: plan.code,
    method,
    segments: segments.map((s) => ({
      tariffVersionId: s.version.id,
      effectiveFrom: s.version.effectiveFrom,
      days: s.days,
    })),
  };

  if (method === 'reading_date') {
    proration.appliedVersionId = plan.governing.id;
    return { lines: tierLines(plan.governing, quantity, input, { mode: 'none', dated: true }, prefix), proration };
  }
  if (method === 'split_days') {
    // Earlier versions win largest-remainder ties: segments are oldest first.
    const parts = allocateLargestRemainder(
      quantity,
      segments.map((s) => s.days),
    );
    const lines = segments.flatMap((s, i) =>
      tierLines(s.version, parts[i] ?? 0, input, { mode: 'split_days', days: s.days, totalDays }, prefix),
    );
    return { lines, proration };
  }
  const lines = segments.flatMap((s) =>
    tierLines(s.version, quantity, input, { mode: 'weighted_days', days: s.days, totalDays }, prefix),
  );
  return { lines, proration };
}

/** Versions whose tiers were actually used (for the persons warning). */
function usedVersions(plan: Plan): TariffVersion[] {
  const method = plan.segments[plan.segments.length - 1]?.version.prorationMethod;
  if (plan.segments.length > 1 && method === 'reading_date') return [plan.governing];
  return plan.segments.map((s) => s.version);
}

function subscriptionLine(plans: readonly Plan[]): PricedLine | null {
  // One meter, one subscription: the highest one among the service types billed.
  let chosen: TariffVersion | null = null;
  for (const p of plans) {
    const fee = p.governing.meterSubscription ?? 0;
    if (fee > 0 && fee > (chosen?.meterSubscription ?? 0)) chosen = p.governing;
  }
  if (!chosen) return null;
  const fee = chosen.meterSubscription ?? 0;
  const vatIncluded = chosen.pricesIncludeVat ? chosen.vatRateBp : 0;
  const amount = lineAmount(1, fee, vatIncluded, [1, 1]);
  return {
    version: chosen,
    amount,
    line: {
      kind: 'subscription',
      description: LINE_TEXT.subscription,
      tariffVersionId: chosen.id,
      serviceTypeCode: chosen.serviceTypeCode,
      quantity: 1,
      unitPrice: amount,
      amount,
    },
  };
}

function calculate(input: BillInput): BillResult {
  validateBillInput(input);
  const warnings: BillWarning[] = [];

  // 1. Service types. A preferential type replaces the customer's own type while valid.
  const pref = input.preferential;
  const prefActive = pref !== undefined && compareDates(pref.validUntil, input.periodEnd) >= 0;
  if (pref && !prefActive) {
    warnings.push({
      code: 'preferential_expired',
      message: WARNING_TEXT.preferentialExpired(pref.serviceTypeCode, pref.validUntil, input.serviceTypeCode),
    });
  }
  const billingCode = (code: string): string =>
    prefActive && code === input.serviceTypeCode ? pref.serviceTypeCode : code;
  // Sorted by code so that largest-remainder ties and line order do not depend on the input order.
  const shares = [...(input.splits ?? [{ serviceTypeCode: input.serviceTypeCode, percent: 100 }])].sort((a, b) =>
    codeOrder(a.serviceTypeCode, b.serviceTypeCode),
  );
  const plans = new Map<string, Plan>();
  for (const s of shares) {
    const code = billingCode(s.serviceTypeCode);
    if (!plans.has(code)) plans.set(code, planFor(input, code));
  }
  const orderedPlans = [...plans.values()].sort((a, b) => codeOrder(a.code, b.code));

  // 2. Minimum consumption is per meter: the highest minimum among the types billed.
  const minimum = Math.max(0, ...orderedPlans.map((p) => p.governing.minConsumption ?? 0));
  const billed = Math.max(input.consumption, minimum);
  if (billed > input.consumption)
    warnings.push({ code: 'minimum_applied', message: WARNING_TEXT.minimumApplied(minimum, input.consumption) });

  const shareQty = allocateLargestRemainder(
    billed,
    shares.map((s) => s.percent),
  );
  const qtyByCode = new Map<string, number>();
  shares.forEach((s, i) => {
    const code = billingCode(s.serviceTypeCode);
    qtyByCode.set(code, (qtyByCode.get(code) ?? 0) + (shareQty[i] ?? 0));
  });

  // 3. Tier lines per service type.
  const tierPriced: PricedLine[] = [];
  const prorations: Proration[] = [];
  for (const plan of orderedPlans) {
    const prefix = orderedPlans.length > 1 ? `${plan.code} – ` : '';
    const { lines, proration } = billPart(plan, qtyByCode.get(plan.code) ?? 0, input, prefix);
    tierPriced.push(...lines);
    if (proration) {
      prorations.push(proration);
      warnings.push({
        code: 'tariff_change',
        message: WARNING_TEXT.tariffChange(plan.code, proration.segments.length, proration.method),
      });
    }
    if (input.persons === 0 && usedVersions(plan).some((v) => v.basis === 'person')) {
      warnings.push({ code: 'persons_missing', message: WARNING_TEXT.personsMissing(plan.code) });
    }
  }

  // 4. Subscription, then taxes and fees.
  const subscription = subscriptionLine(orderedPlans);
  const fees = feeLines(tierPriced, subscription, {
    wastewater: input.wastewater,
    isRuralCommune: input.isRuralCommune,
  });

  const lines = [...tierPriced.map((p) => p.line), ...(subscription ? [subscription.line] : []), ...fees];
  const sumOf = (kinds: readonly BillLine['kind'][]): number =>
    lines.filter((l) => kinds.includes(l.kind)).reduce((a, l) => a + l.amount, 0);
  const subtotal = sumOf(['tier', 'subscription']);
  const vat = sumOf(['vat']);
  const environmentFee = sumOf(['environment_fee']);
  const drainageFee = sumOf(['drainage']);
  const drainageVat = sumOf(['drainage_vat']);
  const total = subtotal + vat + environmentFee + drainageFee + drainageVat;
  if (!Number.isSafeInteger(total)) throw new RangeError('total');

  return {
    lines,
    subtotal,
    vat,
    environmentFee,
    drainageFee,
    drainageVat,
    total,
    warnings,
    billedConsumption: billed,
    prorations,
    roundingRule: RoundingRule.PER_LINE_HALF_UP,
  };
}

/**
 * Computes one bill. Throws TariffError on invalid input or when no tariff
 * version covers the period; amounts too large for exact integers are
 * reported as AMOUNT_OVERFLOW rather than silently rounded.
 */
export function calculateBill(input: BillInput): BillResult {
  try {
    return calculate(input);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new TariffError('AMOUNT_OVERFLOW', 'Số tiền hoặc sản lượng vượt quá giới hạn tính toán chính xác');
    }
    throw e;
  }
}
