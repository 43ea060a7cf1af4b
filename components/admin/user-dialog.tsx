'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, TextField } from '@/components/ui/form-field';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { MIN_PASSWORD_LENGTH, userFormSchema, type UserFormValues } from '@/schemas/user-input';
import {
  CreateUserMutation,
  ResetUserPasswordMutation,
  UpdateUserMutation,
  UserFieldsFragment,
  type UserSummary,
} from './admin.documents';

/** The server names `newPassword` where the form says `password`. */
const FIELD_ALIASES: Record<string, keyof UserFormValues> = {
  newPassword: 'password',
  confirmPassword: 'confirmPassword',
};
const FORM_FIELDS = new Set<string>([
  'login',
  'fullName',
  'email',
  'phone',
  'password',
  'confirmPassword',
  'isAdmin',
  'isActive',
]);

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
  // The rules of SPEC §11 (schemas/user-input.ts, shared with the user service) are checked before anything
  // is sent; the first field in error gets the cursor.
  const form = useForm({
    resolver: zodResolver(userFormSchema(mode)),
    defaultValues: {
      login: user?.login ?? '',
      fullName: user?.fullName ?? '',
      email: user?.email ?? '',
      phone: user?.phone ?? '',
      password: '',
      confirmPassword: '',
      isAdmin: user?.isAdmin ?? false,
      isActive: user?.isActive ?? true,
    },
  });
  const { register, formState, setError } = form;
  const errors = formState.errors;
  const [created, executeCreate] = useMutation(CreateUserMutation);
  const [updated, executeUpdate] = useMutation(UpdateUserMutation);
  const [reset, executeReset] = useMutation(ResetUserPasswordMutation);
  const busy = created.fetching || updated.fetching || reset.fetching;

  /** The server's refusal: under the field it names (AppError `field`), else above the form. */
  const refused = (error: unknown) => {
    const e = apiError(error, 'Không lưu được, vui lòng thử lại.');
    const field = e.field
      ? (FIELD_ALIASES[e.field] ?? (FORM_FIELDS.has(e.field) ? (e.field as keyof UserFormValues) : undefined))
      : undefined;
    if (field) setError(field, { message: e.message }, { shouldFocus: true });
    else setError('root.server', { message: e.message });
  };

  const save = form.handleSubmit(async (v) => {
    if (busy) return;
    const profile = { fullName: v.fullName, email: v.email || null, phone: v.phone || null };
    if (!user) {
      const r = await executeCreate({
        input: {
          login: v.login,
          ...profile,
          password: v.password,
          confirmPassword: v.confirmPassword,
          isAdmin: v.isAdmin,
        },
      });
      if (r.error || !r.data) return refused(r.error);
      onSaved(readFragment(UserFieldsFragment, r.data.createUser));
      return;
    }
    const r = await executeUpdate({
      id: user.id,
      input: { ...profile, isAdmin: v.isAdmin, isActive: v.isActive ?? user.isActive },
    });
    if (r.error || !r.data) return refused(r.error);
    if (v.password) {
      const p = await executeReset({
        input: { userId: user.id, newPassword: v.password, confirmPassword: v.confirmPassword },
      });
      if (p.error) return refused(p.error);
    }
    onSaved(readFragment(UserFieldsFragment, r.data.updateUser), v.password ? 'Đã đặt lại mật khẩu.' : undefined);
  });
  const formError = errors.root?.server?.message;

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
          <Button
            variant="primary"
            onClick={() => void save()}
            disabled={busy}
            shortcut="Alt+S"
            data-testid="user-save"
          >
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <EnterForm onSubmit={() => void save()} autoComplete="off" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {formError && (
          <p
            role="alert"
            data-testid="user-form-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2"
          >
            {formError}
          </p>
        )}
        <TextField
          label="Tên đăng nhập"
          required={mode === 'create'}
          readOnly={mode === 'edit'}
          maxLength={16}
          autoCapitalize="none"
          spellCheck={false}
          hint={mode === 'create' ? 'Tối đa 16 ký tự a–z, 0–9.' : 'Không sửa được tên đăng nhập.'}
          error={errors.login?.message}
          {...register('login')}
        />
        <TextField label="Họ tên" required maxLength={100} error={errors.fullName?.message} {...register('fullName')} />
        <TextField label="Email" type="email" error={errors.email?.message} {...register('email')} />
        <TextField label="Điện thoại" type="tel" error={errors.phone?.message} {...register('phone')} />
        {mode === 'edit' && (
          <p className="text-xs text-slate-500 sm:col-span-2">Đặt lại mật khẩu (để trống nếu không đổi):</p>
        )}
        <TextField
          label={mode === 'create' ? 'Mật khẩu' : 'Mật khẩu mới'}
          type="password"
          autoComplete="new-password"
          required={mode === 'create'}
          hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`}
          error={errors.password?.message}
          {...register('password')}
        />
        <TextField
          label="Nhập lại mật khẩu"
          type="password"
          autoComplete="new-password"
          required={mode === 'create'}
          error={errors.confirmPassword?.message}
          {...register('confirmPassword')}
        />
        <CheckboxField
          label="Quản trị viên (toàn quyền, quản lý người dùng)"
          {...register('isAdmin')}
          className="sm:col-span-2"
        />
        {mode === 'edit' && (
          <CheckboxField
            label="Đang hoạt động (bỏ chọn để khóa tài khoản)"
            disabled={user?.id === meId}
            hint={user?.id === meId ? 'Không thể tự khóa tài khoản của chính mình.' : undefined}
            {...register('isActive')}
            className="sm:col-span-2"
          />
        )}
      </EnterForm>
    </Dialog>
  );
}
