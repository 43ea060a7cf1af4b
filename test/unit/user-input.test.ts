import { describe, expect, it } from 'vitest';
import { passwordChangeSchema, profileFormSchema, userFormSchema } from '@/schemas/user-input';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

const base = {
  login: 'nv02',
  fullName: 'Nguyễn Văn Hai',
  email: '',
  phone: '',
  password: 'matkhau-2026',
  confirmPassword: 'matkhau-2026',
  isAdmin: false,
  isActive: true,
};

describe('user form rules (shared by the admin dialog and the user service)', () => {
  it('adding needs a login of a–z/0–9 and the password typed twice', () => {
    const create = userFormSchema('create');
    expect(create.safeParse(base).success).toBe(true);
    expect(issues(create.safeParse({ ...base, login: '' }))).toEqual({ login: 'Tên đăng nhập là bắt buộc.' });
    expect(issues(create.safeParse({ ...base, login: 'Nguyễn' })).login).toMatch(/^Tên đăng nhập chỉ gồm/);
    expect(issues(create.safeParse({ ...base, password: 'ngan', confirmPassword: 'ngan' }))).toEqual({
      password: 'Mật khẩu phải có ít nhất 8 ký tự.',
    });
    expect(issues(create.safeParse({ ...base, confirmPassword: 'khac-2026x' }))).toEqual({
      confirmPassword: 'Hai lần nhập mật khẩu không khớp nhau.',
    });
  });

  it('editing keeps the password when both fields are empty, and checks it when one is typed', () => {
    const edit = userFormSchema('edit');
    expect(edit.safeParse({ ...base, login: 'KHÔNG-SỬA', password: '', confirmPassword: '' }).success).toBe(true);
    expect(issues(edit.safeParse({ ...base, password: 'matkhau-moi', confirmPassword: '' }))).toEqual({
      confirmPassword: 'Hãy nhập lại mật khẩu.',
    });
  });

  it('trims the name and contact, and refuses a bad email or phone with Vietnamese messages', () => {
    const r = profileFormSchema.safeParse({ fullName: '  Trần Thị Ba ', email: ' ba@capnuoc.vn ', phone: '' });
    expect(r.success && r.data).toEqual({ fullName: 'Trần Thị Ba', email: 'ba@capnuoc.vn', phone: '' });
    expect(issues(profileFormSchema.safeParse({ fullName: ' ', email: 'ba@', phone: 'số-máy' }))).toEqual({
      fullName: 'Họ tên là bắt buộc.',
      email: 'Địa chỉ email không hợp lệ.',
      phone: 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . - (tối đa 20 ký tự).',
    });
  });

  it('the password change asks for each field and the same new password twice', () => {
    expect(
      issues(passwordChangeSchema.safeParse({ currentPassword: '', newPassword: 'ngan', confirmPassword: 'khac' })),
    ).toEqual({
      currentPassword: 'Hãy nhập mật khẩu hiện tại.',
      newPassword: 'Mật khẩu mới phải có ít nhất 8 ký tự.',
      confirmPassword: 'Hai lần nhập mật khẩu mới không khớp nhau.',
    });
  });
});
