import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema/users';
import type { PermissionGroup, Right, Rights } from '@/domain/auth/permissions';

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

interface PermissionJson {
  branchId: number;
  group: PermissionGroup;
  object: string;
  access: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  print: boolean;
  export: boolean;
}

/** json columns come back parsed from postgres.js and PGlite alike; a string is parsed defensively. */
const parsedJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

// Books held directly or through a route, with their branch: [bookId, branchId] pairs. Admins hold every book,
// so theirs is not computed. The outer row is named `users.` by hand: drizzle may render a lone table's columns
// unqualified, and inside a subquery an unqualified `id` would bind to the inner table.
const heldBooks = sql<unknown>`case when users.is_admin then null else (
  select coalesce(json_agg(json_build_array(rb.id, r.branch_id) order by rb.id), '[]'::json)
  from reading_books rb join routes r on r.id = rb.route_id
  where rb.id in (select ub.book_id from user_books ub where ub.user_id = users.id)
     or rb.route_id in (select ur.route_id from user_routes ur where ur.user_id = users.id)) end`;

const grantedRights = sql<unknown>`case when users.is_admin then '[]'::json else (
  select coalesce(json_agg(json_build_object(
    'branchId', p.branch_id, 'group', p."group", 'object', p.object, 'access', p.can_access, 'add', p.can_add,
    'edit', p.can_edit, 'delete', p.can_delete, 'print', p.can_print, 'export', p.can_export)), '[]'::json)
  from user_permissions p where p.user_id = users.id) end`;

/**
 * Runs on every request, so the user, their books and their rights come back in ONE statement (json aggregates).
 * Further checks on the user row (e.g. a credential version) read `user` here.
 */
export async function loadActor(
  db: DbOrTx,
  userId: number,
  /** A session's credential version: the user is refused when their password changed since (see services/auth/session.ts). */
  options: { credentialVersion?: number } = {},
): Promise<Actor | null> {
  const [row] = await db
    .select({ user: users, books: heldBooks, rights: grantedRights })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const user = row?.user;
  if (!row || !user || !user.isActive) return null;
  if (options.credentialVersion !== undefined && user.credentialVersion !== options.credentialVersion) return null;
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
  const books = parsedJson<[number, number][] | null>(row.books) ?? [];
  actor.books = new Map(books.map(([bookId, branchId]) => [Number(bookId), Number(branchId)]));
  for (const p of parsedJson<PermissionJson[]>(row.rights)) {
    actor.rights.set(rightsKey(Number(p.branchId), p.group, p.object), {
      access: p.access,
      add: p.add,
      edit: p.edit,
      delete: p.delete,
      print: p.print,
      export: p.export,
    });
  }
  return actor;
}

/** The right on one branch, or on any branch when `branchId` is omitted (menus, catalog screens). */
export function hasRight(
  actor: Actor,
  group: PermissionGroup,
  object: string,
  right: Right,
  branchId?: number,
): boolean {
  if (actor.isAdmin) return true;
  if (branchId !== undefined) return actor.rights.get(rightsKey(branchId, group, object))?.[right] ?? false;
  const suffix = `:${group}:${object}`;
  for (const [key, rights] of actor.rights) if (key.endsWith(suffix) && rights[right]) return true;
  return false;
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
  for (const [bookId, branchId] of actor.books)
    if (hasRight(actor, 'document', object, right, branchId)) out.push(bookId);
  return out;
}
