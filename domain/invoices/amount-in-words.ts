/**
 * The total in words printed on an invoice (TgTTTBChu), read the Vietnamese way (VIETNAM-RULES.md, "Amount in
 * words").
 *
 * Choices made here:
 * - Groups of three digits with "nghìn", "triệu", "tỷ"; above a billion the part before the last nine digits is
 *   read on its own and followed by "tỷ" again (1,000,000,000,000 → "một nghìn tỷ", 10^18 → "một tỷ tỷ"), which is
 *   what invoice software and the tax authority's own portal print.
 * - A group made only of zeros is not read at all (1,000,001 → "một triệu không trăm linh một"); every other group
 *   after the first keeps its "không trăm" and its "linh"/"lẻ".
 * - The dialect changes two things only: a zero tens digit before a unit reads "linh" (NORTH) or "lẻ" (SOUTH), and
 *   a unit 4 after tens ≥ 2 reads "tư" in the South ("hai mươi tư") and "bốn" in the North. Both use "nghìn" (the
 *   word the rules name; "ngàn" is spoken, not printed on invoices). "mốt" (1 after tens ≥ 2) and "lăm" (5 after
 *   tens ≥ 1) are common to both.
 * - A negative amount (an adjustment invoice that lowers the bill) reads "Âm …"; the printed number carries the
 *   minus sign and the words must say the same. Fractions and amounts beyond ±(2^53 − 1) are refused: a VND amount
 *   is whole, and a rounded one would be a wrong bill.
 */
import { InvoiceRuleError } from './invoice-rule-error';

export type AmountReading = 'NORTH' | 'SOUTH';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const GROUP_SCALES = ['triệu', 'nghìn', ''] as const;
const BILLION = 1_000_000_000n;

function digit(d: number): string {
  return DIGITS[d] ?? String(d);
}

/** One group of three digits (1–999). `full` when a group stands before it, so hundreds and "linh" are read out. */
function readGroup(n: number, full: boolean, dialect: AmountReading): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor(n / 10) % 10;
  const units = n % 10;
  const words: string[] = [];
  const readsHundreds = full || hundreds > 0;
  if (readsHundreds) words.push(digit(hundreds), 'trăm');

  if (tens === 0) {
    if (units !== 0 && readsHundreds) words.push(dialect === 'NORTH' ? 'linh' : 'lẻ');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(digit(tens), 'mươi');
  }

  if (units === 1 && tens >= 2) words.push('mốt');
  else if (units === 4 && tens >= 2 && dialect === 'SOUTH') words.push('tư');
  else if (units === 5 && tens >= 1) words.push('lăm');
  else if (units !== 0) words.push(digit(units));
  return words;
}

/** 1 – 999,999,999. `full` when a higher part (billions) was read before it. */
function readBelowBillion(n: number, full: boolean, dialect: AmountReading): string[] {
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const words: string[] = [];
  let leading = !full;
  groups.forEach((group, i) => {
    if (group === 0) return;
    words.push(...readGroup(group, !leading, dialect));
    const scale = GROUP_SCALES[i];
    if (scale) words.push(scale);
    leading = false;
  });
  return words;
}

function readPositive(n: bigint, full: boolean, dialect: AmountReading): string[] {
  if (n < BILLION) return readBelowBillion(Number(n), full, dialect);
  const low = n % BILLION;
  const words = [...readPositive(n / BILLION, full, dialect), 'tỷ'];
  if (low > 0n) words.push(...readBelowBillion(Number(low), true, dialect));
  return words;
}

/**
 * A whole VND amount in words, capitalised, ending with "đồng": 1001 → "Một nghìn không trăm linh một đồng".
 * Throws InvoiceRuleError INVALID_AMOUNT for a fraction, NaN or an amount beyond ±(2^53 − 1).
 */
export function amountInWords(amount: number, dialect: AmountReading): string {
  if (!Number.isSafeInteger(amount)) {
    throw new InvoiceRuleError('INVALID_AMOUNT', 'Số tiền phải là số nguyên đồng trong giới hạn cho phép.');
  }
  if (amount === 0) return 'Không đồng';
  const words = readPositive(BigInt(Math.abs(amount)), false, dialect);
  if (amount < 0) words.unshift('âm');
  words.push('đồng');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
