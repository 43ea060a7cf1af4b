import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cấp nước — Quản lý khách hàng và hóa đơn', template: '%s · Cấp nước' },
  description: 'Hệ thống quản lý khách hàng, ghi chỉ số và tính hóa đơn tiền nước.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="vi">
      <body>{children}</body>
    </html>
  );
}
