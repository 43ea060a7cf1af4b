import { z } from 'zod';
import { PORTAL_MAX_DOCUMENTS } from '@/domain/portal/upload-type';
import { normalizeTrackingCode } from '@/domain/work-orders/tracking-code';
import { portalCustomerCodeSchema, portalVerifierSchema } from './portal-lookup';

/**
 * The portal's request forms (registration of a new connection, requests of an existing customer, the tracking
 * page). The server validates the GraphQL input with the `*InputSchema`s; the forms validate what the visitor typed
 * with the `*FormSchema`s, whose output is that same input (text boxes become numbers), so nothing is sent that the
 * server would refuse for its shape.
 */

/** Kinds an existing customer may ask for on the portal (a new connection has its own form). */
export const PORTAL_SERVICE_KINDS = [
  'RELOCATION',
  'UPGRADE',
  'METER_REPLACEMENT',
  'METER_CHECK',
  'SUSPENSION',
  'RESUMPTION',
  'NAME_CHANGE',
  'BILL_DISPUTE',
  'LEAK_REPORT',
  'PROBLEM_REPORT',
] as const;
export type PortalServiceKind = (typeof PORTAL_SERVICE_KINDS)[number];

const PORTAL_DOCUMENT_KINDS = ['CITIZEN_ID', 'LAND_PAPER', 'RESIDENCE', 'PHOTO', 'OTHER'] as const;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `Nhập ${label}.` })
    .trim()
    .min(min, min <= 1 ? `Nhập ${label}.` : `${label[0]!.toUpperCase()}${label.slice(1)} quá ngắn.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} dài tối đa ${max} ký tự.`);

/** Empty text is "not given". */
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} dài tối đa ${max} ký tự.`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A Vietnamese phone number as people write it ("0912 345 678", "+84 912.345.678"), kept as its digits. */
const portalPhoneSchema = z
  .string({ error: 'Nhập số điện thoại.' })
  .transform((v) => v.replace(/[\s.\-()]/g, '').replace(/^\+84/, '0'))
  .pipe(
    z
      .string()
      .min(1, 'Nhập số điện thoại.')
      .regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).'),
  );

const portalEmailSchema = z
  .string()
  .trim()
  .max(200, 'Email dài tối đa 200 ký tự.')
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null))
  .refine((v) => v === null || z.email().safeParse(v).success, 'Email không hợp lệ, ví dụ ten@gmail.com.');

const portalDocumentSchema = z.object({
  token: z.string().min(1).max(100),
  kind: z.enum(PORTAL_DOCUMENT_KINDS, { error: 'Loại giấy tờ không hợp lệ.' }),
});
const documentsSchema = z
  .array(portalDocumentSchema)
  .max(PORTAL_MAX_DOCUMENTS, `Mỗi yêu cầu đính kèm tối đa ${PORTAL_MAX_DOCUMENTS} tệp.`)
  .default([]);

/** The solved challenge and the honeypot (services/portal/portal-challenge.ts). */
const portalProofSchema = z.object({
  challenge: z.string().max(120),
  nonce: z.string().max(12),
  website: z.string().max(200).nullish(),
});

/** A random key the form makes once per filled form: a resent submission creates no second request. */
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Khóa gửi không hợp lệ.');

/** Vietnam's mainland and islands, roughly: a pin outside is a slip of the finger, not an address. */
const latitudeSchema = z.number().min(8, 'Vĩ độ nằm ngoài Việt Nam.').max(23.5, 'Vĩ độ nằm ngoài Việt Nam.');
const longitudeSchema = z.number().min(102, 'Kinh độ nằm ngoài Việt Nam.').max(117.5, 'Kinh độ nằm ngoài Việt Nam.');

const connectionFields = {
  applicantName: text('họ và tên người đăng ký', 2, 100),
  applicantPhone: portalPhoneSchema,
  applicantEmail: portalEmailSchema,
  citizenId: z
    .string({ error: 'Nhập số căn cước công dân.' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{12}$/, 'Số căn cước công dân gồm 12 chữ số.')),
  contactName: optionalText('Tên người liên hệ', 100),
  contactPhone: z
    .string()
    .nullish()
    .transform((v) => (v && v.trim() ? v : null))
    .pipe(portalPhoneSchema.nullable()),
  address: text('số nhà, tên đường (thôn, xóm)', 5, 200),
  wardId: z.number({ error: 'Chọn phường, xã.' }).int().positive('Chọn phường, xã.'),
  serviceTypeCode: z
    .string({ error: 'Chọn mục đích sử dụng nước.' })
    .trim()
    .min(1, 'Chọn mục đích sử dụng nước.')
    .max(16),
  households: z.number().int('Số hộ là số nguyên.').min(1, 'Số hộ phải từ 1 trở lên.').max(500, 'Số hộ tối đa 500.'),
  persons: z
    .number()
    .int('Số nhân khẩu là số nguyên.')
    .min(1, 'Số nhân khẩu phải từ 1 trở lên.')
    .max(5000, 'Số nhân khẩu tối đa 5.000.'),
  latitude: latitudeSchema.nullish().transform((v) => v ?? null),
  longitude: longitudeSchema.nullish().transform((v) => v ?? null),
  description: optionalText('Ghi chú', 1000),
};

const bothOrNeither = (v: { latitude: number | null; longitude: number | null }) =>
  (v.latitude === null) === (v.longitude === null);
const COORDINATES_MESSAGE = 'Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.';

/** The GraphQL input of `submitConnectionRequest`. */
export const portalConnectionRequestInputSchema = z
  .object({
    ...connectionFields,
    documents: documentsSchema,
    idempotencyKey: idempotencyKeySchema,
    proof: portalProofSchema,
  })
  .refine(bothOrNeither, { message: COORDINATES_MESSAGE, path: ['longitude'] });
export type PortalConnectionRequestInput = z.input<typeof portalConnectionRequestInputSchema>;

// ---- existing customers' requests

const dateSchema = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Chọn ngày.')
      .nullable(),
  );

const detailsSchema = z
  .object({
    /** RELOCATION: where the meter should go (the work order's `newAddress`). */
    newAddress: optionalText('Vị trí mới', 300),
    /** UPGRADE: the meter size asked for. */
    meterSize: optionalText('Cỡ đồng hồ', 32),
    /** SUSPENSION, RESUMPTION: from when; SUSPENSION: until when (optional). */
    fromDate: dateSchema,
    toDate: dateSchema,
    /** NAME_CHANGE: the new name on the contract. */
    newName: optionalText('Tên mới', 100),
    /** BILL_DISPUTE: the disputed invoice's number as printed (8 digits). */
    invoiceNumber: z
      .string()
      .nullish()
      .transform((v) => (v ? v.replace(/\s/g, '') : null))
      .pipe(
        z
          .string()
          .regex(/^\d{1,8}$/, 'Số hóa đơn gồm tối đa 8 chữ số.')
          .nullable(),
      ),
    /** LEAK_REPORT: where the leak is. */
    place: optionalText('Vị trí rò rỉ', 200),
  })
  .default({
    newAddress: null,
    meterSize: null,
    fromDate: null,
    toDate: null,
    newName: null,
    invoiceNumber: null,
    place: null,
  });

/** What each kind must carry besides the description. */
function checkKindDetails(
  v: { kind: PortalServiceKind; description: string | null; details: z.output<typeof detailsSchema> },
  ctx: z.RefinementCtx,
) {
  const need = (ok: unknown, path: string[], message: string) => {
    if (!ok) ctx.addIssue({ code: 'custom', path, message });
  };
  const d = v.details;
  switch (v.kind) {
    case 'RELOCATION':
      need(d.newAddress, ['details', 'newAddress'], 'Mô tả vị trí mới muốn đặt đồng hồ.');
      break;
    case 'SUSPENSION':
      need(d.fromDate, ['details', 'fromDate'], 'Chọn ngày bắt đầu tạm ngưng.');
      need(
        !d.toDate || !d.fromDate || d.toDate >= d.fromDate,
        ['details', 'toDate'],
        'Ngày kết thúc tạm ngưng phải sau ngày bắt đầu.',
      );
      break;
    case 'RESUMPTION':
      need(d.fromDate, ['details', 'fromDate'], 'Chọn ngày muốn mở lại nước.');
      break;
    case 'NAME_CHANGE':
      need(d.newName, ['details', 'newName'], 'Nhập tên mới trên hợp đồng.');
      break;
    case 'BILL_DISPUTE':
      need(d.invoiceNumber, ['details', 'invoiceNumber'], 'Nhập số hóa đơn cần khiếu nại.');
      need(v.description, ['description'], 'Nêu lý do khiếu nại hóa đơn.');
      break;
    case 'LEAK_REPORT':
      need(d.place, ['details', 'place'], 'Mô tả vị trí rò rỉ, bể ống.');
      break;
    case 'PROBLEM_REPORT':
    case 'METER_CHECK':
    case 'METER_REPLACEMENT':
    case 'UPGRADE':
      need(v.description, ['description'], 'Mô tả yêu cầu của quý khách.');
      break;
  }
}

const serviceFields = {
  customerCode: portalCustomerCodeSchema,
  verifier: portalVerifierSchema,
  kind: z.enum(PORTAL_SERVICE_KINDS, { error: 'Chọn loại yêu cầu.' }),
  applicantName: text('họ và tên người yêu cầu', 2, 100),
  applicantPhone: portalPhoneSchema,
  applicantEmail: portalEmailSchema,
  description: optionalText('Nội dung yêu cầu', 1000),
  details: detailsSchema,
};

/** The GraphQL input of `submitServiceRequest`. */
export const portalServiceRequestInputSchema = z
  .object({
    ...serviceFields,
    documents: documentsSchema,
    idempotencyKey: idempotencyKeySchema,
    proof: portalProofSchema,
  })
  .superRefine(checkKindDetails);
export type PortalServiceRequestInput = z.input<typeof portalServiceRequestInputSchema>;
export type PortalServiceRequest = z.output<typeof portalServiceRequestInputSchema>;

// ---- tracking

/** A tracking code as typed, read the Crockford way ("yc 1a2b-3c4d", O for 0): "YC" and 8 symbols. */
const portalTrackingCodeSchema = z
  .string({ error: 'Nhập mã theo dõi.' })
  .min(1, 'Nhập mã theo dõi.')
  .transform((v, ctx) => {
    const code = normalizeTrackingCode(v.normalize('NFC'));
    if (code === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Mã theo dõi gồm “YC” và 8 ký tự, như trên giấy biên nhận (ví dụ YC7K2M9QH4).',
      });
      return z.NEVER;
    }
    return code;
  });

const portalPhoneLast4Schema = z
  .string({ error: 'Nhập 4 số cuối điện thoại.' })
  .transform((v) => v.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{4}$/, 'Nhập đúng 4 số cuối số điện thoại đã ghi khi gửi yêu cầu.'));

export const portalRequestStatusSchema = z.object({
  trackingCode: portalTrackingCodeSchema,
  verifier: portalPhoneLast4Schema,
});
export type PortalRequestStatusInput = z.input<typeof portalRequestStatusSchema>;

// ---- the forms, as typed in text boxes

/** A whole number typed in a box ("1.200"), or the message why not; empty gives `empty`'s message. */
const wholeText = (empty: string, notWhole: string) =>
  z
    .string()
    .transform((v) => v.replace(/[\s.]/g, ''))
    .pipe(
      z
        .string()
        .min(1, empty)
        .regex(/^\d{1,6}$/, notWhole),
    )
    .transform(Number);

/** A coordinate typed by hand ("10,7769" or "10.7769"); empty is "no pin". */
const coordinateText = z
  .string()
  .transform((v) => v.trim().replace(',', '.'))
  .pipe(z.string().regex(/^(-?\d{1,3}(\.\d{1,8})?)?$/, 'Tọa độ là số thập phân, ví dụ 21.0285.'))
  .transform((v) => (v === '' ? null : Number(v)));

export const portalConnectionFormSchema = z
  .object({
    ...connectionFields,
    wardId: z.string().min(1, 'Chọn phường, xã.').transform(Number).pipe(z.number().int().positive('Chọn phường, xã.')),
    households: wholeText('Nhập số hộ dùng chung đồng hồ.', 'Số hộ là số nguyên, ví dụ 1.').pipe(
      connectionFields.households,
    ),
    persons: wholeText('Nhập số nhân khẩu.', 'Số nhân khẩu là số nguyên, ví dụ 4.').pipe(connectionFields.persons),
    latitude: coordinateText.pipe(latitudeSchema.nullable()),
    longitude: coordinateText.pipe(longitudeSchema.nullable()),
  })
  .refine(bothOrNeither, { message: COORDINATES_MESSAGE, path: ['longitude'] });
export type PortalConnectionForm = z.input<typeof portalConnectionFormSchema>;
export type PortalConnectionFormValues = z.output<typeof portalConnectionFormSchema>;

export const portalServiceFormSchema = z.object(serviceFields).superRefine(checkKindDetails);
export type PortalServiceForm = z.input<typeof portalServiceFormSchema>;
export type PortalServiceFormValues = z.output<typeof portalServiceFormSchema>;
