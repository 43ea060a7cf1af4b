import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getPortalCompany, telHref } from './portal-server';

/** The company's name in every portal title and description, not the staff application's. */
export async function generateMetadata(): Promise<Metadata> {
  const company = await getPortalCompany();
  return {
    title: { default: `${company.name} – Cổng thông tin khách hàng`, template: `%s · ${company.name}` },
    description: `Tra cứu và thanh toán hóa đơn tiền nước, tính thử tiền nước và thông tin liên hệ của ${company.name}.`,
    applicationName: company.name,
    openGraph: { siteName: company.name, locale: 'vi_VN', type: 'website' },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0a6bb8' };

const NAV = [
  { href: '/tra-cuu', label: 'Tra cứu hóa đơn' },
  { href: '/dang-ky-lap-dat', label: 'Đăng ký lắp đặt' },
  { href: '/yeu-cau', label: 'Gửi yêu cầu' },
  { href: '/theo-doi', label: 'Theo dõi yêu cầu' },
  { href: '/tinh-tien-nuoc', label: 'Tính tiền nước' },
  { href: '/lien-he', label: 'Liên hệ' },
  // One link for both states, so no page reads a session to draw the menu: /tai-khoan sends a visitor to /dang-nhap.
  { href: '/tai-khoan', label: 'Đăng nhập / Tài khoản' },
] as const;

/** The public portal: mobile-first, server-rendered, no script but the forms' small islands. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const company = await getPortalCompany();
  return (
    <div className="flex min-h-full flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-3xl px-4 pt-3 sm:pt-4">
          <Link href="/" className="block text-base font-bold leading-snug text-brand-700 sm:text-lg">
            {company.name}
          </Link>
          <nav aria-label="Cổng thông tin khách hàng" className="-mx-1 mt-2 flex gap-1 overflow-x-auto pb-2 text-sm">
            {NAV.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className="whitespace-nowrap rounded-full px-3 py-1.5 font-medium text-slate-700 hover:bg-brand-50 hover:text-brand-700"
              >
                {item.label}
              </Link>
            ))}
          </nav>
        </div>
      </header>
      <main id="main-content" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-3xl space-y-1 px-4 py-5 text-sm text-slate-600">
          <p className="font-semibold text-slate-800">{company.name}</p>
          {company.address && <p>{company.address}</p>}
          {company.hotline && (
            <p>
              Tổng đài:{' '}
              <a href={telHref(company.hotline)} className="font-medium text-brand-700">
                {company.hotline}
              </a>
            </p>
          )}
          {company.email && (
            <p>
              Email:{' '}
              <a href={`mailto:${company.email}`} className="text-brand-700">
                {company.email}
              </a>
            </p>
          )}
          {company.officeHours && (
            <p>
              Giờ làm việc:
              <span className="block whitespace-pre-line" data-testid="footer-office-hours">
                {company.officeHours}
              </span>
            </p>
          )}
          <p className="pt-2">
            <Link href="/login" prefetch={false} className="text-xs text-slate-500 hover:text-brand-700">
              Đăng nhập dành cho nhân viên
            </Link>
          </p>
        </div>
      </footer>
    </div>
  );
}
