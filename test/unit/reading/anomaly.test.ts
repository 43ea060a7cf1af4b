import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ANOMALY_KINDS,
  ANOMALY_LABELS,
  READING_CODES,
  READING_CODE_LABELS,
  averageOfLast3,
  computeConsumption,
  detectAnomalies,
} from '@/domain/reading/anomaly';
import { ReadingError } from '@/domain/reading/errors';

const history = [10, 10, 10, 99]; // newest first; only the first 3 count

describe('computeConsumption', () => {
  it('is current − previous', () => {
    expect(computeConsumption(100, 125)).toEqual({ consumption: 25, rolledOver: false });
  });
  it('rolls over past the meter maximum', () => {
    expect(computeConsumption(99_990, 15, 99_999)).toEqual({ consumption: 25, rolledOver: true });
  });
  it('is negative without a known maximum', () => {
    expect(computeConsumption(100, 90)).toEqual({ consumption: -10, rolledOver: false });
  });
  it('rejects invalid indexes', () => {
    expect(() => computeConsumption(-1, 5)).toThrow(ReadingError);
    expect(() => computeConsumption(1, 2.5)).toThrow(ReadingError);
    expect(() => computeConsumption(1, 100_000, 99_999)).toThrow(ReadingError);
  });
});

describe('averageOfLast3', () => {
  it('averages the 3 newest periods, half up', () => {
    expect(averageOfLast3([10, 11, 11, 500])).toBe(11); // 10.67
    expect(averageOfLast3([10, 11, 12])).toBe(11);
    expect(averageOfLast3([1, 2])).toBe(2); // 1.5 → 2
    expect(averageOfLast3([])).toBe(0);
  });
  it('rejects negative history', () => {
    expect(() => averageOfLast3([1, -2, 3])).toThrow(ReadingError);
  });
});

describe('detectAnomalies', () => {
  const at = (current: number, extra: Partial<Parameters<typeof detectAnomalies>[0]> = {}) =>
    detectAnomalies({ previousIndex: 1000, currentIndex: 1000 + current, history, ...extra });

  it('normal consumption has no anomaly', () => {
    expect(at(10)).toEqual({ kinds: [], consumption: 10, average: 10, estimateRequired: false });
  });
  it('high: ≥ 1.51 × the average, compared exactly', () => {
    expect(at(15).kinds).toEqual([]);
    expect(at(16).kinds).toEqual(['high']);
    const exact = detectAnomalies({ previousIndex: 0, currentIndex: 151, history: [100, 100, 100] });
    expect(exact.kinds).toEqual(['high']); // 1.51 × 100 = 151 exactly
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 150, history: [100, 100, 100] }).kinds).toEqual([]);
  });
  it('low: ≤ 0.51 × the average when the average is positive', () => {
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 51, history: [100, 100, 100] }).kinds).toEqual(['low']);
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 52, history: [100, 100, 100] }).kinds).toEqual([]);
  });
  it('uses the exact average, not the rounded one', () => {
    // average 10.67: 1.51 × 10.67 = 16.11 → 16 is not high, 17 is.
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 16, history: [10, 11, 11] }).kinds).toEqual([]);
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 17, history: [10, 11, 11] }).kinds).toEqual(['high']);
  });
  it('compares in integer hundredths where float products drift (1.15 × 100 = 114.99999999999999 in floats)', () => {
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 115, history: [100], highFactor: 1.15 }).kinds).toEqual([
      'high',
    ]);
    expect(detectAnomalies({ previousIndex: 0, currentIndex: 57, history: [100], lowFactor: 0.57 }).kinds).toEqual([
      'low',
    ]);
  });
  it('factors are settings', () => {
    expect(at(12, { highFactor: 1.2 }).kinds).toEqual(['high']);
    expect(at(8, { lowFactor: 0.8 }).kinds).toEqual(['low']);
    expect(() => at(8, { lowFactor: 0.805 })).toThrow(ReadingError);
  });
  it('zero consumption is zero and low', () => {
    expect(at(0).kinds).toEqual(['zero', 'low']);
  });
  it('a closed house explains a zero reading', () => {
    expect(at(0, { code: 'house_closed' }).kinds).toEqual([]);
  });
  it('zero history: any use is high, none is only zero', () => {
    expect(detectAnomalies({ previousIndex: 5, currentIndex: 6, history: [0, 0, 0] }).kinds).toEqual(['high']);
    expect(detectAnomalies({ previousIndex: 5, currentIndex: 5, history: [0, 0, 0] }).kinds).toEqual(['zero']);
    expect(detectAnomalies({ previousIndex: 5, currentIndex: 50, history: [] }).kinds).toEqual([]);
  });
  it('negative when the index went back and no maximum is known', () => {
    expect(at(-3)).toMatchObject({ kinds: ['negative'], consumption: -3 });
  });
  it('rollover returns the rolled-over consumption', () => {
    const r = detectAnomalies({ previousIndex: 9_995, currentIndex: 5, meterMaxIndex: 9_999, history });
    expect(r).toEqual({
      kinds: ['rollover'],
      consumption: 10,
      rolledOverConsumption: 10,
      average: 10,
      estimateRequired: false,
    });
    const big = detectAnomalies({ previousIndex: 9_000, currentIndex: 5, meterMaxIndex: 9_999, history });
    expect(big.kinds).toEqual(['rollover', 'high']);
    expect(big.rolledOverConsumption).toBe(1_005);
  });
  it('codes that make the index unusable require an estimate', () => {
    for (const code of READING_CODES) {
      const r = at(10, { code });
      expect(r.estimateRequired).toBe(['meter_stopped', 'digits_stuck', 'no_access'].includes(code));
    }
  });
  it('every code and kind has a Vietnamese label', () => {
    expect(READING_CODES).toEqual([
      'normal',
      'house_closed',
      'meter_stopped',
      'digits_stuck',
      'seal_broken',
      'no_access',
      'suspected_fraud',
    ]);
    for (const code of READING_CODES) expect(READING_CODE_LABELS[code]).toMatch(/\S/);
    for (const kind of ANOMALY_KINDS) expect(ANOMALY_LABELS[kind]).toMatch(/\S/);
    expect(READING_CODE_LABELS.house_closed).toBe('Nhà đóng cửa');
  });
  it('high and low never both hold for a positive average', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 5 }),
        (c, h) => {
          const kinds = detectAnomalies({ previousIndex: 0, currentIndex: c, history: h }).kinds;
          expect(kinds.includes('high') && kinds.includes('low')).toBe(false);
        },
      ),
    );
  });
});
