/**
 * The declaration forms' zod schemas for react-hook-form: the typed text (tt/nnnn periods, grouped numbers) is
 * checked with the form's own messages, then the value sent is checked with the API's input schema
 * (schemas/reading-declarations.ts). Issues carry the form's field names.
 */
import { z } from 'zod';
import type { ReadingCode } from '@/domain/reading/anomaly';
import {
  backBillInputSchema,
  correctPreviousIndexInputSchema,
  readingNote,
  spreadInputSchema,
  suspensionInputSchema,
} from '@/schemas/reading-declarations';
import { fmtInt, parseWhole, periodLabel } from './format';
import { parsePeriodText } from './period-picker';

type Errors = Record<string, string>;

/** A whole number as typed, or null when empty or not one. */
const whole = (text: string): number | null => {
  const n = parseWhole(text);
  return n === null || Number.isNaN(n) ? null : n;
};

/**
 * Reports the form's own errors; when there are none, checks `input` with the API's schema, its issues renamed
 * to the form's fields (`rename`), and gives what it accepted.
 */
function finish<T>(
  ctx: z.RefinementCtx,
  errors: Errors,
  build: () => { schema: z.ZodType<T>; input: unknown },
  rename: Record<string, string> = {},
): T {
  const found = Object.entries(errors);
  for (const [path, message] of found) ctx.addIssue({ code: 'custom', path: [path], message });
  if (found.length) return z.NEVER;
  const { schema, input } = build();
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    ctx.addIssue({ code: 'custom', path: [rename[key] ?? key], message: issue.message });
  }
  return z.NEVER;
}

const text = z.string();

export function suspensionFormSchema(customerId: number) {
  return z.object({ fromPeriod: text, toPeriod: text, reason: text }).transform((v, ctx) => {
    const errs: Errors = {};
    const fromPeriod = parsePeriodText(v.fromPeriod);
    const toPeriod = v.toPeriod.trim() ? parsePeriodText(v.toPeriod) : null;
    if (!fromPeriod) errs.fromPeriod = 'Kỳ bắt đầu không hợp lệ (tháng/năm, ví dụ 11/2026).';
    if (v.toPeriod.trim() && !toPeriod) errs.toPeriod = 'Kỳ kết thúc không hợp lệ (tháng/năm).';
    else if (fromPeriod && toPeriod && toPeriod < fromPeriod) errs.toPeriod = 'Kỳ kết thúc phải sau kỳ bắt đầu.';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do tạm dừng.';
    return finish(ctx, errs, () => ({
      schema: suspensionInputSchema,
      input: { customerId, fromPeriod, toPeriod, reason: v.reason },
    }));
  });
}

export function backBillFormSchema(customerId: number) {
  return z
    .object({ tariffPeriod: text, billPeriod: text, mode: z.enum(['m3', 'amount']), value: text, reason: text })
    .transform((v, ctx) => {
      const errs: Errors = {};
      const n = whole(v.value);
      const tariffPeriod = parsePeriodText(v.tariffPeriod);
      const billPeriod = parsePeriodText(v.billPeriod);
      if (!tariffPeriod) errs.tariffPeriod = 'Kỳ truy thu không hợp lệ (tháng/năm).';
      if (!billPeriod) errs.billPeriod = 'Kỳ tính hóa đơn không hợp lệ (tháng/năm).';
      else if (tariffPeriod && tariffPeriod > billPeriod) errs.tariffPeriod = 'Kỳ truy thu phải trước kỳ tính hóa đơn.';
      if (n === null || n <= 0)
        errs.value =
          v.mode === 'm3'
            ? 'Số m3 truy thu phải là số nguyên dương.'
            : 'Số tiền truy thu phải là số nguyên dương (đồng).';
      if (!v.reason.trim()) errs.reason = 'Phải nhập lý do truy thu.';
      return finish(
        ctx,
        errs,
        () => ({
          schema: backBillInputSchema,
          input: {
            customerId,
            tariffPeriod,
            billPeriod,
            quantity: v.mode === 'm3' ? n : null,
            amount: v.mode === 'amount' ? n : null,
            reason: v.reason,
          },
        }),
        { quantity: 'value', amount: 'value' },
      );
    });
}

export function spreadFormSchema(customerId: number) {
  return z.object({ quantity: text, firstPeriod: text, periods: text, reason: text }).transform((v, ctx) => {
    const errs: Errors = {};
    const quantity = whole(v.quantity);
    const periods = whole(v.periods);
    const firstPeriod = parsePeriodText(v.firstPeriod);
    if (quantity === null || quantity <= 0) errs.quantity = 'Số m3 cần phân bổ phải là số nguyên dương.';
    if (periods === null || periods < 1 || periods > 36) errs.periods = 'Số kỳ phân bổ phải từ 1 đến 36.';
    if (!firstPeriod) errs.firstPeriod = 'Kỳ bắt đầu không hợp lệ (tháng/năm).';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do.';
    return finish(ctx, errs, () => ({
      schema: spreadInputSchema,
      input: { customerId, quantity, firstPeriod, periods, reason: v.reason },
    }));
  });
}

/** The outgoing meter's final index, changed after the replacement was declared. */
export function finalIndexFormSchema(current: number) {
  return z.object({ finalIndex: text, reason: text }).transform((v, ctx) => {
    const errs: Errors = {};
    const finalIndex = whole(v.finalIndex);
    if (finalIndex === null) errs.finalIndex = 'Chỉ số cuối của đồng hồ cũ phải là số nguyên không âm.';
    else if (finalIndex === current) errs.finalIndex = `Chỉ số cuối đang là ${fmtInt(current)}.`;
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do sửa chỉ số cuối.';
    return finish(ctx, errs, () => ({
      schema: z.object({ finalIndex: z.number(), reason: z.string().trim() }),
      input: { finalIndex, reason: v.reason },
    }));
  });
}

/** A replacement inside `period`: the old meter's final index and the new meter. */
export function replacementFormSchema(
  period: string,
  bounds: { start: string; end: string },
  row: { previousIndex: number; meterMaxIndex: number | null; meterSerial: string },
) {
  return z
    .object({ removedOn: text, finalIndex: text, serial: text, initialIndex: text, sealNo: text })
    .transform((v, ctx) => {
      const errs: Errors = {};
      const finalIndex = whole(v.finalIndex);
      const initialIndex = whole(v.initialIndex);
      if (!v.removedOn) errs.removedOn = 'Chưa nhập ngày thay.';
      else if (v.removedOn < bounds.start || v.removedOn > bounds.end)
        errs.removedOn = `Ngày thay phải trong kỳ ${periodLabel(period)}.`;
      if (finalIndex === null) errs.finalIndex = 'Chỉ số cuối của đồng hồ cũ phải là số nguyên không âm.';
      else if (finalIndex < row.previousIndex && row.meterMaxIndex === null)
        errs.finalIndex = `Chỉ số cuối nhỏ hơn chỉ số cũ (${fmtInt(row.previousIndex)}).`;
      if (!v.serial.trim()) errs.serial = 'Chưa nhập số seri đồng hồ mới.';
      else if (v.serial.trim().toUpperCase() === row.meterSerial.toUpperCase())
        errs.serial = 'Số seri mới trùng đồng hồ đang lắp.';
      if (initialIndex === null) errs.initialIndex = 'Chỉ số đầu của đồng hồ mới phải là số nguyên không âm.';
      return finish(ctx, errs, () => ({
        schema: z.object({
          removedOn: z.string(),
          finalIndex: z.number(),
          serial: z.string().trim(),
          initialIndex: z.number(),
          sealNo: z
            .string()
            .trim()
            .transform((s) => s || null),
        }),
        input: { removedOn: v.removedOn, finalIndex, serial: v.serial, initialIndex, sealNo: v.sealNo },
      }));
    });
}

/** The corrected previous index, with the period's current index the consumption is computed from again. */
export function correctionFormSchema(row: {
  customerId: number;
  meterId: number;
  previousIndex: number;
  period: string;
}) {
  return z.object({ previousIndex: text, currentIndex: text, reason: text }).transform((v, ctx) => {
    const errs: Errors = {};
    const prev = parseWhole(v.previousIndex);
    const cur = parseWhole(v.currentIndex);
    if (prev === null || Number.isNaN(prev)) errs.previousIndex = 'Chỉ số cũ phải là số nguyên không âm.';
    else if (prev === row.previousIndex) errs.previousIndex = 'Chỉ số cũ chưa thay đổi.';
    if (cur === null) errs.currentIndex = 'Nhập chỉ số mới của kỳ cùng chỉ số cũ đã sửa.';
    else if (Number.isNaN(cur)) errs.currentIndex = 'Chỉ số mới phải là số nguyên không âm.';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do sửa chỉ số cũ.';
    return finish(ctx, errs, () => ({
      schema: correctPreviousIndexInputSchema,
      input: {
        customerId: row.customerId,
        period: row.period,
        meterId: row.meterId,
        previousIndex: prev,
        currentIndex: cur,
        reason: v.reason,
      },
    }));
  });
}

/** An unread meter: the reason code (one that bills on the average) and a note. */
export const unreadFormSchema = z.object({ code: text, note: text }).transform((v, ctx) =>
  finish(ctx, {}, () => ({
    schema: z.object({
      code: z.string().transform((c) => c as ReadingCode),
      note: readingNote.transform((n) => n || null),
    }),
    input: v,
  })),
);
