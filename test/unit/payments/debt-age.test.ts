import { describe, expect, it } from 'vitest';
import {
  DEBT_AGE_BUCKETS,
  DEBT_AGE_LABELS,
  debtAgeBucket,
  debtAgeDays,
  emptyDebtAgeAmounts,
} from '@/domain/payments/debt-age';

describe('debt age', () => {
  it('counts whole days from the issue date to the as-of date', () => {
    expect(debtAgeDays('2026-03-01', '2026-03-01')).toBe(0);
    expect(debtAgeDays('2026-03-01', '2026-03-02')).toBe(1);
    expect(debtAgeDays('2026-02-28', '2026-03-01')).toBe(1);
    expect(debtAgeDays('2024-02-28', '2024-03-01')).toBe(2); // leap year
    expect(debtAgeDays('2025-12-31', '2026-01-01')).toBe(1);
    expect(debtAgeDays('2026-01-01', '2026-12-31')).toBe(364);
    expect(debtAgeDays('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('puts the edges 30/31, 60/61 and 90/91 in the right buckets', () => {
    expect(debtAgeBucket(0)).toBe('days0To30');
    expect(debtAgeBucket(30)).toBe('days0To30');
    expect(debtAgeBucket(31)).toBe('days31To60');
    expect(debtAgeBucket(60)).toBe('days31To60');
    expect(debtAgeBucket(61)).toBe('days61To90');
    expect(debtAgeBucket(90)).toBe('days61To90');
    expect(debtAgeBucket(91)).toBe('over90Days');
    expect(debtAgeBucket(10_000)).toBe('over90Days');
  });

  it('ages real invoices across month ends the same way', () => {
    // Issued 31 January: 30 days later is 2 March (2026 is not a leap year), 31 days later 3 March.
    expect(debtAgeBucket(debtAgeDays('2026-01-31', '2026-03-02'))).toBe('days0To30');
    expect(debtAgeBucket(debtAgeDays('2026-01-31', '2026-03-03'))).toBe('days31To60');
    expect(debtAgeBucket(debtAgeDays('2026-01-01', '2026-04-01'))).toBe('days61To90'); // 90 days
    expect(debtAgeBucket(debtAgeDays('2026-01-01', '2026-04-02'))).toBe('over90Days'); // 91 days
  });

  it('refuses a negative or fractional age and a date that does not exist', () => {
    expect(() => debtAgeBucket(-1)).toThrow(RangeError);
    expect(() => debtAgeBucket(1.5)).toThrow(RangeError);
    expect(() => debtAgeBucket(Number.NaN)).toThrow(RangeError);
    expect(() => debtAgeDays('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => debtAgeDays('2026-3-1', '2026-03-01')).toThrow(RangeError);
  });

  it('labels every bucket in Vietnamese and starts each amount at zero', () => {
    expect(DEBT_AGE_BUCKETS.map((b) => DEBT_AGE_LABELS[b])).toEqual([
      '0–30 ngày',
      '31–60 ngày',
      '61–90 ngày',
      'Trên 90 ngày',
    ]);
    expect(emptyDebtAgeAmounts()).toEqual({ days0To30: 0, days31To60: 0, days61To90: 0, over90Days: 0 });
  });
});
