'use client';

import { useActionState } from 'react';
import { signInWithPassword, type SignInFormState } from './sign-in.action';

const initialState: SignInFormState = { error: null, username: '' };

/**
 * Posts to a server action, so the form works before (or without) its script and the password never lands in
 * a URL or a server log.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, busy] = useActionState(signInWithPassword, initialState);
  const error = state.error;

  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block">
        <span className="text-sm font-medium">Tên đăng nhập</span>
        <input
          name="username"
          defaultValue={state.username}
          autoComplete="username"
          autoFocus
          maxLength={16}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Mật khẩu</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </label>
      {error && (
        <p role="alert" data-testid="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}
