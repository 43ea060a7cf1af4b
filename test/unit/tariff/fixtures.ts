import type { BillInput, TariffVersion } from '@/domain/tariff/types';
import { seedVersionsByServiceType } from '@/domain/tariff/seed-tariffs';

/** A Hanoi household bill for May 2024; override what each test is about. */
export function hanoiInput(overrides: Partial<BillInput> = {}): BillInput {
  return {
    period: '2024-05',
    periodStart: '2024-05-01',
    periodEnd: '2024-05-31',
    consumption: 25,
    households: 1,
    persons: 4,
    versionsByServiceType: seedVersionsByServiceType(),
    serviceTypeCode: 'HN_SH',
    wastewater: { mode: 'standard' },
    isRuralCommune: false,
    ...overrides,
  };
}

export function version(
  overrides: Partial<TariffVersion> & Pick<TariffVersion, 'id' | 'effectiveFrom'>,
): TariffVersion {
  return {
    serviceTypeCode: 'T',
    basis: 'household',
    pricesIncludeVat: false,
    vatRateBp: 500,
    prorationMethod: 'split_days',
    tiers: [
      { upTo: 10, unitPrice: 5_000 },
      { upTo: null, unitPrice: 10_000 },
    ],
    environmentFeeBp: 0,
    drainageBp: 0,
    drainageVatBp: 0,
    ...overrides,
  };
}

export function amounts(result: { lines: { kind: string; amount: number }[] }, kind: string): number[] {
  return result.lines.filter((l) => l.kind === kind).map((l) => l.amount);
}
