import type { Metadata } from 'next';
import { LookupForm } from '@/components/portal/lookup-form';
import { GraphQLProvider } from '@/lib/graphql/provider';
import { getPortalCompany, telHref } from '../portal-server';

export const metadata: Metadata = {
  title: 'Tra cứu hóa đơn',
  description: 'Tra cứu hóa đơn tiền nước chưa thanh toán bằng mã khách hàng, tải hóa đơn điện tử và quét mã VietQR.',
};

export default async function LookupPage() {
  const company = await getPortalCompany();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Tra cứu hóa đơn tiền nước</h1>
        <p className="mt-2 text-slate-600">
          Nhập mã khách hàng và 4 số cuối số điện thoại đã đăng ký với công ty, hoặc số của một hóa đơn tiền nước bất kỳ
          của quý khách.
          {company.hotline && (
            <>
              {' '}
              Chưa đăng ký số điện thoại? Gọi{' '}
              <a href={telHref(company.hotline)} className="font-medium text-brand-700">
                {company.hotline}
              </a>
              .
            </>
          )}
        </p>
      </div>
      <GraphQLProvider>
        <LookupForm />
      </GraphQLProvider>
    </div>
  );
}
