import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackUrl } from './callback-url';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Đăng nhập' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const callbackUrl = safeCallbackUrl(query.callbackUrl);
  // Only an old page or a hand-made link puts credentials in the query: never read them, and take them out of
  // the address bar and the history.
  if ('password' in query || 'username' in query) redirect(`/login?${new URLSearchParams({ callbackUrl })}`);
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-brand-50 to-slate-100 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-bold">Đăng nhập hệ thống</h1>
        <p className="mt-1 text-sm text-slate-500">Quản lý khách hàng và hóa đơn tiền nước</p>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
