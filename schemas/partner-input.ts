import { z } from 'zod';

/**
 * The rules of a partner of the partner API, one copy for the admin form (react-hook-form's zod resolver), the
 * GraphQL input and the partner service, which checks every allow-list entry exactly (IP address or CIDR range).
 */

/** What the partner sends in X-Partner-Id (the partners table's CHECK says the same). */
export const PARTNER_CODE_RE = /^[A-Z0-9_]{2,32}$/;
export const PARTNER_NAME_MAX = 200;
export const MAX_ALLOW_LIST = 50;
export const ALLOW_ENTRY_MAX = 64;
/** The characters an IPv4/IPv6 address or CIDR range is written with; the server checks the rest. */
const ALLOW_ENTRY_SHAPE = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

const MESSAGES = {
  code: 'Mã đối tác gồm 2–32 ký tự A–Z, 0–9 hoặc dấu gạch dưới.',
  nameRequired: 'Tên đối tác là bắt buộc.',
  nameTooLong: `Tên đối tác dài tối đa ${PARTNER_NAME_MAX} ký tự.`,
  tooMany: `Danh sách địa chỉ được phép tối đa ${MAX_ALLOW_LIST} dòng.`,
} as const;

/** The allow-list as typed in the form: one entry a line (commas and spaces separate too); blanks dropped. */
export function splitAllowList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

export const partnerFormSchema = z.object({
  code: z.string().trim().toUpperCase().regex(PARTNER_CODE_RE, MESSAGES.code),
  name: z.string().trim().min(1, MESSAGES.nameRequired).max(PARTNER_NAME_MAX, MESSAGES.nameTooLong),
  allowList: z.string().superRefine((text, ctx) => {
    const entries = splitAllowList(text);
    if (entries.length > MAX_ALLOW_LIST) ctx.addIssue({ code: 'custom', message: MESSAGES.tooMany });
    const bad = entries.find((e) => e.length > ALLOW_ENTRY_MAX || !ALLOW_ENTRY_SHAPE.test(e));
    if (bad)
      ctx.addIssue({
        code: 'custom',
        message: `«${bad.slice(0, 40)}» không phải địa chỉ IP hoặc dải CIDR (ví dụ 203.0.113.10 hoặc 203.0.113.0/24).`,
      });
  }),
  allowOverpayment: z.boolean(),
  notifiesBank: z.boolean(),
  active: z.boolean(),
});
export type PartnerFormValues = z.input<typeof partnerFormSchema>;
