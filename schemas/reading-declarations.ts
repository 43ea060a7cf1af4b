/**
 * The inputs of the reading declarations (suspension, corrected previous index, back-billing, spreading owed m3)
 * as the API validates them (graphql/modules/readings/readings.type.ts); the declaration forms check what they
 * send with the same schemas, after turning the typed text (tt/nnnn periods, grouped numbers) into values.
 */
import { z } from 'zod';

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const periodString = z.string().regex(PERIOD_RE, 'Kỳ không hợp lệ (định dạng YYYY-MM).');
export const readingIndex = (label: string) =>
  z.number().int(`${label} phải là số nguyên.`).min(0, `${label} không được âm.`).max(999_999_999, `${label} quá lớn.`);
const declarationReason = z.string().trim().min(1, 'Phải nhập lý do.').max(500, 'Lý do dài tối đa 500 ký tự.');
export const readingNote = z.string().trim().max(500, 'Ghi chú dài tối đa 500 ký tự.').nullish();

export const suspensionInputSchema = z.object({
  customerId: z.number().int().positive(),
  fromPeriod: periodString,
  toPeriod: periodString.nullish(),
  reason: declarationReason,
});

export const correctPreviousIndexInputSchema = z.object({
  customerId: z.number().int().positive(),
  period: periodString,
  meterId: z.number().int().positive().nullish(),
  previousIndex: readingIndex('Chỉ số cũ'),
  currentIndex: readingIndex('Chỉ số mới').nullish(),
  reason: declarationReason,
});

export const backBillInputSchema = z.object({
  customerId: z.number().int().positive(),
  tariffPeriod: periodString,
  billPeriod: periodString,
  quantity: z.number().int('Số m3 phải là số nguyên.').positive('Số m3 phải lớn hơn 0.').max(1_000_000).nullish(),
  amount: z.number().int('Số tiền phải là số nguyên đồng.').positive('Số tiền phải lớn hơn 0.').max(1e12).nullish(),
  reason: declarationReason,
});

export const spreadInputSchema = z.object({
  customerId: z.number().int().positive(),
  quantity: z.number().int('Số m3 phải là số nguyên.').positive('Số m3 phải lớn hơn 0.').max(1_000_000),
  firstPeriod: periodString,
  periods: z.number().int().min(1, 'Số kỳ phân bổ phải từ 1 đến 36.').max(36, 'Số kỳ phân bổ phải từ 1 đến 36.'),
  reason: declarationReason,
});
