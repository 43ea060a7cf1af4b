/**
 * Data shapes of the rate engine. Money is integer VND in `number` (always a
 * safe integer); percentages are integer basis points (500 = 5 %).
 * Quantities are whole m3 (or the unit of the service: kWh for electricity).
 */
import type { RoundingRule } from '../money/rounding';

/** How tier limits scale: per household on the meter, per registered person, or a single flat price. */
export type TariffBasis = 'household' | 'person' | 'flat';

/**
 * What to do when several versions are in force inside one billing period.
 * The method named on the NEWER version applies (see VIETNAM-RULES.md).
 */
export type ProrationMethod = 'split_days' | 'weighted_days' | 'reading_date';

export interface TariffTier {
  /** Cumulative upper bound in m3 per household / per person / per meter per month; null = no limit (last tier). */
  upTo: number | null;
  /** VND per m3, before VAT unless the version says `pricesIncludeVat`. */
  unitPrice: number;
}

export interface TariffVersion {
  id: number;
  serviceTypeCode: string;
  /** First day the version is in force (YYYY-MM-DD); in force until the next version's day. */
  effectiveFrom: string;
  basis: TariffBasis;
  pricesIncludeVat: boolean;
  vatRateBp: number;
  prorationMethod: ProrationMethod;
  tiers: TariffTier[];
  /** m3 billed at least per meter per period (null/absent = none). */
  minConsumption?: number | null;
  /** VND per meter per period, its own line (null/absent = none). */
  meterSubscription?: number | null;
  /** Environmental protection fee on wastewater, on the water amount before VAT; not subject to VAT. */
  environmentFeeBp: number;
  /** Drainage and wastewater service price (HCMC), on the water amount before VAT. */
  drainageBp: number;
  /** VAT on the drainage service price. */
  drainageVatBp: number;
  /**
   * Domestic use (sinh hoạt)? Drives the rural-commune exemption from the
   * environmental fee. Absent: household/person bases are domestic, flat is not.
   */
  domestic?: boolean;
}

export interface ConsumptionSplit {
  serviceTypeCode: string;
  /** Whole percent, > 0; all splits sum to 100. */
  percent: number;
}

interface Preferential {
  serviceTypeCode: string;
  /** Last day the certificate is valid (YYYY-MM-DD). */
  validUntil: string;
}

export type WastewaterMode = 'standard' | 'exempt' | 'custom';

export interface WastewaterSetting {
  mode: WastewaterMode;
  /** Environmental-fee rate for mode 'custom'. */
  customBp?: number;
}

export interface BillInput {
  period: string; // YYYY-MM
  periodStart: string; // YYYY-MM-DD, inclusive
  periodEnd: string; // YYYY-MM-DD, inclusive
  readingDate?: string;
  consumption: number;
  households: number;
  persons: number;
  splits?: ConsumptionSplit[];
  versionsByServiceType: Record<string, TariffVersion[]>;
  serviceTypeCode: string;
  preferential?: Preferential;
  wastewater: WastewaterSetting;
  isRuralCommune: boolean;
}

export type BillLineKind = 'tier' | 'subscription' | 'vat' | 'environment_fee' | 'drainage' | 'drainage_vat';

export interface BillLine {
  kind: BillLineKind;
  /** Vietnamese, printed on the bill. */
  description: string;
  tariffVersionId?: number;
  serviceTypeCode?: string;
  /** 1-based tier number. */
  tier?: number;
  /** Tier lines: m3; percentage lines: 1. */
  quantity: number;
  /** Tier lines: VND per m3 before VAT (rounded for display when derived from a VAT-inclusive price). */
  unitPrice: number;
  amount: number;
  /** Tier lines: effective bounds of the tier after households/persons/days scaling (to = null: no limit). */
  tierFrom?: number;
  tierTo?: number | null;
  /** Tier lines billed from a VAT-inclusive price: the published price. */
  priceIncludingVat?: number;
  /** Tier lines of a prorated period: days of this version / days of the period. */
  days?: number;
  periodDays?: number;
  /** Percentage lines: the amount the rate applies to, and the rate. */
  base?: number;
  rateBp?: number;
}

export interface Proration {
  serviceTypeCode: string;
  /** Method named on the newest version in force in the period. */
  method: ProrationMethod;
  /** Versions in force in the period, oldest first, with their days. */
  segments: { tariffVersionId: number; effectiveFrom: string; days: number }[];
  /** reading_date: the version that billed the whole period. */
  appliedVersionId?: number;
}

/** Stable codes of the engine's warnings: something the bill assumed that a person should check. */
type BillWarningCode = 'persons_missing' | 'minimum_applied' | 'preferential_expired' | 'tariff_change';

export interface BillWarning {
  code: BillWarningCode;
  /** Vietnamese, for the screens and the invoice. */
  message: string;
}

export interface BillResult {
  lines: BillLine[];
  /** Water (tier lines) + meter subscription, before VAT. */
  subtotal: number;
  vat: number;
  environmentFee: number;
  drainageFee: number;
  drainageVat: number;
  total: number;
  warnings: BillWarning[];
  /** m3 actually billed (after the minimum consumption). */
  billedConsumption: number;
  /** One entry per service type that had more than one version in force in the period (empty otherwise). */
  prorations: Proration[];
  roundingRule: RoundingRule;
}
