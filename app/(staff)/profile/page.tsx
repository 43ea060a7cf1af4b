import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { runQuery } from '@/graphql/server';
import { ProfileForms, type Me } from './profile-forms';

export const metadata: Metadata = { title: 'Thông tin cá nhân' };

export default async function ProfilePage() {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login?callbackUrl=%2Fprofile');
  let me: Me | null = null;
  let failure: string | null = null;
  try {
    const data = await runQuery<{ me: Me }>(ctx, 'query Me { me { id login fullName email phone isAdmin } }');
    // graphql-js builds null-prototype objects; React only passes plain ones to client components.
    me = JSON.parse(JSON.stringify(data.me)) as Me;
  } catch (e) {
    failure = e instanceof Error ? e.message : 'Đã có lỗi hệ thống, vui lòng thử lại.';
  }
  if (!me) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold">Thông tin cá nhân</h1>
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Không tải được thông tin tài khoản: {failure}
        </p>
      </div>
    );
  }
  return <ProfileForms me={me} />;
}
