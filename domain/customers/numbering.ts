/** Customer codes, contract numbers and sequence numbers: the numbering rules of SPEC §1. */

const CUSTOMER_CODE_DIGITS = 7;

/** `KH` + 7 digits from the company's one sequence: never typed, never edited, never reused. */
export function formatCustomerCode(prefix: string, n: number): string {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`bad customer number ${n}`);
  return `${prefix}${String(n).padStart(CUSTOMER_CODE_DIGITS, '0')}`;
}

/** Contract number = customer code + `/NN`, NN counting re-signings from 01. */
export function formatContractNumber(customerCode: string, revision: number): string {
  if (!Number.isSafeInteger(revision) || revision < 1) throw new RangeError(`bad contract revision ${revision}`);
  return `${customerCode}/${String(revision).padStart(2, '0')}`;
}

const SEQUENCE_STEP = 10;

/** The next sequence number at the end of a book: the next multiple of ten above the largest. */
export function nextSequenceAtEnd(maxSequence: number | null): number {
  if (maxSequence === null || maxSequence <= 0) return SEQUENCE_STEP;
  return (Math.floor(maxSequence / SEQUENCE_STEP) + 1) * SEQUENCE_STEP;
}

/**
 * A number strictly between `before` and `after` (after = null: end of book), preferring the midpoint.
 * Returns null when no integer fits, which tells the caller to renumber the book first.
 */
export function sequenceBetween(before: number | null, after: number | null): number | null {
  const lo = before ?? 0;
  if (after === null) return nextSequenceAtEnd(lo);
  if (after - lo < 2) return null;
  return lo + Math.floor((after - lo) / 2);
}

/** Renumbering: the i-th customer (in current order) gets (i+1)·10, keeping the order. */
export function renumberPlan<T extends { id: number; sequenceNo: number }>(
  rows: readonly T[],
): { id: number; sequenceNo: number }[] {
  return [...rows]
    .sort((a, b) => a.sequenceNo - b.sequenceNo || a.id - b.id)
    .map((r, i) => ({ id: r.id, sequenceNo: (i + 1) * SEQUENCE_STEP }));
}
