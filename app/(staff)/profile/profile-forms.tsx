'use client';

import { useRouter } from 'next/navigation';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { enterMovesFocus, TextField } from '@/components/ui/form-field';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import {
  ChangePasswordMutation,
  MeQuery,
  ProfileFieldsFragment,
  UpdateProfileMutation,
  type Me,
} from '@/components/admin/admin.documents';
import { MIN_PASSWORD_LENGTH, passwordChangeSchema, profileFormSchema } from '@/schemas/user-input';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';

/** The server's codes for the password change, in the words shown to the user, and the field they belong to. */
const PASSWORD_ERRORS: Record<string, { field: PasswordField; message: string }> = {
  WRONG_PASSWORD: { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
  PASSWORD_MISMATCH: { field: 'confirmPassword', message: 'Hai lần nhập mật khẩu mới không khớp nhau.' },
  PASSWORD_TOO_SHORT: { field: 'newPassword', message: `Mật khẩu mới phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` },
};

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

export interface ProfileFormsProps {
  /** The signed-in user's record, executed by the Server Component through MeQuery (see useHydrate). */
  initialData?: SSRData;
}

export function ProfileForms(props: ProfileFormsProps) {
  return (
    <ToastProvider>
      <ProfileScreen {...props} />
    </ToastProvider>
  );
}

/** Waits for the account from the cache (the server render puts it there first) before showing the forms. */
function ProfileScreen({ initialData }: ProfileFormsProps) {
  const requestPolicy = useHydrate(initialData);
  const [result] = useQuery({ query: MeQuery, requestPolicy });
  if (!result.data) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold">Thông tin cá nhân</h1>
        {result.error && (
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            Không tải được thông tin tài khoản: {apiError(result.error).message}
          </p>
        )}
      </div>
    );
  }
  return <ProfileFormsInner me={readFragment(ProfileFieldsFragment, result.data.me)} />;
}

function ProfileFormsInner({ me }: { me: Me }) {
  const router = useRouter();
  const toast = useToast();
  const passwordForm = useRef<HTMLFormElement>(null);

  // ---- own details: checked by the rules the user service applies (schemas/user-input.ts)
  // The fields also carry their values as `defaultValue`, so the server-rendered form is filled before hydration.
  const profile = useForm({
    resolver: zodResolver(profileFormSchema),
    defaultValues: { fullName: me.fullName, email: me.email ?? '', phone: me.phone ?? '' },
  });
  const [profileSave, executeUpdateProfile] = useMutation(UpdateProfileMutation);
  const pBusy = profileSave.fetching;
  const pErrors = profile.formState.errors;
  const profileDirty = profile.formState.isDirty;

  const saveProfile = profile.handleSubmit(async (v) => {
    if (pBusy) return;
    const r = await executeUpdateProfile({
      input: { fullName: v.fullName.replace(/\s+/g, ' '), email: v.email || null, phone: v.phone || null },
    });
    if (r.error || !r.data) {
      const e = apiError(r.error, 'Không lưu được, vui lòng thử lại.');
      if (e.field === 'fullName' || e.field === 'email' || e.field === 'phone')
        profile.setError(e.field, { message: e.message }, { shouldFocus: true });
      else profile.setError('root.server', { message: e.message });
      return;
    }
    const saved = readFragment(ProfileFieldsFragment, r.data.updateProfile);
    // What the server stored becomes the form's new starting point (Hoàn tác returns to it).
    profile.reset({ fullName: saved.fullName, email: saved.email ?? '', phone: saved.phone ?? '' });
    toast.success('Đã lưu thông tin cá nhân.');
    // The menu shows the name: render the layout again.
    router.refresh();
  });

  // ---- password
  const password = useForm({
    resolver: zodResolver(passwordChangeSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const [passwordChange, executeChangePassword] = useMutation(ChangePasswordMutation);
  const wBusy = passwordChange.fetching;
  const wErrors = password.formState.errors;
  // "Đã đổi" shows after a successful change until the user types again.
  const wDone = passwordChange.data?.changePassword === true && !password.formState.isDirty;

  const changePassword = password.handleSubmit(async (v) => {
    if (wBusy) return;
    // The response renews this tab's session cookie (the credential version changed), so it stays signed in
    // while every other session of the account is signed out.
    const r = await executeChangePassword({ input: v });
    if (r.error) {
      const e = apiError(r.error, 'Không đổi được mật khẩu, vui lòng thử lại.');
      const known = PASSWORD_ERRORS[e.code];
      if (known) password.setError(known.field, { message: known.message }, { shouldFocus: true });
      else password.setError('root.server', { message: e.message });
      return;
    }
    password.reset();
    toast.success('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.');
  });

  useHotkeys({
    'Alt+S': () => {
      if (passwordForm.current?.contains(document.activeElement)) void changePassword();
      else void saveProfile();
    },
  });
  const pError = pErrors.root?.server?.message ?? null;
  const wError = wErrors.root?.server?.message ?? null;

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 p-6" data-testid="profile-screen">
      <header>
        <h1 className="text-lg font-bold text-slate-900">Thông tin cá nhân</h1>
        <p className="text-sm text-slate-500">
          Tên đăng nhập <strong className="text-slate-700">{me.login}</strong>
          {me.isAdmin ? ' · Quản trị viên' : ''}
        </p>
      </header>

      <section aria-labelledby="profile-title" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="profile-title" className="text-base font-semibold text-slate-900">
          Họ tên và liên hệ
        </h2>
        <form
          noValidate
          onSubmit={(e) => void saveProfile(e)}
          onKeyDown={enterMovesFocus}
          className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2"
          data-testid="profile-form"
        >
          {pError && (
            <p
              role="alert"
              data-testid="profile-error"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2"
            >
              {pError}
            </p>
          )}
          <TextField
            label="Họ tên"
            required
            maxLength={100}
            autoComplete="name"
            error={pErrors.fullName?.message}
            defaultValue={me.fullName}
            {...profile.register('fullName')}
            className="sm:col-span-2"
          />
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            error={pErrors.email?.message}
            defaultValue={me.email ?? ''}
            {...profile.register('email')}
          />
          <TextField
            label="Điện thoại"
            type="tel"
            autoComplete="tel"
            error={pErrors.phone?.message}
            defaultValue={me.phone ?? ''}
            {...profile.register('phone')}
          />
          <div className="flex items-center justify-end gap-2 sm:col-span-2">
            {profileDirty && <span className="text-sm text-amber-700">Có thay đổi chưa lưu</span>}
            <Button onClick={() => profile.reset()} disabled={!profileDirty || pBusy} data-testid="profile-reset">
              Hoàn tác
            </Button>
            <Button type="submit" variant="primary" disabled={pBusy} shortcut="Alt+S" data-testid="profile-save">
              {pBusy ? 'Đang lưu…' : 'Lưu thông tin'}
            </Button>
          </div>
        </form>
      </section>

      <section aria-labelledby="password-title" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="password-title" className="text-base font-semibold text-slate-900">
          Đổi mật khẩu
        </h2>
        <form
          ref={passwordForm}
          noValidate
          onSubmit={(e) => void changePassword(e)}
          onKeyDown={enterMovesFocus}
          className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2"
          data-testid="password-form"
        >
          {wError && (
            <p
              role="alert"
              data-testid="password-error"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2"
            >
              {wError}
            </p>
          )}
          {wDone && (
            <p
              role="status"
              data-testid="password-done"
              className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 sm:col-span-2"
            >
              Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.
            </p>
          )}
          <TextField
            label="Mật khẩu hiện tại"
            type="password"
            required
            autoComplete="current-password"
            error={wErrors.currentPassword?.message}
            {...password.register('currentPassword')}
            className="sm:col-span-2"
          />
          <TextField
            label="Mật khẩu mới"
            type="password"
            required
            autoComplete="new-password"
            hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`}
            error={wErrors.newPassword?.message}
            {...password.register('newPassword')}
          />
          <TextField
            label="Nhập lại mật khẩu mới"
            type="password"
            required
            autoComplete="new-password"
            error={wErrors.confirmPassword?.message}
            {...password.register('confirmPassword')}
          />
          <div className="flex justify-end sm:col-span-2">
            <Button type="submit" variant="primary" disabled={wBusy} data-testid="password-save">
              {wBusy ? 'Đang đổi…' : 'Đổi mật khẩu'}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
