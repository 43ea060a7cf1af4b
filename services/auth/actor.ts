import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema/users';
import type { PermissionGroup, Right, Rights } from '@/domain/auth/permissions';
import { rowsOf } from '@/db/sql';

/** Who is acting: a signed-in staff member with their books and rights, loaded once per request. */
export interface Actor {
  kind: 'staff';
  userId: number;
  login: string;
  fullName: string;
  isAdmin: boolean;
  /** Books the user may touch, with their branch; admins hold every book (`null`). */
  books: Map<number, number> | null;
  /** key `${branchId}:${group}:${object}` */
  rights: Map<string, Rights>;
}

export const rightsKey = (branchId: number, group: PermissionGroup, object: string) => `${branchId}:${group}:${object}`;

export async function loadActor(db: DbOrTx, userId: number): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.isActive) return null;
  const actor: Actor = {
    kind: 'staff',
    userId: user.id,
    login: user.login,
    fullName: user.fullName,
    isAdmin: user.isAdmin,
    books: null,
    rights: new Map(),
  };
  if (user.isAdmin) return actor;
  const bookRows = rowsOf<{ book_id: number; branch_id: number }>(
    await db.execute(sql`
      select rb.id as book_id, r.branch_id
      from reading_books rb join routes r on r.id = rb.route_id
      where rb.id in (select book_id from user_books where user_id = ${userId})
         or rb.route_id in (select route_id from user_routes where user_id = ${userId})`),
  );
  actor.books = new Map(bookRows.map((b) => [Number(b.book_id), Number(b.branch_id)]));
  const permRows = rowsOf<{
    branch_id: number;
    group: PermissionGroup;
    object: string;
    can_access: boolean;
    can_add: boolean;
    can_edit: boolean;
    can_delete: boolean;
    can_print: boolean;
    can_export: boolean;
  }>(await db.execute(sql`select * from user_permissions where user_id = ${userId}`));
  for (const p of permRows) {
    actor.rights.set(rightsKey(Number(p.branch_id), p.group, p.object), {
      access: p.can_access,
      add: p.can_add,
      edit: p.can_edit,
      delete: p.can_delete,
      print: p.can_print,
      export: p.can_export,
    });
  }
  return actor;
}

/** The right on one branch, or on any branch when `branchId` is omitted (menus, catalog screens). */
export function hasRight(actor: Actor, group: PermissionGroup, object: string, right: Right, branchId?: number): boolean {
  if (actor.isAdmin) return true;
  if (branchId !== undefined) return actor.rights.get(rightsKey(branchId, group, object))?.[right] ?? false;
  const suffix = `:${group}:${object}`;
  for (const [key, rights] of actor.rights) if (key.endsWith(suffix) && rights[right]) return true;
  return false;
}

export function holdsBook(actor: Actor, bookId: number): boolean {
  return actor.books === null || actor.books.has(bookId);
}

/**
 * A document right on a book: the user holds the book and has the right on the book's branch.
 * The one check every book-scoped read and write goes through.
 */
export function canOnBook(actor: Actor, bookId: number, object: string, right: Right): boolean {
  if (actor.isAdmin) return true;
  const branchId = actor.books?.get(bookId);
  if (branchId === undefined) return false;
  return hasRight(actor, 'document', object, right, branchId);
}

/** Books on which the actor has a document right; `null` means every book (admin). */
export function booksWithRight(actor: Actor, object: string, right: Right): number[] | null {
  if (actor.isAdmin || actor.books === null) return null;
  const out: number[] = [];
  for (const [bookId, branchId] of actor.books) if (hasRight(actor, 'document', object, right, branchId)) out.push(bookId);
  return out;
}
