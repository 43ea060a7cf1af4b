import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ReadingError } from '@/domain/reading/errors';
import {
  addDays,
  addPeriods,
  comparePeriods,
  dayNumber,
  daysInclusive,
  isValidDate,
  isValidPeriod,
  periodBounds,
} from '@/domain/reading/period';

describe('periods', () => {
  it('addPeriods crosses years both ways', () => {
    expect(addPeriods('2024-11', 3)).toBe('2025-02');
    expect(addPeriods('2024-01', -1)).toBe('2023-12');
    expect(addPeriods('2024-05', 0)).toBe('2024-05');
    expect(addPeriods('2024-05', -29)).toBe('2021-12');
  });
  it('comparePeriods orders chronologically', () => {
    expect(comparePeriods('2024-02', '2024-10')).toBe(-1);
    expect(comparePeriods('2025-01', '2024-12')).toBe(1);
    expect(comparePeriods('2024-07', '2024-07')).toBe(0);
    expect(['2025-01', '2024-12', '2024-02'].sort(comparePeriods)).toEqual(['2024-02', '2024-12', '2025-01']);
  });
  it('periodBounds knows month lengths and leap years', () => {
    expect(periodBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29', days: 29 });
    expect(periodBounds('2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28', days: 28 });
    expect(periodBounds('1900-02').days).toBe(28);
    expect(periodBounds('2000-02').days).toBe(29);
    expect(periodBounds('2024-12')).toEqual({ start: '2024-12-01', end: '2024-12-31', days: 31 });
    expect(periodBounds('2024-04').days).toBe(30);
  });
  it('rejects malformed periods with a typed error', () => {
    expect(isValidPeriod('2024-13')).toBe(false);
    expect(isValidPeriod('2024-1')).toBe(false);
    expect(() => periodBounds('2024-00')).toThrow(ReadingError);
    expect(() => addPeriods('24-01', 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD', message: expect.stringContaining('không hợp lệ') }),
    );
  });
  it('addPeriods(p, a + b) = addPeriods(addPeriods(p, a), b)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        (y, m, a, b) => {
          const p = `${y}-${String(m).padStart(2, '0')}`;
          expect(addPeriods(p, a + b)).toBe(addPeriods(addPeriods(p, a), b));
          expect(comparePeriods(addPeriods(p, a), p)).toBe(Math.sign(a));
        },
      ),
    );
  });
});

describe('dates', () => {
  it('validates civil dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-04-31')).toBe(false);
    expect(isValidDate('2024-4-01')).toBe(false);
  });
  it('counts days inclusively and adds days', () => {
    expect(daysInclusive('2023-12-16', '2024-01-15')).toBe(31);
    expect(daysInclusive('2024-05-01', '2024-05-01')).toBe(1);
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(() => dayNumber('2024-02-30')).toThrow(ReadingError);
  });
});
