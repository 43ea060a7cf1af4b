import Link from 'next/link';

export default function PortalHome() {
  return (
    <main className="mx-auto flex min-h-full max-w-3xl flex-col justify-center gap-8 px-6 py-16">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Cổng thông tin khách hàng</p>
        <h1 className="mt-2 text-3xl font-bold">Công ty Cổ phần Cấp nước Sông Hồng</h1>
        <p className="mt-3 text-slate-600">
          Tra cứu và thanh toán hóa đơn tiền nước, đăng ký lắp đặt mới, đề nghị di dời hoặc thay đồng hồ — sắp ra mắt.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href="/login" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Đăng nhập dành cho nhân viên
        </Link>
      </div>
    </main>
  );
}
