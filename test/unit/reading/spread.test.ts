import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { spreadOverPeriods, spreadQuantity } from '@/domain/reading/spread';
import { ReadingError } from '@/domain/reading/errors';

describe('spreadQuantity', () => {
  it('gives the remainder to the earlier periods', () => {
    expect(spreadQuantity(10, 3)).toEqual([4, 3, 3]);
    expect(spreadQuantity(11, 3)).toEqual([4, 4, 3]);
    expect(spreadQuantity(2, 4)).toEqual([1, 1, 0, 0]);
    expect(spreadQuantity(0, 2)).toEqual([0, 0]);
    expect(spreadQuantity(7, 1)).toEqual([7]);
  });
  it('rejects negative or fractional totals and non-positive period counts', () => {
    expect(() => spreadQuantity(-1, 2)).toThrow(ReadingError);
    expect(() => spreadQuantity(1.5, 2)).toThrow(ReadingError);
    expect(() => spreadQuantity(5, 0)).toThrow(ReadingError);
  });
  it('conserves the total, never increases, and differs by at most 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 60 }), (total, n) => {
        const parts = spreadQuantity(total, n);
        expect(parts).toHaveLength(n);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        for (let i = 1; i < n; i++) expect(parts[i]).toBeLessThanOrEqual(parts[i - 1] ?? 0);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('spreadOverPeriods labels consecutive periods', () => {
    expect(spreadOverPeriods(10, '2024-11', 3)).toEqual([
      { period: '2024-11', quantity: 4 },
      { period: '2024-12', quantity: 3 },
      { period: '2025-01', quantity: 3 },
    ]);
  });
});
