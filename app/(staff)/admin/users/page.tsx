import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import {
  ORG_TREE_VARIABLES,
  OrgTreeQuery,
  PermissionMatrixQuery,
  UserFieldsFragment,
  UsersQuery,
} from '@/components/admin/admin.documents';
import { UsersScreen } from '@/components/admin/users-screen';
import { readFragment } from '@/lib/graphql/graphql';
import { prefetch } from '@/lib/graphql/prefetch';

export const metadata: Metadata = { title: 'Người dùng, phân quyền' };

/** Admins only (SPEC §11); every query and mutation of the screen is refused to others by the server as well. */
export default async function UsersPage() {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login?callbackUrl=%2Fadmin%2Fusers');
  if (!ctx.actor.isAdmin) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold text-slate-900">Người dùng, phân quyền</h1>
        <div
          role="alert"
          data-testid="no-right"
          className="mt-4 max-w-xl rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <p className="font-semibold">Bạn không có quyền truy cập chức năng này.</p>
          <p className="mt-1">
            Chỉ quản trị viên mới được thêm, xóa người dùng và phân quyền. Hãy liên hệ quản trị viên nếu cần thay đổi
            quyền của bạn.
          </p>
          <p className="mt-2">
            <Link href="/profile" className="font-medium text-brand-700 underline">
              Xem thông tin cá nhân của bạn
            </Link>
          </p>
        </div>
      </div>
    );
  }
  // The list and the organisation tree are read on the server through the same documents and actor, so the
  // screen opens with its rows; the client cache takes both over (useHydrate).
  const [users, tree] = await Promise.all([
    prefetch(ctx, UsersQuery, {}),
    prefetch(ctx, OrgTreeQuery, ORG_TREE_VARIABLES),
  ]);
  // The screen opens on the first user and the first branch (PermissionMatrix's own defaults): their rights too.
  const firstUser = users.data ? readFragment(UserFieldsFragment, users.data.users)[0] : undefined;
  const firstBranch = tree.data?.branches.rows[0];
  const matrix =
    firstUser && firstBranch
      ? await prefetch(ctx, PermissionMatrixQuery, { userId: firstUser.id, branchId: firstBranch.id })
      : null;
  return <UsersScreen meId={ctx.actor.userId} initialData={{ ...users.ssr, ...tree.ssr, ...matrix?.ssr }} />;
}
