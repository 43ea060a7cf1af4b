import { z } from 'zod';
import { todayInVietnam } from '@/domain/billing/periods';
import { isValidCitizenId, isValidPhone, isValidTaxCode, normalizePhone } from '@/domain/customers/identity';
import { isCalendarDate, shiftDate } from '@/domain/time/calendar';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} dài tối đa ${max} ký tự.`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Services are also called outside GraphQL (scripts, imports), so dates are checked here too, not only by the scalar. */
const calendarDate = (label: string) =>
  z.string().refine(isCalendarDate, `${label} không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.`);

const isoDate = calendarDate('Ngày')
  .nullish()
  .transform((v) => v ?? null);

/** Water meters in service today were installed after 1950; a date beyond next year is a typing slip. */
const METER_DATES_FROM = '1950-01-01';
export const meterDate = (label: string) =>
  calendarDate(label).refine(
    (v) => v >= METER_DATES_FROM && v <= shiftDate(todayInVietnam(new Date()), 366),
    `${label} phải từ 01/01/1950 đến tối đa một năm sau hôm nay.`,
  );

/** Same ceiling as the reading screens: nine digits, the largest register of a water meter. */
const MAX_METER_INDEX = 999_999_999;
export const meterIndex = (label: string) =>
  z
    .number({ error: `${label} phải là số.` })
    .int(`${label} phải là số nguyên.`)
    .min(0, `${label} không được âm.`)
    .max(MAX_METER_INDEX, `${label} tối đa ${MAX_METER_INDEX.toLocaleString('vi-VN')}.`);

/** Every field of SPEC §1 that staff type; the code is generated and never part of the input. */
export const customerFieldsSchema = z
  .object({
    bookId: z.number().int().positive('Chưa chọn sổ đọc.'),
    sequenceNo: z.number().int().positive('Số thứ tự phải là số dương.').max(1_000_000_000).nullish(),
    name: z.string().trim().min(1, 'Tên khách hàng không được để trống.').max(200, 'Tên khách hàng quá dài.'),
    customerType: z.union([z.literal(0), z.literal(1)], {
      message: 'Loại khách hàng là 0 (cá nhân) hoặc 1 (tổ chức).',
    }),
    taxCode: optionalText(14, 'Mã số thuế').refine(
      (v) => v === null || isValidTaxCode(v),
      'Mã số thuế phải gồm 10 chữ số (hoặc 10 chữ số, gạch ngang và 3 chữ số).',
    ),
    citizenId: optionalText(12, 'Số CCCD').refine(
      (v) => v === null || isValidCitizenId(v),
      'Số CCCD phải gồm 12 chữ số.',
    ),
    address: z.string().trim().min(1, 'Địa chỉ không được để trống.').max(300, 'Địa chỉ quá dài.'),
    wardId: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    serviceTypeId: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    households: z
      .number()
      .int('Số hộ phải là số nguyên.')
      .min(1, 'Số hộ dùng chung phải từ 1 trở lên.')
      .max(500, 'Số hộ dùng chung quá lớn.'),
    persons: z
      .number()
      .int('Số nhân khẩu phải là số nguyên.')
      .min(0, 'Số nhân khẩu không được âm.')
      .max(5000, 'Số nhân khẩu quá lớn.'),
    masterMeterId: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    phone: optionalText(20, 'Điện thoại')
      .refine((v) => v === null || isValidPhone(v), 'Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0).')
      .transform((v) => (v ? normalizePhone(v) : null)),
    fax: optionalText(20, 'Fax'),
    email: optionalText(200, 'Email').refine(
      (v) => v === null || z.email().safeParse(v).success,
      'Email không hợp lệ.',
    ),
    bankAccount: optionalText(32, 'Số tài khoản').refine(
      (v) => v === null || /^[0-9A-Za-z]{4,32}$/.test(v),
      'Số tài khoản chỉ gồm chữ và số.',
    ),
    bankName: optionalText(200, 'Tên ngân hàng'),
    wastewaterFeeMode: z.enum(['standard', 'exempt', 'custom'], { message: 'Cách tính phí nước thải không hợp lệ.' }),
    wastewaterFeeBp: z
      .number()
      .int()
      .min(0)
      .max(10000, 'Tỷ lệ phí nước thải tối đa 100%.')
      .nullish()
      .transform((v) => v ?? null),
    status: z.union([z.literal(0), z.literal(1)], { message: 'Trạng thái là 1 (đang dùng) hoặc 0 (ngưng).' }),
    isPreferential: z.boolean(),
    preferentialUntil: isoDate,
    extra: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}),
    latitude: z
      .number()
      .min(-90)
      .max(90)
      .nullish()
      .transform((v) => v ?? null),
    longitude: z
      .number()
      .min(-180)
      .max(180)
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((c, ctx) => {
    if (c.customerType === 1 && !c.taxCode)
      ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'Khách hàng tổ chức phải có mã số thuế.' });
    if (c.wastewaterFeeMode === 'custom' && c.wastewaterFeeBp === null)
      ctx.addIssue({
        code: 'custom',
        path: ['wastewaterFeeBp'],
        message: 'Chọn tỷ lệ riêng thì phải nhập tỷ lệ phí nước thải.',
      });
    if (c.isPreferential && !c.preferentialUntil)
      ctx.addIssue({
        code: 'custom',
        path: ['preferentialUntil'],
        message: 'Khách hàng ưu đãi phải có ngày hết hạn giấy chứng nhận.',
      });
  })
  .transform((c) => ({
    ...c,
    wastewaterFeeBp: c.wastewaterFeeMode === 'custom' ? c.wastewaterFeeBp : null,
    preferentialUntil: c.isPreferential ? c.preferentialUntil : null,
  }));

export type CustomerFields = z.output<typeof customerFieldsSchema>;

export const meterInputSchema = z.object({
  meterTypeId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  serial: z.string().trim().min(1, 'Số seri đồng hồ không được để trống.').max(32, 'Số seri quá dài.'),
  sealNo: optionalText(32, 'Số tem'),
  verifiedOn: meterDate('Ngày kiểm định')
    .nullish()
    .transform((v) => v ?? null),
  installedOn: meterDate('Ngày lắp'),
  initialIndex: meterIndex('Chỉ số đầu'),
});
export type MeterInput = z.output<typeof meterInputSchema>;

export const contractInputSchema = z.object({
  address: optionalText(300, 'Địa chỉ hợp đồng'),
  signedOn: calendarDate('Ngày ký'),
  handoverOn: isoDate,
  installedOn: isoDate,
  installationTeamId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
});
export type ContractInput = z.output<typeof contractInputSchema>;

/** What the contract dialog's fields hold: text, as the inputs give it. */
export interface ContractFormValues {
  address: string;
  signedOn: string;
  handoverOn: string;
  installedOn: string;
  /** The selected team's id, or '' for none. */
  installationTeamId: string;
}

/**
 * The contract dialog's fields → ContractInput, through the server's own schema, so the dialog and the API
 * refuse the same things with the same words; issues keep the field names, which are the dialog's too.
 */
export const contractFormSchema = z
  .object({
    address: z.string(),
    signedOn: z.string(),
    handoverOn: z.string(),
    installedOn: z.string(),
    installationTeamId: z.string(),
  })
  .transform((v, ctx) => {
    const parsed = contractInputSchema.safeParse({
      address: v.address,
      signedOn: v.signedOn,
      handoverOn: v.handoverOn || null,
      installedOn: v.installedOn || null,
      installationTeamId: v.installationTeamId ? Number(v.installationTeamId) : null,
    });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });

/** The fields of the meter dialogs as typed; `finalIndex` and `removedOn` are the outgoing meter's. */
export interface ReplaceMeterFormValues {
  finalIndex: string;
  removedOn: string;
  meterTypeId: string;
  serial: string;
  sealNo: string;
  verifiedOn: string;
  installedOn: string;
  initialIndex: string;
}

export interface ReplaceMeterFormOutput {
  /** 0 when there is no outgoing meter (a first installation). */
  finalIndex: number;
  /** The outgoing meter's removal date; the new meter's installation date when there is none. */
  removedOn: string;
  meter: MeterInput;
}

const WHOLE = /^\d+$/;

/**
 * The replace (or first install) dialog → the `replaceMeter` arguments, checked with the rules the API applies to
 * them (`meterIndex`, `meterDate`, `meterInputSchema`) plus what only the outgoing meter tells: the final index is
 * not below its first index, the removal not before its installation.
 */
export function replaceMeterFormSchema(old: { initialIndex: number; installedOn: string } | null) {
  return z
    .object({
      finalIndex: z.string(),
      removedOn: z.string(),
      meterTypeId: z.string(),
      serial: z.string(),
      sealNo: z.string(),
      verifiedOn: z.string(),
      installedOn: z.string(),
      initialIndex: z.string(),
    })
    .transform((v, ctx): ReplaceMeterFormOutput => {
      const issue = (path: keyof ReplaceMeterFormValues, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      const first = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues[0]?.message;
      let finalIndex = 0;
      if (old) {
        const typed = v.finalIndex.trim();
        if (!WHOLE.test(typed)) issue('finalIndex', 'Nhập chỉ số cuối của đồng hồ cũ (số nguyên không âm).');
        else {
          finalIndex = Number(typed);
          const refused = first(meterIndex('Chỉ số cuối').safeParse(finalIndex));
          if (refused) issue('finalIndex', refused);
          else if (finalIndex < old.initialIndex)
            issue('finalIndex', `Chỉ số cuối nhỏ hơn chỉ số đầu của đồng hồ cũ (${old.initialIndex}).`);
        }
        if (!v.removedOn) issue('removedOn', 'Nhập ngày tháo.');
        else {
          const refused = first(meterDate('Ngày tháo').safeParse(v.removedOn));
          if (refused) issue('removedOn', refused);
          else if (v.removedOn < old.installedOn) issue('removedOn', 'Ngày tháo đồng hồ trước ngày lắp.');
        }
      }
      if (!WHOLE.test(v.initialIndex.trim())) issue('initialIndex', 'Chỉ số đầu phải là số nguyên không âm.');
      const meter = meterInputSchema.safeParse({
        meterTypeId: v.meterTypeId ? Number(v.meterTypeId) : null,
        serial: v.serial,
        sealNo: v.sealNo,
        verifiedOn: v.verifiedOn || null,
        installedOn: v.installedOn,
        initialIndex: Number(v.initialIndex.trim() || '0'),
      });
      for (const i of meter.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
      if (!meter.success) return z.NEVER;
      return { finalIndex, removedOn: old ? v.removedOn : v.installedOn, meter: meter.data };
    });
}

/** The edit-meter dialog (serial fixed): the same limits as the `updateMeter` arguments. */
export const editMeterFormSchema = z
  .object({
    meterTypeId: z.string(),
    sealNo: z.string().trim().max(32, 'Số tem dài tối đa 32 ký tự.'),
    verifiedOn: z.string(),
  })
  .transform((v, ctx) => {
    const verifiedOn = meterDate('Ngày kiểm định').safeParse(v.verifiedOn);
    if (v.verifiedOn && !verifiedOn.success) {
      ctx.addIssue({ code: 'custom', path: ['verifiedOn'], message: verifiedOn.error.issues[0]?.message ?? '' });
      return z.NEVER;
    }
    return {
      meterTypeId: v.meterTypeId ? Number(v.meterTypeId) : null,
      sealNo: v.sealNo || null,
      verifiedOn: v.verifiedOn || null,
    };
  });
export type EditMeterFormValues = z.input<typeof editMeterFormSchema>;
