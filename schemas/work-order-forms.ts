import { z } from 'zod';
import { isCalendarDate } from '@/domain/time/calendar';
import type { WorkOrderKind } from '@/domain/work-orders/kinds';
import { lineAmount } from '@/domain/work-orders/quote';
import { parseAmountText } from './payments-counter';
import { type WorkOrderInput, workOrderInputSchema } from './work-order-input';

/**
 * The back office's work-order forms as the clerk types them (text boxes) and what they send: the same bounds the
 * API checks, so a slip is shown beside its field before anything is sent.
 */

const text = (min: number, max: number, empty: string, long: string) =>
  z.string().trim().min(min, empty).max(max, long);

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} dài tối đa ${max} ký tự.`)
    .transform((v) => (v ? v : null));

const idText = (message: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number);

const optionalId = z.string().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : null));

const date = (label: string) => z.string().refine(isCalendarDate, `Nhập ${label} (ngày có thật).`);

/** "10.762622" or "10,762622": decimal degrees within the range, sent as the API's decimal string; empty is null. */
const coordinate = (label: string, limit: number, required: boolean) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `Nhập ${label.toLowerCase()}.` });
        return null;
      }
      const dotted = v.replace(',', '.');
      if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(dotted) || Math.abs(Number(dotted)) > limit) {
        ctx.addIssue({
          code: 'custom',
          message: `${label} là số thập phân (tối đa 6 chữ số lẻ) từ −${limit} đến ${limit}.`,
        });
        return z.NEVER;
      }
      return dotted;
    });

/** Both coordinates or neither (the API refuses half a point). */
const bothOrNeither = (v: { latitude: string | null; longitude: string | null }) =>
  (v.latitude === null) === (v.longitude === null);
const BOTH = { path: ['latitude'], message: 'Nhập đủ cả vĩ độ và kinh độ.' };

const wholeNumber = (label: string, max = 999_999_999) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, `${label} là số nguyên không âm.`)
    .transform(Number)
    .refine((n) => n <= max, `${label} tối đa ${max}.`);

export const reasonFormSchema = z.object({
  reason: text(3, 500, 'Nhập lý do (ít nhất 3 ký tự).', 'Lý do dài quá 500 ký tự.'),
});

export const noteFormSchema = z.object({
  note: text(1, 1000, 'Nhập nội dung ghi chú.', 'Ghi chú dài quá 1000 ký tự.'),
});

export const assignFormSchema = z.object({
  teamId: idText('Chọn đội thi công.'),
  note: optional(500, 'Ghi chú'),
});

export const statusFormSchema = z.object({
  status: z.string().min(1, 'Chọn trạng thái mới.'),
  note: optional(500, 'Ghi chú'),
});

const digitsOrNull = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return null;
      if (!/^\d{1,6}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `${label} là số nguyên không âm.` });
        return z.NEVER;
      }
      return Number(v);
    });

const emptyToNull = z
  .string()
  .trim()
  .transform((v) => (v ? v : null));

/** What each kind asks beyond the common fields, as typed; only the kind's own fields are sent. */
const intakeDetailsForm = z.object({
  newAddress: z.string(),
  newWardId: optionalId,
  newName: z.string(),
  meterSize: z.string(),
  fromDate: emptyToNull,
  toDate: emptyToNull,
});

function detailsOf(kind: string, d: z.output<typeof intakeDetailsForm>): Record<string, unknown> {
  switch (kind) {
    case 'RELOCATION':
      return { newAddress: d.newAddress, newWardId: d.newWardId };
    case 'NAME_CHANGE':
      return { newName: d.newName };
    case 'UPGRADE':
      return { meterSize: d.meterSize };
    case 'SUSPENSION':
      return { fromDate: d.fromDate ?? '', toDate: d.toDate };
    case 'RESUMPTION':
      return { fromDate: d.fromDate };
    default:
      return {};
  }
}

/**
 * Intake from the phone or the counter (text boxes and pickers) → the API's WorkOrderInput, then the API's own
 * schema (schemas/work-order-input.ts) over it: the same refusals in the same words, on the same field names.
 */
export const intakeFormSchema = z
  .object({
    kind: z.string().min(1, 'Chọn loại yêu cầu.'),
    source: z.enum(['PHONE', 'COUNTER'], { message: 'Chọn nơi tiếp nhận.' }),
    customerId: z.number().int().positive().nullable(),
    applicantName: z.string(),
    applicantPhone: z.string(),
    applicantEmail: z.string(),
    citizenId: z.string(),
    address: z.string(),
    wardId: optionalId,
    serviceTypeId: optionalId,
    households: digitsOrNull('Số hộ'),
    persons: digitsOrNull('Số nhân khẩu'),
    complaintKindId: optionalId,
    description: z.string(),
    details: intakeDetailsForm,
  })
  .transform((v): WorkOrderInput => ({
    // The API's schema refuses a kind outside the list; the cast only lets the pipe type-check.
    kind: v.kind as WorkOrderKind,
    source: v.source,
    customerId: v.kind === 'INSTALLATION' ? null : v.customerId,
    applicantName: v.applicantName,
    applicantPhone: v.applicantPhone,
    applicantEmail: v.applicantEmail,
    citizenId: v.citizenId,
    address: v.address,
    wardId: v.wardId,
    serviceTypeId: v.kind === 'INSTALLATION' ? v.serviceTypeId : null,
    households: v.kind === 'INSTALLATION' ? v.households : null,
    persons: v.kind === 'INSTALLATION' ? v.persons : null,
    complaintKindId: v.complaintKindId,
    description: v.description,
    details: detailsOf(v.kind, v.details),
  }))
  .pipe(workOrderInputSchema);

export type IntakeFormInput = z.input<typeof intakeFormSchema>;
export type IntakeFormOutput = z.output<typeof intakeFormSchema>;

export const EMPTY_INTAKE: IntakeFormInput = {
  kind: '',
  source: 'PHONE',
  customerId: null,
  applicantName: '',
  applicantPhone: '',
  applicantEmail: '',
  citizenId: '',
  address: '',
  wardId: '',
  serviceTypeId: '',
  households: '',
  persons: '',
  complaintKindId: '',
  description: '',
  details: { newAddress: '', newWardId: '', newName: '', meterSize: '', fromDate: '', toDate: '' },
};

export const surveyFormSchema = z
  .object({
    latitude: coordinate('Vĩ độ', 90, false),
    longitude: coordinate('Kinh độ', 180, false),
    notes: text(1, 4000, 'Nhập kết quả khảo sát.', 'Kết quả khảo sát dài tối đa 4000 ký tự.'),
  })
  .refine(bothOrNeither, BOTH);

const QUOTE_LINES_MAX = 50;

/** "2,5" or "2.5": a positive quantity with at most three decimals; null when it does not parse. */
function parseQuantity(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,3})?$/.test(t)) return null;
  const n = Number(t);
  return n > 0 && n <= 1_000_000 ? n : null;
}

/** One line of the quote as typed; the API computes the amounts (domain/work-orders/quote.ts). */
const quoteLineSchema = z.object({
  name: text(1, 200, 'Nhập tên vật tư, công việc.', 'Tên dài tối đa 200 ký tự.'),
  unit: text(1, 20, 'Nhập đơn vị tính.', 'Đơn vị tính dài tối đa 20 ký tự.'),
  quantity: z.string().transform((v, ctx) => {
    const q = parseQuantity(v);
    if (q === null) {
      ctx.addIssue({ code: 'custom', message: 'Số lượng lớn hơn 0, tối đa 3 chữ số lẻ.' });
      return z.NEVER;
    }
    return q;
  }),
  unitPrice: z.string().transform((v, ctx) => {
    const parsed = parseAmountText(v);
    if (!parsed.ok || v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: parsed.ok ? 'Nhập đơn giá.' : parsed.message });
      return z.NEVER;
    }
    return parsed.amount;
  }),
});

export const quoteFormSchema = z.object({
  lines: z
    .array(quoteLineSchema)
    .min(1, 'Báo giá cần ít nhất một dòng.')
    .max(QUOTE_LINES_MAX, `Báo giá có tối đa ${QUOTE_LINES_MAX} dòng.`),
});

export type QuoteFormInput = z.input<typeof quoteFormSchema>;

/** A line's amount while typing (the API's rounding); 0 until both boxes parse. */
function quoteDraftAmount(line: { quantity: string; unitPrice: string }): number {
  const q = parseQuantity(line.quantity);
  const p = parseAmountText(line.unitPrice);
  return q !== null && p.ok ? lineAmount(q, p.amount) : 0;
}

/** The running total while typing: the sum of the rounded lines, as printed. */
export const quoteDraftTotal = (lines: readonly { quantity: string; unitPrice: string }[]): number =>
  lines.reduce((sum, l) => sum + quoteDraftAmount(l), 0);

export const contractFormSchema = z.object({
  contractNumber: text(1, 40, 'Nhập số hợp đồng.', 'Số hợp đồng dài tối đa 40 ký tự.'),
  signedOn: date('ngày ký'),
});

/** The meter put in the ground: by the installation, a replacement or an upgrade (the API's MeterInput). */
const meterFormSchema = z.object({
  serial: text(1, 32, 'Nhập số seri đồng hồ.', 'Số seri dài tối đa 32 ký tự.'),
  meterTypeId: optionalId,
  initialIndex: wholeNumber('Chỉ số đầu'),
  installedOn: date('ngày lắp'),
  sealNo: optional(32, 'Số tem'),
});

export const installFormSchema = z.object({ meter: meterFormSchema, teamId: optionalId });

export const handoverFormSchema = z.object({
  bookId: idText('Chọn sổ đọc cho khách hàng mới.'),
  handoverOn: date('ngày nghiệm thu, bàn giao'),
  customerType: z.enum(['0', '1']).transform((v) => (v === '1' ? 1 : 0) as 0 | 1),
  taxCode: optional(14, 'Mã số thuế'),
});

/** What was done, told to the applicant: every completion carries one. */
const resolutionText = text(3, 4000, 'Ghi kết quả xử lý (ít nhất 3 ký tự).', 'Kết quả dài quá 4000 ký tự.');

export const relocationFormSchema = z
  .object({
    address: text(1, 300, 'Nhập địa chỉ mới.', 'Địa chỉ dài tối đa 300 ký tự.'),
    wardId: idText('Chọn phường – xã.'),
    latitude: coordinate('Vĩ độ', 90, false),
    longitude: coordinate('Kinh độ', 180, false),
    resolution: resolutionText,
  })
  .refine(bothOrNeither, BOTH);

export const replacementFormSchema = z.object({
  finalIndex: wholeNumber('Chỉ số cuối đồng hồ cũ'),
  removedOn: date('ngày tháo'),
  meter: meterFormSchema,
  resolution: resolutionText,
});

export const nameChangeFormSchema = z.object({
  newName: text(1, 200, 'Nhập tên mới trên hợp đồng.', 'Tên dài tối đa 200 ký tự.'),
  signedOn: date('ngày ký hợp đồng mới'),
  resolution: resolutionText,
});

export const resolutionFormSchema = z.object({ resolution: resolutionText });
