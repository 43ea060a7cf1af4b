import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocateLargestRemainder } from '@/domain/money/allocate';

describe('allocateLargestRemainder', () => {
  it('gives leftover units to the largest remainders', () => {
    expect(allocateLargestRemainder(23, [80, 20])).toEqual([18, 5]);
    expect(allocateLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateLargestRemainder(31, [16, 15])).toEqual([16, 15]);
    expect(allocateLargestRemainder(0, [3, 7])).toEqual([0, 0]);
  });
  it('breaks ties in favour of the earlier part', () => {
    expect(allocateLargestRemainder(3, [50, 50])).toEqual([2, 1]);
  });
  it('never gives anything to a zero weight', () => {
    expect(allocateLargestRemainder(5, [0, 1, 1])).toEqual([0, 3, 2]);
  });
  it('rejects bad input', () => {
    expect(() => allocateLargestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(1, [])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(1, [0, 0])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(1, [1.5])).toThrow(RangeError);
  });
  it('conserves the total and stays within one unit of each exact quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
        (total, weights) => {
          const parts = allocateLargestRemainder(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            const quota = (total * (weights[i] ?? 0)) / sum;
            expect(p).toBeGreaterThanOrEqual(Math.floor(quota) - 1e-6);
            expect(p).toBeLessThanOrEqual(Math.ceil(quota) + 1e-6);
          });
        },
      ),
    );
  });
});
