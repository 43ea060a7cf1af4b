import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { MeQuery } from '@/components/admin/admin.documents';
import { prefetch } from '@/lib/graphql/prefetch';
import { ProfileForms } from './profile-forms';

export const metadata: Metadata = { title: 'Thông tin cá nhân' };

/** The account is read on the server through the same document and actor, so the forms open filled in. */
export default async function ProfilePage() {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login?callbackUrl=%2Fprofile');
  const me = await prefetch(ctx, MeQuery, {});
  if (!me.data) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold">Thông tin cá nhân</h1>
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Không tải được thông tin tài khoản: {me.error?.message ?? 'Đã có lỗi hệ thống, vui lòng thử lại.'}
        </p>
      </div>
    );
  }
  return <ProfileForms initialData={me.ssr} />;
}
