/**
 * Spreading owed m3 (phân bổ m3 nợ) over several billing periods, e.g. after
 * a stuck meter: the parts are whole m3 and always add back to the total.
 * Earlier periods take the remainder so the debt is recovered as early as
 * possible and the last periods are never larger than the first.
 */
import { ReadingError } from './errors';
import { addPeriods } from './period';

export function spreadQuantity(total: number, periods: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new ReadingError(
      'INVALID_QUANTITY',
      `Số m3 cần phân bổ phải là số nguyên không âm, nhận được ${String(total)}`,
    );
  }
  if (!Number.isSafeInteger(periods) || periods < 1) {
    throw new ReadingError(
      'INVALID_QUANTITY',
      `Số kỳ phân bổ phải là số nguyên từ 1 trở lên, nhận được ${String(periods)}`,
    );
  }
  const base = Math.floor(total / periods);
  const remainder = total - base * periods;
  return Array.from({ length: periods }, (_, i) => base + (i < remainder ? 1 : 0));
}

export interface PeriodQuantity {
  period: string;
  quantity: number;
}

/** spreadQuantity laid out on consecutive periods starting at `firstPeriod`. */
export function spreadOverPeriods(total: number, firstPeriod: string, periods: number): PeriodQuantity[] {
  return spreadQuantity(total, periods).map((quantity, i) => ({ period: addPeriods(firstPeriod, i), quantity }));
}
