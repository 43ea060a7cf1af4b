import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAppDatabase } from '@/app/server/app-database';
import { currentPortalAccountId } from '@/portal-auth';
import { requestSignInLink } from './actions';

export const metadata: Metadata = {
  title: 'Đăng nhập',
  description: 'Đăng nhập cổng thông tin khách hàng bằng liên kết gửi qua email, không cần mật khẩu.',
};

/** What each refusal says: `loi` is ours (the action), `error` is next-auth's (a used or expired link). */
const MESSAGES: Record<string, string> = {
  email: 'Địa chỉ email chưa đúng. Vui lòng kiểm tra lại.',
  'gioi-han': 'Quý khách đã yêu cầu quá nhiều liên kết đăng nhập. Vui lòng thử lại sau một giờ.',
  'gui-thu': 'Chưa gửi được thư đăng nhập. Vui lòng thử lại sau ít phút hoặc gọi tổng đài của công ty.',
  Verification: 'Liên kết đăng nhập đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu liên kết mới.',
};
const FALLBACK = 'Chưa đăng nhập được. Vui lòng yêu cầu liên kết mới.';

const INPUT =
  'mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { db } = await getAppDatabase();
  if ((await currentPortalAccountId(db)) !== null) redirect('/tai-khoan');
  const params = await searchParams;
  const code = [params.loi, params.error].flat().find((v): v is string => typeof v === 'string');
  const message = code ? (MESSAGES[code] ?? FALLBACK) : null;
  return (
    <div className="mx-auto max-w-md space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Đăng nhập tài khoản khách hàng</h1>
        <p className="mt-2 text-slate-600">
          Nhập email của quý khách, chúng tôi sẽ gửi một liên kết đăng nhập. Không cần mật khẩu. Sau khi đăng nhập, quý
          khách thêm mã khách hàng để xem hóa đơn, thanh toán và các yêu cầu của mình.
        </p>
      </div>
      <form
        action={requestSignInLink}
        aria-label="Đăng nhập bằng email"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <div>
          <label htmlFor="portal-email" className="block text-sm font-medium text-slate-800">
            Email
          </label>
          <input
            id="portal-email"
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="email"
            inputMode="email"
            placeholder="ten@example.com"
            data-testid="portal-email"
            className={INPUT}
          />
        </div>
        {/* Honeypot: hidden from people and screen readers; a form-filling bot fills it. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label htmlFor="portal-website">Trang web</label>
          <input id="portal-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button
          type="submit"
          data-testid="portal-sign-in"
          className="w-full rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700"
        >
          Gửi liên kết đăng nhập
        </button>
        {message && (
          <p
            role="alert"
            data-testid="portal-sign-in-error"
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {message}
          </p>
        )}
      </form>
      <p className="text-sm text-slate-500">
        Chỉ muốn xem hóa đơn? Quý khách có thể{' '}
        <a href="/tra-cuu" className="font-medium text-brand-700">
          tra cứu không cần đăng nhập
        </a>
        .
      </p>
    </div>
  );
}
