import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { branches } from '@/db/schema/org';
import { userPermissions, users } from '@/db/schema/users';
import {
  GROUP_LABELS,
  isKnownObject,
  normalizeRights,
  PERMISSION_GROUPS,
  PERMISSION_OBJECTS,
  RIGHT_LABELS,
  RIGHTS,
  type PermissionGroup,
  type Right,
  type Rights,
} from '@/domain/auth/permissions';
import type { Actor } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { requireAdmin } from './user.service';

export interface PermissionObjectGroup {
  group: PermissionGroup;
  label: string;
  objects: { key: string; label: string }[];
}

/** What can be granted: the groups (documents, catalogs, reports) and their objects, with Vietnamese labels. */
export function listPermissionObjects(): PermissionObjectGroup[] {
  return PERMISSION_GROUPS.map((group) => ({
    group,
    label: GROUP_LABELS[group],
    objects: Object.entries(PERMISSION_OBJECTS[group]).map(([key, label]) => ({ key, label })),
  }));
}

/** The six rights with their Vietnamese column headers. */
export function listRights(): { key: Right; label: string }[] {
  return RIGHTS.map((key) => ({ key, label: RIGHT_LABELS[key] }));
}

export interface PermissionRow extends Rights {
  group: PermissionGroup;
  object: string;
  label: string;
}

export interface PermissionRowInput extends Rights {
  group: string;
  object: string;
}

async function assertUserAndBranch(db: DbOrTx, userId: number, branchId: number): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw notFound('người dùng');
  const [branch] = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId)).limit(1);
  if (!branch) throw notFound('đơn vị cơ sở');
}

/**
 * A user's rights on one branch: one row for every known object (absent rows read as no rights), in the
 * order of the permission screen.
 */
export async function getPermissionMatrix(db: DbOrTx, userId: number, branchId: number): Promise<PermissionRow[]> {
  await assertUserAndBranch(db, userId, branchId);
  const stored = await db
    .select()
    .from(userPermissions)
    .where(and(eq(userPermissions.userId, userId), eq(userPermissions.branchId, branchId)));
  const byKey = new Map(stored.map((p) => [`${p.group}:${p.object}`, p]));
  return listPermissionObjects().flatMap(({ group, objects }) =>
    objects.map(({ key, label }) => {
      const p = byKey.get(`${group}:${key}`);
      return {
        group,
        object: key,
        label,
        access: p?.canAccess ?? false,
        add: p?.canAdd ?? false,
        edit: p?.canEdit ?? false,
        delete: p?.canDelete ?? false,
        print: p?.canPrint ?? false,
        export: p?.canExport ?? false,
      };
    }),
  );
}

/**
 * Replaces a user's rights on one branch (admins only), in one transaction. Rights are normalised (any right
 * grants access); objects not listed, or listed without rights, end with none.
 */
export async function setPermissions(
  db: DbOrTx,
  actor: Actor,
  input: { userId: number; branchId: number; rows: readonly PermissionRowInput[] },
): Promise<PermissionRow[]> {
  requireAdmin(actor);
  const seen = new Set<string>();
  const values: (typeof userPermissions.$inferInsert)[] = [];
  for (const row of input.rows) {
    const group = row.group as PermissionGroup;
    if (!(PERMISSION_GROUPS as readonly string[]).includes(row.group) || !isKnownObject(group, row.object))
      throw new AppError('UNKNOWN_PERMISSION_OBJECT', `Không có đối tượng phân quyền «${row.group}/${row.object}».`, {
        field: 'rows',
      });
    const key = `${row.group}:${row.object}`;
    if (seen.has(key))
      throw new AppError('DUPLICATE_PERMISSION_ROW', `Đối tượng phân quyền «${row.group}/${row.object}» bị lặp lại.`, {
        field: 'rows',
      });
    seen.add(key);
    const r = normalizeRights({
      access: row.access,
      add: row.add,
      edit: row.edit,
      delete: row.delete,
      print: row.print,
      export: row.export,
    });
    if (!r.access) continue;
    values.push({
      userId: input.userId,
      branchId: input.branchId,
      group,
      object: row.object,
      canAccess: r.access,
      canAdd: r.add,
      canEdit: r.edit,
      canDelete: r.delete,
      canPrint: r.print,
      canExport: r.export,
    });
  }
  await db.transaction(async (tx) => {
    await assertUserAndBranch(tx, input.userId, input.branchId);
    await tx
      .delete(userPermissions)
      .where(and(eq(userPermissions.userId, input.userId), eq(userPermissions.branchId, input.branchId)));
    if (values.length > 0) await tx.insert(userPermissions).values(values);
  });
  return getPermissionMatrix(db, input.userId, input.branchId);
}
