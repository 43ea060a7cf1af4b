import { z } from 'zod';
import { isValidPhone, isValidTaxCode, normalizePhone } from '@/domain/customers/identity';

/**
 * The company's own details (Hệ thống → Thông tin công ty): what invoices print as the seller and what the portal
 * shows on every page. One copy of the rules for the admin form (react-hook-form's zod resolver) and the service,
 * which checks them again for every caller. Empty optional fields become null.
 */

export const COMPANY_NAME_MAX = 200;
export const COMPANY_ADDRESS_MAX = 300;
const COMPANY_EMAIL_MAX = 200;
export const OFFICE_HOURS_MAX = 300;

const COMPANY_PROFILE_MESSAGES = {
  nameRequired: 'Tên công ty là bắt buộc.',
  nameTooLong: `Tên công ty dài tối đa ${COMPANY_NAME_MAX} ký tự.`,
  taxCode: 'Mã số thuế phải gồm 10 chữ số (hoặc 10 chữ số, gạch ngang và 3 chữ số).',
  addressTooLong: `Địa chỉ dài tối đa ${COMPANY_ADDRESS_MAX} ký tự.`,
  phone: 'Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0).',
  hotline: 'Số tổng đài không hợp lệ: 10–11 chữ số bắt đầu bằng 0, hoặc đầu số 1800/1900 (ví dụ 1900 54 54 33).',
  email: 'Địa chỉ email không hợp lệ.',
  officeHoursTooLong: `Giờ làm việc dài tối đa ${OFFICE_HOURS_MAX} ký tự.`,
} as const;

const blankToNull = (v: string | null | undefined) => (v ? v : null);

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).nullish().transform(blankToNull);

/** Mã số thuế, also typed as 13 digits without the dash of a dependent unit (0108123456001 → 0108123456-001). */
const taxCode = z
  .string()
  .nullish()
  .transform((v) => {
    const s = (v ?? '').replace(/[\s.]/g, '');
    return /^\d{13}$/.test(s) ? `${s.slice(0, 10)}-${s.slice(10)}` : s || null;
  })
  .refine((v) => v === null || isValidTaxCode(v), COMPANY_PROFILE_MESSAGES.taxCode);

/** Switchboard numbers: 1800 (free) and 1900 (paid) numbers have 8 or 10 digits. */
function isValidHotline(s: string): boolean {
  return isValidPhone(s) || /^1[89]00(\d{4}|\d{6})$/.test(normalizePhone(s));
}

/** Phone numbers are kept as their digits, like a customer's (spaces, dots, dashes dropped; +84 → 0). */
const phoneLike = (isValid: (s: string) => boolean, message: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform(blankToNull)
    .refine((v) => v === null || isValid(v), message)
    .transform((v) => (v ? normalizePhone(v) : null));

/**
 * Office hours as typed, one line per group of days: line ends unified, trailing spaces and surrounding blank lines
 * dropped, at most one blank line in a row (the portal prints the lines as they are, white-space: pre-line).
 */
function normalizeOfficeHours(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const companyProfileSchema = z.object({
  name: z
    .string({ error: COMPANY_PROFILE_MESSAGES.nameRequired })
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, COMPANY_PROFILE_MESSAGES.nameRequired)
        .max(COMPANY_NAME_MAX, COMPANY_PROFILE_MESSAGES.nameTooLong),
    ),
  taxCode,
  address: optionalText(COMPANY_ADDRESS_MAX, COMPANY_PROFILE_MESSAGES.addressTooLong),
  phone: phoneLike(isValidPhone, COMPANY_PROFILE_MESSAGES.phone),
  hotline: phoneLike(isValidHotline, COMPANY_PROFILE_MESSAGES.hotline),
  email: z
    .string()
    .trim()
    .nullish()
    .transform(blankToNull)
    .refine(
      (v) => v === null || (v.length <= COMPANY_EMAIL_MAX && z.email().safeParse(v).success),
      COMPANY_PROFILE_MESSAGES.email,
    ),
  officeHours: z
    .string()
    .nullish()
    .transform((v) => blankToNull(normalizeOfficeHours(v ?? '')))
    .refine((v) => v === null || v.length <= OFFICE_HOURS_MAX, COMPANY_PROFILE_MESSAGES.officeHoursTooLong),
});

/** What the form holds and the API accepts (optional fields may be empty, null or left out). */
export type CompanyProfileInput = z.input<typeof companyProfileSchema>;
/** The details as stored: trimmed, NFC, empty fields null, phone numbers as digits. */
export type CompanyProfile = z.output<typeof companyProfileSchema>;
