import type { Metadata } from 'next';
import { TrackingForm } from '@/components/portal/tracking-form';
import { GraphQLProvider } from '@/lib/graphql/provider';

export const metadata: Metadata = {
  title: 'Theo dõi yêu cầu',
  description: 'Xem tình trạng đăng ký lắp đặt hoặc yêu cầu dịch vụ bằng mã theo dõi và 4 số cuối số điện thoại.',
};

export default async function TrackingPage({ searchParams }: { searchParams: Promise<{ ma?: string }> }) {
  const { ma } = await searchParams;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Theo dõi yêu cầu</h1>
        <p className="mt-2 text-slate-600">
          Nhập mã theo dõi trên giấy biên nhận hoặc email xác nhận, và 4 số cuối số điện thoại quý khách đã khai khi gửi
          yêu cầu.
        </p>
      </div>
      <GraphQLProvider>
        <TrackingForm initialCode={typeof ma === 'string' ? ma.slice(0, 16) : undefined} />
      </GraphQLProvider>
    </div>
  );
}
