'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { PORTAL_AUTH_BASE_PATH, portalSignIn, SIGN_IN_RATE_LIMITED_PATH } from '@/portal-auth';

const emailSchema = z
  .string()
  .transform((v) => v.normalize('NFKC').trim().toLowerCase())
  .pipe(z.email().max(254));

/**
 * Asks next-auth's email provider for a sign-in link (portal-auth.ts counts the budgets and sends the mail). The
 * answer is the same page whether or not the address has an account; only a refused budget, a malformed address or a
 * mail server that did not take the mail say otherwise. Server actions carry Next.js's own origin check (CSRF).
 */
export async function requestSignInLink(formData: FormData): Promise<void> {
  // The honeypot: a field people never see. A bot that fills every field is answered as if all went well.
  if (String(formData.get('website') ?? '') !== '') redirect('/dang-nhap/kiem-tra-email');
  const email = emailSchema.safeParse(String(formData.get('email') ?? ''));
  if (!email.success) redirect('/dang-nhap?loi=email');
  let next: string;
  try {
    next = await portalSignIn('nodemailer', { email: email.data, redirect: false, redirectTo: '/tai-khoan' });
  } catch (error) {
    if (error instanceof AuthError) redirect('/dang-nhap?loi=gui-thu');
    throw error;
  }
  const path = new URL(next, 'http://portal.invalid').pathname + new URL(next, 'http://portal.invalid').search;
  if (path === SIGN_IN_RATE_LIMITED_PATH) redirect(SIGN_IN_RATE_LIMITED_PATH);
  // next-auth answers its verify-request endpoint when the link went out, its error page (ours) when it did not.
  if (path.startsWith(`${PORTAL_AUTH_BASE_PATH}/verify-request`)) redirect('/dang-nhap/kiem-tra-email');
  redirect('/dang-nhap?loi=gui-thu');
}
