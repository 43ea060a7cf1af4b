'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';

/** A menu entry; `right` names what the signed-in user must hold to see it (computed by the layout). */
type NavItem = { href: string; label: string; adminOnly?: boolean; right?: 'workOrders' | 'notices' };

const SECTIONS: { title: string; items: NavItem[] }[] = [
  {
    title: 'Chứng từ',
    items: [
      { href: '/customers', label: 'Khách hàng' },
      { href: '/work-orders', label: 'Phiếu yêu cầu', right: 'workOrders' },
      { href: '/readings', label: 'Ghi chỉ số' },
      { href: '/anomalies', label: 'Bất thường' },
      { href: '/billing', label: 'Tính hóa đơn' },
      { href: '/invoices', label: 'Hóa đơn' },
      { href: '/payments/counter', label: 'Thu tiền tại quầy' },
      { href: '/payments/collectors', label: 'Thu ngân viên' },
      { href: '/payments/bank', label: 'Chuyển khoản, treo' },
      { href: '/payments/reconciliation', label: 'Đối soát đối tác' },
      { href: '/payments/reports', label: 'Báo cáo công nợ, thu' },
      { href: '/notices', label: 'Thông báo khách hàng', right: 'notices' },
    ],
  },
  {
    title: 'Danh mục',
    items: [
      { href: '/catalogs/branches', label: 'Đơn vị cơ sở' },
      { href: '/catalogs/routes', label: 'Tuyến' },
      { href: '/catalogs/readingBooks', label: 'Sổ đọc' },
      { href: '/catalogs/wards', label: 'Phường – xã' },
      { href: '/tariffs', label: 'Loại dịch vụ, biểu giá' },
      { href: '/catalogs/meterTypes', label: 'Loại đồng hồ' },
      { href: '/catalogs/installationTeams', label: 'Đội thi công' },
      { href: '/catalogs/complaintKinds', label: 'Loại khiếu nại' },
      { href: '/catalogs/masterMeters', label: 'Đồng hồ tổng' },
      { href: '/catalogs/invoice-series', label: 'Ký hiệu hóa đơn' },
    ],
  },
  {
    title: 'Hệ thống',
    items: [
      { href: '/admin/users', label: 'Người dùng, phân quyền', adminOnly: true },
      { href: '/admin/partners', label: 'Đối tác thu hộ', adminOnly: true },
      { href: '/admin/company', label: 'Thông tin công ty', adminOnly: true },
      { href: '/profile', label: 'Thông tin cá nhân' },
    ],
  },
];

export function StaffNav({
  fullName,
  login,
  isAdmin,
  rights = {},
}: {
  fullName: string;
  login: string;
  isAdmin: boolean;
  /** The entries gated by a right: shown when true (an admin sees every entry). */
  rights?: Partial<Record<NonNullable<NavItem['right']>, boolean>>;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label="Menu chính" className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="border-b border-slate-200 px-4 py-3">
        <div className="text-sm font-bold text-brand-700">Cấp nước Sông Hồng</div>
        <div className="text-xs text-slate-500">
          {fullName} ({login})
        </div>
      </div>
      <div className="flex-1 overflow-auto py-2">
        {SECTIONS.map((s) => (
          <div key={s.title} className="mb-2">
            {/* slate-600 on white is 7.6:1 (WCAG AA asks 4.5:1 for this small text; slate-400 was 2.6:1). */}
            <h2 className="px-4 py-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{s.title}</h2>
            {s.items
              .filter((i) => (!i.adminOnly || isAdmin) && (!i.right || isAdmin || rights[i.right]))
              .map((i) => {
                const active = pathname === i.href || pathname.startsWith(i.href + '/');
                return (
                  <Link
                    key={i.href}
                    href={i.href}
                    aria-current={active ? 'page' : undefined}
                    className={`block px-4 py-1.5 text-sm ${active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-50'}`}
                  >
                    {i.label}
                  </Link>
                );
              })}
          </div>
        ))}
      </div>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: '/login' })}
        className="border-t border-slate-200 px-4 py-2 text-left text-sm text-slate-600 hover:bg-slate-50"
      >
        Đăng xuất
      </button>
    </nav>
  );
}
