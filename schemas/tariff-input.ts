/**
 * The tariff inputs, checked by the API (services/tariffs, graphql/modules/tariffs) and by the tariff screen's forms
 * alike: one definition of what a valid tier, version or estimate is, so the screen and the server agree.
 */
import { z } from 'zod';
import { isCalendarDate, isCalendarPeriod } from '@/domain/time/calendar';

const bp = (label: string) =>
  z
    .number({ error: `${label} phải là số.` })
    .int(`${label} phải là số nguyên (điểm cơ bản, 500 = 5%).`)
    .min(0, `${label} không được âm.`)
    .max(10_000, `${label} tối đa 100%.`);

export const tariffTierSchema = z.object({
  upTo: z
    .number({ error: 'Giới hạn bậc phải là số.' })
    .int('Giới hạn bậc phải là số nguyên m3.')
    .positive('Giới hạn bậc phải lớn hơn 0.')
    .max(1_000_000, 'Giới hạn bậc quá lớn.')
    .nullish()
    .transform((v) => v ?? null),
  unitPrice: z
    .number({ error: 'Đơn giá phải là số.' })
    .int('Đơn giá phải là số nguyên đồng.')
    .min(0, 'Đơn giá không được âm.')
    .max(10_000_000, 'Đơn giá quá lớn.'),
});
export type TariffTierInput = z.infer<typeof tariffTierSchema>;

/** A tariff version as typed on the catalog screen; rates are integer basis points (500 = 5 %). */
export const tariffVersionSchema = z.object({
  serviceTypeId: z.number().int().positive('Chưa chọn loại dịch vụ.'),
  effectiveFrom: z
    .string()
    .refine(isCalendarDate, 'Ngày hiệu lực không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.'),
  basis: z.enum(['household', 'person', 'flat'], { message: 'Cách tính định mức là household, person hoặc flat.' }),
  pricesIncludeVat: z.boolean().default(false),
  vatRateBp: bp('Thuế suất GTGT').default(500),
  prorationMethod: z
    .enum(['split_days', 'weighted_days', 'reading_date'], { message: 'Phương pháp đổi giá trong kỳ không hợp lệ.' })
    .default('split_days'),
  minConsumption: z
    .number()
    .int('Tiêu thụ tối thiểu phải là số nguyên m3.')
    .min(0)
    .max(100_000)
    .nullish()
    .transform((v) => v ?? null),
  meterSubscription: z
    .number()
    .int('Phí thuê bao phải là số nguyên đồng.')
    .min(0)
    .max(10_000_000)
    .nullish()
    .transform((v) => v ?? null),
  environmentFeeBp: bp('Tỷ lệ phí bảo vệ môi trường').default(1000),
  drainageBp: bp('Tỷ lệ giá dịch vụ thoát nước').default(0),
  drainageVatBp: bp('Thuế suất GTGT dịch vụ thoát nước').default(0),
  note: z
    .string()
    .trim()
    .max(500, 'Ghi chú dài tối đa 500 ký tự.')
    .nullish()
    .transform((v) => v || null),
  tiers: z.array(tariffTierSchema).min(1, 'Bảng giá phải có ít nhất một bậc.').max(20, 'Tối đa 20 bậc giá.'),
});
export type TariffVersionInput = z.infer<typeof tariffVersionSchema>;

/** Editing a version: the same fields; `tiers` omitted keeps the current tiers. */
export const tariffVersionUpdateSchema = tariffVersionSchema.omit({ serviceTypeId: true, tiers: true }).extend({
  tiers: z.array(tariffTierSchema).min(1, 'Bảng giá phải có ít nhất một bậc.').max(20, 'Tối đa 20 bậc giá.').nullish(),
});
export type TariffVersionUpdateInput = z.infer<typeof tariffVersionUpdateSchema>;

export const estimateBillSchema = z.object({
  serviceTypeCode: z.string().trim().min(1, 'Chưa chọn loại dịch vụ.').max(24, 'Mã loại dịch vụ không hợp lệ.'),
  consumption: z
    .number({ error: 'Lượng tiêu thụ phải là số.' })
    .int('Lượng tiêu thụ phải là số nguyên m3.')
    .min(0, 'Lượng tiêu thụ không được âm.')
    .max(1_000_000, 'Lượng tiêu thụ tối đa 1.000.000 m3.'),
  households: z
    .number()
    .int('Số hộ phải là số nguyên.')
    .min(1, 'Số hộ dùng chung phải từ 1 trở lên.')
    .max(500, 'Số hộ quá lớn.')
    .nullish(),
  persons: z
    .number()
    .int('Số nhân khẩu phải là số nguyên.')
    .min(0, 'Số nhân khẩu không được âm.')
    .max(5000, 'Số nhân khẩu quá lớn.')
    .nullish(),
  period: z.string().refine(isCalendarPeriod, 'Kỳ không hợp lệ: cần dạng YYYY-MM, năm 1900–2100.').nullish(),
});
export type EstimateBillInput = z.infer<typeof estimateBillSchema>;

/**
 * A number as a clerk types it: dots and spaces group thousands ("5.973"), a comma is a decimal point (so "12,5"
 * is refused as not whole by the schema rather than as not a number); anything else is NaN, which the number
 * schemas refuse with their own message.
 */
function typedNumber(text: string): number {
  const t = text.trim().replace(/[\s.]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The tier dialog's fields as typed (text, and a box for the unlimited last tier), checked and converted into
 * exactly what `tariffTierSchema` accepts, with its messages: the dialog and the API refuse the same tiers.
 */
export const tariffTierFormSchema = z
  .object({
    upTo: z.string(),
    unlimited: z.boolean(),
    unitPrice: z.string().trim().min(1, 'Nhập đơn giá (đồng/m3).'),
  })
  .superRefine((v, ctx) => {
    if (!v.unlimited && !v.upTo.trim())
      ctx.addIssue({
        code: 'custom',
        path: ['upTo'],
        message: 'Nhập giới hạn m3 của bậc, hoặc chọn “không giới hạn”.',
      });
  })
  .transform((v): z.input<typeof tariffTierSchema> => ({
    upTo: v.unlimited ? null : typedNumber(v.upTo),
    unitPrice: typedNumber(v.unitPrice),
  }))
  .pipe(tariffTierSchema);
export type TariffTierFormValues = z.input<typeof tariffTierFormSchema>;

/**
 * The service-type dialog's fields. A service type is a catalog row, so the API checks it with the catalog
 * registry (services/catalogs/registry.ts: code of at most 24 characters, name of at most 200); the dialog
 * refuses the same things before sending, and upper-cases the code as the screen shows it.
 */
export const serviceTypeFormSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, 'Mã không được để trống.')
    .regex(/^[A-Z0-9._\-/]{1,24}$/, 'Mã chỉ gồm chữ cái không dấu, chữ số và . _ - / (tối đa 24 ký tự).'),
  name: z.string().trim().min(1, 'Tên loại dịch vụ không được để trống.').max(200, 'Tên dài tối đa 200 ký tự.'),
  utility: z.string(),
  isDomestic: z.boolean().transform((v) => (v ? 1 : 0)),
});
export type ServiceTypeFormValues = z.input<typeof serviceTypeFormSchema>;
