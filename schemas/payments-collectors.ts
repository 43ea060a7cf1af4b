import { z } from 'zod';
import { parseAmountText } from './payments-counter';

/**
 * The rules the collectors' and the reconciliation screens share with the API: a device's idempotency key, a
 * settlement's handed-in amount and note, and a reconciliation exception's resolution.
 */

/** A device's key for one payment; stored per collector as `col:{userId}:{key}` in the 64-character column. */
export const COLLECTOR_KEY_RE = /^[A-Za-z0-9._:-]{8,48}$/;

export const collectorKeySchema = z
  .string()
  .regex(COLLECTOR_KEY_RE, 'Mã gửi phải có 8–48 ký tự: chữ cái, chữ số, dấu chấm, gạch ngang, gạch dưới, hai chấm.');

export const settlementNoteSchema = z.string().trim().max(500, 'Ghi chú dài quá 500 ký tự.');

export const resolutionSchema = z
  .string()
  .trim()
  .min(3, 'Ghi cách xử lý (ít nhất 3 ký tự).')
  .max(500, 'Ghi chú dài quá 500 ký tự.');

export const resolveExceptionFormSchema = z.object({ resolution: resolutionSchema });

/**
 * The settlement form: the money handed in as the cashier types it ("1.250.000"), and a note that is required when
 * it differs from what was recorded (the server refuses a difference without one, too).
 */
export function settlementFormSchema(recorded: number) {
  return z.object({ handedIn: z.string(), note: settlementNoteSchema }).transform((v, ctx) => {
    const parsed = v.handedIn.trim() === '' ? null : parseAmountText(v.handedIn);
    if (!parsed || !parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['handedIn'],
        message: parsed ? parsed.message : 'Nhập số tiền nhân viên thu đã nộp.',
      });
      return z.NEVER;
    }
    if (parsed.amount !== recorded && v.note === '') {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Số tiền nộp khác số đã thu: ghi rõ lý do chênh lệch.' });
      return z.NEVER;
    }
    return { handedIn: parsed.amount, note: v.note };
  });
}
