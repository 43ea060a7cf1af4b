import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { PartnersQuery } from '@/components/payments/partners.documents';
import { PartnersScreen } from '@/components/payments/partners-screen';
import { prefetch } from '@/lib/graphql/prefetch';

export const metadata: Metadata = { title: 'Đối tác thu hộ' };

/** Admins only; the server refuses the partners query and mutations to anyone else as well. */
export default async function PartnersPage() {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login?callbackUrl=%2Fadmin%2Fpartners');
  if (!ctx.actor.isAdmin) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold text-slate-900">Đối tác thu hộ</h1>
        <div
          role="alert"
          data-testid="no-right"
          className="mt-4 max-w-xl rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <p className="font-semibold">Bạn không có quyền truy cập chức năng này.</p>
          <p className="mt-1">Chỉ quản trị viên mới được khai báo đối tác thu hộ và khóa bí mật của họ.</p>
        </div>
      </div>
    );
  }
  const partners = await prefetch(ctx, PartnersQuery, {});
  return <PartnersScreen initialData={partners.ssr} />;
}
