import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { filterFromParams } from '@/components/work-orders/work-order-filter-params';
import { workOrdersVariables } from '@/components/work-orders/work-order-input';
import { WorkOrdersScreen } from '@/components/work-orders/work-orders-screen';
import {
  WorkOrderCatalogsQuery,
  WorkOrderCountsQuery,
  WorkOrdersQuery,
} from '@/components/work-orders/work-orders.documents';
import { prefetch } from '@/lib/graphql/prefetch';
import { workOrderRightsOf } from './rights';

export const metadata: Metadata = { title: 'Phiếu yêu cầu' };

/**
 * Phiếu yêu cầu (SPEC §6, §7): the requests the user may handle. `?overdue=1` opens the overdue list; `?status=`,
 * `?kind=`, `?branch=` and `?q=` the other filters. The first page, the counts and the pickers are read here with the
 * request's actor, so the screen opens with its rows.
 */
export default async function WorkOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/work-orders');
  const sp = await searchParams;
  const filter = filterFromParams((name) => {
    const v = sp[name];
    return (Array.isArray(v) ? v[0] : v) ?? null;
  });
  const [list, counts, catalogs] = await Promise.all([
    prefetch(ctx, WorkOrdersQuery, workOrdersVariables(filter, null)),
    prefetch(ctx, WorkOrderCountsQuery, {}),
    prefetch(ctx, WorkOrderCatalogsQuery, {}),
  ]);
  return (
    <WorkOrdersScreen
      rights={workOrderRightsOf(actor)}
      initialFilter={filter}
      initialData={{ ...list.ssr, ...counts.ssr, ...catalogs.ssr }}
    />
  );
}
