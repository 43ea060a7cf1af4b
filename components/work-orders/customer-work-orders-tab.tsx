'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { fmtDateTime } from '@/components/customers/format';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { DeadlineText, WorkOrderStatusBadge } from './work-order-badges';
import { kindLabel, sourceLabel } from './work-order-format';
import { CustomerWorkOrdersQuery, WORK_ORDER_TYPENAMES, WorkOrderRowFragment } from './work-orders.documents';

/** "Yêu cầu" tab of the customer panel: every request about the customer, newest first, each a link to its file. */
export function CustomerWorkOrdersTab({ customerId }: { customerId: number }) {
  const [result, refetch] = useQuery({
    query: CustomerWorkOrdersQuery,
    variables: { customerId },
    context: WORK_ORDER_TYPENAMES,
  });
  if (!result.data) {
    if (result.error)
      return (
        <EmptyState
          tone="error"
          title="Không tải được yêu cầu của khách hàng"
          description={errorMessage(result.error, 'Không tải được phiếu yêu cầu.')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>Thử lại</Button>}
        />
      );
    return <Spinner label="Đang tải yêu cầu…" />;
  }
  const rows = readFragment(WorkOrderRowFragment, result.data.customerWorkOrders);
  if (rows.length === 0) return <EmptyState title="Khách hàng chưa có yêu cầu nào" />;
  return (
    <table className="w-full text-sm" data-testid="customer-work-orders">
      <thead className="text-xs text-slate-500">
        <tr className="border-b border-slate-200 text-left">
          <th className="py-1 font-medium">Mã phiếu</th>
          <th className="py-1 font-medium">Loại</th>
          <th className="py-1 font-medium">Tiếp nhận</th>
          <th className="py-1 font-medium">Hạn xử lý</th>
          <th className="py-1 font-medium">Đội</th>
          <th className="py-1 font-medium">Trạng thái</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.id}
            className="border-b border-slate-100"
            data-testid="customer-work-order-row"
            data-status={r.status}
          >
            <td className="py-1">
              <Link href={`/work-orders/${r.id}`} className="font-mono text-brand-700 underline">
                {r.trackingCode}
              </Link>
            </td>
            <td className="py-1">{kindLabel(r.kind)}</td>
            <td className="py-1 tabular-nums">
              {fmtDateTime(r.receivedAt)} <span className="text-xs text-slate-500">· {sourceLabel(r.source)}</span>
            </td>
            <td className="py-1">
              <DeadlineText deadline={r.deadline} status={r.status} />
            </td>
            <td className="py-1">{r.teamName ?? '—'}</td>
            <td className="py-1">
              <WorkOrderStatusBadge status={r.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
