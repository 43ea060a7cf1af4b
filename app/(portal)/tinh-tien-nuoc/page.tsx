import type { Metadata } from 'next';
import { CalculatorForm } from '@/components/portal/calculator-form';
import { PortalServiceTypesQuery } from '@/components/portal/portal.documents';
import { prefetch } from '@/lib/graphql/prefetch';
import { GraphQLProvider } from '@/lib/graphql/provider';
import { getPortalContext } from '../portal-server';

export const metadata: Metadata = {
  title: 'Tính tiền nước',
  description: 'Tính thử tiền nước theo biểu giá hiện hành: lượng nước, số hộ hoặc số nhân khẩu, đã gồm thuế và phí.',
};

export default async function CalculatorPage() {
  const { data } = await prefetch(await getPortalContext(), PortalServiceTypesQuery, {});
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Tính tiền nước</h1>
        <p className="mt-2 text-slate-600">
          Chọn mục đích sử dụng và nhập lượng nước trong tháng để biết số tiền theo biểu giá đang áp dụng.
        </p>
      </div>
      <GraphQLProvider>
        <CalculatorForm types={data?.portalServiceTypes ?? []} />
      </GraphQLProvider>
    </div>
  );
}
