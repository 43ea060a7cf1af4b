/**
 * What one typed (or received) reading means for billing: the consumption to bill, whether it is an
 * estimate, and the anomalies a supervisor must look at. Shared by the entry screen, the Excel import
 * and device batches so the three agree to the m3.
 *
 * Beyond detectAnomalies (domain/reading/anomaly.ts) this handles:
 *  - unread meters (no index, or a code saying the index cannot be trusted): billed on the average of the
 *    last 3 periods, index left empty so the next real reading starts from the last real index;
 *  - settlement: the first real reading after estimates bills (current − previous) minus what the
 *    estimates already billed;
 *  - a meter replaced inside the period: high/low/zero are judged on the customer's whole period (old
 *    and new meter together), not on each meter's part;
 *  - codes that need a supervisor whatever the m3 (seal broken, suspected fraud).
 */
import {
  ANOMALY_LABELS,
  CODES_REQUIRING_ESTIMATE,
  averageOfLast3,
  detectAnomalies,
  type AnomalyKind,
  type ReadingCode,
} from '../reading/anomaly';

export type ReadingAnomaly = AnomalyKind | 'over_estimated' | 'seal_broken' | 'suspected_fraud';

export const READING_ANOMALY_LABELS: Readonly<Record<ReadingAnomaly, string>> = {
  ...ANOMALY_LABELS,
  over_estimated: 'Chỉ số thực nhỏ hơn lượng đã tính tạm (bình quân)',
  seal_broken: 'Đứt chì niêm phong',
  suspected_fraud: 'Nghi vấn gian lận',
};

/** Codes that put the reading in the supervisor's queue whatever the consumption. */
const CODES_FLAGGED: readonly ReadingCode[] = ['seal_broken', 'suspected_fraud'];

export interface ReadingEvaluationInput {
  previousIndex: number;
  /** null: the meter was not read. */
  currentIndex: number | null;
  code: ReadingCode;
  meterMaxIndex: number | null;
  /** The customer's consumption of past periods, newest first (whole periods, all meters). */
  history: readonly number[];
  /** m3 billed on estimates since `previousIndex` was read (0 when the last reading was real). */
  estimatedSinceLastReal: number;
  /** Consumption of the customer's other meter rows in the same period (meter replaced inside it). */
  otherMetersConsumption: number;
  /**
   * false for the outgoing meter of a replacement: its part of the period is judged together with the
   * new meter's part when that one is read (otherwise every replacement would be flagged "low").
   */
  judgeUsage?: boolean;
  highFactorPct: number;
  lowFactorPct: number;
}

export interface ReadingEvaluation {
  /** Stored index: null for an estimate. */
  currentIndex: number | null;
  consumption: number;
  isEstimated: boolean;
  anomalies: ReadingAnomaly[];
  /** Average of the last 3 periods (what an estimate bills). */
  average: number;
  /** m3 of earlier estimates deducted by this reading. */
  settled: number;
}

/** The meter was not read, or its index cannot be trusted: bill the 3-period average. */
export function needsEstimate(currentIndex: number | null, code: ReadingCode): boolean {
  return currentIndex === null || CODES_REQUIRING_ESTIMATE.includes(code);
}

/** Throws ReadingError (with a Vietnamese message) on indexes that cannot be evaluated at all. */
export function evaluateReading(input: ReadingEvaluationInput): ReadingEvaluation {
  const history = input.history.map((h) => Math.max(0, h));
  const factors = { highFactor: input.highFactorPct / 100, lowFactor: input.lowFactorPct / 100 };
  const codeFlags = CODES_FLAGGED.includes(input.code) ? [input.code as ReadingAnomaly] : [];

  if (needsEstimate(input.currentIndex, input.code)) {
    const average = averageOfLast3(history);
    return { currentIndex: null, consumption: average, isEstimated: true, anomalies: codeFlags, average, settled: 0 };
  }
  const current = input.currentIndex as number;
  // Indexes: negative / roll-over, and the raw m3 between the two indexes.
  const raw = detectAnomalies({
    previousIndex: input.previousIndex,
    currentIndex: current,
    meterMaxIndex: input.meterMaxIndex,
    history,
    code: input.code,
    ...factors,
  });
  const anomalies: ReadingAnomaly[] = raw.kinds.filter((k) => k === 'negative' || k === 'rollover');
  const settled = raw.consumption >= 0 ? Math.min(input.estimatedSinceLastReal, raw.consumption) : 0;
  if (raw.consumption >= 0 && raw.consumption < input.estimatedSinceLastReal) anomalies.push('over_estimated');
  const consumption = raw.consumption - settled;

  // Usage: zero / high / low on the whole period of the customer (all meters), after settlement.
  if (consumption >= 0 && input.judgeUsage !== false) {
    const usage = detectAnomalies({
      previousIndex: 0,
      currentIndex: consumption + Math.max(0, input.otherMetersConsumption),
      history,
      code: input.code,
      ...factors,
    });
    anomalies.push(...usage.kinds.filter((k) => k === 'zero' || k === 'high' || k === 'low'));
  }
  anomalies.push(...codeFlags);
  return { currentIndex: current, consumption, isEstimated: false, anomalies, average: raw.average, settled };
}
