import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Kiểm tra email', robots: { index: false } };

/** Shown after every link request that was taken, whether or not the address has an account. */
export default function CheckMailPage() {
  return (
    <div className="mx-auto max-w-md space-y-4" data-testid="portal-check-mail">
      <h1 className="text-2xl font-bold text-slate-900">Kiểm tra hộp thư của quý khách</h1>
      <p className="text-slate-700">
        Nếu địa chỉ email hợp lệ, quý khách sẽ nhận được thư có liên kết đăng nhập trong ít phút. Liên kết có hiệu lực
        trong 30 phút và chỉ dùng được một lần.
      </p>
      <p className="text-slate-600">
        Không thấy thư? Hãy xem cả mục thư rác, hoặc{' '}
        <Link href="/dang-nhap" className="font-medium text-brand-700">
          yêu cầu liên kết mới
        </Link>
        .
      </p>
    </div>
  );
}
