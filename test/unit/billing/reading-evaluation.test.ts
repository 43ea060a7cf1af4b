import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateReading, needsEstimate, type ReadingEvaluationInput } from '@/domain/billing/reading-evaluation';

const input = (over: Partial<ReadingEvaluationInput> = {}): ReadingEvaluationInput => ({
  previousIndex: 100,
  currentIndex: 110,
  code: 'normal',
  meterMaxIndex: 99_999,
  history: [10, 10, 10],
  estimatedSinceLastReal: 0,
  otherMetersConsumption: 0,
  highFactorPct: 151,
  lowFactorPct: 51,
  ...over,
});

describe('evaluateReading', () => {
  it('bills current − previous and flags nothing for a usual reading', () => {
    expect(evaluateReading(input())).toEqual({
      currentIndex: 110,
      consumption: 10,
      isEstimated: false,
      anomalies: [],
      average: 10,
      settled: 0,
    });
  });

  it('uses the company factors (in hundredths)', () => {
    expect(evaluateReading(input({ currentIndex: 115 })).anomalies).toEqual([]);
    expect(evaluateReading(input({ currentIndex: 115, highFactorPct: 150 })).anomalies).toEqual(['high']);
    expect(evaluateReading(input({ currentIndex: 106 })).anomalies).toEqual([]);
    expect(evaluateReading(input({ currentIndex: 106, lowFactorPct: 60 })).anomalies).toEqual(['low']);
  });

  it('estimates an unread meter (no index, or a code saying the index is wrong) on the 3-period average', () => {
    expect(needsEstimate(null, 'house_closed')).toBe(true);
    expect(needsEstimate(120, 'digits_stuck')).toBe(true);
    expect(needsEstimate(120, 'seal_broken')).toBe(false);
    expect(evaluateReading(input({ currentIndex: null, code: 'no_access', history: [9, 10, 12, 50] }))).toEqual({
      currentIndex: null,
      consumption: 10,
      isEstimated: true,
      anomalies: [],
      average: 10,
      settled: 0,
    });
    expect(evaluateReading(input({ currentIndex: 500, code: 'digits_stuck' })).currentIndex).toBeNull();
  });

  it('settles earlier estimates with the next real reading', () => {
    const r = evaluateReading(input({ currentIndex: 125, estimatedSinceLastReal: 10 }));
    expect(r).toMatchObject({ consumption: 15, settled: 10, anomalies: [] });
  });

  it('flags a real reading below what the estimates already billed, billing 0', () => {
    const r = evaluateReading(input({ currentIndex: 104, estimatedSinceLastReal: 10 }));
    expect(r).toMatchObject({ consumption: 0, settled: 4, anomalies: ['over_estimated', 'zero', 'low'] });
  });

  it('judges a replaced meter’s period as a whole', () => {
    // New meter read 4 m3; the old one had 6 m3 this period: 10 m3 as usual.
    expect(evaluateReading(input({ previousIndex: 0, currentIndex: 4, otherMetersConsumption: 6 })).anomalies).toEqual(
      [],
    );
    expect(evaluateReading(input({ previousIndex: 0, currentIndex: 4 })).anomalies).toEqual(['low']);
    // The outgoing meter's part alone is not judged.
    expect(evaluateReading(input({ currentIndex: 106, judgeUsage: false })).anomalies).toEqual([]);
  });

  it('queues readings whose code needs a supervisor whatever the m3', () => {
    expect(evaluateReading(input({ code: 'suspected_fraud' })).anomalies).toEqual(['suspected_fraud']);
    expect(evaluateReading(input({ currentIndex: null, code: 'seal_broken' })).anomalies).toEqual(['seal_broken']);
  });

  it('reads roll-over and negative readings', () => {
    expect(evaluateReading(input({ previousIndex: 99_995, currentIndex: 4 }))).toMatchObject({
      consumption: 9,
      anomalies: ['rollover'],
    });
    expect(evaluateReading(input({ currentIndex: 90, meterMaxIndex: null }))).toMatchObject({
      consumption: -10,
      anomalies: ['negative'],
    });
  });

  it('property: without estimates the consumption is the index difference, never negative with a known maximum', () => {
    fc.assert(
      fc.property(
        fc.nat(99_999),
        fc.nat(99_999),
        fc.array(fc.nat(500), { maxLength: 12 }),
        (previous, current, history) => {
          const r = evaluateReading(input({ previousIndex: previous, currentIndex: current, history }));
          expect(r.consumption).toBeGreaterThanOrEqual(0);
          expect(r.consumption).toBe(current >= previous ? current - previous : 100_000 - previous + current);
          expect(r.anomalies.includes('rollover')).toBe(current < previous);
        },
      ),
    );
  });

  it('property: settlement conserves m3 (estimates billed + this reading = meter difference)', () => {
    fc.assert(
      fc.property(fc.nat(50_000), fc.nat(5_000), fc.nat(5_000), (previous, used, estimated) => {
        const r = evaluateReading(
          input({ previousIndex: previous, currentIndex: previous + used, estimatedSinceLastReal: estimated }),
        );
        expect(r.consumption + r.settled).toBe(used);
        expect(r.consumption).toBe(Math.max(0, used - estimated));
      }),
    );
  });
});
