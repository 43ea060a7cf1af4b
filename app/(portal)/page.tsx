import Link from 'next/link';
import { getPortalCompany, telHref } from './portal-server';

const SERVICES = [
  {
    href: '/tra-cuu',
    title: 'Tra cứu hóa đơn',
    text: 'Xem các hóa đơn chưa thanh toán, tải hóa đơn điện tử, quét mã VietQR để chuyển khoản và xem lượng nước 12 tháng.',
    testId: 'home-lookup',
  },
  {
    href: '/dang-ky-lap-dat',
    title: 'Đăng ký lắp đặt',
    text: 'Đăng ký lắp đồng hồ nước mới trực tuyến, tải ảnh giấy tờ và nhận mã theo dõi ngay.',
    testId: 'home-registration',
  },
  {
    href: '/yeu-cau',
    title: 'Gửi yêu cầu',
    text: 'Di dời, nâng cấp, kiểm định đồng hồ, tạm ngưng hoặc mở lại nước, đổi tên, khiếu nại hóa đơn, báo rò rỉ.',
    testId: 'home-service-request',
  },
  {
    href: '/theo-doi',
    title: 'Theo dõi yêu cầu',
    text: 'Xem tình trạng đăng ký hoặc yêu cầu bằng mã theo dõi và 4 số cuối điện thoại.',
    testId: 'home-tracking',
  },
  {
    href: '/tinh-tien-nuoc',
    title: 'Tính tiền nước',
    text: 'Tính thử số tiền phải trả cho một lượng nước theo biểu giá hiện hành, đã gồm thuế và phí.',
    testId: 'home-calculator',
  },
  {
    href: '/lien-he',
    title: 'Liên hệ',
    text: 'Địa chỉ, tổng đài và email của công ty khi cần hỗ trợ, báo sự cố hoặc thắc mắc về hóa đơn.',
    testId: 'home-contact',
  },
] as const;

export default async function PortalHome() {
  const company = await getPortalCompany();
  return (
    <div className="space-y-8">
      <section>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Cổng thông tin khách hàng</p>
        <h1 className="mt-1 text-2xl font-bold leading-tight text-slate-900 sm:text-3xl">{company.name}</h1>
        <p className="mt-3 text-slate-600">
          Tra cứu hóa đơn tiền nước không cần tài khoản: chỉ cần mã khách hàng và 4 số cuối điện thoại đã đăng ký (hoặc
          số của một hóa đơn bất kỳ).
        </p>
        <Link
          href="/tra-cuu"
          data-testid="home-cta"
          className="mt-5 inline-block rounded-lg bg-brand-600 px-5 py-3 text-base font-semibold text-white hover:bg-brand-700"
        >
          Tra cứu hóa đơn ngay
        </Link>
      </section>
      <ul className="grid gap-3 sm:grid-cols-3">
        {SERVICES.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              data-testid={s.testId}
              className="block h-full rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
            >
              <h2 className="font-semibold text-slate-900">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
      {company.hotline && (
        <section className="rounded-xl border border-brand-100 bg-brand-50 p-4">
          <h2 className="font-semibold text-slate-900">Cần hỗ trợ?</h2>
          <p className="mt-1 text-slate-700">
            Gọi tổng đài chăm sóc khách hàng{' '}
            <a href={telHref(company.hotline)} className="font-semibold text-brand-700" data-testid="home-hotline">
              {company.hotline}
            </a>
            .
          </p>
        </section>
      )}
    </div>
  );
}
