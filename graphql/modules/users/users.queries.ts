import { builder } from '@/graphql/builder';
import { getPermissionMatrix, listPermissionObjects, listRights } from '@/services/users/permission.service';
import { getMe, getUser, listUsers } from '@/services/users/user.service';
import { PermissionObjectGroupRef, PermissionRightRef, PermissionRowRef, UserRef } from './users.type';

builder.queryField('users', (t) =>
  t.withAuth({ admin: true }).field({
    type: [UserRef],
    description: 'Every user (admins only).',
    resolve: (_root, _args, ctx) => {
      return listUsers(ctx.db, ctx.actor);
    },
  }),
);

builder.queryField('user', (t) =>
  t.withAuth({ admin: true }).field({
    type: UserRef,
    description: 'One user (admins only); NOT_FOUND when there is none.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => {
      return getUser(ctx.db, ctx.actor, args.id);
    },
  }),
);

builder.queryField('me', (t) =>
  t.withAuth({ staff: true }).field({
    type: UserRef,
    description: 'The signed-in user.',
    resolve: (_root, _args, ctx) => {
      return getMe(ctx.db, ctx.actor);
    },
  }),
);

builder.queryField('permissionObjects', (t) =>
  t.field({
    type: [PermissionObjectGroupRef],
    description: 'The objects rights are granted on, by group.',
    authScopes: { staff: true },
    resolve: () => listPermissionObjects(),
  }),
);

builder.queryField('permissionRights', (t) =>
  t.field({
    type: [PermissionRightRef],
    description: 'The six rights (access, add, edit, delete, print, export) with their labels.',
    authScopes: { staff: true },
    resolve: () => listRights(),
  }),
);

builder.queryField('permissionMatrix', (t) =>
  t.field({
    type: [PermissionRowRef],
    description: "A user's rights on one branch, one row per object (admins only).",
    authScopes: { admin: true },
    args: { userId: t.arg.int({ required: true }), branchId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getPermissionMatrix(ctx.db, args.userId, args.branchId),
  }),
);
