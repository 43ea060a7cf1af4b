import type { Metadata } from 'next';
import { PortalWardsQuery } from '@/components/portal/portal-requests.documents';
import { PortalServiceTypesQuery } from '@/components/portal/portal.documents';
import { RegistrationForm } from '@/components/portal/registration-form';
import { prefetch } from '@/lib/graphql/prefetch';
import { GraphQLProvider } from '@/lib/graphql/provider';
import { getPortalContext } from '../portal-server';

export const metadata: Metadata = {
  title: 'Đăng ký lắp đặt',
  description: 'Đăng ký lắp đặt đồng hồ nước mới trực tuyến: khai thông tin, tải giấy tờ và nhận mã theo dõi.',
};

export default async function RegistrationPage() {
  const ctx = await getPortalContext();
  const [wards, types] = await Promise.all([
    prefetch(ctx, PortalWardsQuery, {}),
    prefetch(ctx, PortalServiceTypesQuery, {}),
  ]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Đăng ký lắp đặt đồng hồ nước</h1>
        <p className="mt-2 text-slate-600">
          Khai thông tin người đăng ký, địa chỉ và mục đích sử dụng, kèm ảnh căn cước công dân và giấy tờ nhà đất. Sau
          khi gửi, quý khách nhận mã theo dõi để xem tiến độ khảo sát, báo giá và lắp đặt.
        </p>
      </div>
      <GraphQLProvider>
        <RegistrationForm wards={wards.data?.portalWards ?? []} serviceTypes={types.data?.portalServiceTypes ?? []} />
      </GraphQLProvider>
    </div>
  );
}
