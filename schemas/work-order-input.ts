import { z } from 'zod';
import { isValidCitizenId, isValidPhone, normalizePhone } from '@/domain/customers/identity';
import { isCalendarDate } from '@/domain/time/calendar';
import { needsCustomer, WORK_ORDER_KINDS, WORK_ORDER_SOURCES } from '@/domain/work-orders/kinds';

/**
 * A request as the counter, the phone desk and the portal take it in. One schema for the forms and the services,
 * so both refuse the same things with the same words. Coordinates travel as decimal strings (never floats) and are
 * stored as numeric(9, 6).
 */

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} dài tối đa ${max} ký tự.`)
    .nullish()
    .transform((v) => (v ? v : null));

const optionalId = z
  .number()
  .int()
  .positive()
  .nullish()
  .transform((v) => v ?? null);

const decimalCoordinate = (label: string, limit: number) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine(
      (v) => v === null || (/^-?\d{1,3}(\.\d{1,6})?$/.test(v) && Math.abs(Number(v)) <= limit),
      `${label} phải là số thập phân (tối đa 6 chữ số sau dấu chấm) trong khoảng ±${limit}.`,
    );

const calendarDate = (label: string) =>
  z.string().refine(isCalendarDate, `${label} không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD.`);

export const relocationDetailsSchema = z.object({
  newAddress: z.string().trim().min(1, 'Nhập địa chỉ mới.').max(300, 'Địa chỉ mới quá dài.'),
  newWardId: optionalId,
  newLatitude: decimalCoordinate('Vĩ độ mới', 90),
  newLongitude: decimalCoordinate('Kinh độ mới', 180),
});
export const nameChangeDetailsSchema = z.object({
  newName: z.string().trim().min(1, 'Nhập tên mới trên hợp đồng.').max(200, 'Tên mới quá dài.'),
});
const upgradeDetailsSchema = z.object({
  meterSize: optionalText(32, 'Cỡ đồng hồ'),
});
const suspensionDetailsSchema = z
  .object({
    fromDate: calendarDate('Ngày bắt đầu tạm ngưng'),
    toDate: calendarDate('Ngày kết thúc tạm ngưng')
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((d) => d.toDate === null || d.toDate >= d.fromDate, {
    path: ['toDate'],
    message: 'Ngày kết thúc tạm ngưng phải sau ngày bắt đầu.',
  });
const resumptionDetailsSchema = z.object({
  fromDate: calendarDate('Ngày mở lại')
    .nullish()
    .transform((v) => v ?? null),
});
const noDetails = z
  .object({})
  .passthrough()
  .transform(() => ({}));

/** What each kind carries in `details`; kinds not listed carry nothing. */
const WORK_ORDER_DETAILS_SCHEMAS = {
  RELOCATION: relocationDetailsSchema,
  NAME_CHANGE: nameChangeDetailsSchema,
  UPGRADE: upgradeDetailsSchema,
  SUSPENSION: suspensionDetailsSchema,
  RESUMPTION: resumptionDetailsSchema,
} as const;

export const workOrderInputSchema = z
  .object({
    kind: z.enum(WORK_ORDER_KINDS, { message: 'Loại yêu cầu không hợp lệ.' }),
    source: z.enum(WORK_ORDER_SOURCES, { message: 'Nguồn tiếp nhận không hợp lệ.' }),
    customerId: optionalId,
    applicantName: z.string().trim().min(1, 'Nhập họ tên người yêu cầu.').max(200, 'Họ tên quá dài.'),
    applicantPhone: z
      .string()
      .trim()
      .refine(isValidPhone, 'Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0).')
      .transform(normalizePhone),
    applicantEmail: optionalText(200, 'Email').refine(
      (v) => v === null || z.email().safeParse(v).success,
      'Email không hợp lệ.',
    ),
    citizenId: optionalText(12, 'Số CCCD').refine(
      (v) => v === null || isValidCitizenId(v),
      'Số CCCD phải gồm 12 chữ số.',
    ),
    address: optionalText(300, 'Địa chỉ'),
    wardId: optionalId,
    latitude: decimalCoordinate('Vĩ độ', 90),
    longitude: decimalCoordinate('Kinh độ', 180),
    serviceTypeId: optionalId,
    households: z
      .number()
      .int('Số hộ phải là số nguyên.')
      .min(1, 'Số hộ dùng chung phải từ 1 trở lên.')
      .max(500, 'Số hộ dùng chung quá lớn.')
      .nullish()
      .transform((v) => v ?? null),
    persons: z
      .number()
      .int('Số nhân khẩu phải là số nguyên.')
      .min(0, 'Số nhân khẩu không được âm.')
      .max(5000, 'Số nhân khẩu quá lớn.')
      .nullish()
      .transform((v) => v ?? null),
    description: optionalText(4000, 'Nội dung'),
    details: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((v) => v ?? {}),
    complaintKindId: optionalId,
    invoiceId: optionalId,
    idempotencyKey: z
      .string()
      .trim()
      .min(8, 'Khóa chống gửi trùng quá ngắn.')
      .max(64, 'Khóa chống gửi trùng quá dài.')
      .regex(/^[A-Za-z0-9_-]+$/, 'Khóa chống gửi trùng chỉ gồm chữ, số, gạch ngang.')
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.kind === 'INSTALLATION') {
      if (v.customerId !== null) issue('customerId', 'Yêu cầu lắp đặt mới không gắn với khách hàng đã có.');
      if (!v.address) issue('address', 'Nhập địa chỉ lắp đặt.');
      if (v.households === null) issue('households', 'Nhập số hộ sử dụng.');
      if (v.persons === null) issue('persons', 'Nhập số nhân khẩu.');
    } else if (needsCustomer(v.kind) && v.customerId === null) {
      issue('customerId', 'Chọn khách hàng của yêu cầu.');
    } else if (v.customerId === null && !v.address) {
      issue('address', 'Nhập địa chỉ nơi xảy ra sự cố.');
    }
    if ((v.latitude === null) !== (v.longitude === null)) issue('latitude', 'Nhập đủ cả vĩ độ và kinh độ.');
    if (v.invoiceId !== null && v.kind !== 'BILL_DISPUTE') issue('invoiceId', 'Chỉ khiếu nại hóa đơn mới kèm hóa đơn.');
  })
  .transform((v, ctx) => {
    const schema =
      (WORK_ORDER_DETAILS_SCHEMAS as Record<string, z.ZodType<Record<string, unknown>>>)[v.kind] ?? noDetails;
    const parsed = schema.safeParse(v.details);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: ['details', ...i.path], message: i.message });
      return z.NEVER;
    }
    return { ...v, details: parsed.data };
  });

export type WorkOrderInput = z.input<typeof workOrderInputSchema>;
export type WorkOrderFields = z.output<typeof workOrderInputSchema>;

// The steps of an installation and the completion of other kinds: what each operation takes.

const reasonText = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Nhập ${label}.`)
    .max(4000, `${label[0]!.toUpperCase()}${label.slice(1)} dài tối đa 4000 ký tự.`);

export const surveyInputSchema = z
  .object({
    notes: reasonText('kết quả khảo sát'),
    latitude: decimalCoordinate('Vĩ độ', 90),
    longitude: decimalCoordinate('Kinh độ', 180),
  })
  .refine((v) => (v.latitude === null) === (v.longitude === null), {
    path: ['latitude'],
    message: 'Nhập đủ cả vĩ độ và kinh độ.',
  });

const quoteLineSchema = z.object({
  name: z.string().trim().min(1, 'Nhập tên vật tư, công việc.').max(200, 'Tên vật tư quá dài.'),
  unit: z.string().trim().min(1, 'Nhập đơn vị tính.').max(20, 'Đơn vị tính quá dài.'),
  quantity: z
    .number({ error: 'Số lượng phải là số.' })
    .positive('Số lượng phải lớn hơn 0.')
    .max(1_000_000, 'Số lượng quá lớn.')
    .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'Số lượng tối đa 3 chữ số thập phân.'),
  unitPrice: z
    .number({ error: 'Đơn giá phải là số.' })
    .int('Đơn giá là số đồng nguyên.')
    .min(0, 'Đơn giá không được âm.')
    .max(10_000_000_000, 'Đơn giá quá lớn.'),
});
export const quoteInputSchema = z.object({
  lines: z.array(quoteLineSchema).min(1, 'Báo giá cần ít nhất một dòng.').max(50, 'Báo giá tối đa 50 dòng.'),
});

export const contractSignedInputSchema = z.object({
  contractNumber: z.string().trim().min(1, 'Nhập số hợp đồng.').max(40, 'Số hợp đồng quá dài.'),
  signedOn: calendarDate('Ngày ký'),
});

export const handoverInputSchema = z.object({
  bookId: z.number().int().positive('Chọn sổ đọc cho khách hàng mới.'),
  sequenceNo: z
    .number()
    .int()
    .positive('Số thứ tự phải là số dương.')
    .nullish()
    .transform((v) => v ?? null),
  handoverOn: calendarDate('Ngày nghiệm thu, bàn giao'),
  customerType: z
    .union([z.literal(0), z.literal(1)])
    .nullish()
    .transform((v) => v ?? 0),
  taxCode: optionalText(14, 'Mã số thuế'),
});

export const relocationCompletionSchema = z.object({
  address: optionalText(300, 'Địa chỉ mới'),
  wardId: optionalId,
  latitude: decimalCoordinate('Vĩ độ', 90),
  longitude: decimalCoordinate('Kinh độ', 180),
});

export const nameChangeCompletionSchema = z.object({
  newName: optionalText(200, 'Tên mới'),
  signedOn: calendarDate('Ngày ký hợp đồng mới'),
});
