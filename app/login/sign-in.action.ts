'use server';

import { CredentialsSignin } from 'next-auth';
import { signIn } from '@/auth';
import { SIGN_IN_LIMITS } from '@/services/auth/sign-in.service';
import { safeCallbackUrl } from './callback-url';

export interface SignInFormState {
  error: string | null;
  /** Typed back into the form after a refusal, which also works without JavaScript. */
  username: string;
}

const LOGIN_RE = /^[a-z0-9]{1,16}$/;

/**
 * The sign-in form's action. The form posts here (a server action), with or without JavaScript, so the
 * password travels in a POST body and never in a URL. Success redirects to the callback URL.
 */
export async function signInWithPassword(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const username = String(form.get('username') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!LOGIN_RE.test(username)) return { error: 'Tên đăng nhập gồm 1–16 chữ thường không dấu hoặc chữ số.', username };
  if (!password) return { error: 'Vui lòng nhập mật khẩu.', username };
  try {
    await signIn('credentials', { username, password, redirectTo: safeCallbackUrl(form.get('callbackUrl')) });
  } catch (error) {
    // Success ends in a redirect, thrown as well: only a refusal is answered here.
    if (error instanceof CredentialsSignin) {
      return {
        error:
          error.code === 'locked'
            ? `Tạm khóa đăng nhập do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${SIGN_IN_LIMITS.lockMinutes} phút.`
            : 'Tên đăng nhập hoặc mật khẩu không đúng.',
        username,
      };
    }
    throw error;
  }
  return { error: null, username };
}
