import { z } from 'zod';

/**
 * The rules of the counter (thu tiền tại quầy) that the screen and the API share: what an amount may be, how a
 * cashier types it, the save's idempotency key and a reversal's reason.
 */

/** The most one payment may carry (the payments table's CHECK says the same): larger is a typing error. */
const PAYMENT_AMOUNT_MAX = 100_000_000_000;

/** Rows of one counter save: a whole book (5,000 customers at most) in one request. */
export const COUNTER_MAX_ENTRIES = 5000;

/**
 * The client's key of one save attempt, reused when the same save is sent again (a double click, a retry after a
 * lost answer). Each payment stores `${key}:${invoiceId}`, which must fit the 64-character column.
 */
export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_-]{8,40}$/;

export const idempotencyKeySchema = z
  .string()
  .regex(IDEMPOTENCY_KEY_RE, 'Mã chống gửi trùng gồm 8–40 chữ cái không dấu, chữ số, “-” hoặc “_”.');

export const reversalReasonSchema = z
  .string()
  .trim()
  .min(3, 'Nhập lý do hủy (ít nhất 3 ký tự).')
  .max(500, 'Lý do dài quá 500 ký tự.');

export const reversePaymentFormSchema = z.object({ reason: reversalReasonSchema });

export type AmountText = { ok: true; amount: number } | { ok: false; message: string };

/**
 * An amount as a cashier types it: whole đồng, with or without thousand separators ("150.000", "150,000",
 * "150 000"); empty is 0 (nothing taken from that customer). Decimals and signs are refused, not rounded.
 */
export function parseAmountText(text: string): AmountText {
  const t = text.trim();
  if (t === '') return { ok: true, amount: 0 };
  if (!/^\d{1,3}([.,\s]\d{3})*$|^\d+$/.test(t))
    return { ok: false, message: 'Số tiền là số nguyên đồng, ví dụ 150.000.' };
  const amount = Number(t.replace(/[.,\s]/g, ''));
  if (!Number.isSafeInteger(amount) || amount > PAYMENT_AMOUNT_MAX)
    return { ok: false, message: 'Số tiền tối đa 100 tỷ đồng cho một khoản thu.' };
  return { ok: true, amount };
}
