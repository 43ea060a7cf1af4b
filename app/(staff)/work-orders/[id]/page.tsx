import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { WorkOrderPage } from '@/components/work-orders/work-order-page';
import { WorkOrderCatalogsQuery, WorkOrderQuery } from '@/components/work-orders/work-orders.documents';
import { prefetch } from '@/lib/graphql/prefetch';
import { workOrderRightsOf } from '../rights';

export const metadata: Metadata = { title: 'Phiếu yêu cầu' };

/** One request on its own address (a row of the list, the customer's "Yêu cầu" tab, a link in a notice). */
export default async function WorkOrderDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || id < 1) notFound();
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect(`/login?callbackUrl=/work-orders/${id}`);
  const [order, catalogs] = await Promise.all([
    prefetch(ctx, WorkOrderQuery, { id }),
    prefetch(ctx, WorkOrderCatalogsQuery, {}),
  ]);
  return (
    <WorkOrderPage workOrderId={id} rights={workOrderRightsOf(actor)} initialData={{ ...order.ssr, ...catalogs.ssr }} />
  );
}
