'use client';

import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { DeadlineText, WorkOrderStatusBadge } from './work-order-badges';
import { fmtDateTime } from '@/components/customers/format';
import { isOverdue, kindLabel, sourceLabel } from './work-order-format';

/** What one row of the list shows (the list query's fragment satisfies it). */
export interface WorkOrderListRow {
  id: number;
  trackingCode: string;
  kind: string;
  status: string;
  source: string;
  applicantName: string;
  applicantPhone: string;
  address: string | null;
  customerCode: string | null;
  branchName: string | null;
  teamName: string | null;
  receivedAt: string;
  deadline: string;
}

export interface WorkOrderListProps {
  rows: readonly WorkOrderListRow[] | null;
  /** Rows the filter matches over all pages (null while unknown). */
  total: number | null;
  fetching: boolean;
  error: string | null;
  onRetry: () => void;
  /** Page navigation: the screen keeps the cursors. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** Shown under "no rows" when the user may take a request. */
  emptyAction?: React.ReactNode;
  today?: string;
}

/** The requests of the filter, one page at a time, each row a link to its file. */
export function WorkOrderList(p: WorkOrderListProps) {
  if (!p.rows) {
    if (p.error)
      return (
        <EmptyState
          tone="error"
          title="Không tải được danh sách phiếu yêu cầu"
          description={p.error}
          action={<Button onClick={p.onRetry}>Thử lại</Button>}
          data-testid="work-orders-error"
        />
      );
    return (
      <div className="p-4">
        <Spinner label="Đang tải phiếu yêu cầu…" />
      </div>
    );
  }
  if (p.rows.length === 0)
    return (
      <EmptyState
        title="Không có phiếu yêu cầu nào"
        description="Không có phiếu nào khớp bộ lọc."
        action={p.emptyAction}
        data-testid="work-orders-empty"
      />
    );
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy={p.fetching || undefined}>
      {p.error && (
        <p role="alert" className="bg-red-50 px-4 py-1 text-sm text-red-700">
          {p.error}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full text-sm" data-testid="work-order-list">
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500">
            <tr className="border-b border-slate-200 text-left">
              <th className="px-3 py-1.5 font-medium">Mã phiếu</th>
              <th className="px-3 py-1.5 font-medium">Loại</th>
              <th className="px-3 py-1.5 font-medium">Người yêu cầu / khách hàng</th>
              <th className="px-3 py-1.5 font-medium">Đơn vị, đội</th>
              <th className="px-3 py-1.5 font-medium">Tiếp nhận</th>
              <th className="px-3 py-1.5 font-medium">Hạn xử lý</th>
              <th className="px-3 py-1.5 font-medium">Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const overdue = isOverdue(r.deadline, r.status, p.today);
              return (
                <tr
                  key={r.id}
                  data-testid="work-order-row"
                  data-id={r.id}
                  data-tracking-code={r.trackingCode}
                  data-status={r.status}
                  data-overdue={overdue ? 'true' : 'false'}
                  className={`border-b border-slate-100 ${overdue ? 'bg-red-50/60' : 'hover:bg-slate-50'}`}
                >
                  <td className="px-3 py-1.5">
                    <Link
                      href={`/work-orders/${r.id}`}
                      className="font-mono font-medium text-brand-700 underline"
                      data-testid="work-order-link"
                    >
                      {r.trackingCode}
                    </Link>
                  </td>
                  <td className="px-3 py-1.5">
                    <div>{kindLabel(r.kind)}</div>
                    <div className="text-xs text-slate-500">{sourceLabel(r.source)}</div>
                  </td>
                  <td className="max-w-[22rem] px-3 py-1.5">
                    <div className="truncate">
                      {r.customerCode && (
                        <span className="mr-1 font-mono text-xs text-slate-500">{r.customerCode}</span>
                      )}
                      {r.applicantName}
                      <span className="text-slate-500"> · {r.applicantPhone}</span>
                    </div>
                    {r.address && <div className="truncate text-xs text-slate-500">{r.address}</div>}
                  </td>
                  <td className="px-3 py-1.5">
                    <div>{r.branchName ?? '—'}</div>
                    <div className="text-xs text-slate-500">{r.teamName ?? 'Chưa giao đội'}</div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-1.5 tabular-nums">{fmtDateTime(r.receivedAt)}</td>
                  <td className="px-3 py-1.5">
                    <DeadlineText deadline={r.deadline} status={r.status} today={p.today} />
                  </td>
                  <td className="px-3 py-1.5">
                    <WorkOrderStatusBadge status={r.status} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="flex items-center gap-2 border-t border-slate-200 px-3 py-1.5 text-sm text-slate-600">
        <span data-testid="work-order-total">
          {p.total !== null ? `${p.total} phiếu · trang ${p.page}` : `Trang ${p.page} · ${p.rows.length} phiếu`}
        </span>
        {p.fetching && <Spinner size="sm" hideLabel label="Đang tải…" />}
        <span className="flex-1" />
        <Button size="sm" onClick={p.onPrevious} disabled={!p.hasPrevious} data-testid="page-previous">
          ← Trang trước
        </Button>
        <Button size="sm" onClick={p.onNext} disabled={!p.hasNext} data-testid="page-next">
          Trang sau →
        </Button>
      </div>
    </div>
  );
}
