/**
 * Published tariffs, as data for seeding demo databases and for quick
 * estimates (VIETNAM-RULES.md "Published figures"). Prices are VND per m3
 * before VAT and fees; limits are per household (Hanoi) or per registered
 * person (HCMC). Version ids are stable so seeded bills can reference them.
 */
import type { ProrationMethod, TariffTier, TariffVersion } from './types';

export interface ServiceTypeSeed {
  code: string;
  /** Vietnamese name shown to users. */
  name: string;
  utility: 'water';
  versions: readonly TariffVersion[];
}

const WATER_VAT_BP = 500;
/** Reading cycles do not follow calendar months, so a mid-period change is split by days. */
const SEED_PRORATION: ProrationMethod = 'split_days';

const HANOI_FROM = '2015-10-01';
const HANOI_ENV_FEE_BP = 1000;

/** Hanoi limits: ≤10, >10–20, >20–30, >30 m3 per household per month. */
function hanoiTiers(p1: number, p2: number, p3: number, p4: number): TariffTier[] {
  return [
    { upTo: 10, unitPrice: p1 },
    { upTo: 20, unitPrice: p2 },
    { upTo: 30, unitPrice: p3 },
    { upTo: null, unitPrice: p4 },
  ];
}

/** HCMC norms: ≤4, >4–6, >6 m3 per registered person per month. */
function hcmcTiers(withinNorm: number): TariffTier[] {
  return [
    { upTo: 4, unitPrice: withinNorm },
    { upTo: 6, unitPrice: 12_900 },
    { upTo: null, unitPrice: 14_400 },
  ];
}

function flat(price: number): TariffTier[] {
  return [{ upTo: null, unitPrice: price }];
}

function hanoi(id: number, code: string, tiers: TariffTier[], domestic: boolean): TariffVersion {
  return {
    id,
    serviceTypeCode: code,
    effectiveFrom: HANOI_FROM,
    basis: domestic ? 'household' : 'flat',
    pricesIncludeVat: false,
    vatRateBp: WATER_VAT_BP,
    prorationMethod: SEED_PRORATION,
    tiers,
    environmentFeeBp: HANOI_ENV_FEE_BP,
    drainageBp: 0,
    drainageVatBp: 0,
    domestic,
  };
}

/**
 * HCMC: 2022 prices (Decision 25/2019 roadmap) unchanged since, but the
 * drainage service price steps up every 1 January — hence one version per
 * year. HCMC charges drainage instead of the environmental fee.
 */
const HCMC_DRAINAGE_STEPS: readonly { from: string; drainageBp: number }[] = [
  { from: '2022-01-01', drainageBp: 1500 },
  { from: '2023-01-01', drainageBp: 2000 },
  { from: '2024-01-01', drainageBp: 2500 },
  { from: '2025-01-01', drainageBp: 3000 },
];
const HCMC_DRAINAGE_VAT_BP = 1000;

function hcmc(baseId: number, code: string, tiers: TariffTier[], domestic: boolean): TariffVersion[] {
  return HCMC_DRAINAGE_STEPS.map((step, i) => ({
    id: baseId + i,
    serviceTypeCode: code,
    effectiveFrom: step.from,
    basis: domestic ? 'person' : 'flat',
    pricesIncludeVat: false,
    vatRateBp: WATER_VAT_BP,
    prorationMethod: SEED_PRORATION,
    tiers: tiers.map((t) => ({ ...t })),
    environmentFeeBp: 0,
    drainageBp: step.drainageBp,
    drainageVatBp: HCMC_DRAINAGE_VAT_BP,
    domestic,
  }));
}

/** Seeds are shared module state: frozen so no caller can change the published figures. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

export const SEED_SERVICE_TYPES: readonly ServiceTypeSeed[] = deepFreeze([
  {
    code: 'HN_SH',
    name: 'Hà Nội – Sinh hoạt hộ gia đình',
    utility: 'water',
    versions: [hanoi(101, 'HN_SH', hanoiTiers(5_973, 7_052, 8_669, 15_929), true)],
  },
  {
    code: 'HN_SH_NGHEO',
    name: 'Hà Nội – Sinh hoạt hộ nghèo, cận nghèo',
    utility: 'water',
    versions: [hanoi(102, 'HN_SH_NGHEO', hanoiTiers(3_600, 4_500, 5_600, 6_700), true)],
  },
  {
    code: 'HN_HCSN',
    name: 'Hà Nội – Cơ quan hành chính, đơn vị sự nghiệp, phục vụ công cộng',
    utility: 'water',
    versions: [hanoi(103, 'HN_HCSN', flat(9_955), false)],
  },
  {
    code: 'HN_SX',
    name: 'Hà Nội – Sản xuất vật chất',
    utility: 'water',
    versions: [hanoi(104, 'HN_SX', flat(11_615), false)],
  },
  {
    code: 'HN_KD',
    name: 'Hà Nội – Kinh doanh dịch vụ',
    utility: 'water',
    versions: [hanoi(105, 'HN_KD', flat(22_068), false)],
  },
  {
    code: 'HCM_SH',
    name: 'TP. Hồ Chí Minh – Sinh hoạt dân cư',
    utility: 'water',
    versions: hcmc(201, 'HCM_SH', hcmcTiers(6_700), true),
  },
  {
    code: 'HCM_SH_NGHEO',
    name: 'TP. Hồ Chí Minh – Sinh hoạt hộ nghèo, cận nghèo',
    utility: 'water',
    versions: hcmc(211, 'HCM_SH_NGHEO', hcmcTiers(6_300), true),
  },
  {
    code: 'HCM_HCSN',
    name: 'TP. Hồ Chí Minh – Cơ quan hành chính, đơn vị sự nghiệp',
    utility: 'water',
    versions: hcmc(221, 'HCM_HCSN', flat(13_000), false),
  },
  {
    code: 'HCM_SX',
    name: 'TP. Hồ Chí Minh – Sản xuất',
    utility: 'water',
    versions: hcmc(231, 'HCM_SX', flat(12_100), false),
  },
  {
    code: 'HCM_KD',
    name: 'TP. Hồ Chí Minh – Kinh doanh dịch vụ',
    utility: 'water',
    versions: hcmc(241, 'HCM_KD', flat(21_300), false),
  },
]);

export function findServiceTypeSeed(code: string): ServiceTypeSeed | undefined {
  return SEED_SERVICE_TYPES.find((s) => s.code === code);
}

/**
 * `versionsByServiceType` for calculateBill, built from the seeds (all of
 * them, or the codes given). Copies, so a caller cannot alter the seed data.
 */
export function seedVersionsByServiceType(codes?: readonly string[]): Record<string, TariffVersion[]> {
  const out: Record<string, TariffVersion[]> = {};
  for (const seed of SEED_SERVICE_TYPES) {
    if (codes && !codes.includes(seed.code)) continue;
    out[seed.code] = seed.versions.map((v) => ({ ...v, tiers: v.tiers.map((t) => ({ ...t })) }));
  }
  return out;
}
