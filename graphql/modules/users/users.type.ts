import { builder } from '@/graphql/builder';
import type { PermissionObjectGroup, PermissionRow } from '@/services/users/permission.service';
import type { UserRecord } from '@/services/users/user.service';

/** A staff account. The password hash is never part of it. */
export const UserRef = builder.objectRef<UserRecord>('User').implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    login: t.exposeString('login'),
    fullName: t.exposeString('fullName'),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    isAdmin: t.exposeBoolean('isAdmin'),
    isActive: t.exposeBoolean('isActive'),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.createdAt }),
    bookIds: t.intList({
      description: 'Reading books assigned one by one (admins, or the user themself).',
      authScopes: (user, _args, ctx) => ctx.actor !== null && (ctx.actor.isAdmin || ctx.actor.userId === user.id),
      resolve: (u) => u.bookIds,
    }),
    routeIds: t.intList({
      description: 'Routes assigned whole: every book of the route (admins, or the user themself).',
      authScopes: (user, _args, ctx) => ctx.actor !== null && (ctx.actor.isAdmin || ctx.actor.userId === user.id),
      resolve: (u) => u.routeIds,
    }),
  }),
});

const PermissionObjectRef = builder.objectRef<{ key: string; label: string }>('PermissionObject').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
  }),
});

export const PermissionObjectGroupRef = builder.objectRef<PermissionObjectGroup>('PermissionObjectGroup').implement({
  description: 'A permission group (Chứng từ, Danh mục, Báo cáo) and the objects rights are granted on.',
  fields: (t) => ({
    group: t.exposeString('group'),
    label: t.exposeString('label'),
    objects: t.field({ type: [PermissionObjectRef], resolve: (g) => g.objects }),
  }),
});

export const PermissionRightRef = builder.objectRef<{ key: string; label: string }>('PermissionRight').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
  }),
});

export const PermissionRowRef = builder.objectRef<PermissionRow>('PermissionRow').implement({
  description: "One line of a user's rights matrix on one branch.",
  fields: (t) => ({
    group: t.exposeString('group'),
    object: t.exposeString('object'),
    label: t.exposeString('label'),
    access: t.exposeBoolean('access'),
    add: t.exposeBoolean('add'),
    edit: t.exposeBoolean('edit'),
    delete: t.exposeBoolean('delete'),
    print: t.exposeBoolean('print'),
    export: t.exposeBoolean('export'),
  }),
});
