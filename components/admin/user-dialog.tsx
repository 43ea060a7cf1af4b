'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, TextField } from '@/components/ui/form-field';
import { GraphQLRequestError } from '@/components/ui/graphql-client';
import { createUser, LOGIN_RE, MIN_PASSWORD_LENGTH, resetUserPassword, updateUser, type UserSummary } from './admin-api';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[0-9+() .-]{1,20}$/;

export interface UserFormValues {
  login: string;
  fullName: string;
  email: string;
  phone: string;
  password: string;
  confirmPassword: string;
  isAdmin: boolean;
  isActive: boolean;
}

type Errors = Partial<Record<keyof UserFormValues, string>>;

/**
 * The rules of SPEC §11 checked before anything is sent: login of 1–16 a–z/0–9, a full name, the password
 * typed twice (at least 8 characters). When editing, the password is optional (empty: unchanged).
 */
export function validateUserForm(v: UserFormValues, mode: 'create' | 'edit'): Errors {
  const e: Errors = {};
  if (mode === 'create') {
    if (!v.login.trim()) e.login = 'Tên đăng nhập là bắt buộc.';
    else if (!LOGIN_RE.test(v.login.trim()))
      e.login = 'Tên đăng nhập chỉ gồm tối đa 16 ký tự là chữ cái thường không dấu (a–z) và chữ số (0–9).';
  }
  if (!v.fullName.trim()) e.fullName = 'Họ tên là bắt buộc.';
  else if (v.fullName.trim().length > 100) e.fullName = 'Họ tên dài tối đa 100 ký tự.';
  if (v.email.trim() && !EMAIL_RE.test(v.email.trim())) e.email = 'Địa chỉ email không hợp lệ.';
  if (v.phone.trim() && !PHONE_RE.test(v.phone.trim()))
    e.phone = 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . - (tối đa 20 ký tự).';
  const wantsPassword = mode === 'create' || v.password !== '' || v.confirmPassword !== '';
  if (wantsPassword) {
    if (!v.password) e.password = 'Mật khẩu là bắt buộc.';
    else if (v.password.length < MIN_PASSWORD_LENGTH) e.password = `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
    if (!v.confirmPassword) e.confirmPassword = 'Hãy nhập lại mật khẩu.';
    else if (v.password !== v.confirmPassword) e.confirmPassword = 'Hai lần nhập mật khẩu không khớp nhau.';
  }
  return e;
}

const FIELD_ALIASES: Record<string, keyof UserFormValues> = { newPassword: 'password', confirmPassword: 'confirmPassword' };

export interface UserDialogProps {
  /** `null` adds a user. */
  user: UserSummary | null;
  /** The signed-in admin (cannot lock themself). */
  meId: number;
  onSaved: (user: UserSummary, note?: string) => void;
  onCancel: () => void;
}

export function UserDialog({ user, meId, onSaved, onCancel }: UserDialogProps) {
  const mode = user ? 'edit' : 'create';
  const [v, setV] = useState<UserFormValues>({
    login: user?.login ?? '',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    password: '',
    confirmPassword: '',
    isAdmin: user?.isAdmin ?? false,
    isActive: user?.isActive ?? true,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof UserFormValues>(k: K, value: UserFormValues[K]) => {
    setV((s) => ({ ...s, [k]: value }));
    if (errors[k]) setErrors((s) => ({ ...s, [k]: undefined }));
  };

  async function save() {
    if (busy) return;
    const found = validateUserForm(v, mode);
    setErrors(found);
    setFormError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.querySelector<HTMLElement>(`[data-testid="field-${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const profile = { fullName: v.fullName.trim(), email: v.email.trim() || null, phone: v.phone.trim() || null };
      if (!user) {
        const created = await createUser({
          login: v.login.trim(),
          ...profile,
          password: v.password,
          confirmPassword: v.confirmPassword,
          isAdmin: v.isAdmin,
        });
        onSaved(created);
      } else {
        const updated = await updateUser(user.id, { ...profile, isAdmin: v.isAdmin, isActive: v.isActive });
        if (v.password) await resetUserPassword({ userId: user.id, newPassword: v.password, confirmPassword: v.confirmPassword });
        onSaved(updated, v.password ? 'Đã đặt lại mật khẩu.' : undefined);
      }
    } catch (e) {
      if (e instanceof GraphQLRequestError) {
        const field = e.field ? (FIELD_ALIASES[e.field] ?? (e.field in v ? (e.field as keyof UserFormValues) : undefined)) : undefined;
        if (field) setErrors({ [field]: e.message });
        else setFormError(e.message);
      } else setFormError('Không lưu được, vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      title={user ? `Sửa người dùng ${user.login}` : 'Thêm người dùng'}
      onClose={() => !busy && onCancel()}
      onSave={() => void save()}
      closeOnBackdrop={false}
      data-testid="user-dialog"
      footer={
        <>
          <Button onClick={onCancel} disabled={busy} shortcut="Esc" data-testid="user-cancel">
            Hủy
          </Button>
          <Button variant="primary" onClick={() => void save()} disabled={busy} shortcut="Alt+S" data-testid="user-save">
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <EnterForm
        onSubmit={() => void save()}
        autoComplete="off"
        className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      >
        {formError && (
          <p role="alert" data-testid="user-form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2">
            {formError}
          </p>
        )}
        <TextField
          name="login"
          label="Tên đăng nhập"
          required={mode === 'create'}
          value={v.login}
          readOnly={mode === 'edit'}
          maxLength={16}
          autoCapitalize="none"
          spellCheck={false}
          hint={mode === 'create' ? 'Tối đa 16 ký tự a–z, 0–9.' : 'Không sửa được tên đăng nhập.'}
          error={errors.login}
          onChange={(e) => set('login', e.target.value)}
        />
        <TextField
          name="fullName"
          label="Họ tên"
          required
          value={v.fullName}
          maxLength={100}
          error={errors.fullName}
          onChange={(e) => set('fullName', e.target.value)}
        />
        <TextField name="email" label="Email" type="email" value={v.email} error={errors.email} onChange={(e) => set('email', e.target.value)} />
        <TextField name="phone" label="Điện thoại" type="tel" value={v.phone} error={errors.phone} onChange={(e) => set('phone', e.target.value)} />
        {mode === 'edit' && (
          <p className="text-xs text-slate-500 sm:col-span-2">Đặt lại mật khẩu (để trống nếu không đổi):</p>
        )}
        <TextField
          name="password"
          label={mode === 'create' ? 'Mật khẩu' : 'Mật khẩu mới'}
          type="password"
          autoComplete="new-password"
          required={mode === 'create'}
          value={v.password}
          hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`}
          error={errors.password}
          onChange={(e) => set('password', e.target.value)}
        />
        <TextField
          name="confirmPassword"
          label="Nhập lại mật khẩu"
          type="password"
          autoComplete="new-password"
          required={mode === 'create'}
          value={v.confirmPassword}
          error={errors.confirmPassword}
          onChange={(e) => set('confirmPassword', e.target.value)}
        />
        <CheckboxField
          name="isAdmin"
          label="Quản trị viên (toàn quyền, quản lý người dùng)"
          checked={v.isAdmin}
          onChange={(e) => set('isAdmin', e.target.checked)}
          className="sm:col-span-2"
        />
        {mode === 'edit' && (
          <CheckboxField
            name="isActive"
            label="Đang hoạt động (bỏ chọn để khóa tài khoản)"
            checked={v.isActive}
            disabled={user?.id === meId}
            hint={user?.id === meId ? 'Không thể tự khóa tài khoản của chính mình.' : undefined}
            onChange={(e) => set('isActive', e.target.checked)}
            className="sm:col-span-2"
          />
        )}
      </EnterForm>
    </Dialog>
  );
}
