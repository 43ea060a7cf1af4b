import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { CompanyProfileQuery } from '@/components/admin/company-profile.documents';
import { CompanyProfileScreen } from '@/components/admin/company-profile-screen';
import { prefetch } from '@/lib/graphql/prefetch';

export const metadata: Metadata = { title: 'Thông tin công ty' };

/** Admins only; the server refuses companyProfile and updateCompanyProfile to anyone else as well. */
export default async function CompanyPage() {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login?callbackUrl=%2Fadmin%2Fcompany');
  if (!ctx.actor.isAdmin) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold text-slate-900">Thông tin công ty</h1>
        <div
          role="alert"
          data-testid="no-right"
          className="mt-4 max-w-xl rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <p className="font-semibold">Bạn không có quyền truy cập chức năng này.</p>
          <p className="mt-1">Chỉ quản trị viên mới được sửa tên, địa chỉ, liên hệ và giờ làm việc của công ty.</p>
        </div>
      </div>
    );
  }
  const profile = await prefetch(ctx, CompanyProfileQuery, {});
  return <CompanyProfileScreen initialData={profile.ssr} />;
}
