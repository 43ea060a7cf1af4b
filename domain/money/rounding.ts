/**
 * Named rounding rules for whole-VND amounts.
 *
 * Vietnamese bills are printed in whole đồng, and an invoice must be
 * reproducible by anybody who re-adds its lines. So every rounding in the
 * product goes through this module and follows ONE named rule:
 *
 *   PER_LINE_HALF_UP — each line (tier amount, VAT, fee …) is computed from
 *   exact integers and rounded once, to the nearest đồng; an exact half is
 *   rounded away from zero (0.5 → 1, 2.5 → 3, −2.5 → −3), like Excel's
 *   ROUND(x, 0) and Java's RoundingMode.HALF_UP. Totals are sums of already
 *   rounded lines and are never rounded again.
 *
 * Arithmetic is done in BigInt so that products such as amount × basis points
 * never lose precision above 2^53; results are checked to be safe integers.
 */

export const RoundingRule = {
  PER_LINE_HALF_UP: 'PER_LINE_HALF_UP',
} as const;
export type RoundingRule = (typeof RoundingRule)[keyof typeof RoundingRule];

/** 100 % expressed in basis points (1 bp = 0.01 %). */
export const BASIS_POINTS_PER_UNIT = 10_000;

type IntegerLike = bigint | number;

function toBigInt(value: IntegerLike, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} phải là số nguyên an toàn, nhận được ${String(value)}`);
  }
  return BigInt(value);
}

/** Converts back to `number`, refusing anything that would lose precision. */
function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Số tiền ${value.toString()} vượt quá giới hạn số nguyên an toàn`);
  }
  return n;
}

/**
 * numerator / denominator rounded to the nearest integer, halves away from
 * zero. Exact for any integer inputs (BigInt inside).
 */
export function roundHalfUp(numerator: IntegerLike, denominator: IntegerLike = 1): number {
  let num = toBigInt(numerator, 'Tử số');
  let den = toBigInt(denominator, 'Mẫu số');
  if (den === 0n) throw new RangeError('Mẫu số phải khác 0');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const abs = negative ? -num : num;
  // floor((2·|n| + d) / (2·d)) is |n|/d rounded half up, in pure integers.
  const rounded = (2n * abs + den) / (2n * den);
  return toSafeNumber(negative ? -rounded : rounded);
}

/** round(value × multiplier / divisor), one rounding only (no double rounding). */
export function mulDivHalfUp(value: IntegerLike, multiplier: IntegerLike, divisor: IntegerLike): number {
  return roundHalfUp(toBigInt(value, 'Giá trị') * toBigInt(multiplier, 'Hệ số'), divisor);
}

/**
 * `amount × basisPoints / 10 000`, rounded half up — the PER_LINE_HALF_UP rule
 * applied to a percentage line (VAT 500 bp = 5 %, fee 1000 bp = 10 % …).
 */
export function applyRate(amount: IntegerLike, basisPoints: IntegerLike): number {
  return mulDivHalfUp(amount, basisPoints, BASIS_POINTS_PER_UNIT);
}

/** Exact product of two integers as a safe `number` (throws on overflow). */
export function multiplyExact(a: IntegerLike, b: IntegerLike): number {
  return toSafeNumber(toBigInt(a, 'Thừa số') * toBigInt(b, 'Thừa số'));
}
