'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { enterMovesFocus, TextField } from '@/components/ui/form-field';
import { gqlFetch, GraphQLRequestError } from '@/components/ui/graphql-client';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';

export interface Me {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  isAdmin: boolean;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[0-9+() .-]{1,20}$/;
const MIN_PASSWORD_LENGTH = 8;

/** The server's codes for the password change, in the words shown to the user, and the field they belong to. */
const PASSWORD_ERRORS: Record<string, { field: PasswordField; message: string }> = {
  WRONG_PASSWORD: { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
  PASSWORD_MISMATCH: { field: 'confirmPassword', message: 'Hai lần nhập mật khẩu mới không khớp nhau.' },
  PASSWORD_TOO_SHORT: { field: 'newPassword', message: `Mật khẩu mới phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` },
};

type ProfileField = 'fullName' | 'email' | 'phone';
type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

export function ProfileForms({ me }: { me: Me }) {
  return (
    <ToastProvider>
      <ProfileFormsInner me={me} />
    </ToastProvider>
  );
}

function ProfileFormsInner({ me }: { me: Me }) {
  const router = useRouter();
  const toast = useToast();
  const passwordForm = useRef<HTMLFormElement>(null);

  // ---- own details
  const [profile, setProfile] = useState({ fullName: me.fullName, email: me.email ?? '', phone: me.phone ?? '' });
  const [savedProfile, setSavedProfile] = useState(profile);
  const [pErrors, setPErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [pError, setPError] = useState<string | null>(null);
  const [pBusy, setPBusy] = useState(false);
  const profileDirty = JSON.stringify(profile) !== JSON.stringify(savedProfile);

  async function saveProfile(e?: FormEvent) {
    e?.preventDefault();
    if (pBusy) return;
    const errs: Partial<Record<ProfileField, string>> = {};
    const fullName = profile.fullName.trim().replace(/\s+/g, ' ');
    if (!fullName) errs.fullName = 'Họ tên là bắt buộc.';
    else if (fullName.length > 100) errs.fullName = 'Họ tên dài tối đa 100 ký tự.';
    if (profile.email.trim() && !EMAIL_RE.test(profile.email.trim())) errs.email = 'Địa chỉ email không hợp lệ.';
    if (profile.phone.trim() && !PHONE_RE.test(profile.phone.trim()))
      errs.phone = 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . - (tối đa 20 ký tự).';
    setPErrors(errs);
    setPError(null);
    if (Object.keys(errs).length > 0) return;
    setPBusy(true);
    try {
      const data = await gqlFetch<{ updateProfile: { fullName: string; email: string | null; phone: string | null } }>(
        `mutation UpdateProfile($input: ProfileInput!) { updateProfile(input: $input) { fullName email phone } }`,
        { input: { fullName, email: profile.email.trim() || null, phone: profile.phone.trim() || null } },
      );
      const next = { fullName: data.updateProfile.fullName, email: data.updateProfile.email ?? '', phone: data.updateProfile.phone ?? '' };
      setProfile(next);
      setSavedProfile(next);
      toast.success('Đã lưu thông tin cá nhân.');
      // The menu shows the name: render the layout again.
      router.refresh();
    } catch (err) {
      const field = err instanceof GraphQLRequestError ? err.field : undefined;
      if (field === 'fullName' || field === 'email' || field === 'phone') setPErrors({ [field]: (err as Error).message });
      else setPError(err instanceof Error ? err.message : 'Không lưu được, vui lòng thử lại.');
    } finally {
      setPBusy(false);
    }
  }

  // ---- password
  const emptyPw = { currentPassword: '', newPassword: '', confirmPassword: '' };
  const [pw, setPw] = useState(emptyPw);
  const [wErrors, setWErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [wError, setWError] = useState<string | null>(null);
  const [wBusy, setWBusy] = useState(false);
  const [wDone, setWDone] = useState(false);

  async function changePassword(e?: FormEvent) {
    e?.preventDefault();
    if (wBusy) return;
    const errs: Partial<Record<PasswordField, string>> = {};
    if (!pw.currentPassword) errs.currentPassword = 'Hãy nhập mật khẩu hiện tại.';
    if (!pw.newPassword) errs.newPassword = 'Hãy nhập mật khẩu mới.';
    else if (pw.newPassword.length < MIN_PASSWORD_LENGTH) errs.newPassword = PASSWORD_ERRORS.PASSWORD_TOO_SHORT!.message;
    if (!pw.confirmPassword) errs.confirmPassword = 'Hãy nhập lại mật khẩu mới.';
    else if (pw.newPassword && pw.newPassword !== pw.confirmPassword) errs.confirmPassword = PASSWORD_ERRORS.PASSWORD_MISMATCH!.message;
    setWErrors(errs);
    setWError(null);
    setWDone(false);
    const first = (['currentPassword', 'newPassword', 'confirmPassword'] as const).find((k) => errs[k]);
    if (first) {
      document.querySelector<HTMLElement>(`[data-testid="field-${first}"]`)?.focus();
      return;
    }
    setWBusy(true);
    try {
      await gqlFetch(`mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }`, { input: pw });
      setPw(emptyPw);
      setWDone(true);
      toast.success('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.');
    } catch (err) {
      const known = err instanceof GraphQLRequestError ? PASSWORD_ERRORS[err.code] : undefined;
      if (known) {
        setWErrors({ [known.field]: known.message });
        document.querySelector<HTMLElement>(`[data-testid="field-${known.field}"]`)?.focus();
      } else setWError(err instanceof Error ? err.message : 'Không đổi được mật khẩu, vui lòng thử lại.');
    } finally {
      setWBusy(false);
    }
  }

  useHotkeys({
    'Alt+S': () => {
      if (passwordForm.current?.contains(document.activeElement)) void changePassword();
      else void saveProfile();
    },
  });

  const setP = (k: ProfileField, v: string) => {
    setProfile((s) => ({ ...s, [k]: v }));
    if (pErrors[k]) setPErrors((s) => ({ ...s, [k]: undefined }));
  };
  const setW = (k: PasswordField, v: string) => {
    setPw((s) => ({ ...s, [k]: v }));
    setWDone(false);
    if (wErrors[k]) setWErrors((s) => ({ ...s, [k]: undefined }));
  };

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
        <form noValidate onSubmit={saveProfile} onKeyDown={enterMovesFocus} className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="profile-form">
          {pError && (
            <p role="alert" data-testid="profile-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2">
              {pError}
            </p>
          )}
          <TextField
            name="fullName"
            label="Họ tên"
            required
            maxLength={100}
            autoComplete="name"
            value={profile.fullName}
            error={pErrors.fullName}
            onChange={(e) => setP('fullName', e.target.value)}
            className="sm:col-span-2"
          />
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            value={profile.email}
            error={pErrors.email}
            onChange={(e) => setP('email', e.target.value)}
          />
          <TextField
            name="phone"
            label="Điện thoại"
            type="tel"
            autoComplete="tel"
            value={profile.phone}
            error={pErrors.phone}
            onChange={(e) => setP('phone', e.target.value)}
          />
          <div className="flex items-center justify-end gap-2 sm:col-span-2">
            {profileDirty && <span className="text-sm text-amber-700">Có thay đổi chưa lưu</span>}
            <Button
              onClick={() => {
                setProfile(savedProfile);
                setPErrors({});
                setPError(null);
              }}
              disabled={!profileDirty || pBusy}
              data-testid="profile-reset"
            >
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
          onSubmit={changePassword}
          onKeyDown={enterMovesFocus}
          className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2"
          data-testid="password-form"
        >
          {wError && (
            <p role="alert" data-testid="password-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2">
              {wError}
            </p>
          )}
          {wDone && (
            <p role="status" data-testid="password-done" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 sm:col-span-2">
              Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.
            </p>
          )}
          <TextField
            name="currentPassword"
            label="Mật khẩu hiện tại"
            type="password"
            required
            autoComplete="current-password"
            value={pw.currentPassword}
            error={wErrors.currentPassword}
            onChange={(e) => setW('currentPassword', e.target.value)}
            className="sm:col-span-2"
          />
          <TextField
            name="newPassword"
            label="Mật khẩu mới"
            type="password"
            required
            autoComplete="new-password"
            hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`}
            value={pw.newPassword}
            error={wErrors.newPassword}
            onChange={(e) => setW('newPassword', e.target.value)}
          />
          <TextField
            name="confirmPassword"
            label="Nhập lại mật khẩu mới"
            type="password"
            required
            autoComplete="new-password"
            value={pw.confirmPassword}
            error={wErrors.confirmPassword}
            onChange={(e) => setW('confirmPassword', e.target.value)}
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
