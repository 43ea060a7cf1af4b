/**
 * Integer allocation that conserves the total (m3 split across service types
 * or across tariff versions). Used wherever an integer quantity must be cut
 * into integer parts: the parts always add back up to the total, so no m3 is
 * ever created or lost by rounding.
 */

/**
 * Largest-remainder (Hamilton) method: each part gets floor(total·w/W); the
 * units left over go to the parts with the largest remainders. Ties go to the
 * EARLIER part, so callers that need order-independence must pass the weights
 * in a canonical order. Exact (BigInt) for any safe-integer inputs.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`Tổng cần phân bổ phải là số nguyên không âm, nhận được ${String(total)}`);
  }
  if (weights.length === 0) throw new RangeError('Cần ít nhất một trọng số để phân bổ');
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`Trọng số phải là số nguyên không âm, nhận được ${String(w)}`);
    }
  }
  const sumWeights = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sumWeights === 0n) throw new RangeError('Tổng trọng số phải lớn hơn 0');

  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / sumWeights);
  const remainders = weights.map((w, index) => ({ index, rem: (t * BigInt(w)) % sumWeights }));
  let left = t - parts.reduce((a, p) => a + p, 0n);
  // Stable order: larger remainder first, earlier index on ties.
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p));
}
