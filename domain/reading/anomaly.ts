/**
 * Consumption from two meter indexes, and the anomaly checks run both on
 * manual entry and when readings arrive from handhelds or Excel files.
 *
 * Practice at a Ho Chi Minh City utility: flag consumption ≥ 1.51 × or
 * ≤ 0.51 × the average of the last 3 periods. The factors are settings, so
 * they are parameters here; they are compared in integer hundredths so that
 * e.g. 151 m3 against an average of 100 m3 is "high" without any float doubt.
 */
import { roundHalfUp } from '../money/rounding';
import { ReadingError } from './errors';

export const READING_CODES = [
  'normal',
  'house_closed',
  'meter_stopped',
  'digits_stuck',
  'seal_broken',
  'no_access',
  'suspected_fraud',
] as const;
export type ReadingCode = (typeof READING_CODES)[number];

export const READING_CODE_LABELS: Readonly<Record<ReadingCode, string>> = {
  normal: 'Bình thường',
  house_closed: 'Nhà đóng cửa',
  meter_stopped: 'Đồng hồ không chạy',
  digits_stuck: 'Đồng hồ kẹt số',
  seal_broken: 'Đứt chì niêm phong',
  no_access: 'Không tiếp cận được đồng hồ',
  suspected_fraud: 'Nghi vấn gian lận',
};

/**
 * Codes whose index cannot be trusted for billing: the period is billed on
 * the average of the previous 3 periods and settled when a real reading comes.
 */
export const CODES_REQUIRING_ESTIMATE: readonly ReadingCode[] = ['meter_stopped', 'digits_stuck', 'no_access'];

export const ANOMALY_KINDS = ['high', 'low', 'zero', 'negative', 'rollover'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export const ANOMALY_LABELS: Readonly<Record<AnomalyKind, string>> = {
  high: 'Tiêu thụ tăng bất thường',
  low: 'Tiêu thụ giảm bất thường',
  zero: 'Không tiêu thụ',
  negative: 'Chỉ số mới nhỏ hơn chỉ số cũ',
  rollover: 'Đồng hồ quay vòng (vượt chỉ số tối đa)',
};

const DEFAULT_HIGH_FACTOR = 1.51;
const DEFAULT_LOW_FACTOR = 0.51;
const HISTORY_WINDOW = 3;

function assertIndex(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ReadingError('INVALID_INDEX', `${what} phải là số nguyên không âm, nhận được ${String(value)}`);
  }
}

export interface ConsumptionResult {
  /** m3; negative when the current index is below the previous and no roll-over is possible. */
  consumption: number;
  rolledOver: boolean;
}

/**
 * current − previous; when current < previous and the meter's maximum index
 * is known, the meter is assumed to have passed its maximum and restarted at
 * 0: consumption = max + 1 − previous + current.
 */
export function computeConsumption(previous: number, current: number, maxIndex?: number | null): ConsumptionResult {
  assertIndex(previous, 'Chỉ số cũ');
  assertIndex(current, 'Chỉ số mới');
  if (maxIndex != null) {
    assertIndex(maxIndex, 'Chỉ số tối đa của đồng hồ');
    if (previous > maxIndex || current > maxIndex) {
      throw new ReadingError('INVALID_INDEX', `Chỉ số vượt quá chỉ số tối đa của đồng hồ (${maxIndex})`);
    }
  }
  if (current >= previous) return { consumption: current - previous, rolledOver: false };
  if (maxIndex != null) return { consumption: maxIndex + 1 - previous + current, rolledOver: true };
  return { consumption: current - previous, rolledOver: false };
}

function assertHistory(history: readonly number[]): void {
  for (const h of history) {
    if (!Number.isSafeInteger(h) || h < 0) {
      throw new ReadingError(
        'INVALID_HISTORY',
        `Lịch sử tiêu thụ phải gồm các số nguyên không âm, nhận được ${String(h)}`,
      );
    }
  }
}

/**
 * Average of the (up to) 3 newest consumptions, rounded half up to whole m3:
 * the estimate billed for an unread or faulty meter. Fewer than 3 periods of
 * history: average of what exists; no history: 0.
 */
export function averageOfLast3(history: readonly number[]): number {
  assertHistory(history);
  const recent = history.slice(0, HISTORY_WINDOW);
  if (recent.length === 0) return 0;
  return roundHalfUp(
    recent.reduce((a, b) => a + b, 0),
    recent.length,
  );
}

/** A factor as integer hundredths (1.51 → 151); more precision is refused. */
function factorToHundredths(factor: number, what: string): number {
  const hundredths = Math.round(factor * 100);
  if (!Number.isFinite(factor) || factor < 0 || Math.abs(factor * 100 - hundredths) > 1e-9) {
    throw new ReadingError(
      'INVALID_FACTOR',
      `${what} phải là số không âm có tối đa 2 chữ số thập phân, nhận được ${String(factor)}`,
    );
  }
  return hundredths;
}

export interface AnomalyInput {
  previousIndex: number;
  currentIndex: number;
  meterMaxIndex?: number | null;
  /** Last consumptions, newest first. */
  history: readonly number[];
  highFactor?: number;
  lowFactor?: number;
  code?: ReadingCode;
}

export interface AnomalyResult {
  kinds: AnomalyKind[];
  /** m3 to bill from the indexes (the rolled-over figure when the meter rolled over). */
  consumption: number;
  /** Set only on roll-over: max + 1 − previous + current. */
  rolledOverConsumption?: number;
  /** Average of the last 3 periods, rounded half up (0 without history). */
  average: number;
  /** The reading code says the index is unusable: bill `average` instead. */
  estimateRequired: boolean;
}

/**
 * Kinds, in a fixed order: negative | rollover, zero, high, low.
 * - high: consumption ≥ highFactor × average (with a zero average: any use);
 * - low: average > 0 and consumption ≤ lowFactor × average;
 * - a 'house_closed' code explains a zero or low reading, so those are not flagged.
 * The exact average (sum / n) is compared, not the rounded one.
 */
export function detectAnomalies(input: AnomalyInput): AnomalyResult {
  const code = input.code ?? 'normal';
  if (!READING_CODES.includes(code)) {
    throw new ReadingError('INVALID_INDEX', `Mã ghi chỉ số "${String(code)}" không hợp lệ`);
  }
  const high = factorToHundredths(input.highFactor ?? DEFAULT_HIGH_FACTOR, 'Hệ số bất thường cao');
  const low = factorToHundredths(input.lowFactor ?? DEFAULT_LOW_FACTOR, 'Hệ số bất thường thấp');
  assertHistory(input.history);

  const { consumption, rolledOver } = computeConsumption(input.previousIndex, input.currentIndex, input.meterMaxIndex);
  const recent = input.history.slice(0, HISTORY_WINDOW);
  const n = recent.length;
  const sum = recent.reduce((a, b) => a + b, 0);
  const average = n === 0 ? 0 : roundHalfUp(sum, n);
  const explainedLow = code === 'house_closed';

  const kinds: AnomalyKind[] = [];
  if (consumption < 0) kinds.push('negative');
  if (rolledOver) kinds.push('rollover');
  if (consumption === 0 && !explainedLow) kinds.push('zero');
  if (consumption >= 0 && n > 0) {
    // consumption ≥ (f/100) × (sum/n)  ⇔  consumption × 100 × n ≥ f × sum (BigInt: no overflow).
    const lhs = BigInt(consumption) * 100n * BigInt(n);
    if (sum === 0 ? consumption > 0 : lhs >= BigInt(high) * BigInt(sum)) kinds.push('high');
    if (sum > 0 && lhs <= BigInt(low) * BigInt(sum) && !explainedLow) kinds.push('low');
  }

  return {
    kinds,
    consumption,
    ...(rolledOver ? { rolledOverConsumption: consumption } : {}),
    average,
    estimateRequired: CODES_REQUIRING_ESTIMATE.includes(code),
  };
}
