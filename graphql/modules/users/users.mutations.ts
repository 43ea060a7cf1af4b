import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { setPermissions } from '@/services/users/permission.service';
import {
  changePassword,
  createUser,
  deleteUser,
  resetUserPassword,
  setUserBooks,
  updateProfile,
  updateUser,
} from '@/services/users/user.service';
import { PermissionRowRef, UserRef } from './users.type';

// The zod schemas bound sizes; the rules with their own codes (INVALID_LOGIN, PASSWORD_MISMATCH,
// DUPLICATE_LOGIN …) live in the service so every caller gets the same answer.
const text = (label: string, max: number) => z.string().max(max, `${label} dài tối đa ${max} ký tự.`);
const password = (label: string) => z.string().max(256, `${label} dài tối đa 256 ký tự.`);
const profileFields = {
  fullName: text('Họ tên', 200),
  email: text('Email', 254).nullish(),
  phone: text('Số điện thoại', 20).nullish(),
};

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    login: t.string({ required: true, description: 'At most 16 characters a–z, 0–9.' }),
    fullName: t.string({ required: true }),
    email: t.string(),
    phone: t.string(),
    password: t.string({ required: true, description: 'At least 8 characters.' }),
    confirmPassword: t.string({ required: true }),
    isAdmin: t.boolean(),
  }),
  validate: z.object({
    login: text('Tên đăng nhập', 64),
    ...profileFields,
    password: password('Mật khẩu'),
    confirmPassword: password('Mật khẩu nhập lại'),
    isAdmin: z.boolean().nullish(),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    fullName: t.string({ required: true }),
    email: t.string(),
    phone: t.string(),
    isAdmin: t.boolean({ description: 'Omitted: unchanged.' }),
    isActive: t.boolean({ description: 'Omitted: unchanged. An inactive user cannot sign in.' }),
  }),
  validate: z.object({ ...profileFields, isAdmin: z.boolean().nullish(), isActive: z.boolean().nullish() }),
});

const ProfileInput = builder.inputType('ProfileInput', {
  fields: (t) => ({
    fullName: t.string({ required: true }),
    email: t.string(),
    phone: t.string(),
  }),
  validate: z.object(profileFields),
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true }),
    newPassword: t.string({ required: true }),
    confirmPassword: t.string({ required: true }),
  }),
  validate: z.object({
    currentPassword: password('Mật khẩu hiện tại'),
    newPassword: password('Mật khẩu mới'),
    confirmPassword: password('Mật khẩu nhập lại'),
  }),
});

const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  fields: (t) => ({
    userId: t.int({ required: true }),
    newPassword: t.string({ required: true }),
    confirmPassword: t.string({ required: true }),
  }),
  validate: z.object({
    userId: z.number().int().positive('Chưa chọn người dùng.'),
    newPassword: password('Mật khẩu mới'),
    confirmPassword: password('Mật khẩu nhập lại'),
  }),
});

const PermissionRowInput = builder.inputType('PermissionRowInput', {
  fields: (t) => ({
    group: t.string({ required: true, description: 'document, catalog or report.' }),
    object: t.string({ required: true }),
    access: t.boolean({ required: true }),
    add: t.boolean({ required: true }),
    edit: t.boolean({ required: true }),
    delete: t.boolean({ required: true }),
    print: t.boolean({ required: true }),
    export: t.boolean({ required: true }),
  }),
});

const SetPermissionsInput = builder.inputType('SetPermissionsInput', {
  description: 'Replaces every right of the user on the branch: objects left out end with none.',
  fields: (t) => ({
    userId: t.int({ required: true }),
    branchId: t.int({ required: true }),
    rows: t.field({ type: [PermissionRowInput], required: true }),
  }),
  validate: z.object({
    userId: z.number().int().positive('Chưa chọn người dùng.'),
    branchId: z.number().int().positive('Chưa chọn đơn vị cơ sở.'),
    rows: z
      .array(z.object({ group: text('Nhóm quyền', 16), object: text('Đối tượng phân quyền', 32) }).loose())
      .max(200, 'Quá nhiều dòng phân quyền.'),
  }),
});

const idList = (label: string) =>
  z.array(z.number().int().positive(`Mã ${label} không hợp lệ.`)).max(50_000, `Quá nhiều ${label}.`);

const SetUserBooksInput = builder.inputType('SetUserBooksInput', {
  description: 'Replaces the books and the routes (all their books) a user may see and change.',
  fields: (t) => ({
    userId: t.int({ required: true }),
    bookIds: t.intList({ required: true }),
    routeIds: t.intList({ required: true }),
  }),
  validate: z.object({
    userId: z.number().int().positive('Chưa chọn người dùng.'),
    bookIds: idList('sổ đọc'),
    routeIds: idList('tuyến'),
  }),
});

builder.mutationField('createUser', (t) =>
  t.withAuth({ admin: true }).field({
    type: UserRef,
    description: 'Adds a user (admins only).',
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, args, ctx) => {
      return createUser(ctx.db, ctx.actor, args.input);
    },
  }),
);

builder.mutationField('updateUser', (t) =>
  t.withAuth({ admin: true }).field({
    type: UserRef,
    description: 'Edits a user, including the admin and active flags (admins only; never the last admin).',
    args: { id: t.arg.int({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_root, args, ctx) => {
      return updateUser(ctx.db, ctx.actor, args.id, args.input);
    },
  }),
);

builder.mutationField('resetUserPassword', (t) =>
  t.withAuth({ admin: true }).boolean({
    description: "Sets a user's password without the old one (admins only); ends that user's sessions.",
    args: { input: t.arg({ type: ResetUserPasswordInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const { credentialVersion } = await resetUserPassword(ctx.db, ctx.actor, args.input);
      // An admin resetting their own password keeps this session; every other one of theirs ends.
      if (args.input.userId === ctx.actor.userId) await ctx.renewSession?.(credentialVersion);
      return true;
    },
  }),
);

builder.mutationField('deleteUser', (t) =>
  t.withAuth({ admin: true }).boolean({
    description:
      'Deletes a user (admins only; not oneself, never the last admin). A user who authored records is deactivated instead.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => {
      return deleteUser(ctx.db, ctx.actor, args.id);
    },
  }),
);

builder.mutationField('updateProfile', (t) =>
  t.withAuth({ staff: true }).field({
    type: UserRef,
    description: "Edits one's own name, email and phone.",
    args: { input: t.arg({ type: ProfileInput, required: true }) },
    resolve: (_root, args, ctx) => {
      return updateProfile(ctx.db, ctx.actor, args.input);
    },
  }),
);

builder.mutationField('changePassword', (t) =>
  t.withAuth({ staff: true }).boolean({
    description:
      "Changes one's own password (WRONG_PASSWORD, TOO_MANY_ATTEMPTS, PASSWORD_TOO_SHORT, PASSWORD_MISMATCH); ends the user's other sessions.",
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const { credentialVersion } = await changePassword(ctx.db, ctx.actor, args.input, ctx.ip);
      // The session that changed the password stays signed in; every other one ends.
      await ctx.renewSession?.(credentialVersion);
      return true;
    },
  }),
);

builder.mutationField('setPermissions', (t) =>
  t.withAuth({ admin: true }).field({
    type: [PermissionRowRef],
    description: "Replaces a user's rights on one branch (admins only); returns the stored matrix.",
    args: { input: t.arg({ type: SetPermissionsInput, required: true }) },
    resolve: (_root, args, ctx) => {
      return setPermissions(ctx.db, ctx.actor, args.input);
    },
  }),
);

builder.mutationField('setUserBooks', (t) =>
  t.withAuth({ admin: true }).field({
    type: UserRef,
    description: 'Replaces the books and routes assigned to a user (admins only).',
    args: { input: t.arg({ type: SetUserBooksInput, required: true }) },
    resolve: (_root, args, ctx) => {
      return setUserBooks(ctx.db, ctx.actor, args.input);
    },
  }),
);
