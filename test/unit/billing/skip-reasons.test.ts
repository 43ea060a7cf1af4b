import { describe, expect, it } from 'vitest';
import { decideBilling, SKIP_REASONS, SKIP_REASON_LABELS, type BillingCandidate } from '@/domain/billing/skip-reasons';

const base: BillingCandidate = {
  hasServiceType: true,
  isSuspended: false,
  status: 1,
  readingCount: 1,
  hasOpenAnomaly: false,
  consumption: 12,
  spreadQuantity: 0,
  backbillCount: 0,
};

describe('decideBilling', () => {
  it('bills a read customer on the period consumption plus spread m3', () => {
    expect(decideBilling(base)).toEqual({ bill: true, regular: true, consumption: 12, backbill: false });
    expect(decideBilling({ ...base, spreadQuantity: 3, backbillCount: 1 })).toEqual({
      bill: true,
      regular: true,
      consumption: 15,
      backbill: true,
    });
  });

  it('skips with the reason a clerk fixes first', () => {
    expect(decideBilling({ ...base, hasServiceType: false, isSuspended: true })).toEqual({
      bill: false,
      reason: 'no_service_type',
    });
    expect(decideBilling({ ...base, isSuspended: true, hasOpenAnomaly: true })).toEqual({
      bill: false,
      reason: 'suspended',
    });
    expect(decideBilling({ ...base, readingCount: 0 })).toEqual({ bill: false, reason: 'no_reading' });
    expect(decideBilling({ ...base, hasOpenAnomaly: true })).toEqual({ bill: false, reason: 'anomaly_open' });
    expect(decideBilling({ ...base, status: 0, consumption: 0 })).toEqual({ bill: false, reason: 'cut_off' });
    expect(decideBilling({ ...base, status: 0, readingCount: 0 })).toEqual({ bill: false, reason: 'cut_off' });
  });

  it('still bills adjustments of a customer without a reading (back-billing only: no regular invoice)', () => {
    expect(decideBilling({ ...base, readingCount: 0, backbillCount: 1 })).toEqual({
      bill: true,
      regular: false,
      consumption: 0,
      backbill: true,
    });
    expect(decideBilling({ ...base, readingCount: 0, spreadQuantity: 4 })).toEqual({
      bill: true,
      regular: true,
      consumption: 4,
      backbill: false,
    });
  });

  it('bills a cut-off customer who still used water in the period', () => {
    expect(decideBilling({ ...base, status: 0, consumption: 7 })).toMatchObject({ bill: true, consumption: 7 });
  });

  it('labels every reason in Vietnamese', () => {
    for (const r of SKIP_REASONS) expect(SKIP_REASON_LABELS[r]).toMatch(/\S/);
  });
});
