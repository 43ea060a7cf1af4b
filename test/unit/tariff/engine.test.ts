import { describe, it, expect } from 'vitest';
import { calculateBill, TariffError } from '@/domain/tariff/engine';
import { seedVersionsByServiceType } from '@/domain/tariff/seed-tariffs';
import type { BillInput } from '@/domain/tariff/types';
import { amounts, hanoiInput, version } from './fixtures';

function tierQuantities(input: BillInput): number[] {
  return calculateBill(input)
    .lines.filter((l) => l.kind === 'tier')
    .map((l) => l.quantity);
}

describe('calculateBill – worked example (Hanoi, 1 household, 25 m3)', () => {
  const bill = calculateBill(hanoiInput());

  it('bills each tier on its own line', () => {
    const tiers = bill.lines.filter((l) => l.kind === 'tier');
    expect(tiers.map((l) => [l.description, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['Bậc 1 (0–10 m3)', 10, 5_973, 59_730],
      ['Bậc 2 (10–20 m3)', 10, 7_052, 70_520],
      ['Bậc 3 (20–30 m3)', 5, 8_669, 43_345],
    ]);
  });

  it('matches the published totals exactly', () => {
    expect(bill.subtotal).toBe(173_595);
    expect(bill.vat).toBe(8_680);
    expect(bill.environmentFee).toBe(17_360);
    expect(bill.drainageFee).toBe(0);
    expect(bill.total).toBe(199_635);
    expect(bill.warnings).toEqual([]);
    expect(bill.roundingRule).toBe('PER_LINE_HALF_UP');
  });

  it('shows VAT and the environmental fee as their own lines', () => {
    const vat = bill.lines.find((l) => l.kind === 'vat');
    const env = bill.lines.find((l) => l.kind === 'environment_fee');
    expect(vat).toMatchObject({ description: 'Thuế GTGT (5%)', base: 173_595, rateBp: 500, amount: 8_680 });
    expect(env).toMatchObject({
      description: 'Phí bảo vệ môi trường đối với nước thải (10%)',
      base: 173_595,
      amount: 17_360,
    });
    expect(bill.lines.reduce((a, l) => a + l.amount, 0)).toBe(bill.total);
  });
});

describe('calculateBill – tier boundaries', () => {
  it('10 m3 stays in tier 1', () => {
    expect(tierQuantities(hanoiInput({ consumption: 10 }))).toEqual([10]);
    expect(calculateBill(hanoiInput({ consumption: 10 })).subtotal).toBe(59_730);
  });
  it('11 m3 puts 1 m3 in tier 2', () => {
    const bill = calculateBill(hanoiInput({ consumption: 11 }));
    expect(tierQuantities(hanoiInput({ consumption: 11 }))).toEqual([10, 1]);
    expect(bill.subtotal).toBe(59_730 + 7_052);
  });
  it('30 m3 fills exactly three tiers', () => {
    expect(tierQuantities(hanoiInput({ consumption: 30 }))).toEqual([10, 10, 10]);
  });
  it('31 m3 reaches the open-ended tier 4', () => {
    const bill = calculateBill(hanoiInput({ consumption: 31 }));
    const last = bill.lines.filter((l) => l.kind === 'tier').at(-1);
    expect(last).toMatchObject({
      description: 'Bậc 4 (trên 30 m3)',
      tier: 4,
      quantity: 1,
      amount: 15_929,
      tierTo: null,
    });
    expect(bill.subtotal).toBe(59_730 + 70_520 + 86_690 + 15_929);
  });
  it('0 m3 gives an empty bill', () => {
    const bill = calculateBill(hanoiInput({ consumption: 0 }));
    expect(bill.lines).toEqual([]);
    expect(bill.total).toBe(0);
  });
});

describe('calculateBill – households and persons', () => {
  it('2 households double every tier limit', () => {
    const bill = calculateBill(hanoiInput({ consumption: 25, households: 2 }));
    const tiers = bill.lines.filter((l) => l.kind === 'tier');
    expect(tiers.map((l) => [l.description, l.quantity, l.amount])).toEqual([
      ['Bậc 1 (0–20 m3)', 20, 119_460],
      ['Bậc 2 (20–40 m3)', 5, 35_260],
    ]);
    expect(bill.subtotal).toBe(154_720);
  });

  it('HCMC: 4 persons give 16 m3 in the first band and 24 m3 up to the second', () => {
    const bill = calculateBill(hanoiInput({ serviceTypeCode: 'HCM_SH', persons: 4, consumption: 30 }));
    const tiers = bill.lines.filter((l) => l.kind === 'tier');
    expect(tiers.map((l) => [l.tierFrom, l.tierTo, l.quantity, l.unitPrice, l.amount])).toEqual([
      [0, 16, 16, 6_700, 107_200],
      [16, 24, 8, 12_900, 103_200],
      [24, null, 6, 14_400, 86_400],
    ]);
    expect(bill.subtotal).toBe(296_800);
    expect(bill.vat).toBe(14_840);
    expect(bill.environmentFee).toBe(0);
    // 2024: drainage service price 25 % of the water amount, plus 10 % VAT on it.
    expect(bill.drainageFee).toBe(74_200);
    expect(bill.drainageVat).toBe(7_420);
    expect(bill.total).toBe(393_260);
  });

  it('HCMC: 0 persons is billed as 1 person, with a warning', () => {
    const bill = calculateBill(hanoiInput({ serviceTypeCode: 'HCM_SH', persons: 0, consumption: 10 }));
    expect(bill.subtotal).toBe(4 * 6_700 + 2 * 12_900 + 4 * 14_400);
    expect(bill.warnings).toEqual([
      { code: 'persons_missing', message: expect.stringContaining('tạm tính định mức theo 1 người') },
    ]);
  });
});

describe('calculateBill – preferential (poor households)', () => {
  it('bills at the preferential prices while the certificate is valid', () => {
    const bill = calculateBill(
      hanoiInput({ preferential: { serviceTypeCode: 'HN_SH_NGHEO', validUntil: '2024-12-31' } }),
    );
    expect(amounts(bill, 'tier')).toEqual([36_000, 45_000, 28_000]);
    expect(bill.lines[0]?.serviceTypeCode).toBe('HN_SH_NGHEO');
    expect(bill.warnings).toEqual([]);
  });
  it('is still valid when it expires on the last day of the period', () => {
    const bill = calculateBill(
      hanoiInput({ preferential: { serviceTypeCode: 'HN_SH_NGHEO', validUntil: '2024-05-31' } }),
    );
    expect(bill.subtotal).toBe(109_000);
  });
  it('falls back to the normal prices after expiry, with a warning', () => {
    const bill = calculateBill(
      hanoiInput({ preferential: { serviceTypeCode: 'HN_SH_NGHEO', validUntil: '2024-05-30' } }),
    );
    expect(bill.subtotal).toBe(173_595);
    expect(bill.warnings).toEqual([
      { code: 'preferential_expired', message: 'Ưu đãi HN_SH_NGHEO đã hết hạn ngày 30/05/2024: tính theo giá HN_SH' },
    ]);
  });
  it('HCMC poor households pay 6,300 within the norm only', () => {
    const bill = calculateBill(
      hanoiInput({
        serviceTypeCode: 'HCM_SH',
        persons: 1,
        consumption: 7,
        preferential: { serviceTypeCode: 'HCM_SH_NGHEO', validUntil: '2030-01-01' },
      }),
    );
    expect(amounts(bill, 'tier')).toEqual([4 * 6_300, 2 * 12_900, 14_400]);
  });
});

describe('calculateBill – mixed use (splits)', () => {
  const splits = [
    { serviceTypeCode: 'HN_SH', percent: 80 },
    { serviceTypeCode: 'HN_KD', percent: 20 },
  ];

  it('splits 23 m3 80/20 by largest remainder and conserves the m3', () => {
    const bill = calculateBill(hanoiInput({ consumption: 23, splits }));
    const tiers = bill.lines.filter((l) => l.kind === 'tier');
    // 18.4 / 4.6 → 18 / 5 (the 0.6 remainder wins the last m3).
    expect(tiers.map((l) => [l.serviceTypeCode, l.quantity, l.amount])).toEqual([
      ['HN_KD', 5, 110_340],
      ['HN_SH', 10, 59_730],
      ['HN_SH', 8, 56_416],
    ]);
    expect(tiers.reduce((a, l) => a + l.quantity, 0)).toBe(23);
    expect(tiers[0]?.description).toBe('HN_KD – Tiền nước (đơn giá một mức)');
    expect(bill.subtotal).toBe(226_486);
    expect(bill.vat).toBe(11_324);
    expect(bill.environmentFee).toBe(22_649);
    expect(bill.total).toBe(260_459);
  });

  it('gives the same bill whatever the order of the splits, ties included', () => {
    const a = calculateBill(
      hanoiInput({
        consumption: 3,
        splits: [
          { serviceTypeCode: 'HN_SH', percent: 50 },
          { serviceTypeCode: 'HN_KD', percent: 50 },
        ],
      }),
    );
    const b = calculateBill(
      hanoiInput({
        consumption: 3,
        splits: [
          { serviceTypeCode: 'HN_KD', percent: 50 },
          { serviceTypeCode: 'HN_SH', percent: 50 },
        ],
      }),
    );
    expect(a).toEqual(b);
    expect(a.lines.filter((l) => l.kind === 'tier').map((l) => [l.serviceTypeCode, l.quantity])).toEqual([
      ['HN_KD', 2],
      ['HN_SH', 1],
    ]);
  });

  it('applies the preferential type to the customer’s own share only', () => {
    const bill = calculateBill(
      hanoiInput({
        consumption: 10,
        splits,
        preferential: { serviceTypeCode: 'HN_SH_NGHEO', validUntil: '2025-01-01' },
      }),
    );
    expect(bill.lines.filter((l) => l.kind === 'tier').map((l) => [l.serviceTypeCode, l.quantity])).toEqual([
      ['HN_KD', 2],
      ['HN_SH_NGHEO', 8],
    ]);
  });
});

describe('calculateBill – prices that include VAT', () => {
  const vatIncluded = (price: number) => ({
    T: [
      version({
        id: 1,
        effectiveFrom: '2024-01-01',
        basis: 'flat',
        pricesIncludeVat: true,
        tiers: [{ upTo: null, unitPrice: price }],
      }),
    ],
  });

  it('brings the line back to its pre-VAT amount, so VAT restores the published price', () => {
    const bill = calculateBill(
      hanoiInput({ serviceTypeCode: 'T', consumption: 10, versionsByServiceType: vatIncluded(10_500) }),
    );
    expect(bill.lines[0]).toMatchObject({
      quantity: 10,
      unitPrice: 10_000,
      priceIncludingVat: 10_500,
      amount: 100_000,
    });
    expect(bill.vat).toBe(5_000);
    expect(bill.total).toBe(105_000);
  });

  it('rounds the line once from qty × price × 10000 / 10500 (not from the rounded unit price)', () => {
    const bill = calculateBill(
      hanoiInput({ serviceTypeCode: 'T', consumption: 7, versionsByServiceType: vatIncluded(8_000) }),
    );
    // 7 × 8000 / 1.05 = 53,333.33 → 53,333; the displayed unit price 7,619.05 → 7,619.
    expect(bill.lines[0]).toMatchObject({ unitPrice: 7_619, amount: 53_333 });
    expect(bill.vat).toBe(2_667);
    expect(bill.total).toBe(56_000);
  });
});

describe('calculateBill – minimum consumption and meter subscription', () => {
  const versions = {
    T: [
      version({
        id: 1,
        effectiveFrom: '2024-01-01',
        tiers: [
          { upTo: 10, unitPrice: 5_973 },
          { upTo: null, unitPrice: 7_052 },
        ],
        minConsumption: 4,
        meterSubscription: 10_000,
        environmentFeeBp: 1000,
      }),
    ],
  };

  it('bills the minimum when consumption is below it, and says so', () => {
    const bill = calculateBill(hanoiInput({ serviceTypeCode: 'T', consumption: 2, versionsByServiceType: versions }));
    expect(bill.billedConsumption).toBe(4);
    expect(amounts(bill, 'tier')).toEqual([23_892]);
    expect(bill.lines.find((l) => l.kind === 'subscription')).toMatchObject({
      description: 'Phí thuê bao đồng hồ',
      amount: 10_000,
    });
    expect(bill.subtotal).toBe(33_892);
    expect(bill.vat).toBe(1_695); // VAT on water + subscription
    expect(bill.environmentFee).toBe(2_389); // fee on the water amount only
    expect(bill.total).toBe(37_976);
    expect(bill.warnings).toEqual([
      { code: 'minimum_applied', message: 'Áp dụng lượng tiêu thụ tối thiểu 4 m3 (thực tế 2 m3)' },
    ]);
  });

  it('bills actual consumption above the minimum', () => {
    const bill = calculateBill(hanoiInput({ serviceTypeCode: 'T', consumption: 5, versionsByServiceType: versions }));
    expect(bill.billedConsumption).toBe(5);
    expect(amounts(bill, 'tier')).toEqual([29_865]);
    expect(bill.warnings).toEqual([]);
  });
});

describe('calculateBill – wastewater fee settings', () => {
  it('rural communes are exempt from the environmental fee on domestic use', () => {
    const bill = calculateBill(hanoiInput({ isRuralCommune: true }));
    expect(bill.environmentFee).toBe(0);
    expect(bill.lines.some((l) => l.kind === 'environment_fee')).toBe(false);
    expect(bill.total).toBe(182_275);
  });
  it('the rural exemption does not cover non-domestic use', () => {
    const bill = calculateBill(hanoiInput({ isRuralCommune: true, serviceTypeCode: 'HN_KD', consumption: 10 }));
    expect(bill.environmentFee).toBe(22_068);
  });
  it('a custom rate replaces the tariff’s rate', () => {
    const bill = calculateBill(hanoiInput({ wastewater: { mode: 'custom', customBp: 500 } }));
    expect(bill.lines.find((l) => l.kind === 'environment_fee')).toMatchObject({
      description: 'Phí bảo vệ môi trường đối với nước thải (5%)',
      amount: 8_680,
    });
    expect(bill.total).toBe(190_955);
  });
  it('the rural exemption wins over a custom rate', () => {
    expect(
      calculateBill(hanoiInput({ isRuralCommune: true, wastewater: { mode: 'custom', customBp: 500 } })).environmentFee,
    ).toBe(0);
  });
  it('an exempt customer pays neither the fee nor drainage', () => {
    expect(calculateBill(hanoiInput({ wastewater: { mode: 'exempt' } })).total).toBe(182_275);
    const hcm = calculateBill(
      hanoiInput({ serviceTypeCode: 'HCM_KD', consumption: 10, wastewater: { mode: 'exempt' } }),
    );
    expect(hcm.drainageFee).toBe(0);
    expect(hcm.drainageVat).toBe(0);
  });
});

describe('calculateBill – HCMC drainage service price', () => {
  it.each([
    ['2022-06', 1500, 31_950, 3_195],
    ['2023-06', 2000, 42_600, 4_260],
    ['2024-06', 2500, 53_250, 5_325],
    ['2025-06', 3000, 63_900, 6_390],
  ])('business 10 m3 in %s: drainage %i bp', (period, bp, drainage, drainageVat) => {
    const bill = calculateBill(
      hanoiInput({
        period,
        periodStart: `${period}-01`,
        periodEnd: `${period}-30`,
        serviceTypeCode: 'HCM_KD',
        consumption: 10,
      }),
    );
    expect(bill.subtotal).toBe(213_000);
    expect(bill.vat).toBe(10_650);
    expect(bill.lines.find((l) => l.kind === 'drainage')).toMatchObject({ rateBp: bp, amount: drainage });
    expect(bill.lines.find((l) => l.kind === 'drainage_vat')).toMatchObject({
      description: 'Thuế GTGT dịch vụ thoát nước (10%)',
      amount: drainageVat,
    });
    expect(bill.total).toBe(213_000 + 10_650 + drainage + drainageVat);
  });
});

describe('calculateBill – errors', () => {
  function codeOf(input: BillInput): string {
    try {
      calculateBill(input);
    } catch (e) {
      expect(e).toBeInstanceOf(TariffError);
      expect((e as TariffError).message).toMatch(/[ảạầốởđưế]/); // Vietnamese text
      return (e as TariffError).code;
    }
    return 'no error';
  }

  it('NO_TARIFF_VERSION for an unknown service type or before the first version', () => {
    expect(codeOf(hanoiInput({ serviceTypeCode: 'XX' }))).toBe('NO_TARIFF_VERSION');
    expect(codeOf(hanoiInput({ period: '2015-09', periodStart: '2015-09-01', periodEnd: '2015-09-30' }))).toBe(
      'NO_TARIFF_VERSION',
    );
    expect(codeOf(hanoiInput({ periodStart: '2015-09-20', periodEnd: '2015-10-19' }))).toBe('NO_TARIFF_VERSION');
    expect(codeOf(hanoiInput({ preferential: { serviceTypeCode: 'NONE', validUntil: '2099-01-01' } }))).toBe(
      'NO_TARIFF_VERSION',
    );
  });
  it('INVALID_CONSUMPTION for negative or fractional m3', () => {
    expect(codeOf(hanoiInput({ consumption: -1 }))).toBe('INVALID_CONSUMPTION');
    expect(codeOf(hanoiInput({ consumption: 1.5 }))).toBe('INVALID_CONSUMPTION');
  });
  it('INVALID_SPLIT when percents do not sum to 100, repeat, or are not positive integers', () => {
    expect(codeOf(hanoiInput({ splits: [{ serviceTypeCode: 'HN_SH', percent: 90 }] }))).toBe('INVALID_SPLIT');
    expect(
      codeOf(
        hanoiInput({
          splits: [
            { serviceTypeCode: 'HN_SH', percent: 50 },
            { serviceTypeCode: 'HN_SH', percent: 50 },
          ],
        }),
      ),
    ).toBe('INVALID_SPLIT');
    expect(
      codeOf(
        hanoiInput({
          splits: [
            { serviceTypeCode: 'HN_SH', percent: 100 },
            { serviceTypeCode: 'HN_KD', percent: 0 },
          ],
        }),
      ),
    ).toBe('INVALID_SPLIT');
    expect(
      codeOf(
        hanoiInput({
          splits: [
            { serviceTypeCode: 'HN_SH', percent: 50.5 },
            { serviceTypeCode: 'HN_KD', percent: 49.5 },
          ],
        }),
      ),
    ).toBe('INVALID_SPLIT');
    expect(codeOf(hanoiInput({ splits: [] }))).toBe('INVALID_SPLIT');
  });
  it('other invalid inputs', () => {
    expect(codeOf(hanoiInput({ households: 0 }))).toBe('INVALID_HOUSEHOLDS');
    expect(codeOf(hanoiInput({ persons: -1 }))).toBe('INVALID_PERSONS');
    expect(codeOf(hanoiInput({ period: '2024-13' }))).toBe('INVALID_PERIOD');
    expect(codeOf(hanoiInput({ periodStart: '2024-06-01', periodEnd: '2024-05-31' }))).toBe('INVALID_PERIOD');
    expect(codeOf(hanoiInput({ wastewater: { mode: 'custom' } }))).toBe('INVALID_WASTEWATER');
  });
  it('INVALID_TARIFF for malformed tier tables or duplicate effective dates', () => {
    const bad = (tiers: { upTo: number | null; unitPrice: number }[]) =>
      hanoiInput({
        serviceTypeCode: 'T',
        versionsByServiceType: { T: [version({ id: 1, effectiveFrom: '2024-01-01', tiers })] },
      });
    expect(codeOf(bad([{ upTo: 10, unitPrice: 1 }]))).toBe('INVALID_TARIFF');
    expect(
      codeOf(
        bad([
          { upTo: 10, unitPrice: 1 },
          { upTo: 10, unitPrice: 2 },
          { upTo: null, unitPrice: 3 },
        ]),
      ),
    ).toBe('INVALID_TARIFF');
    expect(codeOf(bad([{ upTo: null, unitPrice: -1 }]))).toBe('INVALID_TARIFF');
    expect(codeOf(bad([]))).toBe('INVALID_TARIFF');
    const dup = hanoiInput({
      serviceTypeCode: 'T',
      versionsByServiceType: {
        T: [version({ id: 1, effectiveFrom: '2024-01-01' }), version({ id: 2, effectiveFrom: '2024-01-01' })],
      },
    });
    expect(codeOf(dup)).toBe('INVALID_TARIFF');
  });
  it('AMOUNT_OVERFLOW instead of an inexact amount', () => {
    expect(codeOf(hanoiInput({ consumption: Number.MAX_SAFE_INTEGER }))).toBe('AMOUNT_OVERFLOW');
  });
  it('does not mutate the seeds it was given', () => {
    const input = hanoiInput();
    const before = JSON.stringify(input);
    calculateBill(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.keys(seedVersionsByServiceType())).toHaveLength(10);
  });
});
