import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RoundingRule, applyRate, mulDivHalfUp, multiplyExact, roundHalfUp } from '@/domain/money/rounding';

describe('roundHalfUp', () => {
  it('rounds halves away from zero', () => {
    expect(roundHalfUp(5, 2)).toBe(3);
    expect(roundHalfUp(7, 2)).toBe(4);
    expect(roundHalfUp(-5, 2)).toBe(-3);
    expect(roundHalfUp(5, -2)).toBe(-3);
    expect(roundHalfUp(7, 3)).toBe(2);
    expect(roundHalfUp(8, 3)).toBe(3);
    expect(roundHalfUp(0, 7)).toBe(0);
    expect(roundHalfUp(42)).toBe(42);
  });

  it('is exact beyond 2^53 thanks to BigInt', () => {
    expect(roundHalfUp(2n ** 60n + 1n, 2n ** 10n)).toBe(2 ** 50);
    // 9,007,199,254,740,991 × 5000 / 10000 = 4,503,599,627,370,495.5 → …496 (floats would say …496 by luck or …495)
    expect(applyRate(Number.MAX_SAFE_INTEGER, 5000)).toBe(4_503_599_627_370_496);
  });

  it('refuses fractions, zero denominators and results that are not safe integers', () => {
    expect(() => roundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
    expect(() => roundHalfUp(2n ** 60n, 1)).toThrow(RangeError);
    expect(() => multiplyExact(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });

  it('agrees with the definition for any integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const r = roundHalfUp(n, d);
        // |n/d − r| ≤ 1/2, and exactly 1/2 only when r is the value away from zero.
        const diff2 = Math.abs(2 * (n - r * d));
        expect(diff2).toBeLessThanOrEqual(d);
        if (diff2 === d) expect(Math.abs(r * d)).toBeGreaterThan(Math.abs(n));
      }),
    );
  });
});

describe('applyRate (PER_LINE_HALF_UP)', () => {
  it('names the rule', () => {
    expect(RoundingRule.PER_LINE_HALF_UP).toBe('PER_LINE_HALF_UP');
  });
  it('gives the worked example’s VAT and environmental fee', () => {
    expect(applyRate(173_595, 500)).toBe(8_680); // 8,679.75
    expect(applyRate(173_595, 1000)).toBe(17_360); // 17,359.5
  });
  it('mulDivHalfUp rounds once', () => {
    expect(mulDivHalfUp(50_000, 16, 31)).toBe(25_806);
    expect(mulDivHalfUp(10, 15, 31)).toBe(5); // 4.84
  });
  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1000 }),
        (a, bp, more) => {
          expect(applyRate(a + more, bp)).toBeGreaterThanOrEqual(applyRate(a, bp));
        },
      ),
    );
  });
});
