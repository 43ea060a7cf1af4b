import { describe, expect, it } from 'vitest';
import { BillMemo, billKey, preferentialCodeFor, type CustomerBillFacts } from '@/domain/billing/bill-request';
import { computeChunk, type ChunkCustomer, type TariffCatalog } from '@/domain/billing/run-chunk';
import { seedVersionsByServiceType } from '@/domain/tariff/seed-tariffs';

const catalog: TariffCatalog = {
  versionsByServiceType: seedVersionsByServiceType(['HN_SH', 'HN_SH_NGHEO', 'HN_KD']),
  codeOfServiceType: new Map([
    [1, 'HN_SH'],
    [2, 'HN_SH_NGHEO'],
    [3, 'HN_KD'],
    [4, 'HCM_SH'],
  ]),
  knownCodes: new Set(['HN_SH', 'HN_SH_NGHEO', 'HN_KD', 'HCM_SH']),
};

let nextId = 1;
function customer(over: Partial<ChunkCustomer> = {}): ChunkCustomer {
  return {
    id: nextId++,
    bookId: 7,
    serviceTypeId: 1,
    households: 1,
    persons: 4,
    status: 1,
    isPreferential: false,
    preferentialUntil: null,
    wastewaterFeeMode: 'standard',
    wastewaterFeeBp: null,
    isRuralCommune: false,
    splits: [],
    readingCount: 1,
    consumption: 25,
    hasOpenAnomaly: false,
    isSuspended: false,
    spreadQuantity: 0,
    backbills: [],
    billedConsumption: new Map(),
    ...over,
  };
}

describe('computeChunk', () => {
  it('bills each customer with the engine and reports the others with their reason', () => {
    const memo = new BillMemo('2026-04', catalog.versionsByServiceType);
    const list = [
      customer(),
      customer({ serviceTypeId: null }),
      customer({ isSuspended: true }),
      customer({ readingCount: 0, consumption: 0 }),
      customer({ hasOpenAnomaly: true }),
      customer({ serviceTypeId: 4 }), // a type without tariff versions
      customer({
        splits: [
          { serviceTypeId: 1, percent: 70 },
          { serviceTypeId: 3, percent: 20 },
        ],
      }), // 90 %
    ];
    const r = computeChunk(list, catalog, memo);
    expect(r.invoices.map((i) => [i.customerId, i.draft.kind, i.draft.total])).toEqual([
      [list[0]!.id, 'regular', 199_635],
    ]);
    expect(r.skips.map((s) => s.reason)).toEqual([
      'no_service_type',
      'suspended',
      'no_reading',
      'anomaly_open',
      'no_tariff',
      'invalid_data',
    ]);
  });

  it('bills a valid poor-household certificate at the preferential prices, an expired one at the usual prices', () => {
    const memo = new BillMemo('2026-04', catalog.versionsByServiceType);
    const r = computeChunk(
      [
        customer({ isPreferential: true, preferentialUntil: '2026-12-31' }),
        customer({ isPreferential: true, preferentialUntil: '2026-03-31' }),
      ],
      catalog,
      memo,
    );
    expect(r.invoices.map((i) => i.draft.lines[0]!.unitPrice)).toEqual([3_600, 5_973]);
  });

  it('splits a mixed-use customer’s m3 across service types', () => {
    const memo = new BillMemo('2026-04', catalog.versionsByServiceType);
    const r = computeChunk(
      [
        customer({
          consumption: 20,
          splits: [
            { serviceTypeId: 1, percent: 80 },
            { serviceTypeId: 3, percent: 20 },
          ],
        }),
      ],
      catalog,
      memo,
    );
    const tiers = r.invoices[0]!.draft.lines.filter((l) => l.kind === 'tier');
    expect(tiers.map((l) => [l.description, l.quantity])).toEqual([
      ['HN_KD – Tiền nước (đơn giá một mức)', 4],
      ['HN_SH – Bậc 1 (0–10 m3)', 10],
      ['HN_SH – Bậc 2 (10–20 m3)', 6],
    ]);
  });

  it('keeps the engine’s warnings on the regular and the back-billing invoice', () => {
    const hcm: TariffCatalog = { ...catalog, versionsByServiceType: seedVersionsByServiceType(['HN_SH', 'HCM_SH']) };
    const memo = new BillMemo('2026-04', hcm.versionsByServiceType);
    const nobody = customer({
      serviceTypeId: 4,
      persons: 0,
      backbills: [{ kind: 'backbill_m3', tariffPeriod: '2026-02', quantity: 5, reason: 'x' }],
    });
    const r = computeChunk([nobody, customer()], hcm, memo);
    const persons = {
      code: 'persons_missing',
      message: 'Chưa khai báo nhân khẩu cho loại dịch vụ HCM_SH: tạm tính định mức theo 1 người',
    };
    expect(r.invoices.map((i) => [i.customerId, i.draft.kind, i.draft.warnings])).toEqual([
      [nobody.id, 'regular', [persons]],
      [nobody.id, 'backbill', [persons]],
      [nobody.id + 1, 'regular', []],
    ]);
  });

  it('computes each distinct input once', () => {
    const memo = new BillMemo('2026-04', catalog.versionsByServiceType);
    computeChunk(
      Array.from({ length: 1000 }, (_, i) => customer({ consumption: 10 + (i % 5) })),
      catalog,
      memo,
    );
    expect(memo.size).toBe(5);
  });
});

describe('bill keys', () => {
  const facts: CustomerBillFacts = {
    serviceTypeCode: 'HN_SH',
    households: 1,
    persons: 4,
    splits: null,
    preferentialCode: 'HN_SH_NGHEO',
    preferentialUntil: '2026-12-31',
    wastewater: { mode: 'standard' },
    isRuralCommune: false,
  };

  it('share a result between certificates valid in the period, whatever their date', () => {
    expect(billKey(facts, 10, '2026-04-30')).toBe(
      billKey({ ...facts, preferentialUntil: '2027-06-30' }, 10, '2026-04-30'),
    );
    expect(billKey(facts, 10, '2026-04-30')).not.toBe(
      billKey({ ...facts, preferentialUntil: '2026-01-31' }, 10, '2026-04-30'),
    );
    expect(billKey(facts, 10, '2026-04-30')).not.toBe(
      billKey({ ...facts, wastewater: { mode: 'custom', customBp: 500 } }, 10, '2026-04-30'),
    );
  });

  it('link a service type to its poor-household sibling by the catalog’s naming', () => {
    expect(preferentialCodeFor('HN_SH', catalog.knownCodes)).toBe('HN_SH_NGHEO');
    expect(preferentialCodeFor('HN_KD', catalog.knownCodes)).toBeNull();
  });
});
