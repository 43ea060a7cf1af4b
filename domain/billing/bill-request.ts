/**
 * From a customer's billing facts to the rate engine's input, and a memo of
 * engine results: a company bills hundreds of thousands of customers whose
 * inputs repeat (same service type, households, persons and m3), so a run
 * computes each distinct input once.
 */
import { periodBounds } from '../reading/period';
import { calculateBill } from '../tariff/engine';
import type { BillInput, BillResult, ConsumptionSplit, TariffVersion, WastewaterSetting } from '../tariff/types';

/** What the engine needs to know about a customer, apart from the m3. */
export interface CustomerBillFacts {
  serviceTypeCode: string;
  households: number;
  persons: number;
  /** Mixed use: shares by service type code (sum 100); null = the single service type. */
  splits: ConsumptionSplit[] | null;
  /** The preferential service type billed while the certificate is valid (null = none). */
  preferentialCode: string | null;
  /** Last valid day of the certificate; null = no expiry recorded. */
  preferentialUntil: string | null;
  wastewater: WastewaterSetting;
  isRuralCommune: boolean;
}

/** No expiry recorded: the certificate counts as valid (the clerk sets the date when the paper says one). */
const NO_EXPIRY = '9999-12-31';

/**
 * Poor-household prices are their own service types in the published tariffs (HN_SH → HN_SH_NGHEO,
 * HCM_SH → HCM_SH_NGHEO). Until service types carry an explicit link, the `_NGHEO` naming convention of
 * the seeded catalog is the link; a type without such a sibling has no preferential price.
 */
export function preferentialCodeFor(serviceTypeCode: string, knownCodes: ReadonlySet<string>): string | null {
  const candidate = `${serviceTypeCode}_NGHEO`;
  return knownCodes.has(candidate) ? candidate : null;
}

export function billInputFor(
  facts: CustomerBillFacts,
  consumption: number,
  period: string,
  versionsByServiceType: Record<string, TariffVersion[]>,
): BillInput {
  const bounds = periodBounds(period);
  const input: BillInput = {
    period,
    periodStart: bounds.start,
    periodEnd: bounds.end,
    consumption,
    households: facts.households,
    persons: facts.persons,
    versionsByServiceType,
    serviceTypeCode: facts.serviceTypeCode,
    wastewater: facts.wastewater,
    isRuralCommune: facts.isRuralCommune,
  };
  if (facts.splits && facts.splits.length > 0) input.splits = facts.splits;
  if (facts.preferentialCode) {
    input.preferential = { serviceTypeCode: facts.preferentialCode, validUntil: facts.preferentialUntil ?? NO_EXPIRY };
  }
  return input;
}

/**
 * Everything of the facts that can change a bill, as one string. The preferential certificate enters
 * only as "valid in this period or not", so customers with different expiry dates share results.
 */
export function billKey(facts: CustomerBillFacts, consumption: number, periodEnd: string): string {
  const prefValid = facts.preferentialCode !== null && (facts.preferentialUntil ?? NO_EXPIRY) >= periodEnd;
  const pref = facts.preferentialCode === null ? '-' : `${facts.preferentialCode}:${prefValid ? 1 : 0}`;
  const splits = facts.splits
    ? facts.splits
        .map((s) => `${s.serviceTypeCode}=${s.percent}`)
        .sort()
        .join(',')
    : '';
  const ww = facts.wastewater.mode === 'custom' ? `c${facts.wastewater.customBp ?? 0}` : facts.wastewater.mode;
  return `${facts.serviceTypeCode}|${consumption}|${facts.households}|${facts.persons}|${splits}|${pref}|${ww}|${facts.isRuralCommune ? 1 : 0}`;
}

/**
 * calculateBill with a memo for one period and one set of tariff versions. Results are shared between
 * customers, so callers must treat them as read-only. Errors are memoised too (same input, same error).
 */
export class BillMemo {
  private readonly results = new Map<string, BillResult | Error>();
  private readonly periodEnd: string;

  constructor(
    private readonly period: string,
    private readonly versionsByServiceType: Record<string, TariffVersion[]>,
  ) {
    this.periodEnd = periodBounds(period).end;
  }

  get size(): number {
    return this.results.size;
  }

  bill(facts: CustomerBillFacts, consumption: number): BillResult {
    const key = billKey(facts, consumption, this.periodEnd);
    let result = this.results.get(key);
    if (result === undefined) {
      try {
        result = calculateBill(billInputFor(facts, consumption, this.period, this.versionsByServiceType));
      } catch (e) {
        result = e instanceof Error ? e : new Error(String(e));
      }
      this.results.set(key, result);
    }
    if (result instanceof Error) throw result;
    return result;
  }
}
