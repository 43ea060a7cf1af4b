import type { Metadata } from 'next';
import { ServiceRequestForm } from '@/components/portal/service-request-form';
import { GraphQLProvider } from '@/lib/graphql/provider';

export const metadata: Metadata = {
  title: 'Gửi yêu cầu dịch vụ',
  description:
    'Yêu cầu di dời, nâng cấp, thay hoặc kiểm định đồng hồ, tạm ngưng hoặc mở lại nước, đổi tên hợp đồng, khiếu nại hóa đơn, báo rò rỉ và sự cố.',
};

export default async function ServiceRequestPage({ searchParams }: { searchParams: Promise<{ loai?: string }> }) {
  const { loai } = await searchParams;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Gửi yêu cầu dịch vụ</h1>
        <p className="mt-2 text-slate-600">
          Dành cho khách hàng đang sử dụng nước: chọn loại yêu cầu, xác minh bằng mã khách hàng như khi tra cứu hóa đơn
          và mô tả nhu cầu. Quý khách nhận mã theo dõi ngay sau khi gửi.
        </p>
      </div>
      <GraphQLProvider>
        <ServiceRequestForm initialKind={typeof loai === 'string' ? loai.toUpperCase() : undefined} />
      </GraphQLProvider>
    </div>
  );
}
