import { describe, it, expect } from 'vitest';
import { SEED_SERVICE_TYPES, findServiceTypeSeed, seedVersionsByServiceType } from '@/domain/tariff/seed-tariffs';

describe('seed tariffs', () => {
  it('has every published service type with a Vietnamese name', () => {
    expect(SEED_SERVICE_TYPES.map((s) => s.code)).toEqual([
      'HN_SH',
      'HN_SH_NGHEO',
      'HN_HCSN',
      'HN_SX',
      'HN_KD',
      'HCM_SH',
      'HCM_SH_NGHEO',
      'HCM_HCSN',
      'HCM_SX',
      'HCM_KD',
    ]);
    for (const s of SEED_SERVICE_TYPES) {
      expect(s.utility).toBe('water');
      expect(s.name).toMatch(/^(Hà Nội|TP\. Hồ Chí Minh) – /);
      for (const v of s.versions) expect(v.serviceTypeCode).toBe(s.code);
    }
  });

  it('version ids are unique', () => {
    const ids = SEED_SERVICE_TYPES.flatMap((s) => s.versions.map((v) => v.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Hanoi: per-household tiers from 2015-10-01, env fee 10 %, no drainage', () => {
    const sh = findServiceTypeSeed('HN_SH');
    expect(sh?.versions).toHaveLength(1);
    expect(sh?.versions[0]).toMatchObject({
      effectiveFrom: '2015-10-01',
      basis: 'household',
      environmentFeeBp: 1000,
      drainageBp: 0,
      vatRateBp: 500,
    });
    expect(sh?.versions[0]?.tiers.map((t) => t.unitPrice)).toEqual([5_973, 7_052, 8_669, 15_929]);
    expect(findServiceTypeSeed('HN_SH_NGHEO')?.versions[0]?.tiers.map((t) => t.unitPrice)).toEqual([
      3_600, 4_500, 5_600, 6_700,
    ]);
    expect(findServiceTypeSeed('HN_KD')?.versions[0]?.tiers).toEqual([{ upTo: null, unitPrice: 22_068 }]);
  });

  it('HCMC: per-person norms, drainage 15/20/25/30 % by year, no env fee', () => {
    const sh = findServiceTypeSeed('HCM_SH');
    expect(sh?.versions.map((v) => [v.effectiveFrom, v.drainageBp, v.drainageVatBp, v.environmentFeeBp])).toEqual([
      ['2022-01-01', 1500, 1000, 0],
      ['2023-01-01', 2000, 1000, 0],
      ['2024-01-01', 2500, 1000, 0],
      ['2025-01-01', 3000, 1000, 0],
    ]);
    expect(sh?.versions[0]?.tiers).toEqual([
      { upTo: 4, unitPrice: 6_700 },
      { upTo: 6, unitPrice: 12_900 },
      { upTo: null, unitPrice: 14_400 },
    ]);
    expect(findServiceTypeSeed('HCM_SH_NGHEO')?.versions[0]?.tiers[0]).toEqual({ upTo: 4, unitPrice: 6_300 });
  });

  it('seeds are frozen, and seedVersionsByServiceType hands out copies', () => {
    expect(Object.isFrozen(findServiceTypeSeed('HN_SH')?.versions[0]?.tiers[0])).toBe(true);
    const copy = seedVersionsByServiceType(['HN_SH']);
    expect(Object.keys(copy)).toEqual(['HN_SH']);
    const tier = copy.HN_SH?.[0]?.tiers[0];
    if (tier) tier.unitPrice = 1;
    expect(findServiceTypeSeed('HN_SH')?.versions[0]?.tiers[0]?.unitPrice).toBe(5_973);
  });

  it('unknown code → undefined', () => {
    expect(findServiceTypeSeed('NOPE')).toBeUndefined();
  });
});
