import { gqlFetch } from '@/components/ui/graphql-client';
import type { Rights } from '@/domain/auth/permissions';
import type { UserRecord } from '@/services/users/user.service';

/** A user of the list (GraphQL `User`, the fields the screens use). */
export type UserSummary = Pick<UserRecord, 'id' | 'login' | 'fullName' | 'email' | 'phone' | 'isAdmin' | 'isActive'>;

// The six rights and their labels: the domain's own (plain constants, safe in the browser bundle).
export { RIGHTS, RIGHT_LABELS, type Right, type Rights } from '@/domain/auth/permissions';

export interface PermissionRow extends Rights {
  group: string;
  object: string;
  label: string;
}

export interface PermissionGroup {
  group: string;
  label: string;
  objects: { key: string; label: string }[];
}

export interface Branch {
  id: number;
  code: string;
  name: string;
}
export interface Route extends Branch {
  branchId: number;
}
export interface Book extends Branch {
  routeId: number;
}

/** Login names of SPEC §11: at most 16 characters of a–z and 0–9. */
export const LOGIN_RE = /^[a-z0-9]{1,16}$/;
/** The server's minimum (services/users: MIN_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 8;

const USER_FIELDS = 'id login fullName email phone isAdmin isActive';

export async function fetchUsers(): Promise<UserSummary[]> {
  const data = await gqlFetch<{ users: UserSummary[] }>(`query Users { users { ${USER_FIELDS} } }`);
  return data.users;
}

export async function createUser(input: {
  login: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  password: string;
  confirmPassword: string;
  isAdmin: boolean;
}): Promise<UserSummary> {
  const data = await gqlFetch<{ createUser: UserSummary }>(
    `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`,
    { input },
  );
  return data.createUser;
}

export async function updateUser(
  id: number,
  input: { fullName: string; email: string | null; phone: string | null; isAdmin: boolean; isActive: boolean },
): Promise<UserSummary> {
  const data = await gqlFetch<{ updateUser: UserSummary }>(
    `mutation UpdateUser($id: Int!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`,
    { id, input },
  );
  return data.updateUser;
}

export async function resetUserPassword(input: { userId: number; newPassword: string; confirmPassword: string }): Promise<boolean> {
  const data = await gqlFetch<{ resetUserPassword: boolean }>(
    `mutation ResetUserPassword($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) }`,
    { input },
  );
  return data.resetUserPassword;
}

export async function deleteUser(id: number): Promise<boolean> {
  const data = await gqlFetch<{ deleteUser: boolean }>(`mutation DeleteUser($id: Int!) { deleteUser(id: $id) }`, { id });
  return data.deleteUser;
}

export async function fetchPermissionObjects(): Promise<PermissionGroup[]> {
  const data = await gqlFetch<{ permissionObjects: PermissionGroup[] }>(
    `query PermissionObjects { permissionObjects { group label objects { key label } } }`,
  );
  return data.permissionObjects;
}

const ROW_FIELDS = 'group object label access add edit delete print export';

export async function fetchPermissionMatrix(userId: number, branchId: number): Promise<PermissionRow[]> {
  const data = await gqlFetch<{ permissionMatrix: PermissionRow[] }>(
    `query PermissionMatrix($userId: Int!, $branchId: Int!) { permissionMatrix(userId: $userId, branchId: $branchId) { ${ROW_FIELDS} } }`,
    { userId, branchId },
  );
  return data.permissionMatrix;
}

export async function savePermissions(userId: number, branchId: number, rows: readonly PermissionRow[]): Promise<PermissionRow[]> {
  const input = {
    userId,
    branchId,
    rows: rows.map((r) => ({
      group: r.group,
      object: r.object,
      access: r.access,
      add: r.add,
      edit: r.edit,
      delete: r.delete,
      print: r.print,
      export: r.export,
    })),
  };
  const data = await gqlFetch<{ setPermissions: PermissionRow[] }>(
    `mutation SetPermissions($input: SetPermissionsInput!) { setPermissions(input: $input) { ${ROW_FIELDS} } }`,
    { input },
  );
  return data.setPermissions;
}

/** Every row of a catalog, page after page (the list is limited to 500 rows a call). */
async function fetchAll<T>(catalog: 'branches' | 'routes' | 'readingBooks', fields: string): Promise<T[]> {
  const query = `query All($filter: CatalogQuery) { page: ${catalog}(filter: $filter) { total rows { ${fields} } } }`;
  const out: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const data = await gqlFetch<{ page: { rows: T[]; total: number } }>(query, { filter: { offset, limit: 500 } });
    out.push(...data.page.rows);
    if (out.length >= data.page.total || data.page.rows.length === 0 || offset > 200_000) break;
  }
  return out;
}

export const fetchBranches = () => fetchAll<Branch>('branches', 'id code name');
export const fetchRoutes = () => fetchAll<Route>('routes', 'id code name branchId');
export const fetchBooks = () => fetchAll<Book>('readingBooks', 'id code name routeId');

export async function fetchUserBooks(userId: number): Promise<{ bookIds: number[]; routeIds: number[] }> {
  const data = await gqlFetch<{ user: { bookIds: number[]; routeIds: number[] } }>(
    `query UserBooks($id: Int!) { user(id: $id) { bookIds routeIds } }`,
    { id: userId },
  );
  return data.user;
}

export async function saveUserBooks(userId: number, bookIds: number[], routeIds: number[]): Promise<{ bookIds: number[]; routeIds: number[] }> {
  const data = await gqlFetch<{ setUserBooks: { bookIds: number[]; routeIds: number[] } }>(
    `mutation SetUserBooks($input: SetUserBooksInput!) { setUserBooks(input: $input) { bookIds routeIds } }`,
    { input: { userId, bookIds, routeIds } },
  );
  return data.setUserBooks;
}

/** Rights normalised the way the server stores them: any right grants access. */
export function normalizeRights<T extends Rights>(r: T): T {
  const any = r.add || r.edit || r.delete || r.print || r.export;
  return { ...r, access: r.access || any };
}
