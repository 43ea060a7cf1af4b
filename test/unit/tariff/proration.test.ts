import { describe, it, expect } from 'vitest';
import { calculateBill } from '@/domain/tariff/engine';
import type { BillInput, ProrationMethod } from '@/domain/tariff/types';
import { amounts, hanoiInput, version } from './fixtures';

/**
 * Tariff T changes on 2024-01-01 (5,000/10,000 → 6,000/12,000 with a 10 m3
 * first tier). The period 16 Dec 2023 – 15 Jan 2024 has 31 days: 16 under
 * the old version, 15 under the new one. 31 m3.
 */
function changeInput(newMethod: ProrationMethod, overrides: Partial<BillInput> = {}): BillInput {
  return hanoiInput({
    period: '2024-01',
    periodStart: '2023-12-16',
    periodEnd: '2024-01-15',
    consumption: 31,
    serviceTypeCode: 'T',
    versionsByServiceType: {
      T: [
        version({
          id: 2,
          effectiveFrom: '2024-01-01',
          prorationMethod: newMethod,
          tiers: [
            { upTo: 10, unitPrice: 6_000 },
            { upTo: null, unitPrice: 12_000 },
          ],
        }),
        version({ id: 1, effectiveFrom: '2023-01-01', prorationMethod: 'reading_date' }),
      ],
    },
    ...overrides,
  });
}

describe('tariff change inside a period', () => {
  it('split_days: m3 and tier limits are split by days', () => {
    const bill = calculateBill(changeInput('split_days'));
    const tiers = bill.lines.filter((l) => l.kind === 'tier');
    // m3: 31 × 16/31 = 16 and 15; limit 10 × 16/31 = 5.16 → 5, 10 × 15/31 = 4.84 → 5.
    expect(tiers.map((l) => [l.tariffVersionId, l.tierFrom, l.tierTo, l.quantity, l.amount])).toEqual([
      [1, 0, 5, 5, 25_000],
      [1, 5, null, 11, 110_000],
      [2, 0, 5, 5, 30_000],
      [2, 5, null, 10, 120_000],
    ]);
    expect(tiers[0]?.description).toBe('Bậc 1 (0–5 m3) – giá từ 01/01/2023, 16/31 ngày');
    expect(tiers.reduce((a, l) => a + l.quantity, 0)).toBe(31);
    expect(bill.subtotal).toBe(285_000);
    expect(bill.vat).toBe(14_250);
    expect(bill.total).toBe(299_250);
    expect(bill.prorations).toEqual([
      {
        serviceTypeCode: 'T',
        method: 'split_days',
        segments: [
          { tariffVersionId: 1, effectiveFrom: '2023-01-01', days: 16 },
          { tariffVersionId: 2, effectiveFrom: '2024-01-01', days: 15 },
        ],
      },
    ]);
    expect(bill.warnings).toEqual([
      { code: 'tariff_change', message: expect.stringContaining('chia lượng tiêu thụ và định mức theo số ngày') },
    ]);
  });

  it('weighted_days: whole consumption under each version, each line weighted by days', () => {
    const bill = calculateBill(changeInput('weighted_days'));
    const tiers = bill.lines.filter((l) => l.kind === 'tier');
    expect(tiers.map((l) => [l.tariffVersionId, l.quantity, l.unitPrice, l.days, l.periodDays])).toEqual([
      [1, 10, 5_000, 16, 31],
      [1, 21, 10_000, 16, 31],
      [2, 10, 6_000, 15, 31],
      [2, 21, 12_000, 15, 31],
    ]);
    // 50,000 × 16/31 = 25,806.45; 210,000 × 16/31 = 108,387.10; 60,000 × 15/31 = 29,032.26; 252,000 × 15/31 = 121,935.48
    expect(amounts(bill, 'tier')).toEqual([25_806, 108_387, 29_032, 121_935]);
    expect(bill.subtotal).toBe(285_160);
    expect(bill.vat).toBe(14_258);
    expect(bill.total).toBe(299_418);
  });

  it('reading_date: the version in force on the reading date bills everything', () => {
    const onEnd = calculateBill(changeInput('reading_date'));
    expect(amounts(onEnd, 'tier')).toEqual([60_000, 252_000]);
    expect(onEnd.total).toBe(327_600);
    expect(onEnd.prorations[0]).toMatchObject({ method: 'reading_date', appliedVersionId: 2 });
    expect(onEnd.lines[0]?.description).toBe('Bậc 1 (0–10 m3) – giá từ 01/01/2024');

    const readEarly = calculateBill(changeInput('reading_date', { readingDate: '2023-12-31' }));
    expect(amounts(readEarly, 'tier')).toEqual([50_000, 210_000]);
    expect(readEarly.total).toBe(273_000);
  });

  it('the method named on the newer version decides (the old one says reading_date)', () => {
    expect(calculateBill(changeInput('split_days')).prorations[0]?.method).toBe('split_days');
  });

  it('a version starting after the period does not count', () => {
    const bill = calculateBill(changeInput('weighted_days', { periodStart: '2023-11-01', periodEnd: '2023-11-30' }));
    expect(bill.prorations).toEqual([]);
    expect(amounts(bill, 'tier')).toEqual([50_000, 210_000]);
  });

  it('HCMC drainage 20 % → 25 % on 1 January: one drainage line per rate, VAT on both together', () => {
    const bill = calculateBill(
      hanoiInput({
        period: '2024-01',
        periodStart: '2023-12-16',
        periodEnd: '2024-01-15',
        serviceTypeCode: 'HCM_SH',
        persons: 4,
        consumption: 31,
      }),
    );
    // split_days: 16 m3 with limits 8/12, then 15 m3 with limits 8/12.
    expect(amounts(bill, 'tier')).toEqual([53_600, 51_600, 57_600, 53_600, 51_600, 43_200]);
    expect(bill.subtotal).toBe(311_200);
    expect(bill.vat).toBe(15_560);
    expect(bill.lines.filter((l) => l.kind === 'drainage').map((l) => [l.rateBp, l.base, l.amount])).toEqual([
      [2000, 162_800, 32_560],
      [2500, 148_400, 37_100],
    ]);
    expect(bill.drainageVat).toBe(6_966);
    expect(bill.total).toBe(403_386);
  });
});
