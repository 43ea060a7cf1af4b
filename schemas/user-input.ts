import { z } from 'zod';

/**
 * The rules of a user account (SPEC §11), one copy for the forms (react-hook-form's zod resolver) and the
 * user service, which checks them again for every caller (GraphQL, scripts).
 */

/** Login names: at most 16 characters of a–z and 0–9. */
export const LOGIN_RE = /^[a-z0-9]{1,16}$/;
export const MIN_PASSWORD_LENGTH = 8;
const FULL_NAME_MAX = 100;
const EMAIL_MAX = 254;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_RE = /^[0-9+() .-]{1,20}$/;

const MESSAGES = {
  loginRequired: 'Tên đăng nhập là bắt buộc.',
  loginFormat: 'Tên đăng nhập chỉ gồm tối đa 16 ký tự là chữ cái thường không dấu (a–z) và chữ số (0–9).',
  fullNameRequired: 'Họ tên là bắt buộc.',
  fullNameTooLong: `Họ tên dài tối đa ${FULL_NAME_MAX} ký tự.`,
  email: 'Địa chỉ email không hợp lệ.',
  phone: 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . - (tối đa 20 ký tự).',
  passwordTooShort: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
} as const;

const fullName = z.string().trim().min(1, MESSAGES.fullNameRequired).max(FULL_NAME_MAX, MESSAGES.fullNameTooLong);
const email = z
  .string()
  .trim()
  .refine((v) => !v || (v.length <= EMAIL_MAX && EMAIL_RE.test(v)), MESSAGES.email);
const phone = z
  .string()
  .trim()
  .refine((v) => !v || PHONE_RE.test(v), MESSAGES.phone);

/** One's own name and contact (the profile page). */
export const profileFormSchema = z.object({ fullName, email, phone });

/** The password change of the signed-in user. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'Hãy nhập mật khẩu hiện tại.'),
    newPassword: z
      .string()
      .min(1, 'Hãy nhập mật khẩu mới.')
      .min(MIN_PASSWORD_LENGTH, `Mật khẩu mới phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`),
    confirmPassword: z.string().min(1, 'Hãy nhập lại mật khẩu mới.'),
  })
  .refine((v) => !v.newPassword || !v.confirmPassword || v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'Hai lần nhập mật khẩu mới không khớp nhau.',
  });

/**
 * A user as an admin adds or edits them. Adding needs a login and the password typed twice; editing keeps the
 * login and leaves the password unchanged when both password fields are empty.
 */
export function userFormSchema(mode: 'create' | 'edit') {
  return z
    .object({
      login: z.string().trim(),
      fullName,
      email,
      phone,
      password: z.string(),
      confirmPassword: z.string(),
      isAdmin: z.boolean(),
      // Absent when the box is disabled (an admin cannot lock themself): the account keeps its state.
      isActive: z.boolean().optional(),
    })
    .superRefine((v, ctx) => {
      if (mode === 'create') {
        if (!v.login) ctx.addIssue({ code: 'custom', path: ['login'], message: MESSAGES.loginRequired });
        else if (!LOGIN_RE.test(v.login))
          ctx.addIssue({ code: 'custom', path: ['login'], message: MESSAGES.loginFormat });
      }
      const wantsPassword = mode === 'create' || v.password !== '' || v.confirmPassword !== '';
      if (!wantsPassword) return;
      if (!v.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'Mật khẩu là bắt buộc.' });
      else if (v.password.length < MIN_PASSWORD_LENGTH)
        ctx.addIssue({ code: 'custom', path: ['password'], message: MESSAGES.passwordTooShort });
      if (!v.confirmPassword)
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Hãy nhập lại mật khẩu.' });
      else if (v.password !== v.confirmPassword)
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Hai lần nhập mật khẩu không khớp nhau.' });
    });
}
export type UserFormValues = z.input<ReturnType<typeof userFormSchema>>;
